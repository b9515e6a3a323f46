#include "job_store.h"

#include <algorithm>
#include <shared_mutex>

namespace fwmock {

Status JobStore::Add(BatchJob job) {
  std::string account;
  std::string id;
  if (!SplitJobName(job.name, &account, &id)) {
    return aipfilter::InvalidArgumentError("invalid job name \"" + job.name +
                                           "\": expected accounts/{account}/batchJobs/{id}");
  }
  const std::shared_ptr<Account> acc = FindOrCreate(account);
  std::unique_lock lock(acc->lock());
  if (acc->Find(id)) {
    return Status(aipfilter::StatusCode::kAlreadyExists, "duplicate job name \"" + job.name + "\"");
  }
  acc->Put(MakeStoredJob(std::move(job)));
  return aipfilter::OkStatus();
}

std::shared_ptr<Account> JobStore::Find(const std::string& account) const {
  std::lock_guard lock(mu_);
  const auto it = accounts_.find(account);
  return it == accounts_.end() ? nullptr : it->second;
}

std::shared_ptr<Account> JobStore::FindOrCreate(const std::string& account) {
  std::lock_guard lock(mu_);
  std::shared_ptr<Account>& slot = accounts_[account];
  if (!slot) slot = std::make_shared<Account>(account, seed_);
  return slot;
}

std::string JobStore::NewId(const std::string& account) {
  const std::shared_ptr<Account> acc = FindOrCreate(account);
  std::unique_lock lock(acc->lock());
  return acc->NewId();
}

std::vector<JobPtr> JobStore::Snapshot(const std::string& account) const {
  std::vector<JobPtr> out;
  const std::shared_ptr<Account> acc = Find(account);
  if (!acc) return out;
  std::shared_lock lock(acc->lock());
  const JobTable& table = acc->table();
  out.reserve(table.size());
  for (std::uint32_t slot = 0; slot < table.slots(); ++slot) {
    if (table.job(slot)) out.push_back(table.job(slot));
  }
  lock.unlock();
  std::sort(out.begin(), out.end(),
            [](const JobPtr& a, const JobPtr& b) { return a->job.name < b->job.name; });
  return out;
}

std::vector<std::string> JobStore::Accounts() const {
  std::vector<std::string> out;
  for (const std::shared_ptr<Account>& acc : AllAccounts()) {
    std::shared_lock lock(acc->lock());
    if (acc->size() > 0) out.push_back(acc->name());
  }
  return out;
}

std::vector<std::shared_ptr<Account>> JobStore::AllAccounts() const {
  std::lock_guard lock(mu_);
  std::vector<std::shared_ptr<Account>> out;
  out.reserve(accounts_.size());
  for (const auto& [name, acc] : accounts_) out.push_back(acc);
  return out;
}

std::size_t JobStore::size() const {
  std::size_t n = 0;
  for (const std::shared_ptr<Account>& acc : AllAccounts()) {
    std::shared_lock lock(acc->lock());
    n += acc->size();
  }
  return n;
}

}  // namespace fwmock
