// Cancel: from every state, reached through the lifecycle or loaded from fixtures.
#include <catch2/catch.hpp>
#include <map>
#include <tuple>

#include "job_helpers.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

void CheckRefused(ApiClient& client, const std::string& name, const std::string& state) {
  const json before = MustGet(client, name);
  const HttpResult r = CancelJob(client, name);
  CheckApiError(r, 400, 9);
  CHECK_THAT(r.Message(), Contains("cannot cancel batch job \"" + name + "\" in state " + state));
  CHECK(MustGet(client, name) == before);
}

TEST_CASE("Cancel from CREATING PENDING or RUNNING goes CANCELLING then CANCELLED",
          "[jobs][cancel][lifecycle]") {
  // creating=1s, pending=2s, running=10s, cancelling=1s: PENDING at 1, RUNNING at 3.
  const auto [at, state] = GENERATE(table<double, std::string>({
      {0, "CREATING"},
      {0.5, "CREATING"},
      {1, "PENDING"},
      {2.5, "PENDING"},
      {3, "RUNNING"},
      {12.5, "RUNNING"},
  }));
  CAPTURE(at, state);
  ManualServer server;
  ApiClient client(server.process());
  const std::string name = MustCreate(client, "acme").at("name");
  Advance(client, at);
  REQUIRE(StateOf(client, name) == state);
  CheckEmptyObject(CancelJob(client, name));
  json job = MustGet(client, name);
  CHECK(job.value("state", "") == "CANCELLING");
  CHECK(job.value("status", "") == "cancelling");
  CHECK(TimeText(job, "updateTime") == AtText(at));
  CHECK(TimeText(job, "startTime") == (state == "RUNNING" ? AtText(3) : "<absent>"));
  CHECK(TimeText(job, "endTime") == "<absent>");
  CheckRefused(client, name, "CANCELLING");

  Advance(client, 0.5);  // the lifecycle would have moved on meanwhile: it must not
  CHECK(StateOf(client, name) == "CANCELLING");
  Advance(client, 0.5);
  job = MustGet(client, name);
  CHECK(job.value("state", "") == "CANCELLED");
  CHECK(job.value("status", "") == "cancelled");
  CHECK(TimeText(job, "endTime") == AtText(at + 1));
  CHECK(TimeText(job, "updateTime") == AtText(at + 1));
  CHECK(TimeText(job, "startTime") == (state == "RUNNING" ? AtText(3) : "<absent>"));
  Advance(client, 1000);
  CHECK(MustGet(client, name) == job);
  CheckRefused(client, name, "CANCELLED");
}

TEST_CASE("A cancelled job shows in List filters by its new state at once",
          "[jobs][cancel][list]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::string name = MustCreate(client, "acme").at("name");
  const std::string other = MustCreate(client, "acme").at("name");
  Advance(client, 4);
  CheckEmptyObject(CancelJob(client, name));
  const auto names_in = [&client](const std::string& state) {
    const Listing l = ListAll(client, "acme", Query({{"filter", "state = " + state}}), 1);
    REQUIRE(l.ok);
    return l.names;
  };
  CHECK(names_in("CANCELLING") == std::vector<std::string>{name});
  CHECK(names_in("RUNNING") == std::vector<std::string>{other});
  Advance(client, 1);
  CHECK(names_in("CANCELLED") == std::vector<std::string>{name});
  CHECK(names_in("CANCELLING").empty());
}

TEST_CASE("Cancel is refused with code 9 naming the state after the lifecycle ended",
          "[jobs][cancel][lifecycle]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::string done = MustCreate(client, "acme").at("name");
  const std::string failed =
      MustCreate(client, "acme",
                 {{"nodePoolId", "p"}, {"annotations", {{"fwmock.dev/outcome", "FAILED"}}}})
          .at("name");
  const std::string deleting = MustCreate(client, "acme").at("name");
  Advance(client, 13);
  REQUIRE(StateOf(client, done) == "COMPLETED");
  REQUIRE(StateOf(client, failed) == "FAILED");
  CheckRefused(client, done, "COMPLETED");
  CheckRefused(client, failed, "FAILED");
  CheckEmptyObject(DeleteJob(client, deleting));
  CheckRefused(client, deleting, "DELETING");
}

