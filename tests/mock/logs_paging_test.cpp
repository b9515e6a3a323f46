#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "logs.h"
#include "logs_test_support.h"

using Catch::Matchers::Contains;

namespace fwmock_test {
namespace {

const TokenCodec kCodec("logs-paging-secret");

std::vector<LogLine> InDirection(std::vector<LogLine> lines, bool head) {
  if (!head) std::reverse(lines.begin(), lines.end());
  return lines;
}

TEST_CASE("a walk to the end returns every line once in order", "[mock][logs]") {
  const std::int64_t start = kT0 + 777'000'001;
  const BatchJob job = LogJob("walk", JobState::kCompleted, 3, start, start + 120 * kSecond + 1);
  const std::int64_t now = start + kDay;
  const bool head = GENERATE(false, true);
  const std::int32_t size = GENERATE(1, 5, 75, 100, 10000);
  const std::vector<std::int32_t> ranks = GENERATE(
      std::vector<std::int32_t>{}, std::vector<std::int32_t>{1}, std::vector<std::int32_t>{0, 2});
  CAPTURE(head, size, ranks);
  LogsRequest request;
  request.start_from_head = head;
  request.page_size = size;
  request.ranks = ranks;
  const std::vector<LogLine> want = InDirection(Enumerate(job, now, ranks), head);
  REQUIRE(want.size() == 25 * (ranks.empty() ? 3 : ranks.size()));
  const LogsWalk walk = WalkLogs(request, job, now, kCodec);
  CheckSameLines(walk.entries, want);
  // Every page but the last is full, and the last is not empty: no token with an empty page.
  const auto full = static_cast<std::size_t>(size);
  const std::size_t pages = (want.size() + full - 1) / full;
  REQUIRE(walk.page_sizes.size() == pages);
  CHECK(walk.page_sizes.back() == want.size() - (pages - 1) * full);
}

TEST_CASE("each logs page's token names the page it asks for", "[mock][logs]") {
  const std::int64_t start = kT0 + 1'000'000'000;
  const BatchJob job = LogJob("pages", JobState::kCompleted, 1, start, start + 120 * kSecond + 1);
  LogsRequest request;
  request.page_size = 10;  // 25 lines by 10: three pages, two tokens naming pages 2 and 3
  std::vector<std::int64_t> named;
  for (;;) {
    const fwmock::Result<std::string> body = GetJobLogs(request, job, start + kDay, kCodec);
    REQUIRE(body.ok());
    const std::string token = nlohmann::json::parse(*body).value("nextPageToken", "");
    if (token.empty()) break;
    named.push_back(kCodec.PageOf(token));
    request.page_token = token;
  }
  CHECK(named == std::vector<std::int64_t>{2, 3});
}

TEST_CASE("newest-first pages stay put while the job keeps writing", "[mock][logs]") {
  const BatchJob job = LogJob("live", JobState::kRunning, 2, kT0, std::nullopt);
  const std::int64_t now = kT0 + 600 * kSecond;
  const std::vector<LogLine> want = InDirection(Enumerate(job, now), false);
  LogsRequest request;
  request.page_size = 9;
  std::vector<LogLine> got;
  for (std::int64_t later = now;; later += 61 * kSecond) {
    const LogsPage page = MustGetLogs(request, job, later, kCodec);
    got.insert(got.end(), page.entries.begin(), page.entries.end());
    if (page.token.empty()) break;
    request.page_token = page.token;
  }
  CheckSameLines(got, want);
}

TEST_CASE("oldest-first paging of a running job ends at now", "[mock][logs]") {
  const BatchJob job = LogJob("tail", JobState::kRunning, 2, kT0, std::nullopt);
  const std::int64_t now = kT0 + 60 * kSecond;  // 12 lines of 2 ranks
  const auto [size, pages] = GENERATE(table<std::int32_t, std::size_t>({{5, 5}, {12, 2}, {24, 1}}));
  CAPTURE(size);
  LogsRequest request;
  request.start_from_head = true;
  request.page_size = size;
  const LogsWalk walk = WalkLogs(request, job, now, kCodec);
  CheckSameLines(walk.entries, Enumerate(job, now));
  CHECK(walk.page_sizes.size() == pages);
  // What came later is read from just after the last time seen.
  LogsRequest next = request;
  next.start_time = walk.entries.back().time + 1;
  const std::int64_t later = now + 30 * kSecond;
  CheckSameLines(WalkLogs(next, job, later, kCodec).entries,
                 Enumerate(job, later, {}, walk.entries.back().time + 1));
}

TEST_CASE("a filter returns exactly the matching lines", "[mock][logs]") {
  const BatchJob job = LogJob("grep", JobState::kCompleted, 2, kT0, kT0 + 2 * 3600 * kSecond);
  const std::int64_t now = kT0 + kDay;
  const std::string filter =
      GENERATE(std::string("rank 1:"), std::string("eval"), std::string("loss=1."),
               std::string("training started"), std::string("Loss"), std::string("step 7"));
  const bool head = GENERATE(false, true);
  CAPTURE(filter, head);
  LogsRequest request;
  request.filter = filter;
  request.start_from_head = head;
  request.page_size = 7;
  const std::vector<LogLine> want =
      InDirection(Enumerate(job, now, {}, std::nullopt, filter), head);
  CheckSameLines(WalkLogs(request, job, now, kCodec).entries, want);
}

TEST_CASE("a filter scans at most 100000 lines and the page still carries a token",
          "[mock][logs]") {
  // 6 days of 2 ranks: 207360 lines.
  const BatchJob job = LogJob("scan", JobState::kCompleted, 2, kT0, kT0 + 6 * kDay);
  const std::int64_t now = kT0 + 7 * kDay;
  const std::vector<LogLine> all = Enumerate(job, now);
  REQUIRE(all.size() == 207360);
  const bool head = GENERATE(false, true);
  CAPTURE(head);
  LogsRequest request;
  request.start_from_head = head;
  request.page_size = 1000;

  SECTION("a filter matching one line") {
    request.filter = all[104001].message;  // line 52000 of rank 1: on no first page
    const LogsWalk walk = WalkLogs(request, job, now, kCodec);
    CheckSameLines(walk.entries, {all[104001]});
    CHECK(walk.page_sizes.size() == 3);  // 100000 + 100000 + 7360 lines examined
    CHECK(walk.page_sizes.front() == 0);
  }
  SECTION("a sparse filter") {
    request.filter = "eval";
    std::vector<LogLine> want;
    std::copy_if(all.begin(), all.end(), std::back_inserter(want),
                 [](const LogLine& l) { return l.message.find("eval") != std::string::npos; });
    REQUIRE(want.size() > 100);
    const LogsWalk walk = WalkLogs(request, job, now, kCodec);
    CheckSameLines(walk.entries, InDirection(want, head));
    CHECK(walk.page_sizes.size() == 3);
    for (const std::size_t size : walk.page_sizes) CHECK(size < 1000);
  }
  SECTION("a filter matching nothing") {
    request.filter = "no such line";
    const LogsWalk walk = WalkLogs(request, job, now, kCodec);
    CHECK(walk.entries.empty());
    CHECK(walk.page_sizes == std::vector<std::size_t>{0, 0, 0});
  }
}

TEST_CASE("the same logs request gives the same token", "[mock][logs]") {
  const BatchJob job = LogJob("same", JobState::kRunning, 2, kT0, std::nullopt);
  LogsRequest request;
  request.page_size = 3;
  const LogsPage a = MustGetLogs(request, job, kT0 + kDay, kCodec);
  const LogsPage b = MustGetLogs(request, job, kT0 + kDay, kCodec);
  CHECK_FALSE(a.token.empty());
  CHECK(a.token == b.token);
}

TEST_CASE("pageSize may change between logs pages", "[mock][logs]") {
  const BatchJob job = LogJob("resize", JobState::kCompleted, 2, kT0, kT0 + 600 * kSecond);
  const std::int64_t now = kT0 + kDay;
  const std::vector<LogLine> want = Enumerate(job, now);
  LogsRequest request;
  request.start_from_head = true;
  std::vector<LogLine> got;
  for (std::int32_t size = 1;; size += 3) {
    request.page_size = size;
    const LogsPage page = MustGetLogs(request, job, now, kCodec);
    got.insert(got.end(), page.entries.begin(), page.entries.end());
    if (page.token.empty()) break;
    request.page_token = page.token;
  }
  CheckSameLines(got, want);
}

TEST_CASE("a logs token continues after its last line when the job's ranks change",
          "[mock][logs]") {
  const auto [before, after] = GENERATE(table<std::int32_t, std::int32_t>({{4, 2}, {2, 4}}));
  const bool head = GENERATE(false, true);
  CAPTURE(before, after, head);
  BatchJob job = LogJob("resized", JobState::kCompleted, before, kT0, kT0 + 300 * kSecond);
  const std::int64_t now = kT0 + kDay;
  LogsRequest request;
  request.start_from_head = head;
  request.page_size = 2 * before + 1;  // ends on rank 0
  const LogsPage first = MustGetLogs(request, job, now, kCodec);
  REQUIRE_FALSE(first.token.empty());
  const LogLine last = first.entries.back();
  REQUIRE(last.rank == (head ? 0 : before - 1));
  job.num_ranks = after;
  request.page_token = first.token;
  std::vector<LogLine> want;
  for (const LogLine& l : InDirection(Enumerate(job, now), head)) {
    const bool beyond = head
                            ? std::make_pair(l.time, l.rank) > std::make_pair(last.time, last.rank)
                            : std::make_pair(l.time, l.rank) < std::make_pair(last.time, last.rank);
    if (beyond) want.push_back(l);
  }
  CheckSameLines(WalkLogs(request, job, now, kCodec).entries, want);
}

TEST_CASE("a logs token is bound to its job and parameters", "[mock][logs]") {
  const BatchJob job = LogJob("bound", JobState::kRunning, 3, kT0, std::nullopt);
  const std::int64_t now = kT0 + kDay;
  LogsRequest first;
  first.ranks = {0, 2};
  first.filter = "loss";
  first.start_time = kT0 + 3600 * kSecond;
  first.read_mask = "rank,logTime";
  first.page_size = 2;
  const LogsPage page = MustGetLogs(first, job, now, kCodec);
  REQUIRE_FALSE(page.token.empty());
  LogsRequest next = first;
  next.page_token = page.token;
  BatchJob other = job;
  std::string message = "invalid page token: ranks, filter, startTime, startFromHead and readMask";
  const std::string change =
      GENERATE(as<std::string>{}, "none", "job", "ranks", "all ranks", "filter", "startTime",
               "no startTime", "startFromHead", "readMask", "readMask spelling");
  CAPTURE(change);
  if (change == "job") {
    other.name = "accounts/acme/batchJobs/other";
    message = "invalid page token: it was issued for another job";
  }
  if (change == "ranks") next.ranks = {0, 1};
  if (change == "all ranks") next.ranks = {};
  if (change == "filter") next.filter = "loss=";
  if (change == "startTime") *next.start_time += 1;
  if (change == "no startTime") next.start_time.reset();
  if (change == "startFromHead") next.start_from_head = true;
  if (change == "readMask") next.read_mask = "rank";
  if (change == "readMask spelling") next.read_mask = "log_time, rank";  // the same mask
  if (change == "none" || change == "readMask spelling") {
    next.ranks = {2, 0, 2};  // the same selection
    REQUIRE(fwmock::GetJobLogs(next, other, now, kCodec).ok());
  } else {
    CheckLogsError(next, other, now, kCodec, message);
  }
}

TEST_CASE("garbage edited and foreign logs tokens are rejected", "[mock][logs]") {
  const BatchJob job = LogJob("forged", JobState::kRunning, 1, kT0, std::nullopt);
  const std::int64_t now = kT0 + kDay;
  LogsRequest request;
  request.page_size = 1;
  const std::string good = MustGetLogs(request, job, now, kCodec).token;
  std::string edited = good;
  edited[edited.size() / 2] = edited[edited.size() / 2] == 'A' ? 'B' : 'A';
  const std::string list_token =
      kCodec.Seal({"acme", fwmock::Binding("", "create_time desc", ""), {{true, 1, ""}}, job.name});
  const auto [token, exact] = GENERATE_COPY(table<std::string, bool>({
      {"abc", true},
      {"not a token!", true},
      {edited, true},
      {good.substr(0, good.size() - 2), true},
      {TokenCodec("another secret").Seal({job.name, "", {}, ""}), true},
      {list_token, false},
  }));
  CAPTURE(token);
  request.page_token = token;
  const fwmock::Result<std::string> body = fwmock::GetJobLogs(request, job, now, kCodec);
  REQUIRE_FALSE(body.ok());
  CHECK(body.status().code() == aipfilter::StatusCode::kInvalidArgument);
  if (exact) {
    CHECK(body.status().message() == "invalid page token");
  } else {
    CHECK_THAT(body.status().message(), Contains("invalid page token: "));
  }
}

}  // namespace
}  // namespace fwmock_test
