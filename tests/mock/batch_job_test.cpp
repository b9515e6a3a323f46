#include "batch_job.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "aipfilter/timestamp.h"
#include "job_store.h"
#include "list.h"
#include "test_support.h"

using Catch::Matchers::Contains;
using nlohmann::json;

namespace fwmock_test {
namespace {

using fwmock::BatchJob;
using fwmock::JobFromJson;
using fwmock::JobState;
using fwmock::TargetType;

constexpr std::int64_t kSecond = 1000000000;

BatchJob MustRead(const json& in) {
  fwmock::Result<BatchJob> job = JobFromJson(in);
  INFO(job.status().message());
  REQUIRE(job.ok());
  return *job;
}

json Render(const BatchJob& job) {
  json out;
  to_json(out, job);
  return out;
}

TEST_CASE("every field of the populated job is read", "[mock][batch_job]") {
  const BatchJob job = MustRead(OneJobJson());
  CHECK(job.name == "accounts/demo/batchJobs/0f3c9a1e5b7d4c2a8e6f1b3d5a7c9e0b");
  CHECK(job.display_name == "D\xC3\xA9mo \xE2\x80\x93 \xC3\xA9valuation nocturne \xF0\x9F\x9A\x80");
  // 2026-03-14T09:26:53Z is 1773480413 s after the epoch.
  CHECK(job.create_time == 1773480413 * kSecond + 589793238);
  CHECK(job.start_time == 1773480667 * kSecond + 125000000);
  CHECK(job.end_time == 1773486164 * kSecond);
  CHECK(job.update_time == 1773486165 * kSecond + 500000000);
  CHECK(job.created_by == "ana.kim@demo.example");
  CHECK(job.node_pool_id == "h100-sxm-8x");
  CHECK(job.environment_id == "torch-2-4-cu124");
  CHECK(job.snapshot_id == "snap-1a2b3c4d");
  CHECK(job.num_ranks == 8);
  CHECK(job.env_vars == fwmock::StringMap{{"NCCL_DEBUG", "INFO"}, {"WANDB_PROJECT", "llama-ft"}});
  CHECK(job.role == "arn:aws:iam::123456789012:role/trainer");
  REQUIRE(job.python_executor.has_value());
  CHECK(job.python_executor->target_type == TargetType::kModule);
  CHECK(job.python_executor->target == "train.main");
  CHECK(job.python_executor->args ==
        std::vector<std::string>{"--config", "configs/llama-ft.yaml", "--world-size", "8"});
  CHECK_FALSE(job.notebook_executor.has_value());
  CHECK_FALSE(job.shell_executor.has_value());
  CHECK(job.image_ref == "us-docker.pkg.dev/demo-ml/train/trainer:1.4.2");
  CHECK(job.annotations ==
        fwmock::StringMap{{"example.com/owner", "ana.kim@demo.example"}, {"team", "research"}});
  CHECK(job.state == JobState::kCompleted);
  CHECK(job.status == "exit code 0");
  CHECK(job.shared);
}

TEST_CASE("the populated job renders back to the same JSON", "[mock][batch_job]") {
  const json in = OneJobJson();
  const json out = Render(MustRead(in));
  std::vector<std::string> in_keys;
  std::vector<std::string> out_keys;
  for (const auto& [key, value] : in.items()) in_keys.push_back(key);
  for (const auto& [key, value] : out.items()) out_keys.push_back(key);
  CHECK(out_keys == in_keys);
  for (const auto& [key, value] : in.items()) {
    CAPTURE(key);
    REQUIRE(out.contains(key));
    if (key.size() > 4 && key.compare(key.size() - 4, 4, "Time") == 0) {
      // The same instant; the fraction may be spelled with fewer digits.
      std::int64_t written = 0;
      std::int64_t given = 0;
      REQUIRE(out[key].is_string());
      CHECK(aipfilter::ParseRfc3339(out[key].get<std::string>(), &written));
      CHECK(aipfilter::ParseRfc3339(value.get<std::string>(), &given));
      CHECK(written == given);
    } else {
      CHECK(out[key] == value);
    }
  }
  CHECK(out["updateTime"] == "2026-03-14T11:02:45.500Z");
  CHECK(out["createTime"] == "2026-03-14T09:26:53.589793238Z");
  CHECK(out["endTime"] == "2026-03-14T11:02:44Z");
}

TEST_CASE("an empty job renders every default and omits timestamps and executors",
          "[mock][batch_job]") {
  const json expected = {{"name", ""},
                         {"displayName", ""},
                         {"createdBy", ""},
                         {"nodePoolId", ""},
                         {"environmentId", ""},
                         {"snapshotId", ""},
                         {"numRanks", 0},
                         {"envVars", json::object()},
                         {"role", ""},
                         {"imageRef", ""},
                         {"annotations", json::object()},
                         {"state", "STATE_UNSPECIFIED"},
                         {"status", ""},
                         {"shared", false}};
  CHECK(Render(MustRead(json::object())) == expected);
  CHECK(Render(BatchJob{}) == expected);
}

TEST_CASE("null values are read as absent", "[mock][batch_job]") {
  const BatchJob job =
      MustRead(json{{"createTime", nullptr}, {"pythonExecutor", nullptr}, {"numRanks", nullptr}});
  CHECK_FALSE(job.create_time.has_value());
  CHECK_FALSE(job.python_executor.has_value());
  CHECK(job.num_ranks == 0);
}

TEST_CASE("set but empty executors render with their defaults", "[mock][batch_job]") {
  const json out = Render(MustRead(json{{"pythonExecutor", json::object()},
                                        {"notebookExecutor", json::object()},
                                        {"shellExecutor", json::object()}}));
  CHECK(out["pythonExecutor"] ==
        json{{"targetType", "TARGET_TYPE_UNSPECIFIED"}, {"target", ""}, {"args", json::array()}});
  CHECK(out["notebookExecutor"] == json{{"notebookFilename", ""}});
  CHECK(out["shellExecutor"] == json{{"command", ""}});
}

TEST_CASE("a listed job has its keys in alphabetical order", "[mock][batch_job]") {
  BatchJob job = MustRead(OneJobJson());
  job.notebook_executor = fwmock::NotebookExecutor{"a.ipynb"};
  job.shell_executor = fwmock::ShellExecutor{"echo hi"};
  fwmock::ListPage page;
  page.jobs.push_back(fwmock::MakeStoredJob(job));
  const nlohmann::ordered_json ordered =
      nlohmann::ordered_json::parse(fwmock::RenderListPage(page)).at("batchJobs").at(0);
  std::vector<std::string> keys;
  for (const auto& [key, value] : ordered.items()) keys.push_back(key);
  CHECK(std::is_sorted(keys.begin(), keys.end()));
  CHECK(keys.size() == 21);
  const auto& python = ordered["pythonExecutor"];
  std::vector<std::string> inner;
  for (const auto& [key, value] : python.items()) inner.push_back(key);
  CHECK(inner == std::vector<std::string>{"args", "target", "targetType"});
}

TEST_CASE("snake_case keys are read like camelCase ones", "[mock][batch_job]") {
  const json snake = {
      {"name", "accounts/demo/batchJobs/x"},
      {"display_name", "d"},
      {"create_time", "2026-03-14T09:26:53Z"},
      {"start_time", "2026-03-14T09:26:54Z"},
      {"end_time", "2026-03-14T09:26:55Z"},
      {"created_by", "c"},
      {"node_pool_id", "n"},
      {"environment_id", "e"},
      {"snapshot_id", "s"},
      {"num_ranks", 3},
      {"env_vars", {{"MY_VAR", "v"}}},
      {"role", "r"},
      {"python_executor", {{"target_type", "FILENAME"}, {"target", "t.py"}, {"args", {"a"}}}},
      {"notebook_executor", {{"notebook_filename", "n.ipynb"}}},
      {"shell_executor", {{"command", "ls"}}},
      {"image_ref", "i"},
      {"annotations", {{"some_key", "v"}}},
      {"state", "RUNNING"},
      {"status", "st"},
      {"shared", true},
      {"update_time", "2026-03-14T09:26:56Z"}};
  const json camel = {
      {"name", "accounts/demo/batchJobs/x"},
      {"displayName", "d"},
      {"createTime", "2026-03-14T09:26:53Z"},
      {"startTime", "2026-03-14T09:26:54Z"},
      {"endTime", "2026-03-14T09:26:55Z"},
      {"createdBy", "c"},
      {"nodePoolId", "n"},
      {"environmentId", "e"},
      {"snapshotId", "s"},
      {"numRanks", 3},
      {"envVars", {{"MY_VAR", "v"}}},
      {"role", "r"},
      {"pythonExecutor", {{"targetType", "FILENAME"}, {"target", "t.py"}, {"args", {"a"}}}},
      {"notebookExecutor", {{"notebookFilename", "n.ipynb"}}},
      {"shellExecutor", {{"command", "ls"}}},
      {"imageRef", "i"},
      {"annotations", {{"some_key", "v"}}},
      {"state", "RUNNING"},
      {"status", "st"},
      {"shared", true},
      {"updateTime", "2026-03-14T09:26:56Z"}};
  CHECK(Render(MustRead(snake)) == camel);
  CHECK(Render(MustRead(camel)) == camel);
}

TEST_CASE("enum values are read by name or number", "[mock][batch_job]") {
  CHECK(MustRead(json{{"state", "CANCELLING"}}).state == JobState::kCancelling);
  CHECK(MustRead(json{{"state", 4}}).state == JobState::kRunning);
  CHECK(MustRead(json{{"state", "DELETING"}}).state == JobState::kDeleting);
  CHECK(MustRead(json{{"pythonExecutor", {{"targetType", 2}}}}).python_executor->target_type ==
        TargetType::kFilename);
}

TEST_CASE("timestamps with an offset render as the same instant in UTC", "[mock][batch_job]") {
  const BatchJob job = MustRead(json{{"createTime", "2026-03-14T11:26:53.5+02:00"},
                                     {"start_time", "2026-03-14t09:26:53z"},
                                     {"endTime", "1969-12-31T23:59:59Z"}});
  CHECK(job.create_time == 1773480413 * kSecond + 500000000);
  const json out = Render(job);
  CHECK(out["createTime"] == "2026-03-14T09:26:53.500Z");
  CHECK(out["startTime"] == "2026-03-14T09:26:53Z");
  CHECK(out["endTime"] == "1969-12-31T23:59:59Z");
}

TEST_CASE("numRanks takes every int32 and a decimal string", "[mock][batch_job]") {
  CHECK(MustRead(json{{"numRanks", 2147483647}}).num_ranks == 2147483647);
  CHECK(MustRead(json{{"numRanks", -2147483647 - 1}}).num_ranks == -2147483647 - 1);
  CHECK(MustRead(json{{"numRanks", "16"}}).num_ranks == 16);
  CHECK(MustRead(json{{"numRanks", 0}}).num_ranks == 0);
}

TEST_CASE("bad values are errors that name the field", "[mock][batch_job]") {
  const auto [text, fragment] = GENERATE(table<std::string, std::string>({
      {R"({"displayName": 5})", R"(field "displayName")"},
      {R"({"name": ["a"]})", R"(field "name")"},
      {R"({"numRanks": "eight"})", R"(field "numRanks")"},
      {R"({"numRanks": 1.5})", R"(field "numRanks")"},
      {R"({"numRanks": true})", R"(field "numRanks")"},
      {R"({"numRanks": 2147483648})", R"(field "numRanks")"},
      {R"({"numRanks": -2147483649})", R"(field "numRanks")"},
      {R"({"numRanks": 4294967296})", R"(field "numRanks")"},
      {R"({"numRanks": 18446744073709551615})", R"(field "numRanks")"},
      {R"({"numRanks": "99999999999"})", R"(field "numRanks")"},
      {R"({"state": "running"})", R"(field "state")"},
      {R"({"state": "BOGUS"})", R"(field "state")"},
      {R"({"state": 10})", R"(field "state")"},
      {R"({"state": -1})", R"(field "state")"},
      {R"({"state": true})", R"(field "state")"},
      {R"({"pythonExecutor": {"targetType": "SCRIPT"}})", R"(field "pythonExecutor.targetType")"},
      {R"({"pythonExecutor": {"args": "x"}})", R"(field "pythonExecutor.args")"},
      {R"({"pythonExecutor": {"args": [1]}})", R"(field "pythonExecutor.args")"},
      {R"({"pythonExecutor": "train.py"})", R"(field "pythonExecutor")"},
      {R"({"notebookExecutor": {"notebookFilename": 1}})",
       R"(field "notebookExecutor.notebookFilename")"},
      {R"({"shellExecutor": []})", R"(field "shellExecutor")"},
      {R"({"createTime": "yesterday"})", R"(field "createTime")"},
      {R"({"createTime": "2026-13-01T00:00:00Z"})", R"(field "createTime")"},
      {R"({"startTime": "2026-03-14 09:26:53Z"})", R"(field "startTime")"},
      {R"({"endTime": "2026-03-14T09:26:53"})", R"(field "endTime")"},
      {R"({"updateTime": 1773480413})", R"(field "updateTime")"},
      {R"({"createTime": "1600-01-01T00:00:00Z"})", R"(field "createTime")"},
      {R"({"envVars": []})", R"(field "envVars")"},
      {R"({"envVars": {"A": 1}})", R"(field "envVars")"},
      {R"({"annotations": "team=x"})", R"(field "annotations")"},
      {R"({"shared": "true"})", R"(field "shared")"},
      {R"({"shared": 1})", R"(field "shared")"},
  }));
  CAPTURE(text);
  const fwmock::Result<BatchJob> job = JobFromJson(json::parse(text));
  REQUIRE_FALSE(job.ok());
  CHECK(job.status().code() == aipfilter::StatusCode::kInvalidArgument);
  CHECK_THAT(job.status().message(), Contains(fragment));
}

TEST_CASE("a job that is not an object is an error", "[mock][batch_job]") {
  const std::string text = GENERATE(as<std::string>{}, "[]", "\"job\"", "5", "null");
  CAPTURE(text);
  const fwmock::Result<BatchJob> job = JobFromJson(json::parse(text));
  REQUIRE_FALSE(job.ok());
  CHECK(job.status().code() == aipfilter::StatusCode::kInvalidArgument);
  CHECK_THAT(job.status().message(), Contains("expected an object"));
}

TEST_CASE("SplitJobName accepts only accounts/{account}/batchJobs/{id}", "[mock][batch_job]") {
  const auto [name, ok, account, id] = GENERATE(table<std::string, bool, std::string, std::string>({
      {"accounts/acme/batchJobs/abc", true, "acme", "abc"},
      {"accounts/a/batchJobs/b", true, "a", "b"},
      {"accounts/batchJobs/batchJobs/x", true, "batchJobs", "x"},
      {"accounts/acme/batchJobs/0f3c9a1e5b7d4c2a8e6f1b3d5a7c9e0b", true, "acme",
       "0f3c9a1e5b7d4c2a8e6f1b3d5a7c9e0b"},
      {"", false, "", ""},
      {"accounts//batchJobs/abc", false, "", ""},
      {"accounts/acme/batchJobs/", false, "", ""},
      {"accounts/acme/batchJobs", false, "", ""},
      {"accounts/acme/clusters/c/batchJobs/abc", false, "", ""},
      {"accounts/acme/batchJobs/abc/def", false, "", ""},
      {"/accounts/acme/batchJobs/abc", false, "", ""},
      {"projects/acme/batchJobs/abc", false, "", ""},
      {"accounts/acme/batchjobs/abc", false, "", ""},
      {"accounts/acme/jobs/abc", false, "", ""},
  }));
  CAPTURE(name);
  std::string got_account = "unchanged";
  std::string got_id = "unchanged";
  CHECK(fwmock::SplitJobName(name, &got_account, &got_id) == ok);
  if (ok) {
    CHECK(got_account == account);
    CHECK(got_id == id);
    CHECK(fwmock::JobName(got_account, got_id) == name);
  }
}

}  // namespace
}  // namespace fwmock_test
