#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "account.h"
#include "batch_job.h"
#include "stored_job.h"

namespace fwmock {

// The accounts, each with its own lock: writes to one account never wait for, or invalidate
// anything of, another. The map itself is guarded by a mutex held only to find an account.
class JobStore {
 public:
  // `seed` seeds every account's id generator (mixed with the account's name).
  explicit JobStore(std::uint64_t seed = 0) : seed_(seed) {}

  // Stores a job as given (fixtures, imports). ALREADY_EXISTS when a job of that name is
  // stored; INVALID_ARGUMENT when the name is not "accounts/{account}/batchJobs/{id}".
  Status Add(BatchJob job);

  // The account, or nullptr when it never had a job.
  std::shared_ptr<Account> Find(const std::string& account) const;
  std::shared_ptr<Account> FindOrCreate(const std::string& account);
  // A fresh id from the account's generator.
  std::string NewId(const std::string& account);

  // The jobs of `account`, in name order (a copy, taken under the account's lock).
  std::vector<JobPtr> Snapshot(const std::string& account) const;
  // The accounts that have jobs, in name order.
  std::vector<std::string> Accounts() const;
  // Every account, for work over all of them (the clock's catch-up).
  std::vector<std::shared_ptr<Account>> AllAccounts() const;
  std::size_t size() const;

 private:
  std::uint64_t seed_;
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<Account>, std::less<>> accounts_;
};

}  // namespace fwmock
