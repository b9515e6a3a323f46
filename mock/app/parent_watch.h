#pragma once

#include <sys/types.h>

namespace fwmock {

// --exit-with-parent (Linux): asks the kernel for a SIGTERM when fwmock's parent dies
// (prctl PR_SET_PDEATHSIG), so that fwmock stops as on any SIGTERM. The kernel means the parent
// *thread*: a harness that starts fwmock from a thread of its own sees fwmock stop when that
// thread exits, even if the harness lives on.
//
// `parent` is getppid() as read first thing at start-up. Returns false when the parent is no
// longer `parent` (it died, and fwmock was reparented, before the request took effect): the
// signal will never come, and the caller should exit now.
bool ExitWithParent(pid_t parent);

}  // namespace fwmock
