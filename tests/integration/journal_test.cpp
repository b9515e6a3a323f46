// The request journal: GET /_fwmock/requests with its filters, DELETE, --journal-size, what an
// entry holds (query pairs in order, redacted Authorization, body bounds, faulted status).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "fixture_data.h"
#include "job_helpers.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

json Journal(ApiClient& client, const std::string& query = "") {
  const HttpResult r = client.Get(WithQuery("/_fwmock/requests", query));
  INFO("body: " << r.body);
  REQUIRE(r.status == 200);
  REQUIRE(r.json.contains("requests"));
  return r.json["requests"];
}

std::vector<std::string> Ids(const json& entries) {
  std::vector<std::string> ids;
  for (const json& e : entries) ids.push_back(e.value("id", "<none>"));
  return ids;
}

std::vector<std::string> Operations(const json& entries) {
  std::vector<std::string> ops;
  for (const json& e : entries) ops.push_back(e.value("operation", "<none>"));
  return ops;
}

TEST_CASE("The journal keeps each API request with what its client got", "[journal]") {
  ManualServer server;
  ApiClient client(server.process(), "secret-key");
  const std::string body = R"({"nodePoolId": "pool", "displayName": "j1"})";
  REQUIRE(CreateJob(client, "acme", json::parse(body)).status == 200);
  REQUIRE(
      client.Get("/v1/accounts/acme/batchJobs?pageSize=2&filter=a%3D%22b+c%22&pageSize=3").status ==
      400);
  REQUIRE(client.Get("/v1/nowhere?x=1").status == 404);
  const json entries = Journal(client);
  CAPTURE(entries.dump());
  REQUIRE(entries.size() == 3);
  const json& create = entries[0];
  CHECK(create.size() == 12);
  CHECK(create["method"] == "POST");
  CHECK(create["path"] == "/v1/accounts/acme/batchJobs");
  CHECK(create["query"] == json::array());
  CHECK(json::parse(create["body"].get<std::string>()) == json::parse(body));
  CHECK(create["bodyTruncated"] == false);
  CHECK(create["status"] == 200);
  CHECK(create["operation"] == "CreateBatchJob");
  CHECK(create["account"] == "acme");
  CHECK(create["headers"]["Authorization"] == "Bearer");
  CHECK(create["headers"]["Content-Type"] == "application/json");
  CHECK(create["durationMs"].is_number());
  CHECK(create["durationMs"].get<double>() >= 0);
  CHECK(ParseRfc3339(create.value("time", "")).has_value());
  const json& list = entries[1];
  CHECK(list["operation"] == "ListBatchJobs");
  CHECK(list["status"] == 400);
  CHECK(list["query"] ==
        json::array({{"pageSize", "2"}, {"filter", "a=\"b c\""}, {"pageSize", "3"}}));
  const json& nowhere = entries[2];
  CHECK(nowhere["operation"] == "");
  CHECK(nowhere["account"] == "");
  CHECK(nowhere["status"] == 404);
  CHECK(nowhere["path"] == "/v1/nowhere");
  CHECK(std::stoll(entries[0]["id"].get<std::string>()) <
        std::stoll(entries[1]["id"].get<std::string>()));
  CHECK_THAT(entries.dump(), !Contains("secret-key"));
}

TEST_CASE("fwmock's own endpoints are not journaled", "[journal]") {
  ManualServer server;
  ApiClient client(server.process());
  REQUIRE(ClockGet(client).status == 200);
  REQUIRE(client.Get("/healthz").status == 200);
  REQUIRE(client.Get("/openapi.yaml").status == 200);
  REQUIRE(client.Get("/_fwmock/faults").status == 200);
  REQUIRE(client.Get("/_fwmock/nothing").status == 404);
  CHECK(Journal(client).empty());
  CHECK(Journal(client).empty());  // GET /_fwmock/requests itself is not kept either
}

TEST_CASE("The journal filters by operation, account, method, since and limit", "[journal]") {
  ManualServer server;
  ApiClient client(server.process());
  const json a = MustCreate(client, "acme");
  MustCreate(client, "beta");
  REQUIRE(client.List("acme").status == 200);
  REQUIRE(client.List("beta").status == 200);
  MustGet(client, a["name"]);
  const json all = Journal(client);
  REQUIRE(Operations(all) == std::vector<std::string>{"CreateBatchJob", "CreateBatchJob",
                                                      "ListBatchJobs", "ListBatchJobs",
                                                      "GetBatchJob"});
  const std::vector<std::string> ids = Ids(all);
  CHECK(Ids(Journal(client, "operation=ListBatchJobs")) ==
        std::vector<std::string>{ids[2], ids[3]});
  CHECK(Ids(Journal(client, "account=beta")) == std::vector<std::string>{ids[1], ids[3]});
  CHECK(Ids(Journal(client, "method=POST")) == std::vector<std::string>{ids[0], ids[1]});
  CHECK(Ids(Journal(client, "since=" + ids[2])) == std::vector<std::string>{ids[3], ids[4]});
  CHECK(Ids(Journal(client, "limit=2")) == std::vector<std::string>{ids[3], ids[4]});
  CHECK(Ids(Journal(client, "limit=0")).empty());
  CHECK(Ids(Journal(client, "limit=99")) == ids);
  CHECK(Ids(Journal(client, "account=acme&method=GET&limit=1")) ==
        std::vector<std::string>{ids[4]});
  CHECK(Ids(Journal(client, "operation=ListBatchJobs&since=" + ids[2])) ==
        std::vector<std::string>{ids[3]});
}

