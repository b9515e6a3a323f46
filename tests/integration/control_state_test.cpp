// The control API's state routes through the real binary: resets (all accounts, one account),
// emptying an account, and import/export of fixtures documents.
#include <catch2/catch.hpp>

#include "control_helpers.h"
#include "job_helpers.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

const std::vector<std::string> kAccounts = {"acme", "bob"};

// The fixture job names of `account` in StatesFixture(kAccounts).
std::set<std::string> FixtureNames(const std::string& account) {
  std::set<std::string> names;
  for (const std::string& state : AllStates()) names.insert(FixtureName(account, state));
  return names;
}

// Changes `account`: one job created, one fixture job deleted at once (DELETE batchJobs is not
// used: it is under test). Returns the created job's name.
std::string Disturb(ApiClient& client, const std::string& account) {
  const std::string created = MustCreate(client, account)["name"];
  REQUIRE(BatchDelete(client, account, {{"names", {FixtureName(account, "COMPLETED")}}}).status ==
          200);
  Advance(client, 5);  // the deleted job's DELETING ends
  return created;
}

TEST_CASE("POST /_fwmock/reset brings every account back to its fixtures and keeps the clock",
          "[control][state]") {
  ManualServer server({}, StatesFixture(kAccounts));
  ApiClient client(server.process());
  for (const std::string& account : kAccounts) Disturb(client, account);
  MustCreate(client, "newcomer");
  const json clock = ClockGet(client).json;
  REQUIRE(ListedNames(client, "acme") != FixtureNames("acme"));
  const HttpResult r = ResetAll(client);
  INFO("body: " << r.body);
  CheckEmptyObject(r);
  for (const std::string& account : kAccounts) {
    CAPTURE(account);
    CHECK(ListedNames(client, account) == FixtureNames(account));
    CHECK(StateOf(client, FixtureName(account, "RUNNING")) == "RUNNING");
  }
  CHECK(ListedNames(client, "newcomer").empty());
  CHECK(ClockGet(client).json == clock);
  CheckEmptyObject(client.Send("POST", "/_fwmock/reset"));  // an empty body is {}
}

TEST_CASE("Resetting one account changes no other account", "[control][state]") {
  ManualServer server({}, StatesFixture(kAccounts));
  ApiClient client(server.process());
  const std::string acme_job = Disturb(client, "acme");
  const std::string bob_job = Disturb(client, "bob");
  const std::string carol_job = MustCreate(client, "carol")["name"];
  const std::set<std::string> bob_before = ListedNames(client, "bob");
  REQUIRE(bob_before.count(bob_job) == 1);
  CheckEmptyObject(ResetAccount(client, "acme"));
  CHECK(ListedNames(client, "acme") == FixtureNames("acme"));
  CHECK(ListedNames(client, "bob") == bob_before);
  CHECK(ListedNames(client, "carol") == std::set<std::string>{carol_job});
  CheckEmptyObject(ResetAccount(client, "carol"));  // no fixtures: empty
  CHECK(ListedNames(client, "carol").empty());
  CHECK(ListedNames(client, "bob") == bob_before);
  CheckEmptyObject(ResetAccount(client, "nobody"));  // an unknown account is already reset
}

TEST_CASE("A reset account gives a new job the id it gave after start-up", "[control][state]") {
  ManualServer server({"--seed", "7"}, StatesFixture(kAccounts));
  ApiClient client(server.process());
  const std::string first = MustCreate(client, "acme")["name"];
  MustCreate(client, "acme");
  CheckEmptyObject(ResetAccount(client, "acme"));
  CHECK(MustCreate(client, "acme")["name"] == first);
}

TEST_CASE("DELETE /_fwmock/accounts/{a}/batchJobs empties that account only", "[control][state]") {
  ManualServer server({}, StatesFixture(kAccounts));
  ApiClient client(server.process());
  MustCreate(client, "acme");
  CheckEmptyObject(ClearAccount(client, "acme"));
  CHECK(ListedNames(client, "acme").empty());
  CHECK(GetJob(client, FixtureName("acme", "RUNNING")).status == 404);
  CHECK(ListedNames(client, "bob") == FixtureNames("bob"));
  CheckEmptyObject(ClearAccount(client, "nobody"));
  CheckEmptyObject(ResetAccount(client, "acme"));  // the fixtures come back
  CHECK(ListedNames(client, "acme") == FixtureNames("acme"));
}

TEST_CASE("Export, empty, import and export again gives the same bytes", "[control][state]") {
  ManualServer server({}, StatesFixture(kAccounts));
  ApiClient client(server.process());
  Disturb(client, "acme");
  const std::string cancelled = MustCreate(
      client, "acme",
      {{"nodePoolId", "p"}, {"displayName", "to cancel"}, {"annotations", {{"k", "v"}}}})["name"];
  REQUIRE(CancelJob(client, cancelled).status == 200);
  const std::string exported = MustExport(client, "acme");
  const json document = json::parse(exported);
  CHECK(document["account"] == "acme");
  CHECK(NamesIn(document) == ListedNames(client, "acme"));
  CHECK(exported.back() == '\n');
  CheckEmptyObject(ClearAccount(client, "acme"));
  MustImport(client, "acme", document);
  CHECK(MustExport(client, "acme") == exported);
  CHECK(StateOf(client, cancelled) == "CANCELLING");
  CHECK(MustExport(client, "nobody") == "{\"account\":\"nobody\",\"batchJobs\":[]}\n");
}

