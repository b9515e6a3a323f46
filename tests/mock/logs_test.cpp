#include "logs.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "logs_test_support.h"

namespace fwmock_test {
namespace {

const TokenCodec kCodec("logs-secret");

std::vector<LogLine> Reversed(std::vector<LogLine> lines) {
  std::reverse(lines.begin(), lines.end());
  return lines;
}

TEST_CASE("a page is newest first by default and oldest first from the head", "[mock][logs]") {
  const BatchJob job = LogJob("small", JobState::kCompleted, 3, kT0, kT0 + 60 * kSecond);
  const std::int64_t now = kT0 + kDay;
  const std::vector<LogLine> all = Enumerate(job, now);
  REQUIRE(all.size() == 36);  // 12 lines of 3 ranks
  LogsRequest request;
  const LogsPage newest = MustGetLogs(request, job, now, kCodec);
  CheckSameLines(newest.entries, Reversed(all));
  CHECK(newest.token.empty());
  request.start_from_head = true;
  const LogsPage oldest = MustGetLogs(request, job, now, kCodec);
  CheckSameLines(oldest.entries, all);
  CHECK(oldest.token.empty());
  CHECK(oldest.entries.front() == LogLine{kT0, 0, fwmock::LogMessage(job.name, 0, 0)});
  CHECK(oldest.entries[2] == LogLine{kT0, 2, fwmock::LogMessage(job.name, 2, 0)});
}

TEST_CASE("pageSize of logs defaults to 100 and is coerced to 10000", "[mock][logs]") {
  const BatchJob job = LogJob("day", JobState::kRunning, 1, kT0, std::nullopt);
  const auto [size, expected] = GENERATE(table<std::int32_t, std::size_t>({
      {0, 100},
      {1, 1},
      {100, 100},
      {10000, 10000},
      {10001, 10000},
      {2147483647, 10000},
  }));
  CAPTURE(size);
  LogsRequest request;
  request.page_size = size;
  const LogsPage page = MustGetLogs(request, job, kT0 + kDay, kCodec);
  CHECK(page.entries.size() == expected);
  CHECK_FALSE(page.token.empty());
}

TEST_CASE("a negative pageSize in a logs request is an error", "[mock][logs]") {
  LogsRequest request;
  request.page_size = -3;
  const BatchJob job = LogJob("j", JobState::kRunning, 1, kT0, std::nullopt);
  CheckLogsError(request, job, kT0 + kDay, kCodec, "invalid pageSize: -3 is negative");
}

TEST_CASE("ranks the job does not have are an error", "[mock][logs]") {
  const auto [num_ranks, ranks, message] =
      GENERATE(table<std::int32_t, std::vector<std::int32_t>, std::string>({
          {0, {1}, "invalid ranks: 1 is out of range: job has 1 rank (0)"},
          {1, {0, 1}, "invalid ranks: 1 is out of range: job has 1 rank (0)"},
          {4, {4}, "invalid ranks: 4 is out of range: job has 4 ranks (0 ... 3)"},
          {4, {2, 9}, "invalid ranks: 9 is out of range"},
          {4, {-1}, "invalid ranks: -1 is out of range"},
      }));
  CAPTURE(num_ranks, ranks);
  const BatchJob job = LogJob("r", JobState::kRunning, num_ranks, kT0, std::nullopt);
  LogsRequest request;
  request.ranks = ranks;
  CheckLogsError(request, job, kT0 + kDay, kCodec, message);
}

TEST_CASE("selected ranks are read once each in rank order", "[mock][logs]") {
  const BatchJob job = LogJob("sel", JobState::kCompleted, 4, kT0, kT0 + 30 * kSecond);
  const auto [ranks, expected] =
      GENERATE(table<std::vector<std::int32_t>, std::vector<std::int32_t>>({
          {{}, {0, 1, 2, 3}},
          {{0}, {0}},
          {{3}, {3}},
          {{2, 0, 2}, {0, 2}},
          {{3, 2, 1, 0}, {0, 1, 2, 3}},
      }));
  CAPTURE(ranks);
  LogsRequest request;
  request.ranks = ranks;
  request.start_from_head = true;
  const LogsPage page = MustGetLogs(request, job, kT0 + kDay, kCodec);
  CheckSameLines(page.entries, Enumerate(job, kT0 + kDay, expected));
  CHECK(page.entries.size() == 6 * expected.size());
}

TEST_CASE("startTime skips every line before it", "[mock][logs]") {
  const std::int64_t start = kT0 + 250'000'000;
  const BatchJob job = LogJob("since", JobState::kCancelled, 2, start, start + 100 * kSecond);
  const std::int64_t now = start + kDay;
  const std::int64_t since = start + GENERATE(-kDay, -1, 0, 1, 10 * kSecond, 12'500'000'000,
                                              95 * kSecond, 95 * kSecond + 1, 100 * kSecond, kDay);
  const bool head = GENERATE(false, true);
  CAPTURE(since - start, head);
  LogsRequest request;
  request.start_time = since;
  request.start_from_head = head;
  request.page_size = 7;
  std::vector<LogLine> want = Enumerate(job, now, {}, since);
  if (!head) want = Reversed(want);
  CheckSameLines(WalkLogs(request, job, now, kCodec).entries, want);
}

TEST_CASE("a finished job has nothing after its end", "[mock][logs]") {
  const auto [state, length] = GENERATE(table<JobState, std::int64_t>({
      {JobState::kCompleted, 3600 * kSecond},
      {JobState::kCancelled, 61 * kSecond + 1},
      {JobState::kFailed, 1},
      {JobState::kCompleted, 0},
  }));
  CAPTURE(static_cast<int>(state), length);
  const BatchJob job = LogJob("done", state, 2, kT0, kT0 + length);
  const std::int64_t now = kT0 + 30 * kDay;
  const std::vector<LogLine> all = Enumerate(job, now);
  const LogsPage page = MustGetLogs(LogsRequest{}, job, now, kCodec);
  REQUIRE(page.entries.size() == std::min<std::size_t>(all.size(), 100));
  if (!all.empty()) {
    CHECK(page.entries.front() == all.back());
    CHECK(page.entries.front().time < kT0 + length);
    CHECK(page.entries.front().time + 5 * kSecond >= kT0 + length);
  }
}

TEST_CASE("a job that never started has no log entries", "[mock][logs]") {
  const JobState state =
      GENERATE(JobState::kCreating, JobState::kPending, JobState::kRunning, JobState::kFailed);
  CAPTURE(static_cast<int>(state));
  BatchJob job = LogJob("new", state, 2, std::nullopt, std::nullopt);
  job.update_time = kT0;
  LogsRequest request;
  request.start_from_head = GENERATE(false, true);
  const fwmock::Result<std::string> body = fwmock::GetJobLogs(request, job, kT0 + kDay, kCodec);
  REQUIRE(body.ok());
  CHECK(*body == R"({"entries":[],"nextPageToken":""})");
}

TEST_CASE("the logs body has sorted keys and RFC 3339 UTC times", "[mock][logs]") {
  const std::int64_t start = kT0 + 123'456'789;
  const BatchJob job = LogJob("json", JobState::kRunning, 2, start, std::nullopt);
  LogsRequest request;
  request.start_from_head = true;
  request.page_size = 3;
  const fwmock::Result<std::string> body = fwmock::GetJobLogs(request, job, start + kDay, kCodec);
  REQUIRE(body.ok());
  CHECK(nlohmann::json::parse(*body).dump() == *body);  // nlohmann sorts keys
  const std::string first =
      R"({"entries":[{"logTime":"2025-03-01T00:00:00.123456789Z","message":")" +
      fwmock::LogMessage(job.name, 0, 0) + R"(","rank":0},)";
  CHECK(body->rfind(first, 0) == 0);
  CHECK(body->find(R"({"logTime":"2025-03-01T00:00:05.123456789Z","message":")") !=
        std::string::npos);
}

