#pragma once

#include <cstddef>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "job_service.h"
#include "job_store.h"

namespace fwmock {

// The state a test controls (the control API's resets, emptying, import and export), over the
// store and through the accounts' own write path: every removal and every job stored is a change
// in the account's log, its seq only moves forward, and the Account object stays the same, so
// cached List results catch up (or rebuild) and no index is left pointing at a job that is gone.
// Each call changes one account at a time under that account's write lock, so a reader sees an
// account before or after it, never half-way. Thread-safe once KeepStartUp has run.
class StateService {
 public:
  StateService(JobStore* store, JobService* jobs);

  // Remembers every account as it is now, after the start-up fixtures loaded: its jobs (shared,
  // not copied: stored jobs are immutable) and the position of its id generator. Call once,
  // before serving.
  void KeepStartUp();

  // Every account back to its start-up jobs (an account without any: empty), with its ids drawn
  // again from where they were after start-up. Jobs come back as fixtures do: as given, no
  // lifecycle timer running.
  void ResetAll();
  void ResetAccount(const std::string& account);
  // Removes every job of the account; its id generator goes on.
  void Clear(const std::string& account);

  // Stores the jobs of a fixtures document (the --fixtures format) in `account`, as fixtures:
  // names, states and times as given; nameless jobs get ids from the account's generator.
  // All or nothing: INVALID_ARGUMENT naming the job and the field for a bad job, a job named
  // for another account, or a name given twice in the document; ALREADY_EXISTS for a name the
  // account already has. Returns how many jobs were stored.
  Result<std::size_t> Import(const std::string& account, std::string_view document);

  // The account as a fixtures document that Import and --fixtures read back to the same jobs:
  //   {"account":"acme","batchJobs":[
  //   {...job...},
  //   {...job...}
  //   ]}
  // jobs in name order, one per line, each as Get renders it, ending in a newline.
  std::string Export(const std::string& account);

 private:
  struct StartUp {
    std::vector<JobPtr> jobs;
    std::mt19937_64 ids;
  };
  void Reset(Account* account) const;

  JobStore& store_;
  JobService& jobs_;
  std::map<std::string, StartUp> start_up_;  // written by KeepStartUp, then only read
};

}  // namespace fwmock
