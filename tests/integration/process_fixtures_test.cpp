// --fixtures: loading files and directories, and the messages of bad fixtures.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <regex>
#include <set>

#include "api_client.h"
#include "fixture_data.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

TEST_CASE("Bad fixtures exit 2 naming the file and the position or the job and field",
          "[process][fixtures]") {
  const auto [text, parts] = GENERATE(table<std::string, std::vector<std::string>>({
      {"{\"batchJobs\":[\n{\"name\":\"accounts/a/batchJobs/1\"},\n{\"name\": }\n]}",
       {"line 3", "column 10"}},
      {"{\"batchJobs\":[", {"line 1", "column "}},
      {"", {"invalid JSON"}},
      {R"({"batchJobs":[{"name":"accounts/a/batchJobs/1"},)"
       R"({"name":"accounts/a/batchJobs/2","state":"RUNING"}]})",
       {"batchJobs[1]", "state", "RUNING"}},
      {R"({"batchJobs":[{"name":"accounts/a/batchJobs/1","createTime":"2026-13-45T00:00:00Z"}]})",
       {"batchJobs[0]", "createTime"}},
      {R"({"batchJobs":[{"name":"accounts/a/batchJobs/1","startTime":"yesterday"}]})",
       {"batchJobs[0]", "startTime"}},
      {R"({"batchJobs":[{"name":"accounts/a/batchJobs/1"},{"name":"accounts/a/batchJobs/1"}]})",
       {"batchJobs[1]", "accounts/a/batchJobs/1"}},
      {R"({"batchJobs":[{"name":"accounts/a/batchJobs/1","numRanks":"x"}]})",
       {"batchJobs[0]", "numRanks"}},
      {R"({"batchJobs":[{"name":"accounts/a/batchJobs/1","pythonExecutor":{"targetType":"JAR"}}]})",
       {"batchJobs[0]", "targetType"}},
      {R"({"batchJobs":[{"name":"not-a-job-name"}]})", {"batchJobs[0]", "not-a-job-name"}},
      {R"({"batchJobs":[{"displayName":"no name, no account"}]})", {"batchJobs[0]", "account"}},
      {R"({"batchJobs":[{"name":"accounts/a/batchJobs/1","shellExecutor":{"command":"c"},)"
       R"("pythonExecutor":{"targetType":"MODULE","target":"t"}}]})",
       {R"(batchJobs[0] (accounts/a/batchJobs/1): field "shellExecutor": cannot be set together)"
        R"( with "pythonExecutor" (at most one executor))"}},
      {R"({"batchJobs":[{"name":"accounts/a/batchJobs/1","notebookExecutor":{}}]})",
       {R"(batchJobs[0] (accounts/a/batchJobs/1): field "notebookExecutor.notebookFilename":)"
        R"( required)"}},
      {R"({"account":"a","batchJobs":[{},{"annotations":{"Bad Key":"v"}}]})",
       {R"(batchJobs[1]: field "annotations": key "Bad Key")"}},
      {R"({"batchJobs":{}})", {"batchJobs"}},
      {R"([])", {"batchJobs"}},
  }));
  CAPTURE(text);
  TempDir dir;
  const std::string file = dir.Write("bad.json", text);
  const ExitResult r = RunToCompletion({"--port", "0", "--fixtures", file});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains(file));
  for (const std::string& part : parts) CHECK_THAT(r.err, Contains(part));
  CHECK_THAT(r.out, !Contains("listening"));
}

TEST_CASE("A missing fixture path exits 2 naming it", "[process][fixtures]") {
  TempDir dir;
  const std::string missing = dir.path() + "/missing.json";
  const bool by_env = GENERATE(false, true);
  CAPTURE(by_env);
  const ExitResult r = by_env ? RunToCompletion({"--port", "0"}, {{"FWMOCK_FIXTURES", missing}})
                              : RunToCompletion({"--port", "0", "--fixtures", missing});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains(missing));
}