TEST_CASE("the readMask keeps only the named entry fields", "[mock][logs]") {
  const auto [mask, keys] = GENERATE(table<std::string, std::vector<std::string>>({
      {"", {"logTime", "message", "rank"}},
      {"*", {"logTime", "message", "rank"}},
      {"log_time", {"logTime"}},
      {"logTime,rank", {"logTime", "rank"}},
      {"message", {"message"}},
      {"rank", {"rank"}},
  }));
  CAPTURE(mask);
  const BatchJob job = LogJob("mask", JobState::kCompleted, 2, kT0, kT0 + 20 * kSecond);
  LogsRequest request;
  request.read_mask = mask;
  const fwmock::Result<std::string> body = fwmock::GetJobLogs(request, job, kT0 + kDay, kCodec);
  REQUIRE(body.ok());
  const nlohmann::json json = nlohmann::json::parse(*body);
  const std::vector<LogLine> want = Reversed(Enumerate(job, kT0 + kDay));
  REQUIRE(json["entries"].size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    const nlohmann::json& entry = json["entries"][i];
    std::vector<std::string> got;
    for (const auto& item : entry.items()) got.push_back(item.key());
    CHECK(got == keys);
    if (entry.contains("rank")) CHECK(entry["rank"] == want[i].rank);
    if (entry.contains("message")) CHECK(entry["message"] == want[i].message);
    if (entry.contains("logTime"))
      CHECK(entry["logTime"] == aipfilter::FormatRfc3339(want[i].time));
  }
}

