// Get, readMask on Get, and what every job operation answers for unknown jobs and bad keys.
#include <catch2/catch.hpp>

#include "job_helpers.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

TEST_CASE("Get of a fixture job renders it as the fixture gives it", "[jobs][get]") {
  const std::string path = SourcePath("tests/data/one_job.json");
  const json fixture = ReadJsonFile(path).at("batchJobs")[0];
  ManualServer server({}, ReadJsonFile(path).dump());
  ApiClient client(server.process());
  const HttpResult r = GetJob(client, fixture.at("name"));
  INFO("body: " << r.body);
  REQUIRE(r.status == 200);
  CHECK_THAT(r.Header("Content-Type"), Contains("application/json"));
  CHECK(JobDifferences(r.json, fixture).empty());
  Advance(client, 86400 * 30);
  CHECK(GetJob(client, fixture.at("name")).json == r.json);
}

TEST_CASE("Get of an unknown job is 404 code 5 naming it", "[jobs][get]") {
  ManualServer server({}, StatesFixture({"acme"}));
  ApiClient client(server.process());
  const json created = MustCreate(client, "acme");
  for (const std::string name :
       {"accounts/acme/batchJobs/x", "accounts/acme/batchJobs/0123456789abcdef0123456789abcdef",
        "accounts/globex/batchJobs/fx-running", "accounts/acme/batchJobs/FX-RUNNING",
        "accounts/acme/batchJobs/fx-runnin"}) {
    CAPTURE(name);
    const HttpResult r = GetJob(client, name);
    CheckApiError(r, 404, 5);
    CHECK_THAT(r.Message(), Contains("batch job \"" + name + "\" not found"));
  }
  CheckApiError(GetJob(client, "accounts/globex/batchJobs/" + IdOf(created.at("name"))), 404, 5);
}

TEST_CASE("Get takes a readMask as List does", "[jobs][get][read_mask]") {
  ManualServer server;
  ApiClient client(server.process());
  const json job = MustCreate(
      client, "acme",
      {{"nodePoolId", "p"},
       {"numRanks", 2},
       {"pythonExecutor", {{"targetType", "MODULE"}, {"target", "m"}, {"args", {"a"}}}}});
  const std::string name = job.at("name");
  for (const auto& [mask, expected] : std::vector<std::pair<std::string, std::string>>{
           {"name,state", R"({"name":"NAME","state":"CREATING"})"},
           {"num_ranks", R"({"numRanks":2})"},
           {"numRanks,nodePoolId", R"({"numRanks":2,"nodePoolId":"p"})"},
           {"python_executor.target", R"({"pythonExecutor":{"target":"m"}})"},
           {"start_time,end_time", R"({})"},
           {"shell_executor", R"({})"}}) {
    CAPTURE(mask);
    json want = json::parse(expected);
    if (want.contains("name")) want["name"] = name;
    const HttpResult r = GetJob(client, name, Query({{"readMask", mask}}));
    INFO("body: " << r.body);
    REQUIRE(r.status == 200);
    CHECK(r.json == want);
    const HttpResult snake = GetJob(client, name, Query({{"read_mask", mask}}));
    CHECK(snake.json == want);
  }
  for (const std::string all : {"*", ""}) {
    CHECK(GetJob(client, name, Query({{"readMask", all}})).json == job);
  }
}

TEST_CASE("A bad readMask on Get is 400 code 3", "[jobs][get][read_mask]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::string name = MustCreate(client, "acme").at("name");
  for (const std::string mask :
       {"colour", "name,", "*,name", "env_vars.A", "python_executor.args.x"}) {
    CAPTURE(mask);
    const HttpResult r = GetJob(client, name, Query({{"readMask", mask}}));
    CheckApiError(r, 400, 3);
    CHECK_THAT(r.Message(), Contains("invalid readMask"));
  }
  CheckApiError(GetJob(client, name, "readMask=name&readMask=state"), 400, 3);
}

// Every operation on one job: method, target suffix, body.
struct Operation {
  std::string method;
  std::string suffix;
  std::string body;
};

const std::vector<Operation>& JobOperations() {
  static const std::vector<Operation> kOps = {{"GET", "", ""},
                                              {"PATCH", "", R"({"displayName":"x"})"},
                                              {"DELETE", "", ""},
                                              {"POST", ":cancel", "{}"},
                                              {"GET", ":getLogs", ""}};
  return kOps;
}

TEST_CASE("Every operation on an unknown job is 404 code 5 naming it", "[jobs][errors]") {
  ManualServer server;
  ApiClient client(server.process());
  MustCreate(client, "acme");
  const std::string name = "accounts/acme/batchJobs/0123456789abcdef0123456789abcdef";
  for (const Operation& op : JobOperations()) {
    CAPTURE(op.method, op.suffix);
    const HttpResult r =
        client.Send(op.method, JobPath(name) + op.suffix, {}, op.body, "application/json");
    CheckApiError(r, 404, 5);
    CHECK_THAT(r.Message(), Contains(name));
  }
}

TEST_CASE("Every job operation needs a key of the account", "[jobs][errors][auth]") {
  ManualServer server({"--api-key", "k1=acme:ana@example.com", "--api-key", "k2=globex"});
  ApiClient owner(server.process(), "k1");
  const std::string name = MustCreate(owner, "acme").at("name");
  std::vector<Operation> ops = JobOperations();
  ops.push_back({"POST", "", R"({"nodePoolId":"p"})"});
  ops.push_back({"GET", "", ""});
  const auto target = [&name](std::size_t i, const Operation& op) {
    if (i == 5) return ListPath("acme");
    if (i == 6) return ListPath("acme") + "?pageSize=1";
    return JobPath(name) + op.suffix;
  };
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const Operation& op = ops[i];
    CAPTURE(op.method, target(i, op));
    for (const auto& [key, status, code] : std::vector<std::tuple<std::string, int, int>>{
             {"", 401, 16}, {"k9", 401, 16}, {"k2", 403, 7}}) {
      CAPTURE(key);
      ApiClient client(server.process(), key);
      const HttpResult r = client.Send(op.method, target(i, op), {}, op.body, "application/json");
      CheckApiError(r, status, code);
      if (status == 401) CHECK(r.Header("WWW-Authenticate") == "Bearer realm=\"fwmock\"");
    }
  }
  ApiClient other(server.process(), "k2");
  CheckApiError(BatchDelete(other, "acme", {{"names", {name}}}), 403, 7);
  const json job = MustGet(owner, name);
  CHECK(job.value("state", "") == "CREATING");
  CHECK(job.value("displayName", "x").empty());
  CHECK(owner.List("acme").json.value("totalSize", -1) == 1);
}

}  // namespace
}  // namespace fwmock_test
