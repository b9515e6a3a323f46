// Fault rules through the API: POST/GET/DELETE /_fwmock/faults, what each match key selects,
// after and times, the error answers (status from the code, Retry-After), validation, --faults.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "fixture_data.h"
#include "job_helpers.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

HttpResult PostFault(ApiClient& client, const std::string& rule) {
  return client.Send("POST", "/_fwmock/faults", {}, rule, "application/json");
}

std::string MustAddFault(ApiClient& client, const json& rule) {
  const HttpResult r = PostFault(client, rule.dump());
  INFO("body: " << r.body);
  REQUIRE(r.status == 200);
  REQUIRE(r.json.size() == 1);
  REQUIRE(r.json["id"].is_string());
  return r.json["id"];
}

json Faults(ApiClient& client) {
  const HttpResult r = client.Get("/_fwmock/faults");
  INFO("body: " << r.body);
  REQUIRE(r.status == 200);
  return r.json.at("faults");
}

const json kUnavailable = {{"code", 14}, {"message", "try later"}, {"retryAfterSeconds", 2}};

// A client that retries a 503 with Retry-After, as the SDKs do, up to `attempts` times; returns
// the statuses it saw.
std::vector<int> RetryingList(ApiClient& client, const std::string& account, int attempts) {
  std::vector<int> seen;
  for (int i = 0; i < attempts; ++i) {
    const HttpResult r = client.List(account);
    seen.push_back(r.status);
    if (r.status != 503) break;
    CHECK(r.Header("Retry-After") == "2");
    CHECK(r.Code() == 14);
    CHECK(r.Message() == "try later");
  }
  return seen;
}

TEST_CASE("A retrying client sees exactly times failures, then the answer", "[faults]") {
  ManualServer server;
  ApiClient client(server.process());
  MustAddFault(
      client,
      {{"match", {{"operation", "ListBatchJobs"}}}, {"response", kUnavailable}, {"times", 3}});
  CHECK(RetryingList(client, "acme", 10) == std::vector<int>{503, 503, 503, 200});
  CHECK(client.List("acme").status == 200);
  const json faults = Faults(client);
  REQUIRE(faults.size() == 1);
  CHECK(faults[0]["fired"] == 3);
}

TEST_CASE("A fault's code sets the HTTP status as grpc-gateway maps it", "[faults]") {
  ManualServer server;
  ApiClient client(server.process());
  for (const auto& [code, status] : std::vector<std::pair<int, int>>{
           {8, 429}, {14, 503}, {13, 500}, {4, 504}, {7, 403}, {16, 401}, {5, 404}}) {
    CAPTURE(code);
    MustAddFault(client, {{"response", {{"code", code}}}, {"times", 1}});
    const HttpResult r = client.List("acme");
    CheckApiError(r, status, code);
    CHECK_THAT(r.Message(), Contains("injected by fwmock"));
    CHECK_FALSE(r.HasHeader("Retry-After"));
  }
  CHECK(client.List("acme").status == 200);
}

TEST_CASE("after lets the first matching requests through", "[faults]") {
  ManualServer server;
  ApiClient client(server.process());
  MustAddFault(client, {{"match", {{"operation", "ListBatchJobs"}}},
                        {"response", kUnavailable},
                        {"after", 2},
                        {"times", 1}});
  std::vector<int> seen;
  for (int i = 0; i < 5; ++i) seen.push_back(client.List("acme").status);
  CHECK(seen == std::vector<int>{200, 200, 503, 200, 200});
}

TEST_CASE("A rule without times fires on every match", "[faults]") {
  ManualServer server;
  ApiClient client(server.process());
  MustAddFault(client, {{"match", {{"account", "beta"}}}, {"response", {{"code", 14}}}});
  for (int i = 0; i < 4; ++i) CHECK(client.List("beta").status == 503);
  CHECK(client.List("acme").status == 200);
  CHECK(Faults(client)[0]["fired"] == 4);
}