TEST_CASE("A server started with an export as --fixtures exports the same bytes",
          "[control][state]") {
  ManualServer first({}, StatesFixture(kAccounts));
  ApiClient client(first.process());
  Disturb(client, "acme");
  const std::string exported = MustExport(client, "acme");
  ManualServer second({}, exported);
  ApiClient client2(second.process());
  CHECK(MustExport(client2, "acme") == exported);
  CHECK(ListedNames(client2, "acme") == ListedNames(client, "acme"));
  CheckEmptyObject(ClearAccount(client2, "acme"));
  CheckEmptyObject(ResetAccount(client2, "acme"));  // the export is now the start-up state
  CHECK(MustExport(client2, "acme") == exported);
}

TEST_CASE("Imported jobs keep their names, states and times, and nameless ones get ids",
          "[control][state]") {
  ManualServer server;
  ApiClient client(server.process());
  const json document = {{"batchJobs",
                          {{{"name", "accounts/acme/batchJobs/given"},
                            {"state", "RUNNING"},
                            {"status", "as given"},
                            {"createTime", "2025-06-01T00:00:00Z"},
                            {"startTime", "2025-06-01T00:01:00Z"},
                            {"createdBy", "someone@example.com"}},
                           {{"displayName", "nameless"}}}}};
  MustImport(client, "acme", document);
  const json given = MustGet(client, "accounts/acme/batchJobs/given");
  CHECK(given["state"] == "RUNNING");
  CHECK(given["status"] == "as given");
  CHECK(given["createdBy"] == "someone@example.com");
  CHECK(TimeText(given, "createTime") == "2025-06-01T00:00:00.000000000Z");
  CHECK(TimeText(given, "startTime") == "2025-06-01T00:01:00.000000000Z");
  const std::set<std::string> names = ListedNames(client, "acme");
  REQUIRE(names.size() == 2);
  for (const std::string& name : names) {
    if (name == "accounts/acme/batchJobs/given") continue;
    CHECK(IdOf(name).size() == 32);
    CHECK(MustGet(client, name)["displayName"] == "nameless");
  }
  // Like a fixture, an imported job moves only once a request changes it.
  Advance(client, 3600);
  CHECK(StateOf(client, "accounts/acme/batchJobs/given") == "RUNNING");
  REQUIRE(CancelJob(client, "accounts/acme/batchJobs/given").status == 200);
  Advance(client, 2);
  CHECK(StateOf(client, "accounts/acme/batchJobs/given") == "CANCELLED");
}

TEST_CASE("An import with a bad third job stores nothing and names the job and the field",
          "[control][state]") {
  ManualServer server({}, StatesFixture(kAccounts));
  ApiClient client(server.process());
  json document = JobsDocument("acme", {"one", "two", "three"});
  document["batchJobs"][2]["numRanks"] = "many";
  const HttpResult r = Import(client, "acme", document.dump());
  CheckApiError(r, 400, 3);
  CHECK_THAT(r.Message(), Contains("batchJobs[2]") && Contains("accounts/acme/batchJobs/three") &&
                              Contains("field \"numRanks\""));
  CHECK(ListedNames(client, "acme") == FixtureNames("acme"));
}

TEST_CASE("Import refuses other accounts, repeated and stored names, and bad documents",
          "[control][state]") {
  ManualServer server({}, StatesFixture(kAccounts));
  ApiClient client(server.process());
  const std::string stored = FixtureName("acme", "RUNNING");
  const auto [document, status, code,
              fragments] = GENERATE_REF(table<std::string, int, int, std::vector<std::string>>({
      {JobsDocument("bob", {"x"}).dump(), 400, 3, {"batchJobs[0]", "field \"name\"", "bob"}},
      {JobsDocument("acme", {"x", "y", "x"}).dump(),
       400,
       3,
       {"batchJobs[2]", "accounts/acme/batchJobs/x", "twice"}},
      {JobsDocument("acme", {"x", IdOf(stored)}).dump(),
       409,
       6,
       {"batchJobs[1]", stored, "field \"name\""}},
      {R"({"account":"bob","batchJobs":[{"nodePoolId":"p"}]})", 400, 3, {"batchJobs[0]", "bob"}},
      {R"({"batchJobs":[{"name":"acme-x"}]})", 400, 3, {"batchJobs[0]", "field \"name\""}},
      {R"({"batchJobs":[{"state":"BOGUS"}]})", 400, 3, {"batchJobs[0]", "field \"state\""}},
      {R"({"batchJobs":[)", 400, 3, {"invalid JSON"}},
      {R"({"jobs":[]})", 400, 3, {"\"batchJobs\""}},
      {"[]", 400, 3, {"object"}},
  }));
  CAPTURE(document);
  const HttpResult r = Import(client, "acme", document);
  CheckApiError(r, status, code);
  for (const std::string& f : fragments) CHECK_THAT(r.Message(), Contains(f));
  CHECK(ListedNames(client, "acme") == FixtureNames("acme"));
}

TEST_CASE("The state routes answer wrong methods with 501 and bad bodies with 400",
          "[control][state]") {
  ManualServer server;
  ApiClient client(server.process());
  CheckApiError(client.Get("/_fwmock/reset"), 501, 12);
  CheckApiError(client.Send("POST", "/_fwmock/accounts/acme/batchJobs:export"), 501, 12);
  CheckApiError(client.Get("/_fwmock/accounts/acme/batchJobs"), 501, 12);
  CheckApiError(client.Send("POST", "/_fwmock/reset", {}, "[1]", "application/json"), 400, 3);
  CheckApiError(client.Send("POST", "/_fwmock/accounts/acme:reset", {}, "{", "application/json"),
                400, 3);
  CheckApiError(client.Send("POST", "/_fwmock/accounts/acme:nope"), 404, 5);
  CheckApiError(client.Send("POST", "/_fwmock/accounts/:reset"), 404, 5);
}

}  // namespace
}  // namespace fwmock_test