TEST_CASE("a bad readMask in a logs request is an error", "[mock][logs]") {
  LogsRequest request;
  request.read_mask = "rank,colour";
  const BatchJob job = LogJob("j", JobState::kRunning, 1, kT0, std::nullopt);
  CheckLogsError(request, job, kT0 + kDay, kCodec, "invalid readMask: unknown field \"colour\"");
}

TEST_CASE("a job running for a year answers pages at both ends and in the middle", "[mock][logs]") {
  const std::int64_t start = kT0 + 2'500'000'000;
  const std::int64_t now = start + 365 * kDay;
  const BatchJob job = LogJob("year", JobState::kRunning, 3, start, std::nullopt);
  const std::int64_t lines = (365 * kDay - 1) / (5 * kSecond) + 1;  // per rank
  REQUIRE(lines == 6'307'200);
  const auto line = [&](std::int64_t i, std::int32_t rank) {
    return LogLine{start + i * 5 * kSecond, rank, fwmock::LogMessage(job.name, rank, i)};
  };
  LogsRequest request;
  request.page_size = 10000;
  const LogsPage newest = MustGetLogs(request, job, now, kCodec);
  REQUIRE(newest.entries.size() == 10000);
  CHECK(newest.entries[0] == line(lines - 1, 2));
  CHECK(newest.entries[2] == line(lines - 1, 0));
  CHECK(newest.entries[9999] == line(lines - 3334, 2));  // 10000 = 3333 × 3 + 1
  request.page_token = newest.token;
  request.page_size = 2;
  const LogsPage second = MustGetLogs(request, job, now, kCodec);
  CHECK(second.entries == std::vector<LogLine>{line(lines - 3334, 1), line(lines - 3334, 0)});

  LogsRequest middle;
  middle.start_from_head = true;
  middle.start_time = start + 200 * kDay + 1;
  middle.page_size = 4;
  const std::int64_t first = 200 * 17280 + 1;
  const LogsPage page = MustGetLogs(middle, job, now, kCodec);
  CHECK(page.entries ==
        std::vector<LogLine>{line(first, 0), line(first, 1), line(first, 2), line(first + 1, 0)});
  CHECK_FALSE(page.token.empty());
}

}  // namespace
}  // namespace fwmock_test