TEST_CASE("Fixture jobs are cancelled from CREATING QUEUED PENDING RUNNING only",
          "[jobs][cancel][fixtures]") {
  ManualServer server({}, StatesFixture({"acme"}));
  ApiClient client(server.process());
  Advance(client, 7200);
  std::map<std::string, json> before;
  const auto cancellable = [](const std::string& state) {
    return state == "CREATING" || state == "QUEUED" || state == "PENDING" || state == "RUNNING";
  };
  for (const std::string& state : AllStates()) {
    CAPTURE(state);
    const std::string name = FixtureName("acme", state);
    before[state] = MustGet(client, name);
    if (!cancellable(state)) {
      CheckRefused(client, name, state);
      continue;
    }
    CheckEmptyObject(CancelJob(client, name));
    const json job = MustGet(client, name);
    CHECK(job.value("state", "") == "CANCELLING");
    CHECK(TimeText(job, "updateTime") == AtText(7200));
  }
  Advance(client, 1);
  for (const std::string& state : AllStates()) {
    CAPTURE(state);
    const json job = MustGet(client, FixtureName("acme", state));
    if (!cancellable(state)) {
      CHECK(job == before[state]);
      continue;
    }
    CHECK(job.value("state", "") == "CANCELLED");
    CHECK(job.value("status", "") == "cancelled");
    CHECK(TimeText(job, "endTime") == AtText(7201));
    CHECK(TimeText(job, "updateTime") == AtText(7201));
    CHECK(TimeText(job, "startTime") == TimeText(before[state], "startTime"));
    CHECK(TimeText(job, "createTime") == TimeText(before[state], "createTime"));
  }
}

TEST_CASE("A job told to run forever runs until it is cancelled", "[jobs][cancel][lifecycle]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::string name =
      MustCreate(client, "acme",
                 {{"nodePoolId", "p"}, {"annotations", {{"fwmock.dev/outcome", "RUNNING"}}}})
          .at("name");
  Advance(client, 1000000);
  json job = MustGet(client, name);
  CHECK(job.value("state", "") == "RUNNING");
  CHECK(TimeText(job, "startTime") == AtText(3));
  CHECK(TimeText(job, "updateTime") == AtText(3));
  CheckEmptyObject(CancelJob(client, name));
  Advance(client, 1);
  job = MustGet(client, name);
  CHECK(job.value("state", "") == "CANCELLED");
  CHECK(TimeText(job, "endTime") == AtText(1000001));
}

TEST_CASE("Cancel takes {} or an empty body and refuses other JSON", "[jobs][cancel]") {
  ManualServer server;
  ApiClient client(server.process());
  for (const auto& [body, content_type, ok] :
       std::vector<std::tuple<std::string, std::string, bool>>{
           {"{}", "application/json", true},
           {"", "application/json", true},
           {"", "", true},
           {R"({"reason":"not needed"})", "application/json", true},
           {"[]", "application/json", false},
           {R"("cancel")", "application/json", false},
           {"1", "application/json", false},
           {"null", "application/json", false},
           {"{", "application/json", false}}) {
    CAPTURE(body, content_type);
    const std::string name = MustCreate(client, "acme").at("name");
    const HttpResult r = client.Send("POST", JobPath(name) + ":cancel", {}, body, content_type);
    if (ok) {
      CheckEmptyObject(r);
      CHECK(StateOf(client, name) == "CANCELLING");
    } else {
      CheckApiError(r, 400, 3);
      CHECK(StateOf(client, name) == "CREATING");
    }
  }
}

}  // namespace
}  // namespace fwmock_test
