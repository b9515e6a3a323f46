#include "job_fields.h"

#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "aipfilter/checker.h"
#include "test_support.h"

using Catch::Matchers::Contains;

namespace fwmock_test {
namespace {

using aipfilter::FieldType;
using fwmock::FindJobField;
using fwmock::JobField;
using fwmock::JobFields;

const JobField& Field(const std::string& path) {
  const JobField* field = nullptr;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = path.find('.', start);
    field = FindJobField(field ? field->id : 0, path.substr(start, dot - start));
    REQUIRE(field != nullptr);
    if (dot == std::string::npos) return *field;
    start = dot + 1;
  }
}

TEST_CASE("field ids are dense from 1 in table order", "[mock][job_fields]") {
  const std::vector<JobField>& fields = JobFields();
  REQUIRE_FALSE(fields.empty());
  for (std::size_t i = 0; i < fields.size(); ++i) {
    CAPTURE(i, fields[i].name);
    CHECK(fields[i].id == static_cast<int>(i + 1));
  }
}

TEST_CASE("every top-level property of gatewayBatchJob appears once", "[mock][job_fields]") {
  // The properties of gatewayBatchJob in mock/spec/openapi.yaml.
  const std::vector<std::string> properties = {
      "name",      "displayName", "createTime",     "startTime",        "endTime",
      "createdBy", "nodePoolId",  "environmentId",  "snapshotId",       "numRanks",
      "envVars",   "role",        "pythonExecutor", "notebookExecutor", "shellExecutor",
      "imageRef",  "annotations", "state",          "status",           "shared",
      "updateTime"};
  std::map<std::string, int> seen;
  for (const JobField& f : JobFields()) {
    if (f.parent == 0) ++seen[f.json_name];
  }
  CHECK(seen.size() == properties.size());
  for (const std::string& p : properties) {
    CAPTURE(p);
    CHECK(seen[p] == 1);
  }
}

TEST_CASE("the executors have the properties of their schemas", "[mock][job_fields]") {
  const auto [message, children] = GENERATE(table<std::string, std::vector<std::string>>({
      {"pythonExecutor", {"targetType", "target", "args"}},
      {"notebookExecutor", {"notebookFilename"}},
      {"shellExecutor", {"command"}},
  }));
  CAPTURE(message);
  const JobField& parent = Field(message);
  CHECK(parent.type == FieldType::kMessage);
  std::vector<std::string> got;
  for (const JobField& f : JobFields()) {
    if (f.parent == parent.id) got.push_back(f.json_name);
  }
  CHECK(got == children);
}

TEST_CASE("json names are the camelCase of the snake names", "[mock][job_fields]") {
  for (const JobField& f : JobFields()) {
    CAPTURE(f.name);
    CHECK(aipfilter::SnakeToCamel(f.name) == f.json_name);
    CHECK(FindJobField(f.parent, f.name) == &f);
    CHECK(FindJobField(f.parent, f.json_name) == &f);
  }
}

TEST_CASE("fields have the types of the API", "[mock][job_fields]") {
  const auto [path, type] = GENERATE(table<std::string, FieldType>({
      {"name", FieldType::kString},
      {"create_time", FieldType::kTimestamp},
      {"start_time", FieldType::kTimestamp},
      {"end_time", FieldType::kTimestamp},
      {"update_time", FieldType::kTimestamp},
      {"num_ranks", FieldType::kInt},
      {"env_vars", FieldType::kStringMap},
      {"annotations", FieldType::kStringMap},
      {"python_executor", FieldType::kMessage},
      {"python_executor.target_type", FieldType::kEnum},
      {"python_executor.target", FieldType::kString},
      {"python_executor.args", FieldType::kRepeatedString},
      {"notebook_executor.notebook_filename", FieldType::kString},
      {"shell_executor.command", FieldType::kString},
      {"state", FieldType::kEnum},
      {"shared", FieldType::kBool},
  }));
  CAPTURE(path);
  CHECK(Field(path).type == type);
}

TEST_CASE("enum fields carry their values in declaration order", "[mock][job_fields]") {
  REQUIRE(Field("state").enum_values != nullptr);
  CHECK(*Field("state").enum_values ==
        std::vector<std::string>{"STATE_UNSPECIFIED", "CREATING", "QUEUED", "PENDING", "RUNNING",
                                 "COMPLETED", "FAILED", "CANCELLING", "CANCELLED", "DELETING"});
  REQUIRE(Field("python_executor.target_type").enum_values != nullptr);
  CHECK(*Field("python_executor.target_type").enum_values ==
        std::vector<std::string>{"TARGET_TYPE_UNSPECIFIED", "MODULE", "FILENAME"});
}

TEST_CASE("maps, repeated fields and messages are not orderable", "[mock][job_fields]") {
  for (const JobField& f : JobFields()) {
    CAPTURE(f.name);
    const bool composite = f.type == FieldType::kStringMap ||
                           f.type == FieldType::kRepeatedString || f.type == FieldType::kMessage;
    CHECK(f.orderable == !composite);
  }
}

TEST_CASE("a nested field names an enclosing message", "[mock][job_fields]") {
  for (const JobField& f : JobFields()) {
    if (f.parent == 0) continue;
    CAPTURE(f.name);
    REQUIRE(f.parent >= 1);
    REQUIRE(static_cast<std::size_t>(f.parent) <= JobFields().size());
    CHECK(JobFields()[static_cast<std::size_t>(f.parent - 1)].type == FieldType::kMessage);
  }
  CHECK(FindJobField(0, "target") == nullptr);
  CHECK(FindJobField(0, "colour") == nullptr);
  CHECK(FindJobField(0, "DisplayName") == nullptr);
}

TEST_CASE("the job schema accepts filters over every kind of field", "[mock][job_fields]") {
  const std::string filter =
      GENERATE(as<std::string>{}, "python_executor.target_type = MODULE",
               "pythonExecutor.targetType = FILENAME", "envVars.FOO:*", "env_vars:FOO",
               "numRanks >= 2", "state = RUNNING", "create_time > \"2026-01-01T00:00:00Z\"",
               "annotations.\"example.com/owner\" = \"x\"", "python_executor.args:\"--config\"",
               "shared = true", "notebook_executor.notebook_filename = \"a.ipynb\"",
               "shell_executor:*", "display_name = \"x*\"", "nightly");
  CAPTURE(filter);
  const auto program = aipfilter::Compile(filter, fwmock::JobSchema());
  INFO(program.status().Describe());
  CHECK(program.ok());
}

TEST_CASE("the job schema rejects unknown fields and bad literals", "[mock][job_fields]") {
  const auto [filter, fragment] = GENERATE(table<std::string, std::string>({
      {"colour = red", "colour"},
      {"state = running", "running"},
      {"num_ranks = hello", "hello"},
      {"python_executor.target_type = RUNNING", "RUNNING"},
      {"target = x", "target"},
      {"create_time > yesterday", ""},
  }));
  CAPTURE(filter);
  const auto program = aipfilter::Compile(filter, fwmock::JobSchema());
  REQUIRE_FALSE(program.ok());
  CHECK(program.status().code() == aipfilter::StatusCode::kInvalidArgument);
  CHECK_THAT(program.status().message(), Contains(fragment));
}

bool Matches(const fwmock::BatchJob& job, const std::string& filter) {
  const auto program = aipfilter::Compile(filter, fwmock::JobSchema());
  INFO(program.status().Describe());
  REQUIRE(program.ok());
  return program->Matches(fwmock::JobRecord(&job));
}

TEST_CASE("filters read a real job through the table", "[mock][job_fields]") {
  const fwmock::Result<fwmock::BatchJob> job = fwmock::JobFromJson(OneJobJson());
  REQUIRE(job.ok());
  const auto [filter, expected] = GENERATE(table<std::string, bool>({
      {"state = COMPLETED", true},
      {"state = RUNNING", false},
      {"state != RUNNING", true},
      {"num_ranks >= 2", true},
      {"num_ranks > 8", false},
      {"numRanks = 8", true},
      {"name = \"accounts/demo/batchJobs/0f3c9a1e5b7d4c2a8e6f1b3d5a7c9e0b\"", true},
      {"display_name = \"D\xC3\xA9mo*\"", true},
      {"created_by = \"ana.kim@demo.example\"", true},
      {"node_pool_id = h100-sxm-8x", true},
      {"environment_id = \"torch-2-4-cu124\"", true},
      {"snapshot_id = \"snap-1a2b3c4d\"", true},
      {"role = \"arn:aws:iam::123456789012:role/trainer\"", true},
      {"image_ref = \"us-docker.pkg.dev/demo-ml/train/trainer:1.4.2\"", true},
      {"status = \"exit code 0\"", true},
      {"shared = true", true},
      {"shared = false", false},
      {"python_executor.target_type = MODULE", true},
      {"python_executor.target_type = FILENAME", false},
      {"python_executor.target = \"train.main\"", true},
      {"python_executor.args:\"--config\"", true},
      {"python_executor.args:\"--epochs\"", false},
      {"env_vars.NCCL_DEBUG = INFO", true},
      {"envVars.FOO:*", false},
      {"envVars.WANDB_PROJECT:*", true},
      {"annotations.\"example.com/owner\" = \"ana.kim@demo.example\"", true},
      {"annotations.team = research", true},
      {"create_time = \"2026-03-14T09:26:53.589793238Z\"", true},
      {"create_time > \"2026-03-14T09:26:53.589793238Z\"", false},
      {"create_time < \"2026-03-14T09:26:54Z\"", true},
      {"update_time = \"2026-03-14T11:02:45.5Z\"", true},
      {"start_time:*", true},
      {"end_time >= \"2026-03-14T11:02:44Z\"", true},
      {"python_executor:*", true},
      {"notebook_executor:*", false},
      {"shell_executor:*", false},
      {"notebook_executor.notebook_filename = \"\"", false},
      {"notebook_executor.notebook_filename != \"x\"", false},
      {"NOT notebook_executor.notebook_filename = \"x\"", true},
      {"shell_executor.command != \"x\"", false},
      {"nocturne", true},
      {"research", true},
      {"COMPLETED", false},
      {"NCCL_DEBUG", false},
  }));
  CAPTURE(filter);
  CHECK(Matches(*job, filter) == expected);
}

TEST_CASE("an unset timestamp fails every comparison", "[mock][job_fields]") {
  fwmock::BatchJob job;
  job.name = "accounts/a/batchJobs/x";
  const std::string filter =
      GENERATE(as<std::string>{}, "start_time:*", "start_time < \"2100-01-01T00:00:00Z\"",
               "start_time > \"1970-01-01T00:00:00Z\"", "start_time != \"2030-01-01T00:00:00Z\"",
               "start_time = \"1970-01-01T00:00:00Z\"", "python_executor.target = \"\"");
  CAPTURE(filter);
  CHECK_FALSE(Matches(job, filter));
}

TEST_CASE("JobRecord reads values by field id", "[mock][job_fields]") {
  const fwmock::Result<fwmock::BatchJob> job = fwmock::JobFromJson(OneJobJson());
  REQUIRE(job.ok());
  const fwmock::JobRecord record(&*job);
  CHECK(record.GetString(Field("status").id) == "exit code 0");
  CHECK(record.GetInt(Field("num_ranks").id) == 8);
  CHECK(record.GetBool(Field("shared").id));
  CHECK(record.GetEnum(Field("state").id) == 5);
  CHECK(record.GetEnum(Field("python_executor.target_type").id) == 1);
  CHECK(record.IsSet(Field("create_time").id));
  CHECK(record.IsSet(Field("python_executor").id));
  CHECK_FALSE(record.IsSet(Field("notebook_executor").id));
  CHECK(record.Size(Field("python_executor.args").id) == 4);
  CHECK(record.Element(Field("python_executor.args").id, 1) == "configs/llama-ft.yaml");
  CHECK(record.Size(Field("env_vars").id) == 2);
  std::string_view value;
  CHECK(record.Lookup(Field("annotations").id, "team", &value));
  CHECK(value == "research");
  CHECK_FALSE(record.Lookup(Field("annotations").id, "owner", &value));
}

}  // namespace
}  // namespace fwmock_test
