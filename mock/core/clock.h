#pragma once

#include <atomic>
#include <cstdint>

#include "aipfilter/status.h"

namespace fwmock {

using aipfilter::Result;
using aipfilter::Status;

// The one clock behind everything the server writes: timestamps, lifecycle transitions, log
// lines and token expiry. Real: the system's time. Manual: stands still until advanced or set,
// and never moves back. Times are nanoseconds since the Unix epoch. Thread-safe.
class Clock {
 public:
  enum class Mode { kReal, kManual };

  static Clock Real();
  static Clock Manual(std::int64_t start);
  Clock(const Clock& other) : mode_(other.mode_), now_(other.now_.load()) {}

  Mode mode() const { return mode_; }
  std::int64_t Now() const;

  // FAILED_PRECONDITION on a real clock or for a negative step.
  Status Advance(std::int64_t nanos);
  // FAILED_PRECONDITION on a real clock or for a time before now.
  Status Set(std::int64_t now);

 private:
  Clock(Mode mode, std::int64_t now) : mode_(mode), now_(now) {}
  Mode mode_;
  std::atomic<std::int64_t> now_;
};

// The system's time, in nanoseconds since the Unix epoch.
std::int64_t SystemNow();

}  // namespace fwmock
