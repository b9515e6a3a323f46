#include "job_validation.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "job_decoder.h"
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nlohmann::json;

namespace fwmock_test {
namespace {

using aipfilter::StatusCode;

// A job with nodePoolId "p" and the fields of `extra` (JSON object members, no braces).
fwmock::BatchJob Job(const std::string& extra) {
  const std::string text = R"({"nodePoolId": "p")" + (extra.empty() ? "" : ", " + extra) + "}";
  fwmock::Result<fwmock::BatchJob> job = fwmock::ParseJob(text);
  INFO(text << ": " << job.status().message());
  REQUIRE(job.ok());
  return *job;
}

std::string Repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::string DisplayName(const std::string& name) {
  return R"("displayName": )" + json(name).dump();
}

TEST_CASE("valid jobs pass", "[mock][job_validation]") {
  const std::string extra =
      GENERATE(as<std::string>{}, "", R"("imageRef": "i")", R"("environmentId": "e")",
               R"("environmentId": "e", "snapshotId": "s")", R"("numRanks": 0)",
               R"("numRanks": 2147483647)", R"("displayName": ")" + std::string(63, 'x') + "\"",
               R"("displayName": ")" + Repeat("\xC3\xA9", 63) + "\"",
               R"("displayName": ")" + Repeat("\xF0\x9F\x9A\x80", 63) + "\"",
               R"("pythonExecutor": {"targetType": "MODULE", "target": "m"})",
               R"("pythonExecutor": {"targetType": "FILENAME", "target": "f.py", "args": ["a"]})",
               R"("notebookExecutor": {"notebookFilename": "n.ipynb"})",
               R"("shellExecutor": {"command": "ls"})",
               R"("annotations": {"example.com/owner": "x", "team": ""}, "envVars": {"": ""})",
               R"("state": "DELETING", "name": "not a name", "status": "")");
  CAPTURE(extra);
  const fwmock::Status status = fwmock::ValidateJob(Job(extra));
  CHECK(status.message() == "");
  CHECK(status.ok());
}

TEST_CASE("each rule broken names its field", "[mock][job_validation]") {
  const auto [extra, message] = GENERATE(table<std::string, std::string>({
      {R"("nodePoolId": "")", R"(field "nodePoolId": required)"},
      {R"("imageRef": "i", "environmentId": "e")",
       R"(field "imageRef": cannot be set together with "environmentId")"},
      {R"("imageRef": "i", "snapshotId": "s")",
       R"(field "imageRef": cannot be set together with "snapshotId")"},
      {R"("imageRef": "i", "environmentId": "e", "snapshotId": "s")",
       R"(field "imageRef": cannot be set together with "environmentId")"},
      {R"("snapshotId": "s")", R"(field "snapshotId": requires "environmentId")"},
      {DisplayName(std::string(64, 'x')),
       R"(field "displayName": must be fewer than 64 characters, got 64)"},
      {DisplayName(Repeat("\xE6\x97\xA5", 64)),
       R"(field "displayName": must be fewer than 64 characters, got 64)"},
      {DisplayName(std::string(300, 'x')),
       R"(field "displayName": must be fewer than 64 characters, got 300)"},
      {R"("pythonExecutor": {"targetType": "MODULE", "target": "m"},
          "shellExecutor": {"command": "c"})",
       R"(field "shellExecutor": cannot be set together with "pythonExecutor" (at most one)"
       R"( executor))"},
      {R"("notebookExecutor": {"notebookFilename": "n"}, "shellExecutor": {"command": "c"})",
       R"(field "shellExecutor": cannot be set together with "notebookExecutor")"},
      {R"("pythonExecutor": {"target": "m"})", R"(field "pythonExecutor.targetType": required)"},
      {R"("pythonExecutor": {"targetType": "TARGET_TYPE_UNSPECIFIED", "target": "m"})",
       R"(field "pythonExecutor.targetType": required)"},
      {R"("pythonExecutor": {"targetType": "MODULE"})",
       R"(field "pythonExecutor.target": required)"},
      {R"("pythonExecutor": {})", R"(field "pythonExecutor.targetType": required)"},
      {R"("notebookExecutor": {})", R"(field "notebookExecutor.notebookFilename": required)"},
      {R"("shellExecutor": {"command": ""})", R"(field "shellExecutor.command": required)"},
      {R"("numRanks": -1)", R"(field "numRanks": must not be negative, got -1)"},
      {R"("annotations": {"a/b/c": "x"})", R"(field "annotations": key "a/b/c": must be a name)"},
      {R"("annotations": {"fireworks.ai/x": ""})",
       R"(field "annotations": key "fireworks.ai/x": the "fireworks.ai/" prefix is reserved)"},
  }));
  CAPTURE(extra);
  const fwmock::Status status = fwmock::ValidateJob(Job(extra));
  CHECK(status.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(status.message(), Contains("invalid batch job: " + message));
}

