// The HTTP surface: authentication, routing, methods, headers and the error shape.
#include <catch2/catch.hpp>

#include "api_client.h"
#include "fixture_data.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nlohmann::json;

// The error body shape of grpc-gateway, exactly: code, details [], message; JSON content.
void CheckError(const HttpResult& r, int status, int code) {
  INFO("body: " << r.body);
  CHECK(r.status == status);
  CHECK_THAT(r.Header("Content-Type"), StartsWith("application/json"));
  REQUIRE(r.json.is_object());
  std::vector<std::string> keys;
  for (const auto& [k, v] : r.json.items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"code", "details", "message"});
  CHECK(r.Code() == code);
  CHECK(r.json.value("details", json()) == json::array());
  CHECK(!r.Message().empty());
  CHECK_THAT(r.body, !Contains("exception") && !Contains("what()") && !Contains("std::"));
}

const std::string kJob = "/v1/accounts/acme/batchJobs/0123456789abcdef0123456789abcdef";

TEST_CASE("No bearer key is 401 code 16 with WWW-Authenticate", "[server][auth]") {
  const auto [header, value] = GENERATE(table<std::string, std::string>({
      {"", ""},
      {"Authorization", "Bearer "},
      {"Authorization", "Bearer    "},
      {"Authorization", "Bearer"},
      {"Authorization", "Basic dXNlcjpwYXNz"},
      {"Authorization", "k1"},
  }));
  CAPTURE(header, value);
  ApiClient client(DefaultServer(), "");
  httplib::Headers headers;
  if (!header.empty()) headers.emplace(header, value);
  const HttpResult r = client.Get(ListPath("acme"), headers);
  CheckError(r, 401, 16);
  CHECK(r.Header("WWW-Authenticate") == "Bearer realm=\"fwmock\"");
}

TEST_CASE("Without --api-key any non-empty key lists", "[server][auth]") {
  const std::string key = GENERATE(as<std::string>{}, "any-key", "k1", "x");
  ApiClient client(DefaultServer(), key);
  CHECK(client.List("acme", "pageSize=1").status == 200);
}

TEST_CASE("Configured keys give 401 when unknown and 403 when bound to another account",
          "[server][auth]") {
  const bool by_env = GENERATE(false, true);
  CAPTURE(by_env);
  FwmockProcess server(by_env ? std::vector<std::string>{}
                              : std::vector<std::string>{"--api-key", "k1", "--api-key", "k2=acme"},
                       by_env
                           ? std::map<std::string, std::string>{{"FWMOCK_API_KEYS", "k1,k2=acme"}}
                           : std::map<std::string, std::string>{});
  const auto [key, account, status, code] = GENERATE(table<std::string, std::string, int, int>({
      {"k1", "acme", 200, 0},
      {"k1", "globex", 200, 0},
      {"k1", "nobody", 200, 0},
      {"k2", "acme", 200, 0},
      {"k2", "globex", 403, 7},
      {"k3", "acme", 401, 16},
      {"K1", "acme", 401, 16},
      {"k2=acme", "acme", 401, 16},
  }));
  CAPTURE(key, account);
  ApiClient client(server, key);
  const HttpResult r = client.List(account, "pageSize=1");
  if (status == 200) {
    CHECK(r.status == 200);
  } else {
    CheckError(r, status, code);
  }
  if (status == 401) CHECK(r.Header("WWW-Authenticate") == "Bearer realm=\"fwmock\"");
}

TEST_CASE("Keys given by flag replace the keys of FWMOCK_API_KEYS", "[server][auth]") {
  FwmockProcess server({"--api-key", "k1"}, {{"FWMOCK_API_KEYS", "k9"}});
  CHECK(ApiClient(server, "k1").List("acme", "pageSize=1").status == 200);
  CheckError(ApiClient(server, "k9").List("acme", "pageSize=1"), 401, 16);
}

