#include "job_body.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.h"

using Catch::Matchers::Contains;
using nlohmann::json;

namespace fwmock_test {
namespace {

using aipfilter::StatusCode;
using fwmock::BatchJob;
using fwmock::JobBody;
using fwmock::MergeJobBody;
using fwmock::ParseJobBody;

JobBody MustParse(const std::string& text) {
  fwmock::Result<JobBody> body = ParseJobBody(text);
  INFO(body.status().message());
  REQUIRE(body.ok());
  return *body;
}

BatchJob OneJob() {
  fwmock::Result<BatchJob> job = fwmock::JobFromJson(OneJobJson());
  REQUIRE(job.ok());
  return *job;
}

json Merged(const BatchJob& base, const std::string& body) {
  fwmock::Result<BatchJob> job = MergeJobBody(base, MustParse(body));
  INFO(job.status().message());
  REQUIRE(job.ok());
  return json(*job);
}

TEST_CASE("the output-only fields are the ones the README lists", "[mock][job_body]") {
  std::vector<std::string> got;
  for (const fwmock::JobField& f : fwmock::JobFields()) {
    if (fwmock::IsOutputOnly(f)) got.push_back(f.json_name);
  }
  CHECK(got == std::vector<std::string>{"name", "createTime", "startTime", "endTime", "createdBy",
                                        "state", "status", "updateTime"});
}

TEST_CASE("the mask names the paths a body gives, as grpc-gateway's implied mask",
          "[mock][job_body]") {
  using Mask = std::vector<std::string>;
  const auto [body, mask] = GENERATE(table<std::string, Mask>({
      {"{}", {}},
      {"", {}},
      {R"({"displayName": "x"})", {"display_name"}},
      {R"({"display_name": "x", "numRanks": 2})", {"display_name", "num_ranks"}},
      {R"({"displayName": null})", {"display_name"}},
      {R"({"pythonExecutor": {"target": "b"}})", {"python_executor.target"}},
      {R"({"python_executor": {"target_type": "MODULE", "args": []}})",
       {"python_executor.args", "python_executor.target_type"}},
      {R"({"pythonExecutor": {}})", {"python_executor"}},
      {R"({"pythonExecutor": {"bogus": 1}})", {"python_executor"}},
      {R"({"pythonExecutor": null})", {"python_executor"}},
      {R"({"envVars": {"A": "1"}, "annotations": {}})", {"annotations", "env_vars"}},
      {R"({"bogus": {"nodePoolId": "x"}, "shared": false})", {"shared"}},
      {R"({"name": "x", "state": "RUNNING", "createTime": "2026-01-01T00:00:00Z",
           "created_by": "e", "status": 7, "updateTime": "bad", "startTime": [], "endTime": null})",
       {}},
  }));
  CAPTURE(body);
  CHECK(MustParse(body).Mask() == mask);
}

TEST_CASE("a body names a field, the fields inside it and the message around it",
          "[mock][job_body]") {
  const auto [body, path, named] = GENERATE(table<std::string, std::string, bool>({
      {R"({"pythonExecutor": {"target": "b"}})", "python_executor", true},
      {R"({"pythonExecutor": {"target": "b"}})", "pythonExecutor.target", true},
      {R"({"pythonExecutor": {"target": "b"}})", "python_executor.args", false},
      {R"({"pythonExecutor": {"target": "b"}})", "display_name", false},
      {R"({"pythonExecutor": {"target": "b"}})", "python_executor.bogus", false},
      {R"({"pythonExecutor": null})", "python_executor.target", true},
      {R"({"pythonExecutor": {}})", "pythonExecutor.args", true},
      {R"({"env_vars": {}})", "envVars", true},
      {R"({"name": "accounts/a/batchJobs/b"})", "name", false},
      {R"({"bogus": 1})", "bogus", false},
  }));
  CAPTURE(body, path);
  CHECK(MustParse(body).Names(path) == named);
}

TEST_CASE("a body's fields are kept as given under their camelCase names", "[mock][job_body]") {
  const JobBody body = MustParse(
      R"({"num_ranks": "3", "python_executor": {"target_type": 1, "x": 2}, "role": null,
          "state": "RUNNING", "other": true})");
  CHECK(body.fields() ==
        json({{"numRanks", "3"}, {"pythonExecutor", {{"targetType", 1}}}, {"role", nullptr}}));
}

