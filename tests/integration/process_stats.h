// What /proc says of a process: its memory and CPU use.
#pragma once

#include <sys/types.h>

namespace fwmock_test {

// Resident memory now (VmRSS) and at its peak (VmHWM), in MiB; -1 if unknown.
double RssMiB(pid_t pid);
double PeakRssMiB(pid_t pid);
// CPU seconds the process has used, user and system.
double CpuSeconds(pid_t pid);

}  // namespace fwmock_test
