#include "job_requests.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "job_decoder.h"

using Catch::Matchers::Contains;
using nlohmann::json;

namespace fwmock_test {
namespace {

using aipfilter::StatusCode;
using fwmock::BatchJob;

// A valid job in CREATING with server-written fields.
BatchJob Current() {
  fwmock::Result<BatchJob> job = fwmock::ParseJob(
      R"({"name": "accounts/a/batchJobs/j", "nodePoolId": "p", "state": "RUNNING",
          "createTime": "2026-01-01T00:00:00Z", "updateTime": "2026-01-01T00:00:01Z",
          "createdBy": "dev@x", "status": "running", "displayName": "d",
          "pythonExecutor": {"targetType": "MODULE", "target": "m", "args": ["-v"]}})");
  REQUIRE(job.ok());
  return *job;
}

TEST_CASE("a create body gives a job with no server-written field", "[mock][job_requests]") {
  fwmock::Result<BatchJob> job = fwmock::JobFromCreateBody(
      R"({"nodePoolId": "p", "numRanks": 2, "name": "accounts/a/batchJobs/mine",
          "state": "COMPLETED", "createTime": "2026-01-01T00:00:00Z", "createdBy": "me",
          "status": "done", "updateTime": "2026-01-01T00:00:00Z", "shellExecutor": {"command": "c"}})");
  INFO(job.status().message());
  REQUIRE(job.ok());
  BatchJob expected;
  expected.node_pool_id = "p";
  expected.num_ranks = 2;
  expected.shell_executor.emplace();
  expected.shell_executor->command = "c";
  CHECK(json(*job) == json(expected));
}

TEST_CASE("a create body is validated", "[mock][job_requests]") {
  const auto [body, message] = GENERATE(table<std::string, std::string>({
      {"", R"(invalid batch job: field "nodePoolId": required)"},
      {"{}", R"(invalid batch job: field "nodePoolId": required)"},
      {R"({"nodePoolId": "p", "numRanks": -3})", R"(field "numRanks": must not be negative)"},
      {R"({"nodePoolId": 5})", R"(field "nodePoolId": expected a string, got number)"},
      {R"({"nodePoolId": "p",)", "invalid JSON: "},
  }));
  CAPTURE(body);
  fwmock::Result<BatchJob> job = fwmock::JobFromCreateBody(body);
  REQUIRE_FALSE(job.ok());
  CHECK(job.status().code() == StatusCode::kInvalidArgument);
  CHECK_THAT(job.status().message(), Contains(message));
}

TEST_CASE("an update changes the named fields and keeps the server-written ones",
          "[mock][job_requests]") {
  fwmock::Result<BatchJob> job = fwmock::JobFromUpdateBody(
      Current(), R"({"pythonExecutor": {"target": "n"}, "state": "FAILED", "name": "x",
                     "updateTime": "2030-01-01T00:00:00Z"})");
  INFO(job.status().message());
  REQUIRE(job.ok());
  BatchJob expected = Current();
  expected.python_executor->target = "n";
  CHECK(json(*job) == json(expected));
}

TEST_CASE("an update is validated as a whole", "[mock][job_requests]") {
  const auto [body, message] = GENERATE(table<std::string, std::string>({
      {R"({"nodePoolId": null})", R"(field "nodePoolId": required)"},
      {R"({"shellExecutor": {"command": "c"}})",
       R"(field "shellExecutor": cannot be set together with "pythonExecutor")"},
      {R"({"pythonExecutor": {"target": ""}})", R"(field "pythonExecutor.target": required)"},
      {R"({"pythonExecutor": {}})", R"(field "pythonExecutor.targetType": required)"},
      {R"({"snapshotId": "s"})", R"(field "snapshotId": requires "environmentId")"},
  }));
  CAPTURE(body);
  fwmock::Result<BatchJob> job = fwmock::JobFromUpdateBody(Current(), body);
  REQUIRE_FALSE(job.ok());
  CHECK(job.status().code() == StatusCode::kInvalidArgument);
  CHECK_THAT(job.status().message(), Contains("invalid batch job: " + message));
}

TEST_CASE("an update can switch executors by clearing the old one", "[mock][job_requests]") {
  fwmock::Result<BatchJob> job = fwmock::JobFromUpdateBody(
      Current(), R"({"pythonExecutor": null, "shellExecutor": {"command": "c"}})");
  INFO(job.status().message());
  REQUIRE(job.ok());
  CHECK_FALSE(job->python_executor.has_value());
  REQUIRE(job->shell_executor.has_value());
  CHECK(job->shell_executor->command == "c");
}

TEST_CASE("an empty update body changes nothing", "[mock][job_requests]") {
  const std::string body = GENERATE(as<std::string>{}, "", "{}", R"({"unknown": [1]})");
  CAPTURE(body);
  fwmock::Result<BatchJob> job = fwmock::JobFromUpdateBody(Current(), body);
  REQUIRE(job.ok());
  CHECK(json(*job) == json(Current()));
}

}  // namespace
}  // namespace fwmock_test
