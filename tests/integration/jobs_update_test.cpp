// Update: the merge of a PATCH body, validation of the result, and the states it is refused in.
#include <catch2/catch.hpp>

#include "job_helpers.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

const json kBase = json::parse(R"({
  "displayName": "base", "nodePoolId": "pool", "environmentId": "env", "numRanks": 2,
  "envVars": {"A": "1", "B": "2"}, "role": "r", "annotations": {"team": "x", "owner": "y"},
  "pythonExecutor": {"targetType": "MODULE", "target": "m", "args": ["--a", "1"]},
  "shared": true})");

// `job` without the fields that an update rewrites on its own.
json Stable(json job) {
  job.erase("updateTime");
  return job;
}

TEST_CASE("Update merges the fields the body names and nothing else", "[jobs][update]") {
  ManualServer server;
  ApiClient client(server.process());
  double now = 0;
  for (const auto& [patch, changes] : std::vector<std::pair<std::string, std::string>>{
           {R"({"displayName":"new"})", R"({"displayName":"new"})"},
           {R"({"display_name":"snake","num_ranks":5})", R"({"displayName":"snake","numRanks":5})"},
           {R"({"pythonExecutor":{"target":"b"}})",
            R"({"pythonExecutor":{"targetType":"MODULE","target":"b","args":["--a","1"]}})"},
           {R"({"pythonExecutor":{"args":["only"]}})",
            R"({"pythonExecutor":{"targetType":"MODULE","target":"m","args":["only"]}})"},
           {R"({"pythonExecutor":{"args":[]}})",
            R"({"pythonExecutor":{"targetType":"MODULE","target":"m","args":[]}})"},
           {R"({"envVars":{"Z":"9"}})", R"({"envVars":{"Z":"9"}})"},
           {R"({"envVars":{}})", R"({"envVars":{}})"},
           {R"({"annotations":{"team":"z"}})", R"({"annotations":{"team":"z"}})"},
           {R"({"displayName":null})", R"({"displayName":""})"},
           {R"({"envVars":null,"numRanks":null,"shared":null})",
            R"({"envVars":{},"numRanks":0,"shared":false})"},
           {R"({"shared":false,"role":""})", R"({"shared":false,"role":""})"},
           {R"({"environmentId":null,"imageRef":"img"})",
            R"({"environmentId":"","imageRef":"img"})"},
           {R"({"environmentId":"e2","snapshotId":"s"})",
            R"({"environmentId":"e2","snapshotId":"s"})"},
           {R"({"unknownField":{"x":1}})", R"({})"},
           {R"({})", R"({})"}}) {
    CAPTURE(patch);
    const json before = MustCreate(client, "acme", kBase);
    const std::string name = before.at("name");
    Advance(client, 0.5);
    const HttpResult r = PatchJob(client, name, json::parse(patch));
    INFO("body: " << r.body);
    REQUIRE(r.status == 200);
    json want = Stable(before);
    const json changed = json::parse(changes);
    for (const auto& [field, value] : changed.items()) want[field] = value;
    CHECK(Stable(r.json) == want);
    CHECK(TimeText(r.json, "updateTime") == AtText(now + 0.5));
    CHECK(TimeText(r.json, "createTime") == AtText(now));
    CHECK(MustGet(client, name) == r.json);
    now += 0.5;
  }
}

TEST_CASE("null clears an executor and another may then take its place", "[jobs][update]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::string name = MustCreate(client, "acme", kBase).at("name");
  const json cleared = PatchJob(client, name, json::parse(R"({"pythonExecutor":null})")).json;
  CHECK(!cleared.contains("pythonExecutor"));
  CHECK(cleared.value("displayName", "") == "base");
  const HttpResult swapped = PatchJob(
      client, name, json::parse(R"({"pythonExecutor":null,"shellExecutor":{"command":"c"}})"));
  REQUIRE(swapped.status == 200);
  CHECK(!swapped.json.contains("pythonExecutor"));
  CHECK(swapped.json.value("shellExecutor", json()) == json{{"command", "c"}});
  const HttpResult back = PatchJob(
      client, name,
      json::parse(R"({"shellExecutor":null,"notebookExecutor":{"notebookFilename":"n.ipynb"}})"));
  REQUIRE(back.status == 200);
  CHECK(!back.json.contains("shellExecutor"));
  CHECK(back.json.value("notebookExecutor", json()) == json{{"notebookFilename", "n.ipynb"}});
}

