#include "batch_job.h"

#include <limits>
#include <nlohmann/json.hpp>
#include <utility>

#include "aipfilter/timestamp.h"
#include "job_decoder.h"

namespace fwmock {

using nlohmann::json;

const std::vector<std::string>& JobStateNames() {
  static const std::vector<std::string> kNames = {
      "STATE_UNSPECIFIED", "CREATING", "QUEUED",     "PENDING",   "RUNNING",
      "COMPLETED",         "FAILED",   "CANCELLING", "CANCELLED", "DELETING"};
  return kNames;
}

const std::vector<std::string>& TargetTypeNames() {
  static const std::vector<std::string> kNames = {"TARGET_TYPE_UNSPECIFIED", "MODULE", "FILENAME"};
  return kNames;
}

namespace {

void PutTimestamp(json& out, const char* key, const std::optional<std::int64_t>& t) {
  if (t) out[key] = aipfilter::FormatRfc3339(*t);
}

json MapJson(const StringMap& m) {
  json out = json::object();
  for (const auto& [k, v] : m) out[k] = v;
  return out;
}

}  // namespace

void to_json(json& out, const BatchJob& job) {
  out = json::object();
  out["name"] = job.name;
  out["displayName"] = job.display_name;
  PutTimestamp(out, "createTime", job.create_time);
  PutTimestamp(out, "startTime", job.start_time);
  PutTimestamp(out, "endTime", job.end_time);
  out["createdBy"] = job.created_by;
  out["nodePoolId"] = job.node_pool_id;
  out["environmentId"] = job.environment_id;
  out["snapshotId"] = job.snapshot_id;
  out["numRanks"] = job.num_ranks;
  out["envVars"] = MapJson(job.env_vars);
  out["role"] = job.role;
  if (const auto& p = job.python_executor) {
    out["pythonExecutor"] = {
        {"targetType", TargetTypeNames()[static_cast<std::size_t>(p->target_type)]},
        {"target", p->target},
        {"args", p->args}};
  }
  if (const auto& n = job.notebook_executor) {
    out["notebookExecutor"] = {{"notebookFilename", n->notebook_filename}};
  }
  if (const auto& s = job.shell_executor) out["shellExecutor"] = {{"command", s->command}};
  out["imageRef"] = job.image_ref;
  out["annotations"] = MapJson(job.annotations);
  out["state"] = JobStateNames()[static_cast<std::size_t>(job.state)];
  out["status"] = job.status;
  out["shared"] = job.shared;
  PutTimestamp(out, "updateTime", job.update_time);
}

Result<BatchJob> JobFromJson(const json& in) {
  if (!in.is_object()) {
    return aipfilter::InvalidArgumentError(std::string("expected an object, got ") +
                                           in.type_name());
  }
  return ParseJob(in.dump(-1, ' ', false, json::error_handler_t::replace));
}

bool SplitJobName(const std::string& name, std::string* account, std::string* id) {
  static const std::string kAccounts = "accounts/";
  static const std::string kJobs = "/batchJobs/";
  if (name.compare(0, kAccounts.size(), kAccounts) != 0) return false;
  const std::size_t jobs = name.find(kJobs, kAccounts.size());
  if (jobs == std::string::npos || jobs == kAccounts.size()) return false;
  const std::string acc = name.substr(kAccounts.size(), jobs - kAccounts.size());
  const std::string rest = name.substr(jobs + kJobs.size());
  if (acc.find('/') != std::string::npos || rest.empty() || rest.find('/') != std::string::npos) {
    return false;
  }
  *account = acc;
  *id = rest;
  return true;
}

std::string JobName(const std::string& account, const std::string& id) {
  return "accounts/" + account + "/batchJobs/" + id;
}

}  // namespace fwmock
