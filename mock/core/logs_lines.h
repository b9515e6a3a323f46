#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "batch_job.h"

namespace fwmock {

// The virtual log of a job. A job with numRanks N (0 counts as 1) has ranks 0 … N−1; each rank
// writes line i at startTime + i × kLogPeriod for every i whose time is before the end of the
// run. Nothing is stored: counts are arithmetic and messages a pure function of (name, rank, i).
constexpr std::int64_t kLogPeriod = 5'000'000'000;  // nanoseconds

// The number of ranks that write: numRanks, or 1 when it is 0 (or less).
std::int32_t LogRankCount(const BatchJob& job);

// How many lines every rank of `job` has written by `now`. The run ends at endTime if set; else
// at `now` while RUNNING or CANCELLING; else at updateTime if set (it left RUNNING then); and
// never later than `now`. No startTime, or no end known: no lines.
std::int64_t LogLinesPerRank(const BatchJob& job, std::int64_t now);

// The time of line `index` of any rank: startTime + index × kLogPeriod (the job has a startTime
// and the line exists).
std::int64_t LogLineTime(const BatchJob& job, std::int64_t index);

// The index of the first line at or after `time` (0 when `time` is before startTime); may be
// past the last line. The job has a startTime.
std::int64_t FirstLogLineAtOrAfter(const BatchJob& job, std::int64_t time);

// Writes the messages of one job: its name hashed once, then any line on demand.
class LogWriter {
 public:
  explicit LogWriter(std::string_view job_name);
  // "step 1234 rank 0: loss=0.8123 lr=3.0e-04 tokens/s=51234" and a few other kinds of line;
  // printable ASCII without quotes or backslashes.
  std::string Message(std::int32_t rank, std::int64_t index) const;

 private:
  // What the job's name decides once: the seed of every line's noise and the run's shape.
  struct JobConstants {
    std::uint64_t seed;
    std::uint64_t steps_per_line;
    const char* learning_rate;
    std::uint64_t tokens_per_second;
    std::uint64_t loss_floor;    // ×10⁴
    std::uint64_t loss_initial;  // ×10⁴
    std::uint64_t decay;         // steps to halve the distance to the floor
  };
  JobConstants job_;
};

// LogWriter(job_name).Message(rank, index).
std::string LogMessage(std::string_view job_name, std::int32_t rank, std::int64_t index);

}  // namespace fwmock