TEST_CASE("Each match key selects its requests and all keys must match", "[faults]") {
  ManualServer server;
  ApiClient client(server.process());
  const json job = MustCreate(client, "acme");
  const std::string name = job["name"];
  const json fault = {{"code", 10}};
  MustAddFault(client, {{"match", {{"operation", "GetBatchJob"}, {"account", "acme"}}},
                        {"response", fault}});
  MustAddFault(client, {{"match", {{"method", "DELETE"}}}, {"response", fault}});
  MustAddFault(client, {{"match", {{"filter", "state = RUNNING"}}}, {"response", fault}});
  MustAddFault(client, {{"match", {{"header", {{"name", "x-test-case"}, {"value", "broken"}}}}},
                        {"response", fault}});
  CHECK(GetJob(client, name).status == 409);
  CHECK(client.Get("/v1/accounts/beta/batchJobs/x").status == 404);  // another account
  CHECK(DeleteJob(client, "accounts/beta/batchJobs/x").status == 409);
  CHECK(client.List("acme", Query({{"filter", "state = RUNNING"}})).status == 409);
  CHECK(client.List("acme", Query({{"filter", "state = FAILED"}})).status == 200);
  CHECK(client.List("acme").status == 200);
  CHECK(client.Get(ListPath("acme"), {{"X-Test-Case", "broken"}}).status == 409);
  CHECK(client.Get(ListPath("acme"), {{"X-Test-Case", "fine"}}).status == 200);
  CHECK(CancelJob(client, name).status == 200);
  const json faults = Faults(client);
  REQUIRE(faults.size() == 4);
  CHECK(faults[0]["fired"] == 1);
  CHECK(faults[1]["fired"] == 1);
  CHECK(faults[2]["fired"] == 1);
  CHECK(faults[3]["fired"] == 1);
}

// Walks acme's List two jobs a page, retrying a page once after a 503; returns the names seen
// and the pages (1-based) that failed.
std::pair<std::set<std::string>, std::vector<int>> WalkWithRetry(ApiClient& client) {
  std::set<std::string> names;
  std::vector<int> failed;
  std::string token;
  for (int page = 1; page < 50; ++page) {
    const std::string query =
        token.empty() ? "pageSize=2" : Query({{"pageSize", "2"}, {"pageToken", token}});
    HttpResult r = client.List("acme", query);
    if (r.status == 503) {
      failed.push_back(page);
      r = client.List("acme", query);
    }
    REQUIRE(r.status == 200);
    for (const json& job : r.json.value("batchJobs", json::array())) names.insert(job["name"]);
    token = r.json.value("nextPageToken", "");
    if (token.empty()) break;
  }
  return {names, failed};
}

TEST_CASE("A page 3 fault breaks only the third page of a walk", "[faults]") {
  ManualServer server({}, StatesFixture());
  ApiClient client(server.process());
  std::set<std::string> seeded;
  for (const std::string& state : AllStates()) seeded.insert(FixtureName("acme", state));
  MustAddFault(client, {{"match", {{"operation", "ListBatchJobs"}, {"page", 3}}},
                        {"response", {{"code", 14}}},
                        {"times", 1}});
  const auto [names, failed] = WalkWithRetry(client);
  CHECK(failed == std::vector<int>{3});
  CHECK(names == seeded);
  // A rule for the first page: a request without a token, on any walk.
  MustAddFault(client, {{"match", {{"page", 1}}}, {"response", {{"code", 14}}}, {"times", 1}});
  const auto [again, failed_again] = WalkWithRetry(client);
  CHECK(failed_again == std::vector<int>{1});
  CHECK(again == seeded);
  // A token that does not open is no page: the List's own 400, not the fault.
  MustAddFault(client, {{"match", {{"page", 1}}}, {"response", {{"code", 14}}}});
  CHECK(client.List("acme", Query({{"pageToken", "garbage"}})).status == 400);
  CHECK(client.List("acme", "pageSize=2").status == 503);
  CHECK(GetJob(client, FixtureName("acme", "RUNNING")).status == 200);
}