TEST_CASE("With --allow-anonymous a request without Authorization lists", "[server][auth]") {
  const int way = GENERATE(range(0, 4));
  const std::vector<std::vector<std::string>> args = {
      {"--allow-anonymous"}, {}, {"--allow-anonymous", "--api-key", "k1"}, {}};
  const std::vector<std::map<std::string, std::string>> env = {
      {}, {{"FWMOCK_ALLOW_ANONYMOUS", "1"}}, {}, {{"FWMOCK_ALLOW_ANONYMOUS", "true"}}};
  const auto i = static_cast<std::size_t>(way);
  CAPTURE(args[i], env[i]);
  FwmockProcess server(args[i], env[i]);
  ApiClient anonymous(server, "");
  CHECK(anonymous.List("acme", "pageSize=1").status == 200);
  for (const std::string bad : {"Bearer ", "Bearer", "Basic dXNlcjpwYXNz"}) {
    CAPTURE(bad);
    CheckError(anonymous.Get(ListPath("acme"), {{"Authorization", bad}}), 401, 16);
  }
  if (way == 2) CheckError(ApiClient(server, "k2").List("acme"), 401, 16);
}

TEST_CASE("Unknown routes are 404 code 5 Not Found before authentication", "[server][routing]") {
  const std::string target =
      GENERATE(as<std::string>{}, "/", "/v1", "/v1/accounts", "/v1/accounts/acme",
               "/v1/accounts/acme/jobs", "/v2/accounts/acme/batchJobs",
               "/v1/accounts/acme/batchJobs/x/y", "/v1/accounts/acme/batchJob",
               "/v1/accounts/acme/batchJobs:cancel/x", "/healthz/x", "/V1/accounts/acme/batchJobs");
  CAPTURE(target);
  for (const std::string key : {"", "k"}) {
    ApiClient client(DefaultServer(), key);
    const HttpResult r = client.Get(target);
    CheckError(r, 404, 5);
    CHECK(r.Message() == "Not Found");
  }
}

TEST_CASE("An empty verb is 404 code 5 Not Found", "[server][routing]") {
  const std::string target =
      GENERATE(as<std::string>{}, "/v1/accounts/acme/batchJobs:", kJob + ":");
  CAPTURE(target);
  ApiClient client(DefaultServer());
  const HttpResult r = client.Get(target);
  CheckError(r, 404, 5);
  CHECK(r.Message() == "Not Found");
}

TEST_CASE("An encoded colon is part of the job id, not a verb", "[server][routing]") {
  ApiClient client(DefaultServer());
  const HttpResult get = client.Get(kJob + "%3Acancel");
  CheckError(get, 404, 5);
  CHECK_THAT(get.Message(), Contains(kJob.substr(4) + ":cancel\" not found"));
  CheckError(client.Send("POST", kJob + "%3Acancel", {}, "{}", "application/json"), 501, 12);
}

TEST_CASE("A wrong method on a known path is 501 code 12 before authentication",
          "[server][routing]") {
  const auto [method, target] = GENERATE(table<std::string, std::string>({
      {"PUT", "/v1/accounts/acme/batchJobs"},
      {"DELETE", "/v1/accounts/acme/batchJobs"},
      {"PATCH", "/v1/accounts/acme/batchJobs"},
      {"POST", kJob},
      {"PUT", kJob},
      {"GET", kJob + ":cancel"},
      {"POST", kJob + ":getLogs"},
      {"GET", "/v1/accounts/acme/batchJobs:batchDelete"},
      {"POST", "/healthz"},
  }));
  CAPTURE(method, target);
  for (const std::string key : {"", "k"}) {
    ApiClient client(DefaultServer(), key);
    const HttpResult r = client.Send(method, target, {}, method == "GET" ? "" : "{}",
                                     method == "GET" ? "" : "application/json");
    CheckError(r, 501, 12);
    CHECK(r.Message() == "Method Not Allowed");
  }
}

