// Delete: the answer, the DELETING time, and the job gone from Get and List afterwards.
#include <catch2/catch.hpp>
#include <map>
#include <tuple>

#include "job_helpers.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

TEST_CASE("Delete answers {} and the job is DELETING then gone after the deleting time",
          "[jobs][delete]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::string keep = MustCreate(client, "acme").at("name");
  const std::string name = MustCreate(client, "acme").at("name");
  Advance(client, 0.5);  // still CREATING: creating=1s
  CheckEmptyObject(DeleteJob(client, name));
  json job = MustGet(client, name);
  CHECK(job.value("state", "") == "DELETING");
  CHECK(job.value("status", "") == "deleting");
  CHECK(TimeText(job, "updateTime") == AtText(0.5));
  CHECK(TimeText(job, "createTime") == AtText(0));
  const HttpResult deleting = client.List("acme", Query({{"filter", "state = DELETING"}}));
  REQUIRE(deleting.status == 200);
  CHECK(deleting.json.value("totalSize", -1) == 1);
  CHECK(client.List("acme").json.value("totalSize", -1) == 2);

  Advance(client, 0.9375);  // deleting=1s: due at 1.5, and CREATING would have ended at 1
  job = MustGet(client, name);
  CHECK(job.value("state", "") == "DELETING");
  CHECK(TimeText(job, "updateTime") == AtText(0.5));
  Advance(client, 0.0625);
  const HttpResult gone = GetJob(client, name);
  CheckApiError(gone, 404, 5);
  CHECK_THAT(gone.Message(), Contains("batch job \"" + name + "\" not found"));
  const Listing listing = ListAll(client, "acme", "", 1);
  REQUIRE(listing.ok);
  CHECK(listing.names == std::vector<std::string>{keep});
  CHECK(listing.pages[0].json.value("totalSize", -1) == 1);
  CHECK(StateOf(client, keep) == "PENDING");
  CheckApiError(DeleteJob(client, name), 404, 5);
  CheckApiError(CancelJob(client, name), 404, 5);
  CheckApiError(PatchJob(client, name, {{"displayName", "x"}}), 404, 5);
}

TEST_CASE("Delete works with and without a body and content type as clients send it",
          "[jobs][delete]") {
  ManualServer server;
  ApiClient client(server.process());
  for (const auto& [headers, body, content_type] :
       std::vector<std::tuple<httplib::Headers, std::string, std::string>>{
           {{{"Content-Length", "0"}}, "", "application/json"},
           {{}, "", "application/json"},
           {{}, "", ""},
           {{}, "{}", "application/json"},
           {{}, R"({"force": true, "etag": "x"})", "application/json"},
           {{}, "not json at all", "text/plain"}}) {
    CAPTURE(body, content_type);
    const std::string name = MustCreate(client, "acme").at("name");
    CheckEmptyObject(client.Send("DELETE", JobPath(name), headers, body, content_type));
    CHECK(StateOf(client, name) == "DELETING");
  }
}

TEST_CASE("Deleting a job that is already DELETING answers {} and changes nothing",
          "[jobs][delete]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::string name = MustCreate(client, "acme").at("name");
  CheckEmptyObject(DeleteJob(client, name));
  Advance(client, 0.75);
  const json before = MustGet(client, name);
  CheckEmptyObject(DeleteJob(client, name));
  CHECK(MustGet(client, name) == before);
  Advance(client, 0.25);  // due one deleting time after the first Delete, not the second
  CHECK(StateOf(client, name) == "<gone>");
}

TEST_CASE("A job in any state can be deleted", "[jobs][delete]") {
  ManualServer server(
      {"--lifecycle", "creating=1s,pending=2s,running=10s,cancelling=1s,deleting=10s"},
      StatesFixture({"acme", "globex"}));
  ApiClient client(server.process());
  Advance(client, 100);
  std::map<std::string, json> before;
  for (const std::string& state : AllStates()) {
    CAPTURE(state);
    const std::string name = FixtureName("acme", state);
    before[state] = MustGet(client, name);
    CheckEmptyObject(DeleteJob(client, name));
    const json job = MustGet(client, name);
    CHECK(job.value("state", "") == "DELETING");
    if (state != "DELETING") CHECK(TimeText(job, "updateTime") == AtText(100));
    for (const std::string field : {"createTime", "startTime", "endTime"})
      CHECK(TimeText(job, field) == TimeText(before[state], field));
  }
  Advance(client, 9.5);
  for (const std::string& state : AllStates())
    CHECK(StateOf(client, FixtureName("acme", state)) == "DELETING");
  Advance(client, 0.5);
  for (const std::string& state : AllStates()) {
    CAPTURE(state);
    // A fixture job loaded DELETING was not deleted by this test: Delete changed nothing.
    CHECK(StateOf(client, FixtureName("acme", state)) ==
          (state == "DELETING" ? "DELETING" : "<gone>"));
    CHECK(StateOf(client, FixtureName("globex", state)) == state);
  }
  CHECK(client.List("acme").json.value("totalSize", -1) == 1);
  CHECK(client.List("globex").json.value("totalSize", -1) == 10);
}

TEST_CASE("A job being deleted keeps its place in List and in filters until it is gone",
          "[jobs][delete][list]") {
  ManualServer server(
      {"--lifecycle", "creating=1s,pending=2s,running=10s,cancelling=1s,deleting=1m"});
  ApiClient client(server.process());
  std::vector<std::string> created;
  for (int i = 0; i < 5; ++i) {
    created.insert(created.begin(), MustCreate(client, "acme").at("name").get<std::string>());
    Advance(client, 0.125);
  }
  CheckEmptyObject(DeleteJob(client, created[2]));
  const Listing listing = ListAll(client, "acme", "", 2);
  REQUIRE(listing.ok);
  CHECK(listing.names == created);
  for (const HttpResult& page : listing.pages) CHECK(page.json.value("totalSize", -1) == 5);
  const HttpResult not_deleting = client.List("acme", Query({{"filter", "state != DELETING"}}));
  CHECK(not_deleting.json.value("totalSize", -1) == 4);
  Advance(client, 59.5);
  CHECK(client.List("acme").json.value("totalSize", -1) == 5);
  Advance(client, 0.5);
  const Listing after = ListAll(client, "acme", "", 2);
  REQUIRE(after.ok);
  created.erase(created.begin() + 2);
  CHECK(after.names == created);
  CHECK(after.pages[0].json.value("totalSize", -1) == 4);
}

}  // namespace
}  // namespace fwmock_test