TEST_CASE("a job without a node pool fails on it first", "[mock][job_validation]") {
  const fwmock::Status status = fwmock::ValidateJob(fwmock::BatchJob());
  CHECK(status.code() == StatusCode::kInvalidArgument);
  CHECK(status.message() == R"(invalid batch job: field "nodePoolId": required)");
}

TEST_CASE("a fixture job may leave out its node pool and give an image beside an environment",
          "[mock][job_validation]") {
  CHECK(fwmock::ValidateJob(fwmock::BatchJob(), fwmock::JobSource::kFixture).ok());
  CHECK(fwmock::ValidateJob(Job(R"("nodePoolId": "")"), fwmock::JobSource::kFixture).ok());
  const fwmock::BatchJob both = Job(R"("imageRef": "i", "environmentId": "e", "snapshotId": "s")");
  CHECK(fwmock::ValidateJob(both, fwmock::JobSource::kFixture).ok());
  CHECK(fwmock::ValidateJob(Job(R"("snapshotId": "s")"), fwmock::JobSource::kFixture).ok());
  CHECK_FALSE(fwmock::ValidateJob(both).ok());
}

TEST_CASE("a fixture job breaks the other rules as a request does, its message unprefixed",
          "[mock][job_validation]") {
  const auto [extra, message] = GENERATE(table<std::string, std::string>({
      {R"("pythonExecutor": {"targetType": "MODULE", "target": "m"},
          "shellExecutor": {"command": "c"})",
       R"(field "shellExecutor": cannot be set together with "pythonExecutor" (at most one)"
       R"( executor))"},
      {R"("notebookExecutor": {})", R"(field "notebookExecutor.notebookFilename": required)"},
      {R"("annotations": {"a/b/c": "x"})", R"(field "annotations": key "a/b/c": must be a name)"},
      {R"("numRanks": -1)", R"(field "numRanks": must not be negative, got -1)"},
      {DisplayName(std::string(64, 'x')),
       R"(field "displayName": must be fewer than 64 characters, got 64)"},
  }));
  CAPTURE(extra);
  fwmock::BatchJob job = Job(extra);
  job.node_pool_id.clear();
  const fwmock::Status status = fwmock::ValidateJob(job, fwmock::JobSource::kFixture);
  CHECK(status.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(status.message(), StartsWith(message));
}

TEST_CASE("annotations over 256 KiB in total are refused", "[mock][job_validation]") {
  fwmock::BatchJob job = Job("");
  job.annotations["k"] = std::string(256 * 1024, 'v');
  const fwmock::Status status = fwmock::ValidateJob(job);
  CHECK(status.code() == StatusCode::kInvalidArgument);
  CHECK(status.message() ==
        "invalid batch job: field \"annotations\": keys and values must "
        "total at most 262144 bytes, got 262145");
}

}  // namespace
}  // namespace fwmock_test
