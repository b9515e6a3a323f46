#pragma once

#include <memory>
#include <utility>

#include "batch_job.h"

namespace fwmock {

// A job as stored: immutable once stored (a write stores a new one), so that readers, indexes
// and the change log share it without copying or locking.
struct StoredJob {
  explicit StoredJob(BatchJob j) : job(std::move(j)) {}
  const BatchJob job;
};

using JobPtr = std::shared_ptr<const StoredJob>;

inline JobPtr MakeStoredJob(BatchJob job) {
  return std::make_shared<const StoredJob>(std::move(job));
}

}  // namespace fwmock
