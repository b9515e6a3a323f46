#include "read_mask.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "test_support.h"

using Catch::Matchers::Contains;
using nlohmann::json;

namespace fwmock_test {
namespace {

using fwmock::ParseReadMask;
using fwmock::ReadMask;

ReadMask MustParse(const std::string& text) {
  fwmock::Result<ReadMask> mask = ParseReadMask(text);
  INFO(mask.status().message());
  REQUIRE(mask.ok());
  return *mask;
}

json FullJob() {
  const fwmock::Result<fwmock::BatchJob> job = fwmock::JobFromJson(OneJobJson());
  REQUIRE(job.ok());
  json out;
  to_json(out, *job);
  return out;
}

TEST_CASE("readMask parses to a canonical form", "[mock][read_mask]") {
  const auto [text, all, canonical] = GENERATE(table<std::string, bool, std::string>({
      {"", true, ""},
      {"*", true, ""},
      {" * ", true, ""},
      {"name", false, "name"},
      {"name,state", false, "name,state"},
      {"state,name", false, "name,state"},
      {" state , name ", false, "name,state"},
      {"displayName, numRanks", false, "display_name,num_ranks"},
      {"pythonExecutor.target", false, "python_executor.target"},
      {"python_executor", false, "python_executor"},
      {"python_executor.args", false, "python_executor.args"},
      {"env_vars,annotations", false, "annotations,env_vars"},
      {"name,name", false, "name"},
  }));
  CAPTURE(text);
  const ReadMask mask = MustParse(text);
  CHECK(mask.all == all);
  CHECK(mask.Canonical() == canonical);
}

TEST_CASE("the canonical readMask ignores order and spelling", "[mock][read_mask]") {
  CHECK(MustParse("state,name").Canonical() == MustParse("name,state").Canonical());
  CHECK(MustParse("displayName").Canonical() == MustParse("display_name").Canonical());
  CHECK(MustParse("python_executor.target,name").Canonical() ==
        MustParse("name,pythonExecutor.target").Canonical());
  CHECK(MustParse("name").Canonical() != MustParse("name,state").Canonical());
}

TEST_CASE("bad readMask values are INVALID_ARGUMENT", "[mock][read_mask]") {
  const auto [text, fragment] = GENERATE(table<std::string, std::string>({
      {"colour", R"(unknown field "colour")"},
      {"name,colour", "colour"},
      {"*,name", "*"},
      {"name,*", "*"},
      {"name,", "empty"},
      {",name", "empty"},
      {"name,,state", "empty"},
      {"python_executor..target", "empty"},
      {"python_executor.", "empty"},
      {".name", "empty"},
      {"env_vars.FOO", "env_vars"},
      {"annotations.team", "annotations"},
      {"python_executor.args.x", "args"},
      {"name.x", "name"},
      {"state.x", "state"},
      {"python_executor.bogus", "python_executor.bogus"},
      {"target", R"(unknown field "target")"},
      {"**", "**"},
  }));
  CAPTURE(text);
  const fwmock::Result<ReadMask> mask = ParseReadMask(text);
  REQUIRE_FALSE(mask.ok());
  CHECK(mask.status().code() == aipfilter::StatusCode::kInvalidArgument);
  CHECK_THAT(mask.status().message(), Contains("invalid readMask: "));
  CHECK_THAT(mask.status().message(), Contains(fragment));
}

TEST_CASE("Project keeps only the named fields", "[mock][read_mask]") {
  const json full = FullJob();
  const auto [text, expected] = GENERATE(table<std::string, json>({
      {"name,state",
       {{"name", "accounts/demo/batchJobs/0f3c9a1e5b7d4c2a8e6f1b3d5a7c9e0b"},
        {"state", "COMPLETED"}}},
      {"numRanks", {{"numRanks", 8}}},
      {"python_executor.target", {{"pythonExecutor", {{"target", "train.main"}}}}},
      {"python_executor.target,pythonExecutor.targetType",
       {{"pythonExecutor", {{"target", "train.main"}, {"targetType", "MODULE"}}}}},
      {"env_vars", {{"envVars", {{"NCCL_DEBUG", "INFO"}, {"WANDB_PROJECT", "llama-ft"}}}}},
      {"create_time", {{"createTime", "2026-03-14T09:26:53.589793238Z"}}},
  }));
  CAPTURE(text);
  CHECK(fwmock::Project(MustParse(text), full) == expected);
}

TEST_CASE("a whole message and one of its fields select the whole message", "[mock][read_mask]") {
  const json full = FullJob();
  const json expected = {{"pythonExecutor", full["pythonExecutor"]}};
  CHECK(fwmock::Project(MustParse("python_executor,python_executor.target"), full) == expected);
  CHECK(fwmock::Project(MustParse("python_executor.target,python_executor"), full) == expected);
}

TEST_CASE("an empty or star mask keeps everything", "[mock][read_mask]") {
  const json full = FullJob();
  CHECK(fwmock::Project(MustParse(""), full) == full);
  CHECK(fwmock::Project(MustParse("*"), full) == full);
}

TEST_CASE("unset timestamps and executors stay omitted under a mask", "[mock][read_mask]") {
  fwmock::BatchJob job;
  job.name = "accounts/a/batchJobs/x";
  json full;
  to_json(full, job);
  CHECK(fwmock::Project(MustParse("name,start_time"), full) == json{{"name", job.name}});
  CHECK(fwmock::Project(MustParse("notebook_executor.notebook_filename"), full) == json::object());
  CHECK(fwmock::Project(MustParse("shell_executor"), full) == json::object());
  CHECK(fwmock::Project(MustParse("annotations"), full) == json{{"annotations", json::object()}});
  CHECK(fwmock::Project(MustParse("state,shared"), full) ==
        json{{"state", "STATE_UNSPECIFIED"}, {"shared", false}});
}

}  // namespace
}  // namespace fwmock_test
