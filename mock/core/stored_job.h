#pragma once

#include <memory>
#include <utility>

#include "batch_job.h"

namespace fwmock {

// A job as stored: immutable once stored (a write stores a new one), so that readers, indexes
// and the change log share it without copying or locking. Indexes hold plain pointers (no
// reference count to touch per row); `Share` turns one back into an owner for a reader.
struct StoredJob : std::enable_shared_from_this<StoredJob> {
  explicit StoredJob(BatchJob j) : job(std::move(j)) {}
  const BatchJob job;

  std::shared_ptr<const StoredJob> Share() const { return shared_from_this(); }
};

using JobPtr = std::shared_ptr<const StoredJob>;

inline JobPtr MakeStoredJob(BatchJob job) { return std::make_shared<StoredJob>(std::move(job)); }

}  // namespace fwmock