TEST_CASE("Bad journal filters are 400 naming the parameter", "[journal]") {
  ManualServer server;
  ApiClient client(server.process());
  for (const auto& [query, word] :
       std::vector<std::pair<std::string, std::string>>{{"limit=abc", "limit"},
                                                        {"limit=-1", "limit"},
                                                        {"limit=", "limit"},
                                                        {"since=x", "since"},
                                                        {"operation=ListJobs", "operation"},
                                                        {"operation=listBatchJobs", "operation"},
                                                        {"color=red", "color"},
                                                        {"limit=%zz", "escape"}}) {
    CAPTURE(query);
    const HttpResult r = client.Get("/_fwmock/requests?" + query);
    CheckApiError(r, 400, 3);
    CHECK_THAT(r.Message(), Contains(word));
  }
}

TEST_CASE("The journal keeps only the newest --journal-size requests and 0 keeps none",
          "[journal]") {
  ManualServer small({"--journal-size", "3"});
  ApiClient client(small.process());
  for (int i = 0; i < 5; ++i)
    REQUIRE(client.List("acme", "pageSize=" + std::to_string(i + 1)).status == 200);
  const json kept = Journal(client);
  REQUIRE(kept.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(kept[i]["query"] == json::array({{"pageSize", std::to_string(i + 3)}}));
  }
  FwmockProcess none({"--journal-size", "0", "--clock", "manual"});
  ApiClient none_client(none);
  REQUIRE(none_client.List("acme").status == 200);
  CHECK(Journal(none_client).empty());
  FwmockProcess by_env({"--clock", "manual"}, {{"FWMOCK_JOURNAL_SIZE", "1"}});
  ApiClient env_client(by_env);
  REQUIRE(env_client.List("acme").status == 200);
  REQUIRE(env_client.List("beta").status == 200);
  const json one = Journal(env_client);
  REQUIRE(one.size() == 1);
  CHECK(one[0]["account"] == "beta");
}

TEST_CASE("A bad --journal-size exits 2 naming the flag", "[journal]") {
  for (const std::string bad : {"-1", "x", "", "20000000"}) {
    CAPTURE(bad);
    const ExitResult r = RunToCompletion({"--journal-size", bad});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("--journal-size"));
  }
}

TEST_CASE("DELETE /_fwmock/requests empties the journal and ids keep growing", "[journal]") {
  ManualServer server;
  ApiClient client(server.process());
  REQUIRE(client.List("acme").status == 200);
  const std::string first = Ids(Journal(client)).at(0);
  const HttpResult cleared = client.Send("DELETE", "/_fwmock/requests");
  CheckEmptyObject(cleared);
  CHECK(Journal(client).empty());
  REQUIRE(client.List("acme").status == 200);
  const std::vector<std::string> after = Ids(Journal(client));
  REQUIRE(after.size() == 1);
  CHECK(std::stoll(after[0]) > std::stoll(first));
  CHECK(Ids(Journal(client, "since=" + first)) == after);
}

TEST_CASE("The journal cuts long bodies and shows bytes that are not UTF-8", "[journal]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::string long_body = "{\"displayName\": \"" + std::string(20000, 'x') + "\"}";
  client.Send("POST", "/v1/accounts/acme/batchJobs", {}, long_body, "application/json");
  client.Send("POST", "/v1/accounts/acme/batchJobs", {}, "{\"a\": \"\xff\xfe\"}",
              "application/json");
  const json entries = Journal(client);
  REQUIRE(entries.size() == 2);
  CHECK(entries[0]["body"].get<std::string>() == long_body.substr(0, 16384));
  CHECK(entries[0]["bodyTruncated"] == true);
  CHECK(entries[1]["body"].get<std::string>() == "{\"a\": \"\xef\xbf\xbd\xef\xbf\xbd\"}");
  CHECK(entries[1]["bodyTruncated"] == false);
}

TEST_CASE("The journal records a faulted answer's status and its delay", "[journal][faults]") {
  ManualServer server;
  ApiClient client(server.process());
  const HttpResult added = client.Send(
      "POST", "/_fwmock/faults", {},
      R"({"match": {"operation": "ListBatchJobs"}, "response": {"code": 8, "delayMs": 300}})",
      "application/json");
  REQUIRE(added.status == 200);
  REQUIRE(client.List("acme").status == 429);
  const json entries = Journal(client);
  REQUIRE(entries.size() == 1);
  CHECK(entries[0]["status"] == 429);
  CHECK(entries[0]["durationMs"].get<double>() >= 300);
}

}  // namespace
}  // namespace fwmock_test
