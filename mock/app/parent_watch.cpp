#include "parent_watch.h"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace fwmock {

bool ExitWithParent(pid_t parent) {
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  // Read after the request: a parent that dies from here on sends the signal.
  return ::getppid() == parent;
}

}  // namespace fwmock
