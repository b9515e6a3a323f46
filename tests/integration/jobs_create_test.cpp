// Create: what the server assigns, what it ignores, and the ids it draws.
#include <catch2/catch.hpp>
#include <regex>
#include <set>
#include <tuple>

#include "job_helpers.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

const json kFullBody = json::parse(R"({
  "displayName": "nightly eval – évaluation 🚀",
  "nodePoolId": "h100-sxm-8x",
  "environmentId": "torch-2-4",
  "snapshotId": "snap-1",
  "numRanks": 4,
  "envVars": {"A": "1", "B_C": "two"},
  "role": "arn:aws:iam::123456789012:role/trainer",
  "pythonExecutor": {"targetType": "MODULE", "target": "train.main", "args": ["--x", "1"]},
  "annotations": {"example.com/owner": "ana", "team": "research"},
  "shared": true
})");

bool IsJobName(const std::string& name, const std::string& account) {
  return std::regex_match(name, std::regex("accounts/" + account + "/batchJobs/[0-9a-f]{32}"));
}

TEST_CASE("Create answers the job with the fields sent and the server-assigned ones",
          "[jobs][create]") {
  ManualServer server;
  ApiClient client(server.process());
  Advance(client, 42.5);
  const HttpResult r = CreateJob(client, "acme", kFullBody);
  INFO("body: " << r.body);
  REQUIRE(r.status == 200);
  CHECK_THAT(r.Header("Content-Type"), Contains("application/json"));
  const json& job = r.json;
  CHECK(IsJobName(job.value("name", ""), "acme"));
  CHECK(job.value("state", "") == "CREATING");
  CHECK(job.value("status", "") == "creating");
  CHECK(job.value("createdBy", "") == "developer@fwmock.dev");
  CHECK(TimeText(job, "createTime") == AtText(42.5));
  CHECK(TimeText(job, "updateTime") == AtText(42.5));
  CHECK(TimeText(job, "startTime") == "<absent>");
  CHECK(TimeText(job, "endTime") == "<absent>");
  json expected = kFullBody;
  expected["name"] = job.value("name", "");
  expected["state"] = "CREATING";
  expected["status"] = "creating";
  expected["createdBy"] = "developer@fwmock.dev";
  expected["createTime"] = Canonical(At(42.5));
  expected["updateTime"] = Canonical(At(42.5));
  CHECK(JobDifferences(job, expected).empty());
  SECTION("Get returns exactly the job Create answered") {
    const HttpResult got = GetJob(client, job.value("name", ""));
    REQUIRE(got.status == 200);
    CHECK(got.json == job);
  }
  SECTION("List has it and counts it") {
    const HttpResult list = client.List("acme");
    REQUIRE(list.status == 200);
    CHECK(list.json.value("totalSize", -1) == 1);
    REQUIRE(list.json.at("batchJobs").size() == 1);
    CHECK(list.json.at("batchJobs")[0] == job);
  }
}

TEST_CASE("Output-only fields in a Create body are ignored", "[jobs][create]") {
  ManualServer server;
  ApiClient client(server.process());
  json body = {{"nodePoolId", "pool"},
               {"name", "accounts/acme/batchJobs/0123456789abcdef0123456789abcdef"},
               {"createTime", "2020-01-01T00:00:00Z"},
               {"startTime", "2020-01-02T00:00:00Z"},
               {"endTime", "2020-01-03T00:00:00Z"},
               {"updateTime", "2020-01-04T00:00:00Z"},
               {"createdBy", "mallory@example.com"},
               {"state", "COMPLETED"},
               {"status", "all done"}};
  const json job = MustCreate(client, "acme", body);
  CHECK(IsJobName(job.value("name", ""), "acme"));
  CHECK(job.value("name", "") != body["name"]);
  CHECK(job.value("state", "") == "CREATING");
  CHECK(job.value("status", "") == "creating");
  CHECK(job.value("createdBy", "") == "developer@fwmock.dev");
  CHECK(TimeText(job, "createTime") == AtText(0));
  CHECK(TimeText(job, "updateTime") == AtText(0));
  CHECK(TimeText(job, "startTime") == "<absent>");
  CHECK(TimeText(job, "endTime") == "<absent>");
  CHECK(GetJob(client, "accounts/acme/batchJobs/0123456789abcdef0123456789abcdef").status == 404);
}

TEST_CASE("Create accepts snake_case keys and ignores unknown ones", "[jobs][create]") {
  ManualServer server;
  ApiClient client(server.process());
  const json job = MustCreate(client, "acme", json::parse(R"({
    "node_pool_id": "pool", "display_name": "snake", "num_ranks": 3, "env_vars": {"K": "v"},
    "image_ref": "img:1", "python_executor": {"target_type": "FILENAME", "target": "run.py"},
    "unknown_field": {"deep": [1, 2, {"x": null}]}, "anotherUnknown": 5})"));
  CHECK(job.value("nodePoolId", "") == "pool");
  CHECK(job.value("displayName", "") == "snake");
  CHECK(job.value("numRanks", -1) == 3);
  CHECK(job.value("envVars", json()) == json{{"K", "v"}});
  CHECK(job.value("imageRef", "") == "img:1");
  CHECK(job.value("pythonExecutor", json()) ==
        json{{"targetType", "FILENAME"}, {"target", "run.py"}, {"args", json::array()}});
  CHECK(!job.contains("unknown_field"));
  CHECK(!job.contains("anotherUnknown"));
  CHECK(!job.contains("node_pool_id"));
}

