#pragma once

#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "batch_job.h"

namespace fwmock {

// A job as stored: immutable once stored (an update stores a new one), so a snapshot can share
// it with readers without a lock. Its JSON is rendered when a page shows it: keeping it would
// cost 700 MB at a million jobs, and recent pages are cached whole by the Lister anyway.
struct StoredJob {
  explicit StoredJob(BatchJob j) : job(std::move(j)) {}
  const BatchJob job;
};

using JobPtr = std::shared_ptr<const StoredJob>;

std::shared_ptr<const StoredJob> MakeStoredJob(BatchJob job);

// The jobs of every account, safe to read and write from many threads. Readers take a snapshot
// of one account's jobs and work on it without holding any lock.
class JobStore {
 public:
  // ALREADY_EXISTS when a job of that name is stored; INVALID_ARGUMENT when the name is not
  // "accounts/{account}/batchJobs/{id}".
  Status Add(BatchJob job);

  // The jobs of `account`, in name order, and the version they are of.
  std::vector<JobPtr> Snapshot(const std::string& account, std::uint64_t* version = nullptr) const;

  // The accounts that have jobs, in name order.
  std::vector<std::string> Accounts() const;

  // Bumped by every change, so that results computed from a snapshot can be cached.
  std::uint64_t version() const;
  std::size_t size() const;

 private:
  mutable std::shared_mutex mu_;
  // account -> job id -> job. Hashed: a million inserts at start-up must not walk a tree.
  std::unordered_map<std::string, std::unordered_map<std::string, JobPtr>> accounts_;
  std::uint64_t version_ = 0;
  std::size_t size_ = 0;
};

}  // namespace fwmock
