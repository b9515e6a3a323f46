#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "batch_job.h"

namespace fwmock {

// A job as stored: immutable once stored (an update stores a new one), with its full JSON
// rendered once so that listing does not render it again.
struct StoredJob {
  BatchJob job;
  std::string json;
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

  // Bumped by every change, so that results computed from a snapshot can be cached.
  std::uint64_t version() const;
  std::size_t size() const;

 private:
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, std::map<std::string, JobPtr>> accounts_;
  std::uint64_t version_ = 0;
  std::size_t size_ = 0;
};

}  // namespace fwmock