TEST_CASE("A minimal Create renders every field with its default", "[jobs][create]") {
  ManualServer server;
  ApiClient client(server.process());
  const json job = MustCreate(client, "acme", {{"nodePoolId", "p"}});
  for (const std::string& field : BatchJobFields()) {
    CAPTURE(field);
    const bool omitted = field == "startTime" || field == "endTime" || field == "pythonExecutor" ||
                         field == "notebookExecutor" || field == "shellExecutor";
    CHECK(job.contains(field) == !omitted);
  }
  CHECK(job.value("numRanks", -1) == 0);
  CHECK(job.value("envVars", json()) == json::object());
  CHECK(job.value("annotations", json()) == json::object());
  CHECK(job.value("shared", true) == false);
  CHECK(job.value("displayName", "x").empty());
}

TEST_CASE("Each executor kind is accepted and echoed", "[jobs][create]") {
  ManualServer server;
  ApiClient client(server.process());
  for (const auto& [body, field, rendered] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {R"({"nodePoolId":"p","notebookExecutor":{"notebookFilename":"a.ipynb"}})",
            "notebookExecutor", R"({"notebookFilename":"a.ipynb"})"},
           {R"({"nodePoolId":"p","shellExecutor":{"command":"echo hi"}})", "shellExecutor",
            R"({"command":"echo hi"})"},
           {R"({"nodePoolId":"p","pythonExecutor":{"targetType":"MODULE","target":"m"}})",
            "pythonExecutor", R"({"targetType":"MODULE","target":"m","args":[]})"}}) {
    CAPTURE(body);
    const json job = MustCreate(client, "acme", json::parse(body));
    CHECK(job.value(field, json()) == json::parse(rendered));
    CHECK(MustGet(client, job.at("name")) == job);
  }
}

TEST_CASE("createTime follows the manual clock and List orders creations newest first",
          "[jobs][create]") {
  ManualServer server;
  ApiClient client(server.process());
  std::vector<std::string> created;
  for (int i = 0; i < 5; ++i) {
    const json job = MustCreate(client, "acme", {{"nodePoolId", "p"}});
    CHECK(TimeText(job, "createTime") == AtText(i * 0.25));
    created.push_back(job.at("name"));
    Advance(client, 0.25);
  }
  CHECK(std::set<std::string>(created.begin(), created.end()).size() == 5);
  const Listing listing = ListAll(client, "acme", "", 2);
  REQUIRE(listing.ok);
  CHECK(listing.names == std::vector<std::string>(created.rbegin(), created.rend()));
  CHECK(listing.pages[0].json.value("totalSize", -1) == 5);
  CHECK(client.List("globex").json.value("totalSize", -1) == 0);
}

TEST_CASE("createdBy is the e-mail bound to the API key or developer@fwmock.dev",
          "[jobs][create][auth]") {
  ManualServer server(
      {"--api-key", "k1=acme:ana@example.com", "--api-key", "k2=acme", "--api-key", "k3"});
  for (const auto& [key, email] :
       std::vector<std::pair<std::string, std::string>>{{"k1", "ana@example.com"},
                                                        {"k2", "developer@fwmock.dev"},
                                                        {"k3", "developer@fwmock.dev"}}) {
    CAPTURE(key);
    ApiClient client(server.process(), key);
    const json job = MustCreate(client, "acme", {{"nodePoolId", "p"}});
    CHECK(job.value("createdBy", "") == email);
    CHECK(MustGet(client, job.at("name")).value("createdBy", "") == email);
  }
}

TEST_CASE("Create needs a key of the account", "[jobs][create][auth]") {
  ManualServer server({"--api-key", "k1=acme:ana@example.com"});
  ApiClient anonymous(server.process(), "");
  CheckApiError(CreateJob(anonymous, "acme", {{"nodePoolId", "p"}}), 401, 16);
  ApiClient unknown(server.process(), "k9");
  CheckApiError(CreateJob(unknown, "acme", {{"nodePoolId", "p"}}), 401, 16);
  ApiClient bound(server.process(), "k1");
  CheckApiError(CreateJob(bound, "globex", {{"nodePoolId", "p"}}), 403, 7);
  CHECK(bound.List("acme").json.value("totalSize", -1) == 0);
}

// The ids one server assigns to `creates` (account names) in order, keyed by account.
std::map<std::string, std::vector<std::string>> IdsOf(const std::string& seed,
                                                      const std::vector<std::string>& creates) {
  ManualServer server({"--seed", seed});
  ApiClient client(server.process());
  std::map<std::string, std::vector<std::string>> ids;
  int i = 0;
  for (const std::string& account : creates) {
    const json job =
        MustCreate(client, account, {{"nodePoolId", "p"}, {"displayName", std::to_string(i++)}});
    CHECK(IsJobName(job.value("name", ""), account));
    ids[account].push_back(IdOf(job.at("name")));
  }
  return ids;
}

TEST_CASE("The same seed gives an account the same ids whatever other accounts do",
          "[jobs][create][ids]") {
  const auto alone = IdsOf("42", {"acme", "acme", "acme"});
  const auto mixed =
      IdsOf("42", {"globex", "acme", "globex", "globex", "initech", "acme", "acme", "globex"});
  REQUIRE(alone.at("acme").size() == 3);
  CHECK(mixed.at("acme") == alone.at("acme"));
  std::set<std::string> all;
  for (const auto& [account, ids] : mixed) all.insert(ids.begin(), ids.end());
  CHECK(all.size() == 8);
  const auto other_seed = IdsOf("43", {"acme", "acme", "acme"});
  CHECK(other_seed.at("acme") != alone.at("acme"));
  CHECK(IdsOf("42", {"globex", "globex", "globex"}).at("globex") != alone.at("acme"));
}

}  // namespace
}  // namespace fwmock_test
