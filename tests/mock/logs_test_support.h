#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "aipfilter/timestamp.h"
#include "batch_job.h"
#include "logs.h"
#include "logs_lines.h"
#include "page_token.h"

namespace fwmock_test {

using fwmock::BatchJob;
using fwmock::JobState;
using fwmock::LogsRequest;
using fwmock::TokenCodec;

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kDay = 86400 * kSecond;
// 2025-03-01T00:00:00Z: 20148 days after the epoch.
constexpr std::int64_t kT0 = 20148 * kDay;

inline BatchJob LogJob(const std::string& id, JobState state, std::int32_t ranks,
                       std::optional<std::int64_t> start, std::optional<std::int64_t> end) {
  BatchJob job;
  job.name = "accounts/acme/batchJobs/" + id;
  job.state = state;
  job.num_ranks = ranks;
  job.start_time = start;
  job.end_time = end;
  return job;
}

struct LogLine {
  std::int64_t time;
  std::int32_t rank;
  std::string message;
  bool operator==(const LogLine& o) const {
    return time == o.time && rank == o.rank && message == o.message;
  }
};

inline std::ostream& operator<<(std::ostream& os, const LogLine& l) {
  return os << aipfilter::FormatRfc3339(l.time) << " [" << l.rank << "] " << l.message;
}

// The oracle: the lines of `job` at `now`, oldest first, enumerated one by one from the
// documented rule (line i of every rank at startTime + i × 5 s while before the end of the run;
// ranks in order within a time), keeping those at or after `since` whose message contains
// `filter`.
inline std::vector<LogLine> Enumerate(const BatchJob& job, std::int64_t now,
                                      std::vector<std::int32_t> ranks = {},
                                      std::optional<std::int64_t> since = std::nullopt,
                                      const std::string& filter = "") {
  std::vector<LogLine> out;
  if (!job.start_time) return out;
  std::optional<std::int64_t> end = job.end_time;
  if (!end && (job.state == JobState::kRunning || job.state == JobState::kCancelling)) end = now;
  if (!end) end = job.update_time;
  if (!end) return out;
  if (*end > now) end = now;
  if (ranks.empty()) {
    for (std::int32_t r = 0; r < std::max(job.num_ranks, 1); ++r) ranks.push_back(r);
  }
  std::int64_t index = 0;
  for (std::int64_t t = *job.start_time; t < *end; t += 5 * kSecond, ++index) {
    if (since && t < *since) continue;
    for (const std::int32_t r : ranks) {
      std::string message = fwmock::LogMessage(job.name, r, index);
      if (message.find(filter) != std::string::npos) out.push_back({t, r, std::move(message)});
    }
  }
  return out;
}

// `got` equals `want`, reported at the first difference rather than as two whole lists.
inline void CheckSameLines(const std::vector<LogLine>& got, const std::vector<LogLine>& want) {
  CHECK(got.size() == want.size());
  for (std::size_t i = 0; i < std::min(got.size(), want.size()); ++i) {
    if (got[i] == want[i]) continue;
    CAPTURE(i);
    CHECK(got[i] == want[i]);
    return;
  }
}

struct LogsPage {
  std::vector<LogLine> entries;
  std::string token;
};

inline LogsPage ParsePage(const std::string& body) {
  const nlohmann::json json = nlohmann::json::parse(body);
  LogsPage page;
  // Fields a readMask leaves out read as time 0, rank -1 and "".
  for (const nlohmann::json& e : json.at("entries")) {
    std::int64_t time = 0;
    if (e.contains("logTime")) {
      REQUIRE(aipfilter::ParseRfc3339(e.at("logTime").get<std::string>(), &time));
    }
    page.entries.push_back(
        {time, e.value("rank", std::int32_t{-1}), e.value("message", std::string())});
  }
  page.token = json.at("nextPageToken").get<std::string>();
  return page;
}

inline LogsPage MustGetLogs(const LogsRequest& request, const BatchJob& job, std::int64_t now,
                            const TokenCodec& codec) {
  const fwmock::Result<std::string> body = fwmock::GetJobLogs(request, job, now, codec);
  INFO(body.status().message());
  REQUIRE(body.ok());
  return ParsePage(*body);
}

struct LogsWalk {
  std::vector<LogLine> entries;
  std::vector<std::size_t> page_sizes;
};

// Follows nextPageToken from `request` to the end, all at `now`.
inline LogsWalk WalkLogs(LogsRequest request, const BatchJob& job, std::int64_t now,
                         const TokenCodec& codec) {
  LogsWalk walk;
  for (;;) {
    REQUIRE(walk.page_sizes.size() < 100000);
    LogsPage page = MustGetLogs(request, job, now, codec);
    walk.page_sizes.push_back(page.entries.size());
    walk.entries.insert(walk.entries.end(), page.entries.begin(), page.entries.end());
    if (page.token.empty()) return walk;
    request.page_token = page.token;
  }
}

inline void CheckLogsError(const LogsRequest& request, const BatchJob& job, std::int64_t now,
                           const TokenCodec& codec, const std::string& message) {
  const fwmock::Result<std::string> body = fwmock::GetJobLogs(request, job, now, codec);
  REQUIRE_FALSE(body.ok());
  CHECK(body.status().code() == aipfilter::StatusCode::kInvalidArgument);
  CHECK_THAT(body.status().message(), Catch::Matchers::Contains(message));
}

}  // namespace fwmock_test