TEST_CASE("The merged result is validated like a Create body", "[jobs][update][validation]") {
  ManualServer server;
  ApiClient client(server.process());
  for (const auto& [patch, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"imageRef":"img"})", "imageRef"},
           {R"({"environmentId":null,"snapshotId":"s"})", "snapshotId"},
           {R"({"shellExecutor":{"command":"c"}})", "Executor"},
           {R"({"pythonExecutor":{"target":""}})", "target"},
           {R"({"pythonExecutor":{"targetType":"TARGET_TYPE_UNSPECIFIED"}})", "targetType"},
           {R"({"nodePoolId":null})", "nodePoolId"},
           {R"({"annotations":{"fireworks.ai/x":"1"}})", "annotations"},
           {R"({"annotations":{"fwmock.dev/outcome":"MAYBE"}})", "fwmock.dev/outcome"},
           {R"({"annotations":{"fwmock.dev/run-seconds":"soon"}})", "fwmock.dev/run-seconds"}}) {
    CAPTURE(patch);
    const std::string name = MustCreate(client, "acme", kBase).at("name");
    Advance(client, 0.5);
    const json before = MustGet(client, name);
    const HttpResult r = PatchJob(client, name, json::parse(patch));
    CheckApiError(r, 400, 3);
    CHECK_THAT(r.Message(), Contains(field));
    CHECK(MustGet(client, name) == before);
  }
}

TEST_CASE("Output-only fields in an Update body are ignored", "[jobs][update]") {
  ManualServer server;
  ApiClient client(server.process());
  const json before = MustCreate(client, "acme", kBase);
  const std::string name = before.at("name");
  Advance(client, 0.25);
  const HttpResult r = PatchJob(client, name,
                                {{"name", "accounts/acme/batchJobs/someone-else"},
                                 {"createTime", "2020-01-01T00:00:00Z"},
                                 {"startTime", "2020-01-02T00:00:00Z"},
                                 {"endTime", "2020-01-03T00:00:00Z"},
                                 {"updateTime", "2020-01-04T00:00:00Z"},
                                 {"createdBy", "mallory@example.com"},
                                 {"state", "COMPLETED"},
                                 {"status", "done"}});
  INFO("body: " << r.body);
  REQUIRE(r.status == 200);
  CHECK(Stable(r.json) == Stable(before));
  CHECK(TimeText(r.json, "updateTime") == AtText(0.25));
  CHECK(GetJob(client, "accounts/acme/batchJobs/someone-else").status == 404);
  CHECK(client.List("acme").json.value("totalSize", -1) == 1);
}

TEST_CASE("Update is allowed in every state but DELETING", "[jobs][update]") {
  ManualServer server({}, StatesFixture({"acme"}));
  ApiClient client(server.process());
  Advance(client, 3);
  for (const std::string& state : AllStates()) {
    CAPTURE(state);
    const std::string name = FixtureName("acme", state);
    const json before = MustGet(client, name);
    const HttpResult r = PatchJob(client, name, {{"displayName", "patched"}});
    if (state == "DELETING") {
      CheckApiError(r, 400, 9);
      CHECK_THAT(r.Message(), Contains("batch job \"" + name + "\" is being deleted"));
      CHECK(MustGet(client, name) == before);
      continue;
    }
    INFO("body: " << r.body);
    REQUIRE(r.status == 200);
    CHECK(r.json.value("displayName", "") == "patched");
    CHECK(r.json.value("state", "") == before.value("state", ""));
    CHECK(TimeText(r.json, "updateTime") == AtText(3));
    for (const std::string field : {"createTime", "startTime", "endTime"})
      CHECK(TimeText(r.json, field) == TimeText(before, field));
  }
}

TEST_CASE("Update of a job being deleted is 400 code 9 and changes nothing", "[jobs][update]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::string name = MustCreate(client, "acme", kBase).at("name");
  CheckEmptyObject(DeleteJob(client, name));
  Advance(client, 0.5);
  const json before = MustGet(client, name);
  REQUIRE(before.value("state", "") == "DELETING");
  const HttpResult r = PatchJob(client, name, {{"displayName", "late"}});
  CheckApiError(r, 400, 9);
  CHECK_THAT(r.Message(), Contains("is being deleted") && Contains(name));
  CHECK(MustGet(client, name) == before);
}

TEST_CASE("An Update body that is not a JSON object is 400 code 3", "[jobs][update]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::string name = MustCreate(client, "acme", kBase).at("name");
  const json before = MustGet(client, name);
  for (const std::string body : {"[]", R"("x")", "7", "{\"a\":", "true"}) {
    CAPTURE(body);
    CheckApiError(client.Send("PATCH", JobPath(name), {}, body, "application/json"), 400, 3);
  }
  CHECK(MustGet(client, name) == before);
}

}  // namespace
}  // namespace fwmock_test