TEST_CASE("A bad file inside a fixtures directory is named", "[process][fixtures]") {
  TempDir dir;
  dir.Write("a.json", ReadJsonFile(SourcePath("tests/data/one_job.json")).dump());
  const std::string bad = dir.Write(
      "sub/b.json", R"({"batchJobs":[{"name":"accounts/x/batchJobs/1","state":"RUNING"}]})");
  const ExitResult r = RunToCompletion({"--port", "0", "--fixtures", dir.path()});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains(bad) && Contains("batchJobs[0]") && Contains("state"));
}

TEST_CASE("Fixtures given by --fixtures with one job serve exactly that job with every field",
          "[process][fixtures][json]") {
  const std::string path = SourcePath("tests/data/one_job.json");
  const json job = ReadJsonFile(path).at("batchJobs")[0];
  const bool by_env = GENERATE(false, true);
  CAPTURE(by_env);
  FwmockProcess server(
      by_env ? std::vector<std::string>{} : std::vector<std::string>{"--fixtures", path},
      by_env ? std::map<std::string, std::string>{{"FWMOCK_FIXTURES", path}}
             : std::map<std::string, std::string>{});
  ApiClient client(server);
  const HttpResult r = client.List("demo");
  REQUIRE(r.status == 200);
  CHECK(r.json.at("totalSize") == 1);
  CHECK(r.json.at("nextPageToken") == "");
  REQUIRE(r.json.at("batchJobs").size() == 1);
  const std::vector<std::string> diffs = JobDifferences(r.json.at("batchJobs")[0], job);
  CHECK(diffs.empty());
  for (const std::string& field : BatchJobFields())
    CHECK(r.json.at("batchJobs")[0].contains(field) ==
          (field != "notebookExecutor" && field != "shellExecutor"));
  const HttpResult acme = client.List("acme");
  REQUIRE(acme.status == 200);
  CHECK(acme.json.at("totalSize") == 0);
}

TEST_CASE("Fixture files and directories combine and flags replace the environment",
          "[process][fixtures]") {
  TempDir dir;
  const std::string one = SourcePath("tests/data/one_job.json");
  const std::string jobs_dir = dir.path() + "/jobs";
  dir.Write("jobs/2.json", R"({"batchJobs":[{"name":"accounts/demo/batchJobs/b2"}]})");
  dir.Write("jobs/deeper/3.json", R"({"batchJobs":[{"name":"accounts/demo/batchJobs/c3"}]})");
  dir.Write("jobs/notes.txt", "not json at all");
  const int way = GENERATE(range(0, 4));  // paths differ per run: build the rows here
  const std::vector<std::vector<std::string>> args = {{"--fixtures", one, "--fixtures", jobs_dir},
                                                      {"--fixtures", one + ":" + jobs_dir},
                                                      {},
                                                      {"--fixtures", one, "--fixtures", jobs_dir}};
  const std::vector<std::map<std::string, std::string>> env = {
      {}, {}, {{"FWMOCK_FIXTURES", one + ":" + jobs_dir}}, {{"FWMOCK_FIXTURES", "/nonexistent"}}};
  const auto i = static_cast<std::size_t>(way);
  CAPTURE(args[i], env[i]);
  FwmockProcess server(args[i], env[i]);
  ApiClient client(server);
  const Listing listing = ListAll(client, "demo", "orderBy=name", 2);
  REQUIRE(listing.ok);
  CHECK(listing.names ==
        std::vector<std::string>{"accounts/demo/batchJobs/0f3c9a1e5b7d4c2a8e6f1b3d5a7c9e0b",
                                 "accounts/demo/batchJobs/b2", "accounts/demo/batchJobs/c3"});
}