TEST_CASE("The first rule that fires wins, in creation order", "[faults]") {
  ManualServer server;
  ApiClient client(server.process());
  MustAddFault(client, {{"response", {{"code", 14}}}, {"times", 1}});
  MustAddFault(client, {{"response", {{"code", 8}}}, {"times", 1}});
  CHECK(client.List("acme").status == 503);
  CHECK(client.List("acme").status == 429);
  CHECK(client.List("acme").status == 200);
}

TEST_CASE("GET shows each rule as posted with its id and fired count", "[faults]") {
  ManualServer server;
  ApiClient client(server.process());
  const json rule = {{"match", {{"operation", "ListBatchJobs"}, {"page", 2}}},
                     {"response", {{"code", 14}, {"retryAfterSeconds", 1}}},
                     {"times", 2},
                     {"after", 1}};
  const std::string id = MustAddFault(client, rule);
  const std::string other = MustAddFault(client, {{"response", {{"delayMs", 1}}}});
  CHECK(id != other);
  const json faults = Faults(client);
  REQUIRE(faults.size() == 2);
  json want = rule;
  want["id"] = id;
  want["fired"] = 0;
  CHECK(faults[0] == want);
  CHECK(faults[1]["id"] == other);
}

TEST_CASE("DELETE removes one rule or all of them", "[faults]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::string a = MustAddFault(client, {{"response", {{"code", 14}}}});
  const std::string b = MustAddFault(client, {{"response", {{"code", 8}}}});
  CheckEmptyObject(client.Send("DELETE", "/_fwmock/faults/" + a));
  CHECK(client.List("acme").status == 429);
  CheckApiError(client.Send("DELETE", "/_fwmock/faults/" + a), 404, 5);
  CheckApiError(client.Send("DELETE", "/_fwmock/faults/nope"), 404, 5);
  REQUIRE(Faults(client).size() == 1);
  CHECK(Faults(client)[0]["id"] == b);
  MustAddFault(client, {{"response", {{"code", 13}}}});
  CheckEmptyObject(client.Send("DELETE", "/_fwmock/faults"));
  CHECK(Faults(client).empty());
  CHECK(client.List("acme").status == 200);
  CheckApiError(client.Send("PUT", "/_fwmock/faults"), 501, 12);
}

TEST_CASE("Faults never touch fwmock's own endpoints", "[faults]") {
  ManualServer server;
  ApiClient client(server.process());
  MustAddFault(client, {{"response", {{"code", 14}, {"drop", "reset"}}}});
  CHECK(client.Get("/_fwmock/faults").status == 200);
  CHECK(client.Get("/_fwmock/requests").status == 200);
  CHECK(ClockGet(client).status == 200);
  CHECK(client.Get("/healthz").status == 200);
  CHECK(client.Get("/v1/nowhere").status == 404);
  CHECK(client.List("acme").status == 0);  // reset
}