TEST_CASE("a value of the wrong type is refused naming its path", "[mock][job_body]") {
  const auto [body, message] = GENERATE(table<std::string, std::string>({
      {R"({"displayName": 5})", R"(field "displayName": expected a string, got number)"},
      {R"({"nodePoolId": {}})", R"(field "nodePoolId": expected a string, got object)"},
      {R"({"shared": "yes"})", R"(field "shared": expected true or false, got string)"},
      {R"({"numRanks": 1.5})", R"(field "numRanks": expected an int32, got number)"},
      {R"({"numRanks": "two"})", R"(field "numRanks": expected an int32, got string)"},
      {R"({"numRanks": "+3"})", R"(field "numRanks": expected an int32, got string)"},
      {R"({"numRanks": "1234567890123"})", R"(field "numRanks": expected an int32, got string)"},
      {R"({"numRanks": true})", R"(field "numRanks": expected an int32, got boolean)"},
      {R"({"numRanks": 3000000000})",
       R"(field "numRanks": value 3000000000 is out of the int32 range)"},
      {R"({"numRanks": -2147483649})",
       R"(field "numRanks": value -2147483649 is out of the int32 range)"},
      {R"({"numRanks": "2147483648"})",
       R"(field "numRanks": value "2147483648" is out of the int32 range)"},
      {R"({"numRanks": 18446744073709551615})",
       R"(field "numRanks": value 18446744073709551615 is out of the int32 range)"},
      {R"({"envVars": []})", R"(field "envVars": expected an object, got array)"},
      {R"({"envVars": {"A": 1}})",
       R"(field "envVars": value of key "A": expected a string, got number)"},
      {R"({"env_vars": {"B": "b", "A": null}})",
       R"(field "envVars": value of key "A": expected a string, got null)"},
      {R"({"annotations": "x"})", R"(field "annotations": expected an object, got string)"},
      {R"({"pythonExecutor": "x"})", R"(field "pythonExecutor": expected an object, got string)"},
      {R"({"shellExecutor": []})", R"(field "shellExecutor": expected an object, got array)"},
      {R"({"pythonExecutor": {"args": "a"}})",
       R"(field "pythonExecutor.args": expected an array, got string)"},
      {R"({"pythonExecutor": {"args": ["a", "b", 3]}})",
       R"(field "pythonExecutor.args[2]": expected a string, got number)"},
      {R"({"pythonExecutor": {"args": [null]}})",
       R"(field "pythonExecutor.args[0]": expected a string, got null)"},
      {R"({"pythonExecutor": {"targetType": "JAR"}})",
       R"(field "pythonExecutor.targetType": unknown value "JAR")"},
      {R"({"python_executor": {"target_type": "module"}})",
       R"(field "pythonExecutor.targetType": unknown value "module")"},
      {R"({"pythonExecutor": {"targetType": 3}})",
       R"(field "pythonExecutor.targetType": unknown value 3)"},
      {R"({"pythonExecutor": {"targetType": -1}})",
       R"(field "pythonExecutor.targetType": unknown value -1)"},
      {R"({"shellExecutor": {"command": ["ls"]}})",
       R"(field "shellExecutor.command": expected a string, got array)"},
      {R"({"numRanks": 1, "num_ranks": 2})",
       R"(field "numRanks": given twice, as "numRanks" and as "num_ranks")"},
      {R"({"pythonExecutor": {"targetType": "MODULE", "target_type": "MODULE"}})",
       R"(field "pythonExecutor.targetType": given twice, as "targetType" and as "target_type")"},
  }));
  CAPTURE(body);
  const fwmock::Result<JobBody> parsed = ParseJobBody(body);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.status().code() == StatusCode::kInvalidArgument);
  CHECK(parsed.status().message() == "invalid batch job: " + message);
}

TEST_CASE("JSON errors of a body come from the body parser", "[mock][job_body]") {
  const auto [body, message] = GENERATE(table<std::string, std::string>({
      {R"({"numRanks": 1, "numRanks": 2})", R"(invalid JSON: key "numRanks" given twice)"},
      {"[]", "expected a JSON object, got array"},
      {R"({"numRanks": })", "invalid JSON: "},
  }));
  CAPTURE(body);
  const fwmock::Result<JobBody> parsed = ParseJobBody(body);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.status().code() == StatusCode::kInvalidArgument);
  CHECK_THAT(parsed.status().message(), Contains(message));
}