TEST_CASE("Every operation is routed to its handler behind authentication", "[server][routing]") {
  // Requests the shared server can answer without changing its data: an unknown job is the
  // handler's 404 (naming the job), not the router's "Not Found"; bodies that fail validation
  // are the handler's 400.
  const auto [method, target, body, status, code, words] =
      GENERATE(table<std::string, std::string, std::string, int, int, std::string>({
          {"POST", "/v1/accounts/acme/batchJobs", R"({})", 400, 3, "nodePoolId"},
          {"GET", kJob, "", 404, 5, "batch job"},
          {"PATCH", kJob, R"({"displayName":"x"})", 404, 5, "batch job"},
          {"DELETE", kJob, "", 404, 5, "batch job"},
          {"POST", kJob + ":cancel", "{}", 404, 5, "batch job"},
          {"GET", kJob + ":getLogs", "", 404, 5, "batch job"},
          {"POST", "/v1/accounts/acme/batchJobs:batchDelete", R"({"names":[]})", 400, 3, "names"},
      }));
  CAPTURE(method, target);
  ApiClient client(DefaultServer());
  const HttpResult r =
      client.Send(method, target, {}, body, body.empty() ? "" : "application/json");
  CheckError(r, status, code);
  CHECK_THAT(r.Message(), Catch::Contains(words));
  ApiClient anonymous(DefaultServer(), "");
  CheckError(anonymous.Send(method, target, {}, body, body.empty() ? "" : "application/json"), 401,
             16);
}

TEST_CASE("DELETE with Content-Type application/json and no body reaches the handler",
          "[server][routing]") {
  ApiClient client(DefaultServer());
  const HttpResult r =
      client.Send("DELETE", kJob, {{"Content-Length", "0"}}, "", "application/json");
  CheckError(r, 404, 5);
  CHECK_THAT(r.Message(), Catch::Contains("batch job"));
  const HttpResult bare = client.Send("DELETE", kJob, {}, "", "application/json");
  CheckError(bare, 404, 5);
  CHECK_THAT(bare.Message(), Catch::Contains("batch job"));
}

TEST_CASE("Unknown headers are ignored", "[server][headers]") {
  ApiClient client(DefaultServer());
  const httplib::Headers headers = {{"X-Stainless-Lang", "python"},
                                    {"X-Stainless-Retry-Count", "0"},
                                    {"User-Agent", "Fireworks/Python 1.0"},
                                    {"X-Request-Id", "abc"},
                                    {"Accept", "application/json"}};
  const HttpResult with = client.Get(WithQuery(ListPath("acme"), "pageSize=3"), headers);
  const HttpResult without = client.List("acme", "pageSize=3");
  REQUIRE(with.status == 200);
  CHECK(with.body == without.body);
}

TEST_CASE("/healthz answers 200 without a key", "[server][health]") {
  ApiClient client(DefaultServer(), "");
  const HttpResult r = client.Get("/healthz");
  CHECK(r.status == 200);
  CHECK(r.json == json{{"status", "ok"}});
  CHECK_THAT(r.Header("Content-Type"), StartsWith("application/json"));
}

TEST_CASE("Every API answer is application/json", "[server][headers]") {
  const std::string target = GENERATE(as<std::string>{}, "/v1/accounts/acme/batchJobs",
                                      "/v1/accounts/acme/batchJobs?pageSize=-1", "/nope", kJob);
  CAPTURE(target);
  ApiClient client(DefaultServer());
  const HttpResult r = client.Get(target);
  REQUIRE(r.status != 0);
  CHECK_THAT(r.Header("Content-Type"), StartsWith("application/json"));
  CHECK(!r.json.is_discarded());
}

TEST_CASE("Errors the HTTP library raises come back in the same shape", "[server][errors]") {
  ApiClient client(DefaultServer());
  SECTION("an unknown method") { CheckError(client.Send("FOO", ListPath("acme")), 400, 3); }
  SECTION("a URI over 8 KiB") {
    const HttpResult r = client.List("acme", "filter=" + std::string(9000, 'a'));
    CheckError(r, 414, 3);
    CHECK_THAT(r.Message(), StartsWith("request URI over the limit of 8 KiB: a filter"));
    CHECK_THAT(r.Message(), Contains("about 8,000 bytes after percent-encoding"));
  }
}

}  // namespace
}  // namespace fwmock_test
