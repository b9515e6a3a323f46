// Batch Delete Batch Jobs: the body's names checked, then every job deleted, or none.
#include <nlohmann/json.hpp>
#include <set>

#include "body_json.h"
#include "job_service.h"

namespace fwmock {

using aipfilter::InvalidArgumentError;

namespace {

// The ids of the body's names, once each, in the order given.
Result<std::vector<std::string>> NamedIds(const std::string& account, std::string_view body) {
  Result<nlohmann::json> parsed = ParseBodyObject(body);
  if (!parsed.ok()) return parsed.status();
  const auto names = parsed->find("names");
  if (names == parsed->end() || names->is_null() || (names->is_array() && names->empty())) {
    return InvalidArgumentError("field \"names\": required, at least one name");
  }
  if (!names->is_array()) {
    return InvalidArgumentError(std::string("field \"names\": expected an array, got ") +
                                names->type_name());
  }
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < names->size(); ++i) {
    const nlohmann::json& name = (*names)[i];
    const std::string where = "field \"names[" + std::to_string(i) + "]\": ";
    if (!name.is_string()) {
      return InvalidArgumentError(where + "expected a string, got " + name.type_name());
    }
    std::string name_account;
    std::string id;
    if (!SplitJobName(name.get<std::string>(), &name_account, &id)) {
      return InvalidArgumentError(where + name.dump() +
                                  " is not a name of the form accounts/{account}/batchJobs/{id}");
    }
    if (name_account != account) {
      return InvalidArgumentError(where + name.dump() + " is not a batch job of account \"" +
                                  account + "\"");
    }
    if (seen.insert(id).second) ids.push_back(id);
  }
  return ids;
}

}  // namespace

Status JobService::BatchDelete(const std::string& account, std::string_view body) {
  Result<std::vector<std::string>> ids = NamedIds(account, body);
  if (!ids.ok()) return ids.status();
  Locked locked = LockForWrite(account);
  std::vector<JobPtr> jobs;
  for (const std::string& id : *ids) {
    JobPtr job = locked.account->Find(id);
    if (!job) return JobNotFound(account, id);
    jobs.push_back(std::move(job));
  }
  for (const JobPtr& job : jobs) {
    if (job->job.state != JobState::kDeleting) {
      Enter(locked.account.get(), job->job, JobState::kDeleting, locked.now);
    }
  }
  return aipfilter::OkStatus();
}

}  // namespace fwmock
