#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aipfilter/status.h"
#include "nlohmann/json_fwd.hpp"

namespace fwmock {

using aipfilter::Result;
using aipfilter::Status;
// Transparent, so lookups by string_view allocate nothing.
using StringMap = std::map<std::string, std::string, std::less<>>;

// gatewayBatchJobState, in declaration order.
enum class JobState : int {
  kUnspecified,
  kCreating,
  kQueued,
  kPending,
  kRunning,
  kCompleted,
  kFailed,
  kCancelling,
  kCancelled,
  kDeleting,
};

// PythonExecutorTargetType, in declaration order.
enum class TargetType : int { kUnspecified, kModule, kFilename };

// The JSON names of the enum values, indexed by the enum's value.
const std::vector<std::string>& JobStateNames();
const std::vector<std::string>& TargetTypeNames();

struct PythonExecutor {
  TargetType target_type = TargetType::kUnspecified;
  std::string target;
  std::vector<std::string> args;
};

struct NotebookExecutor {
  std::string notebook_filename;
};

struct ShellExecutor {
  std::string command;
};

// gatewayBatchJob. Timestamps are nanoseconds since the Unix epoch; an empty optional is unset.
struct BatchJob {
  std::string name;
  std::string display_name;
  std::optional<std::int64_t> create_time;
  std::optional<std::int64_t> start_time;
  std::optional<std::int64_t> end_time;
  std::string created_by;
  std::string node_pool_id;
  std::string environment_id;
  std::string snapshot_id;
  std::int32_t num_ranks = 0;
  StringMap env_vars;
  std::string role;
  std::optional<PythonExecutor> python_executor;
  std::optional<NotebookExecutor> notebook_executor;
  std::optional<ShellExecutor> shell_executor;
  std::string image_ref;
  StringMap annotations;
  JobState state = JobState::kUnspecified;
  std::string status;
  bool shared = false;
  std::optional<std::int64_t> update_time;
};

// The job as the API renders it: camelCase keys, defaults emitted, unset timestamps and
// executors omitted, timestamps RFC 3339 UTC.
void to_json(nlohmann::json& out, const BatchJob& job);

// Reads a job from its JSON form. Unknown keys are ignored; a wrong type, an unknown enum value
// or a malformed timestamp is INVALID_ARGUMENT naming the field ("field \"state\": ...").
Result<BatchJob> JobFromJson(const nlohmann::json& in);

// "accounts/{account}/batchJobs/{id}" split into its parts; false when `name` is not of that form.
bool SplitJobName(const std::string& name, std::string* account, std::string* id);
std::string JobName(const std::string& account, const std::string& id);

}  // namespace fwmock
