#pragma once

#include <cstdint>
#include <string>

#include "batch_job.h"
#include "logs_request.h"
#include "page_token.h"

namespace fwmock {

constexpr std::int32_t kDefaultLogsPageSize = 100;
constexpr std::int32_t kMaxLogsPageSize = 10'000;
// With a filter, one request examines at most this many lines; the page may then be short (or
// empty) and still carry a token to continue from where the scan stopped.
constexpr std::int64_t kMaxLogsScan = 100'000;

// Get Batch Job Logs: the rendered body {"entries":[...],"nextPageToken":"..."} of `job`'s
// virtual log (logs_lines.h) at time `now`, keys sorted, entries masked by the readMask.
//
// The entries of the selected ranks (all when `ranks` is empty) are interleaved in (time, rank)
// order; pages run newest first, or oldest first with startFromHead, from the head, the tail or
// the token's position. Every page costs O(pageSize) (O(kMaxLogsScan) with a filter), however
// long the job ran. nextPageToken is "" once the page reaches the last line that exists at
// `now` in its direction, even when a running job will write more; else it holds the absolute
// (line, rank) of the last line examined, and the next page starts strictly beyond it: new lines
// at the head do not shift later pages, nor does a change of the job's numRanks.
//
// Errors are INVALID_ARGUMENT: a rank the job does not have (`invalid ranks: ...`), a negative
// pageSize, a bad readMask, a token that does not open (`invalid page token`) or was issued for
// another job or other ranks, filter, startTime, startFromHead or readMask
// (`invalid page token: ...`). pageSize may change between pages.
Result<std::string> GetJobLogs(const LogsRequest& request, const BatchJob& job, std::int64_t now,
                               const TokenCodec& tokens);

}  // namespace fwmock
