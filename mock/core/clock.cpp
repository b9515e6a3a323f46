#include "clock.h"

#include <chrono>
#include <limits>

namespace fwmock {

using aipfilter::StatusCode;

namespace {

Status NotManual() {
  return Status(StatusCode::kFailedPrecondition,
                "the clock is real: start fwmock with --clock manual to move it");
}

Status Backwards() { return Status(StatusCode::kFailedPrecondition, "the clock never moves back"); }

}  // namespace

std::int64_t SystemNow() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Clock Clock::Real() { return Clock(Mode::kReal, 0); }
Clock Clock::Manual(std::int64_t start) { return Clock(Mode::kManual, start); }

std::int64_t Clock::Now() const { return mode_ == Mode::kReal ? SystemNow() : now_.load(); }

Status Clock::Advance(std::int64_t nanos) {
  if (mode_ != Mode::kManual) return NotManual();
  if (nanos < 0) return Backwards();
  std::int64_t now = now_.load();
  std::int64_t next = 0;
  do {
    if (now > std::numeric_limits<std::int64_t>::max() - nanos) {
      return Status(StatusCode::kInvalidArgument, "the clock cannot go past the year 2262");
    }
    next = now + nanos;
  } while (!now_.compare_exchange_weak(now, next));
  return aipfilter::OkStatus();
}

Status Clock::Set(std::int64_t now) {
  if (mode_ != Mode::kManual) return NotManual();
  std::int64_t current = now_.load();
  do {
    if (now < current) return Backwards();
  } while (!now_.compare_exchange_weak(current, now));
  return aipfilter::OkStatus();
}

}  // namespace fwmock
