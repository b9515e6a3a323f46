#include "job_store.h"

#include <algorithm>
#include <mutex>

namespace fwmock {

std::shared_ptr<const StoredJob> MakeStoredJob(BatchJob job) {
  return std::make_shared<const StoredJob>(std::move(job));
}

Status JobStore::Add(BatchJob job) {
  std::string account;
  std::string id;
  if (!SplitJobName(job.name, &account, &id)) {
    return aipfilter::InvalidArgumentError("invalid job name \"" + job.name +
                                           "\": expected accounts/{account}/batchJobs/{id}");
  }
  JobPtr stored = MakeStoredJob(std::move(job));
  std::unique_lock lock(mu_);
  auto& jobs = accounts_[account];
  if (!jobs.emplace(std::move(id), stored).second) {
    return Status(aipfilter::StatusCode::kAlreadyExists,
                  "duplicate job name \"" + stored->job.name + "\"");
  }
  ++version_;
  ++size_;
  return aipfilter::OkStatus();
}

std::vector<JobPtr> JobStore::Snapshot(const std::string& account, std::uint64_t* version) const {
  std::shared_lock lock(mu_);
  if (version != nullptr) *version = version_;
  std::vector<JobPtr> out;
  const auto it = accounts_.find(account);
  if (it == accounts_.end()) return out;
  out.reserve(it->second.size());
  for (const auto& [id, job] : it->second) out.push_back(job);
  lock.unlock();
  std::sort(out.begin(), out.end(),
            [](const JobPtr& a, const JobPtr& b) { return a->job.name < b->job.name; });
  return out;
}

std::vector<std::string> JobStore::Accounts() const {
  std::shared_lock lock(mu_);
  std::vector<std::string> out;
  for (const auto& [account, jobs] : accounts_) {
    if (!jobs.empty()) out.push_back(account);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::uint64_t JobStore::version() const {
  std::shared_lock lock(mu_);
  return version_;
}

std::size_t JobStore::size() const {
  std::shared_lock lock(mu_);
  return size_;
}

}  // namespace fwmock