TEST_CASE("Bad fault rules are 400 naming the field", "[faults]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"response": {"code": 14}, "color": 1})", "\"color\""},
      {R"({"match": {"operation": "ListBatchJobs"}})", "\"response\""},
      {R"({"response": {}})", "\"response\""},
      {R"({"response": {"code": 0}})", "\"response.code\""},
      {R"({"response": {"code": 17}})", "\"response.code\""},
      {R"({"response": {"code": "14"}})", "\"response.code\""},
      {R"({"response": {"code": 14.5}})", "\"response.code\""},
      {R"({"response": {"code": 14, "message": 3}})", "\"response.message\""},
      {R"({"response": {"message": "x"}})", "\"response.message\""},
      {R"({"response": {"retryAfterSeconds": 1}})", "\"response.retryAfterSeconds\""},
      {R"({"response": {"code": 14, "retryAfterSeconds": -1}})", "\"response.retryAfterSeconds\""},
      {R"({"response": {"delayMs": -5}})", "\"response.delayMs\""},
      {R"({"response": {"delayMs": 3600001}})", "\"response.delayMs\""},
      {R"({"response": {"drop": "explode"}})", "\"response.drop\""},
      {R"({"response": {"drop": true}})", "\"response.drop\""},
      {R"({"response": {"code": 14, "speed": 1}})", "\"response.speed\""},
      {R"({"response": {"code": 14}, "times": -1})", "\"times\""},
      {R"({"response": {"code": 14}, "times": "2"})", "\"times\""},
      {R"({"response": {"code": 14}, "after": -1})", "\"after\""},
      {R"({"response": {"code": 14}, "match": []})", "\"match\""},
      {R"({"response": {"code": 14}, "match": {"operation": "ListJobs"}})", "\"match.operation\""},
      {R"({"response": {"code": 14}, "match": {"account": 7}})", "\"match.account\""},
      {R"({"response": {"code": 14}, "match": {"method": null}})", "\"match.method\""},
      {R"({"response": {"code": 14}, "match": {"page": 0}})", "\"match.page\""},
      {R"({"response": {"code": 14}, "match": {"filter": 1}})", "\"match.filter\""},
      {R"({"response": {"code": 14}, "match": {"header": "x"}})", "\"match.header\""},
      {R"({"response": {"code": 14}, "match": {"header": {"name": ""}}})", "\"match.header.name\""},
      {R"({"response": {"code": 14}, "match": {"header": {"name": "a"}}})",
       "\"match.header.value\""},
      {R"({"response": {"code": 14}, "match": {"header": {"name": "a", "value": "b", "c": 1}}})",
       "\"match.header.c\""},
      {R"({"response": {"code": 14}, "match": {"colour": "red"}})", "\"match.colour\""},
      {R"([1])", "object"},
      {R"({"response": {"code": 14})", "invalid JSON"},
  };
  for (const auto& [body, field] : cases) {
    CAPTURE(body);
    const HttpResult r = PostFault(client, body);
    CheckApiError(r, 400, 3);
    CHECK_THAT(r.Message(), Contains(field));
  }
  CHECK(Faults(client).empty());
}

TEST_CASE("Rules of a --faults file are loaded at start-up", "[faults]") {
  TempDir dir;
  const std::string path = dir.Write(
      "faults.json", R"([{"match": {"operation": "ListBatchJobs"}, "response": {"code": 14},
                         "times": 1},
                        {"match": {"operation": "ListBatchJobs"}, "response": {"code": 8}}])");
  ManualServer server({"--faults", path});
  ApiClient client(server.process());
  CHECK(Faults(client).size() == 2);
  CHECK(client.List("acme").status == 503);
  CHECK(client.List("acme").status == 429);
  FwmockProcess by_env({"--clock", "manual"}, {{"FWMOCK_FAULTS", path}});
  ApiClient env_client(by_env);
  CHECK(env_client.List("acme").status == 503);
}

TEST_CASE("A bad --faults file exits 2 naming the file and the rule", "[faults]") {
  TempDir dir;
  const std::string bad_rule =
      dir.Write("bad.json", R"([{"response": {"code": 14}}, {"response": {"code": 99}}])");
  ExitResult r = RunToCompletion({"--port", "0", "--faults", bad_rule});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains(bad_rule) && Contains("rule 1") && Contains("response.code"));
  const std::string not_list = dir.Write("object.json", R"({"response": {"code": 14}})");
  r = RunToCompletion({"--port", "0", "--faults", not_list});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains(not_list) && Contains("list"));
  const std::string broken = dir.Write("broken.json", "[{");
  r = RunToCompletion({"--port", "0", "--faults", broken});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains(broken) && Contains("invalid JSON"));
  r = RunToCompletion({"--port", "0", "--faults", dir.path() + "/missing.json"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("missing.json"));
}

}  // namespace
}  // namespace fwmock_test
