#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "batch_job.h"
#include "params.h"

namespace fwmock {

// A Get Batch Job Logs request, as the HTTP layer hands it over.
struct LogsRequest {
  std::vector<std::int32_t> ranks;  // empty: every rank
  std::int32_t page_size = 0;       // 0: the default, 100
  std::string page_token;
  std::optional<std::int64_t> start_time;  // nanoseconds since the epoch
  std::string filter;                      // substring of the message
  bool start_from_head = false;            // false: newest first
  std::string read_mask;
};

// Builds a request from query parameters: `ranks` (repeated key, each a non-negative int32;
// sorted and deduplicated here), `pageSize`, `pageToken`, `startTime` (RFC 3339), `filter`,
// `startFromHead` (Go's strconv.ParseBool) and `readMask`, camelCase or snake_case; unknown ones
// are ignored. Everything that can be checked without the job is checked here: a singular
// parameter given twice is `too many values for field "page_size"`, a comma-joined rank list is
// `invalid ranks: "0,1": repeat the key (ranks=0&ranks=1)`, a malformed value names its
// parameter. All errors are INVALID_ARGUMENT.
Result<LogsRequest> ParseLogsRequest(const Params& params);

// The readMask of log entries: which of logTime, message and rank to keep.
struct LogsMask {
  bool log_time = true;
  bool message = true;
  bool rank = true;
  // "log_time,message,rank" order, only the kept fields; "" when all are kept.
  std::string Canonical() const;
};

// Parses "log_time,rank" (snake or camel, trimmed). Empty or "*" keeps everything. An unknown
// path is `invalid readMask: unknown field "x"`; an empty path or "*" among others is an error.
Result<LogsMask> ParseLogsMask(std::string_view text);

}  // namespace fwmock
