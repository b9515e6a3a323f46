#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "batch_job.h"

namespace fwmock {

// How long a job stays in each state that it leaves on its own, in nanoseconds.
struct LifecycleConfig {
  std::int64_t creating = 1'000'000'000;
  std::int64_t pending = 2'000'000'000;
  std::int64_t running = 10'000'000'000;
  std::int64_t cancelling = 1'000'000'000;
  std::int64_t deleting = 1'000'000'000;
};

// "creating=1s,pending=2s,running=10s,cancelling=1s,deleting=1s": any subset, durations in
// ms, s, m or h (fractions allowed). INVALID_ARGUMENT naming the bad item.
Result<LifecycleConfig> ParseLifecycle(std::string_view text);
// "1.5s", "250ms", "2m", "1h" → nanoseconds.
Result<std::int64_t> ParseDuration(std::string_view text);

// The annotations a test uses to script a job's fate.
inline constexpr const char* kOutcomeAnnotation = "fwmock.dev/outcome";
inline constexpr const char* kRunSecondsAnnotation = "fwmock.dev/run-seconds";
inline constexpr const char* kStatusAnnotation = "fwmock.dev/status";

// INVALID_ARGUMENT when a fwmock.dev/ annotation has a value the lifecycle cannot follow.
Status ValidateScript(const StringMap& annotations);

// What a job does next on its own: the state it enters (kUnspecified: the job is removed, at
// the end of DELETING) and when.
struct Transition {
  std::int64_t due;
  JobState next;
};

// The next transition of `job`, which entered its current state at `entered`; none for states
// that are left only by a request (COMPLETED, FAILED, CANCELLED, an endless RUNNING ...).
std::optional<Transition> NextTransition(const BatchJob& job, std::int64_t entered,
                                         const LifecycleConfig& config);

// `job` entering `state` at `at`: the state, its status text, updateTime, and startTime or
// endTime where the state begins or ends the run.
void EnterState(BatchJob* job, JobState state, std::int64_t at);

// True for the states a job can be cancelled from.
bool Cancellable(JobState state);

}  // namespace fwmock