TEST_CASE("snake_case fixture keys are accepted and unknown keys ignored", "[process][fixtures]") {
  TempDir dir;
  const std::string file = dir.Write("snake.json", R"({"batchJobs":[{
    "name":"accounts/demo/batchJobs/s1","display_name":"snake","create_time":"2025-02-03T04:05:06Z",
    "num_ranks":3,"node_pool_id":"pool","env_vars":{"A_B":"1"},"unknown_key":{"x":[1,2]},
    "python_executor":{"target_type":"FILENAME","target":"run.py","args":["--x"]},"state":"FAILED"}]})");
  FwmockProcess server({"--fixtures", file});
  ApiClient client(server);
  const HttpResult r = client.List("demo");
  REQUIRE(r.status == 200);
  REQUIRE(r.json.at("batchJobs").size() == 1);
  const json camel = {
      {"name", "accounts/demo/batchJobs/s1"},
      {"displayName", "snake"},
      {"createTime", "2025-02-03T04:05:06Z"},
      {"numRanks", 3},
      {"nodePoolId", "pool"},
      {"envVars", {{"A_B", "1"}}},
      {"pythonExecutor", {{"targetType", "FILENAME"}, {"target", "run.py"}, {"args", {"--x"}}}},
      {"state", "FAILED"}};
  CHECK(JobDifferences(r.json.at("batchJobs")[0], camel).empty());
}

TEST_CASE("Unknown fixture keys load with one warning each on stderr and the closest field",
          "[process][fixtures]") {
  TempDir dir;
  const std::string file = dir.Write("typo.json", R"({"batchJobs":[
    {"name":"accounts/demo/batchJobs/t1","numRank":2,"nodePoolId":"p"},
    {"name":"accounts/demo/batchJobs/t2","numRank":4,"pythonExecutor":{"targetType":"MODULE",
     "target":"m","argz":["x"]},"colour":"red"}]})");
  FwmockProcess server({"--fixtures", file});
  const HttpResult r = ApiClient(server).List("demo");
  REQUIRE(r.status == 200);
  CHECK(r.json.at("totalSize") == 2);
  const std::string w = "fwmock: warning: " + file + ": ";
  const std::vector<std::string> lines = {
      R"(batchJobs[0] (accounts/demo/batchJobs/t1): unknown field "numRank" ignored (in 2 jobs);)"
      R"( did you mean "numRanks"?)",
      R"(batchJobs[1] (accounts/demo/batchJobs/t2): unknown field "pythonExecutor.argz")"
      R"( ignored; did you mean "pythonExecutor.args"?)",
      R"(batchJobs[1] (accounts/demo/batchJobs/t2): unknown field "colour" ignored)",
  };
  std::string expected;
  for (const std::string& line : lines) expected += w + line + "\n";
  CHECK(server.Stderr() == expected);
}

TEST_CASE("The bundled and the generated fixtures load without a warning", "[process][fixtures]") {
  const bool generated = GENERATE(false, true);
  CAPTURE(generated);
  TempDir dir;
  std::vector<std::string> args;
  if (generated) {
    const std::string file = dir.path() + "/generated.json";
    const std::string command =
        "/usr/bin/python3 " + SourcePath("scripts/gen-fixtures") + " 2000 --seed 3 > " + file;
    REQUIRE(std::system(command.c_str()) == 0);
    args = {"--fixtures", file};
  }
  FwmockProcess server(args);
  CHECK(ApiClient(server).List("acme", "pageSize=1").json.at("totalSize") > 0);
  CHECK(server.Stderr() == "");
}

TEST_CASE("Jobs without a name get 32-hex ids in the file's account reproducible by --seed",
          "[process][fixtures]") {
  TempDir dir;
  const std::string file = dir.Write(
      "nameless.json",
      R"({"account":"demo","batchJobs":[{"displayName":"a"},{"displayName":"b"},{"displayName":"c"}]})");
  const auto names = [&file](const std::string& seed) {
    FwmockProcess server({"--fixtures", file, "--seed", seed});
    ApiClient client(server);
    const Listing listing = ListAll(client, "demo", "orderBy=display_name", 50);
    REQUIRE(listing.ok);
    return listing.names;
  };
  const std::vector<std::string> first = names("7");
  REQUIRE(first.size() == 3);
  for (const std::string& name : first) {
    CHECK(std::regex_match(name, std::regex("accounts/demo/batchJobs/[0-9a-f]{32}")));
  }
  CHECK(std::set<std::string>(first.begin(), first.end()).size() == 3);
  CHECK(names("7") == first);
}

}  // namespace
}  // namespace fwmock_test
