#include "state_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <shared_mutex>
#include <utility>

#include "fixtures.h"

namespace fwmock {

using aipfilter::InvalidArgumentError;

namespace {

// The jobs of an import document, checked against the document and its account as they are
// read; the store is only looked at once the whole document is known to be good.
class ImportSink : public FixtureSink {
 public:
  explicit ImportSink(std::string account) : account_(std::move(account)) {}

  Status Add(const std::string& where, BatchJob job) override {
    std::string account;
    std::string id;
    if (!SplitJobName(job.name, &account, &id)) {
      return InvalidArgumentError("field \"name\": expected accounts/{account}/batchJobs/{id}");
    }
    if (account != account_) {
      return InvalidArgumentError("field \"name\": the job is of account \"" + account +
                                  "\", not of \"" + account_ + "\"");
    }
    if (!names_.insert(job.name).second) {
      return InvalidArgumentError("field \"name\": given twice in the document");
    }
    named_.emplace_back(where, std::move(job));
    return aipfilter::OkStatus();
  }

  Status AddNameless(const std::string&, const std::string& account, BatchJob job) override {
    if (account != account_) {
      return InvalidArgumentError("no \"name\", and the document's \"account\" \"" + account +
                                  "\" is not \"" + account_ + "\"");
    }
    nameless_.push_back(std::move(job));
    return aipfilter::OkStatus();
  }

  const std::vector<std::pair<std::string, BatchJob>>& named() const { return named_; }
  std::vector<BatchJob>& nameless() { return nameless_; }

 private:
  std::string account_;
  std::set<std::string> names_;
  std::vector<std::pair<std::string, BatchJob>> named_;  // with their place in the document
  std::vector<BatchJob> nameless_;
};

}  // namespace

StateService::StateService(JobStore* store, JobService* jobs) : store_(*store), jobs_(*jobs) {}

void StateService::KeepStartUp() {
  for (const std::shared_ptr<Account>& account : store_.AllAccounts()) {
    std::shared_lock lock(account->lock());
    StartUp& kept = start_up_[account->name()];
    const JobTable& table = account->table();
    for (std::uint32_t slot = 0; slot < table.slots(); ++slot) {
      if (table.job(slot)) kept.jobs.push_back(table.job(slot));
    }
    kept.ids = account->SaveIds();
  }
}

void StateService::Reset(Account* account) const {
  account->RemoveAll();
  const auto it = start_up_.find(account->name());
  if (it == start_up_.end()) return account->RestartIds();
  for (const JobPtr& job : it->second.jobs) account->Put(job);
  account->RestoreIds(it->second.ids);
}

void StateService::ResetAll() {
  std::set<std::string> names;
  for (const std::shared_ptr<Account>& account : store_.AllAccounts()) {
    names.insert(account->name());
  }
  for (const auto& [name, kept] : start_up_) names.insert(name);
  for (const std::string& name : names) ResetAccount(name);
}

void StateService::ResetAccount(const std::string& account) {
  JobService::Locked locked = jobs_.LockForWrite(account);
  Reset(locked.account.get());
}

void StateService::Clear(const std::string& account) {
  JobService::Locked locked = jobs_.LockForWrite(account);
  locked.account->RemoveAll();
}

Result<std::size_t> StateService::Import(const std::string& account, std::string_view document) {
  ImportSink sink(account);
  if (Status read = ReadFixtureText(document, account, &sink); !read.ok()) return read;
  JobService::Locked locked = jobs_.LockForWrite(account);
  Account& acc = *locked.account;
  for (const auto& [where, job] : sink.named()) {
    if (acc.Find(JobIdOf(job.name))) {
      return Status(aipfilter::StatusCode::kAlreadyExists,
                    where + ": field \"name\": the account has that job already");
    }
  }
  for (const auto& [where, job] : sink.named()) acc.Put(MakeStoredJob(job));
  for (BatchJob& job : sink.nameless()) {  // after the named ones: NewId avoids their ids
    job.name = JobName(account, acc.NewId());
    acc.Put(MakeStoredJob(std::move(job)));
  }
  return sink.named().size() + sink.nameless().size();
}

std::string StateService::Export(const std::string& account) {
  std::vector<JobPtr> jobs;
  {
    JobService::Locked locked = jobs_.LockForWrite(account);  // transitions due now applied
    const JobTable& table = locked.account->table();
    for (std::uint32_t slot = 0; slot < table.slots(); ++slot) {
      if (table.job(slot)) jobs.push_back(table.job(slot));
    }
  }
  std::sort(jobs.begin(), jobs.end(),
            [](const JobPtr& a, const JobPtr& b) { return a->job.name < b->job.name; });
  const auto dump = [](const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  std::string out = "{\"account\":" + dump(account) + ",\"batchJobs\":[";
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    out += i == 0 ? "\n" : ",\n";
    out += dump(jobs[i]->job);
  }
  return out + (jobs.empty() ? "]}\n" : "\n]}\n");
}

}  // namespace fwmock