TEST_CASE("values at the edges of their types are accepted", "[mock][job_body]") {
  const std::string body =
      GENERATE(as<std::string>{}, R"({"numRanks": 2147483647})", R"({"numRanks": -2147483648})",
               R"({"numRanks": "-5"})", R"({"numRanks": "2147483647"})",
               R"({"pythonExecutor": {"targetType": 2}})",
               R"({"pythonExecutor": {"targetType": "FILENAME"}})",
               R"({"displayName": null, "envVars": null, "shared": null,
                                        "pythonExecutor": {"args": null, "targetType": null}})");
  CAPTURE(body);
  CHECK(ParseJobBody(body).ok());
}

TEST_CASE("a merge changes exactly the fields the body names", "[mock][job_body]") {
  const auto [body, pointer, present,
              value] = GENERATE(table<std::string, std::string, bool, json>({
      {R"({"pythonExecutor": {"target": "b"}})", "/pythonExecutor/target", true, "b"},
      {R"({"displayName": "new"})", "/displayName", true, "new"},
      {R"({"display_name": null})", "/displayName", true, ""},
      {R"({"numRanks": "5"})", "/numRanks", true, 5},
      {R"({"numRanks": null})", "/numRanks", true, 0},
      {R"({"shared": false})", "/shared", true, false},
      {R"({"envVars": {"X": "1"}})", "/envVars", true, {{"X", "1"}}},
      {R"({"envVars": {}})", "/envVars", true, json::object()},
      {R"({"annotations": null})", "/annotations", true, json::object()},
      {R"({"pythonExecutor": {"args": ["z"]}})", "/pythonExecutor/args", true, {"z"}},
      {R"({"pythonExecutor": {"args": null}})", "/pythonExecutor/args", true, json::array()},
      {R"({"pythonExecutor": {"targetType": 2}})", "/pythonExecutor/targetType", true, "FILENAME"},
      {R"({"pythonExecutor": {"targetType": null}})", "/pythonExecutor/targetType", true,
       "TARGET_TYPE_UNSPECIFIED"},
      {R"({"pythonExecutor": {}})",
       "/pythonExecutor",
       true,
       {{"targetType", "TARGET_TYPE_UNSPECIFIED"}, {"target", ""}, {"args", json::array()}}},
      {R"({"pythonExecutor": null})", "/pythonExecutor", false, nullptr},
      {R"({"shellExecutor": {"command": "c"}})", "/shellExecutor", true, {{"command", "c"}}},
      {R"({"notebookExecutor": {"notebookFilename": null}})",
       "/notebookExecutor",
       true,
       {{"notebookFilename", ""}}},
  }));
  CAPTURE(body);
  const BatchJob base = OneJob();
  json expected(base);
  const json::json_pointer at(pointer);
  if (present) {
    expected[at] = value;
  } else {
    expected[at.parent_pointer()].erase(at.back());
  }
  CHECK(Merged(base, body) == expected);
}

TEST_CASE("a merge keeps the output-only fields whatever the body says", "[mock][job_body]") {
  const BatchJob base = OneJob();
  const json merged =
      Merged(base, R"({"name": "accounts/x/batchJobs/y", "createTime": null, "startTime": "bad",
               "endTime": 5, "createdBy": "eve", "state": "FAILED", "status": "x",
               "update_time": "2020-01-01T00:00:00Z"})");
  CHECK(merged == json(base));
}

TEST_CASE("a merge onto an empty job describes a created job", "[mock][job_body]") {
  const json merged = Merged(BatchJob(), R"({"nodePoolId": "p", "pythonExecutor": {"target": "m"},
                                              "state": "RUNNING"})");
  json expected(BatchJob{});
  expected["nodePoolId"] = "p";
  expected["pythonExecutor"] = {
      {"targetType", "TARGET_TYPE_UNSPECIFIED"}, {"target", "m"}, {"args", json::array()}};
  CHECK(merged == expected);
}

TEST_CASE("merging the same body twice changes nothing more", "[mock][job_body]") {
  const std::string body = GENERATE(as<std::string>{}, R"({"pythonExecutor": {"target": "b"}})",
                                    R"({"pythonExecutor": null, "shellExecutor": {}})",
                                    R"({"envVars": {"A": "a"}, "displayName": null})");
  CAPTURE(body);
  const JobBody parsed = MustParse(body);
  fwmock::Result<BatchJob> once = MergeJobBody(OneJob(), parsed);
  REQUIRE(once.ok());
  fwmock::Result<BatchJob> twice = MergeJobBody(*once, parsed);
  REQUIRE(twice.ok());
  CHECK(json(*twice) == json(*once));
  CHECK(json(*once) != json(OneJob()));
}

}  // namespace
}  // namespace fwmock_test
