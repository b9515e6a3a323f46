#include "logs_lines.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <regex>
#include <set>
#include <string>

namespace fwmock_test {
namespace {

using fwmock::BatchJob;
using fwmock::JobState;

constexpr std::int64_t kSecond = 1'000'000'000;
// 2025-03-01T00:00:00Z: 20148 days after the epoch.
constexpr std::int64_t kT0 = std::int64_t{20148} * 86400 * kSecond;

BatchJob Job(JobState state, std::optional<std::int64_t> start, std::optional<std::int64_t> end,
             std::optional<std::int64_t> update, std::int32_t ranks = 1) {
  BatchJob job;
  job.name = "accounts/acme/batchJobs/0123456789abcdef0123456789abcdef";
  job.state = state;
  job.start_time = start;
  job.end_time = end;
  job.update_time = update;
  job.num_ranks = ranks;
  return job;
}

// Counts the lines one by one: line i is at start + i × 5 s while that is before `end`.
std::int64_t CountByEnumeration(std::int64_t start, std::int64_t end) {
  std::int64_t n = 0;
  for (std::int64_t t = start; t < end; t += 5 * kSecond) ++n;
  return n;
}

TEST_CASE("a run of a given length writes one line per rank every 5 seconds", "[mock][logs]") {
  const auto [length, expected] = GENERATE(table<std::int64_t, std::int64_t>({
      {0, 0},
      {1, 1},
      {5 * kSecond - 1, 1},
      {5 * kSecond, 1},
      {5 * kSecond + 1, 2},
      {10 * kSecond, 2},
      {60 * kSecond, 12},
      {3600 * kSecond + 1, 721},
      {86400 * kSecond, 17280},
  }));
  CAPTURE(length);
  REQUIRE(CountByEnumeration(kT0, kT0 + length) == expected);
  const std::int64_t later = kT0 + 1000 * 86400 * kSecond;
  CHECK(LogLinesPerRank(Job(JobState::kCompleted, kT0, kT0 + length, later), later) == expected);
  CHECK(LogLinesPerRank(Job(JobState::kRunning, kT0, std::nullopt, kT0), kT0 + length) == expected);
  CHECK(LogLinesPerRank(Job(JobState::kFailed, kT0, std::nullopt, kT0 + length), later) ==
        expected);
}

TEST_CASE("the end of the run follows the job's state and times", "[mock][logs]") {
  const std::int64_t now = kT0 + 3600 * kSecond;
  const std::optional<std::int64_t> none;
  const std::int64_t end = kT0 + 600 * kSecond + 1;
  const std::int64_t update = kT0 + 1200 * kSecond;
  const auto [state, start, end_time, update_time, until] =
      GENERATE_COPY(table<JobState, std::optional<std::int64_t>, std::optional<std::int64_t>,
                          std::optional<std::int64_t>, std::int64_t>({
          {JobState::kRunning, kT0, none, update, now},          // writing until now
          {JobState::kCancelling, kT0, none, update, now},       // still writing
          {JobState::kCompleted, kT0, end, update, end},         // endTime wins
          {JobState::kRunning, kT0, end, none, end},             // endTime even while running
          {JobState::kCancelled, kT0, none, update, update},     // left RUNNING at updateTime
          {JobState::kFailed, kT0, now + kSecond, update, now},  // never past now
          {JobState::kRunning, kT0 + 7200 * kSecond, none, none, kT0},  // starts after now
          {JobState::kCompleted, kT0, none, none, kT0},                 // no end known
          {JobState::kRunning, none, none, update, kT0},                // never started
          {JobState::kCreating, none, none, update, kT0},
      }));
  CAPTURE(static_cast<int>(state));
  const BatchJob job = Job(state, start, end_time, update_time, 3);
  const std::int64_t expected = start ? CountByEnumeration(*start, until) : 0;
  CHECK(LogLinesPerRank(job, now) == expected);
}

TEST_CASE("a job with 0 ranks writes as one rank", "[mock][logs]") {
  CHECK(fwmock::LogRankCount(Job(JobState::kRunning, kT0, std::nullopt, std::nullopt, 0)) == 1);
  CHECK(fwmock::LogRankCount(Job(JobState::kRunning, kT0, std::nullopt, std::nullopt, 1)) == 1);
  CHECK(fwmock::LogRankCount(Job(JobState::kRunning, kT0, std::nullopt, std::nullopt, 8)) == 8);
}

TEST_CASE("line times and the first line at a time are arithmetic", "[mock][logs]") {
  const std::int64_t start = kT0 + 123'456'789;
  const BatchJob job = Job(JobState::kRunning, start, std::nullopt, std::nullopt);
  CHECK(fwmock::LogLineTime(job, 0) == start);
  CHECK(fwmock::LogLineTime(job, 7) == start + 35 * kSecond);
  const auto [time, expected] = GENERATE_COPY(table<std::int64_t, std::int64_t>({
      {start - 86400 * kSecond, 0},
      {start, 0},
      {start + 1, 1},
      {start + 5 * kSecond, 1},
      {start + 5 * kSecond + 1, 2},
      {start + 12 * kSecond, 3},
      {start + 365 * 86400 * kSecond, 365 * 17280},
  }));
  CAPTURE(time - start);
  CHECK(fwmock::FirstLogLineAtOrAfter(job, time) == expected);
}

TEST_CASE("log messages are deterministic printable training lines", "[mock][logs]") {
  const std::regex shape(
      "step [0-9]+ rank [0-9]+: (loss=[0-9]+\\.[0-9]{4} lr=[0-9.e-]+ tokens/s=[0-9]+|"
      "eval loss=[0-9]+\\.[0-9]{4}|training started lr=[0-9.e-]+)");
  const std::string name = "accounts/acme/batchJobs/7f3a9c";
  const fwmock::LogWriter writer(name);
  std::set<std::string> kinds;
  for (std::int32_t rank : {0, 1, 7, 2147483647}) {
    for (std::int64_t index :
         {std::int64_t{0}, std::int64_t{1}, std::int64_t{719}, std::int64_t{720},
          std::int64_t{1439}, std::int64_t{6'307'199}, std::int64_t{3'000'000'000}}) {
      const std::string message = writer.Message(rank, index);
      CAPTURE(rank, index, message);
      CHECK(std::regex_match(message, shape));
      CHECK(message.find("rank " + std::to_string(rank) + ":") != std::string::npos);
      CHECK(message == fwmock::LogMessage(name, rank, index));
      for (const char c : message) CHECK((c >= ' ' && c <= '~' && c != '"' && c != '\\'));
      kinds.insert(message.substr(message.find(':') + 2, 4));
    }
  }
  CHECK(kinds == std::set<std::string>{"loss", "eval", "trai"});
}

TEST_CASE("different jobs ranks and lines give different messages", "[mock][logs]") {
  const fwmock::LogWriter a("accounts/acme/batchJobs/a");
  const fwmock::LogWriter b("accounts/acme/batchJobs/b");
  std::set<std::string> seen;
  int same_across_jobs = 0;
  for (std::int64_t index = 1; index <= 500; ++index) {
    for (std::int32_t rank = 0; rank < 2; ++rank) {
      seen.insert(a.Message(rank, index));
      if (a.Message(rank, index) == b.Message(rank, index)) ++same_across_jobs;
    }
  }
  CHECK(seen.size() == 1000);
  CHECK(same_across_jobs == 0);
}

}  // namespace
}  // namespace fwmock_test
