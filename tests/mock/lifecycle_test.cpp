#include "lifecycle.h"

#include <catch2/catch.hpp>
#include <string>

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using fwmock::BatchJob;
using fwmock::JobState;
using fwmock::LifecycleConfig;

constexpr std::int64_t kSecond = 1'000'000'000;

TEST_CASE("durations take ms, s, m and h with fractions", "[mock][lifecycle]") {
  const auto [text, nanos] = GENERATE(table<std::string, std::int64_t>({
      {"0s", 0},
      {"250ms", 250'000'000},
      {"1.5s", 1'500'000'000},
      {"2m", 120 * kSecond},
      {"1h", 3600 * kSecond},
      {"0.001ms", 1000},
  }));
  CAPTURE(text);
  const auto got = fwmock::ParseDuration(text);
  REQUIRE(got.ok());
  CHECK(*got == nanos);
}

TEST_CASE("bad durations are refused", "[mock][lifecycle]") {
  const std::string text = GENERATE(as<std::string>{}, "", "s", "1", "-1s", "1d", "1 s", "abc",
                                    "1e400s", "inf s", "nans");
  CAPTURE(text);
  CHECK_FALSE(fwmock::ParseDuration(text).ok());
}

TEST_CASE("the lifecycle flag sets any subset of the durations", "[mock][lifecycle]") {
  const auto config = fwmock::ParseLifecycle("running=30m, deleting=0s");
  REQUIRE(config.ok());
  const LifecycleConfig defaults;
  CHECK(config->running == 1800 * kSecond);
  CHECK(config->deleting == 0);
  CHECK(config->creating == defaults.creating);
  CHECK(config->pending == defaults.pending);
  CHECK(config->cancelling == defaults.cancelling);
  const auto bad = fwmock::ParseLifecycle("creating=1s,queued=2s");
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.status().message(), Contains("queued"));
  CHECK_FALSE(fwmock::ParseLifecycle("creating").ok());
}

BatchJob InState(JobState state) {
  BatchJob job;
  job.name = "accounts/a/batchJobs/x";
  job.state = state;
  return job;
}

TEST_CASE("each state that moves on its own moves after its duration", "[mock][lifecycle]") {
  LifecycleConfig c;
  c.creating = 1;
  c.pending = 20;
  c.running = 300;
  c.cancelling = 4000;
  c.deleting = 50000;
  const auto [state, after, next] = GENERATE_COPY(table<JobState, std::int64_t, JobState>({
      {JobState::kCreating, 1, JobState::kPending},
      {JobState::kQueued, 1, JobState::kPending},
      {JobState::kPending, 20, JobState::kRunning},
      {JobState::kRunning, 300, JobState::kCompleted},
      {JobState::kCancelling, 4000, JobState::kCancelled},
      {JobState::kDeleting, 50000, JobState::kUnspecified},
  }));
  const auto t = fwmock::NextTransition(InState(state), 1000, c);
  REQUIRE(t.has_value());
  CHECK(t->due == 1000 + after);
  CHECK(t->next == next);
}

TEST_CASE("finished states stay where they are", "[mock][lifecycle]") {
  const JobState state = GENERATE(JobState::kCompleted, JobState::kFailed, JobState::kCancelled,
                                  JobState::kUnspecified);
  CHECK_FALSE(fwmock::NextTransition(InState(state), 0, LifecycleConfig()).has_value());
}

TEST_CASE("annotations script the outcome, the run time and the failure text",
          "[mock][lifecycle]") {
  BatchJob job = InState(JobState::kRunning);
  job.annotations = {{"fwmock.dev/outcome", "FAILED"},
                     {"fwmock.dev/run-seconds", "2.5"},
                     {"fwmock.dev/status", "OOM on rank 3"}};
  const auto t = fwmock::NextTransition(job, 0, LifecycleConfig());
  REQUIRE(t.has_value());
  CHECK(t->due == 2'500'000'000);
  CHECK(t->next == JobState::kFailed);
  fwmock::EnterState(&job, t->next, t->due);
  CHECK(job.status == "OOM on rank 3");
  CHECK(job.end_time == t->due);
  job = InState(JobState::kRunning);
  job.annotations = {{"fwmock.dev/outcome", "RUNNING"}};
  CHECK_FALSE(fwmock::NextTransition(job, 0, LifecycleConfig()).has_value());
}

TEST_CASE("entering a state sets its times and status", "[mock][lifecycle]") {
  BatchJob job = InState(JobState::kPending);
  fwmock::EnterState(&job, JobState::kRunning, 7);
  CHECK(job.start_time == 7);
  CHECK_FALSE(job.end_time.has_value());
  CHECK(job.update_time == 7);
  CHECK(job.status == "running");
  fwmock::EnterState(&job, JobState::kCompleted, 9);
  CHECK(job.start_time == 7);
  CHECK(job.end_time == 9);
  CHECK(job.state == JobState::kCompleted);
}

TEST_CASE("scripted values the lifecycle cannot follow are refused", "[mock][lifecycle]") {
  const auto [key, value, ok] = GENERATE(table<std::string, std::string, bool>({
      {"fwmock.dev/outcome", "COMPLETED", true},
      {"fwmock.dev/outcome", "RUNNING", true},
      {"fwmock.dev/outcome", "completed", false},
      {"fwmock.dev/outcome", "CANCELLED", false},
      {"fwmock.dev/run-seconds", "0", true},
      {"fwmock.dev/run-seconds", "90.5", true},
      {"fwmock.dev/run-seconds", "-1", false},
      {"fwmock.dev/run-seconds", "soon", false},
      {"fwmock.dev/status", "anything", true},
  }));
  CAPTURE(key, value);
  const fwmock::Status s = fwmock::ValidateScript({{key, value}});
  CHECK(s.ok() == ok);
  if (!ok) CHECK_THAT(s.message(), Contains(key));
}

TEST_CASE("the cancellable states are the ones before the end", "[mock][lifecycle]") {
  for (int i = 0; i <= static_cast<int>(JobState::kDeleting); ++i) {
    const auto state = static_cast<JobState>(i);
    const bool expected = state == JobState::kCreating || state == JobState::kQueued ||
                          state == JobState::kPending || state == JobState::kRunning;
    CAPTURE(i);
    CHECK(fwmock::Cancellable(state) == expected);
  }
}

}  // namespace
}  // namespace fwmock_test
