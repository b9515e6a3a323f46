// The paging control endpoints and flag through the real binary: bodies, answers, token
// expiry on the manual clock, --paging and FWMOCK_PAGING, and what the modes leave alone.
#include <catch2/catch.hpp>

#include "api_client.h"
#include "fixture_data.h"
#include "fwmock_process.h"
#include "job_helpers.h"
#include "paging_helpers.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

TEST_CASE("PUT answers the mode it set and GET shows it", "[paging][control]") {
  FwmockProcess server;
  ApiClient client(server);
  CHECK(GetPaging(client).json == json::object());
  const auto [body, shown] = GENERATE(table<std::string, std::string>({
      {R"({"maxPageSize": 3})", R"({"maxPageSize": 3})"},
      {R"({"shortPages": true})", R"({"shortPages": true, "seed": 0})"},
      {R"({"shortPages": false, "tokenTtlSeconds": 5})", R"({"tokenTtlSeconds": 5})"},
      {R"({"maxPageSize": 200, "shortPages": true, "seed": 4294967295, "emptyPageEvery": 1000000,
           "tokenTtlSeconds": 2147483647})",
       R"({"maxPageSize": 200, "shortPages": true, "seed": 4294967295, "emptyPageEvery": 1000000,
           "tokenTtlSeconds": 2147483647})"},
      {"{}", "{}"},
      {"", "{}"},
  }));
  CAPTURE(body);
  for (const std::string account : {"", "acme"}) {
    CAPTURE(account);
    const HttpResult put = PutPaging(client, account, body);
    REQUIRE(put.status == 200);
    CHECK_THAT(put.Header("Content-Type"), Contains("application/json"));
    CHECK(put.json == json::parse(shown));
    CHECK(GetPaging(client, account).json == json::parse(shown));
  }
}

TEST_CASE("A bad paging body is 400 naming the field and changes nothing", "[paging][control]") {
  FwmockProcess server;
  ApiClient client(server);
  MustPutPaging(client, "", R"({"maxPageSize": 4})");
  const auto [body, message] = GENERATE(table<std::string, std::string>({
      {R"({"pageSize": 3})", "unknown field \"pageSize\""},
      {R"({"maxPageSize": 0})", "field \"maxPageSize\": expected an integer from 1 to 200"},
      {R"({"maxPageSize": -2})", "field \"maxPageSize\": expected an integer from 1 to 200"},
      {R"({"maxPageSize": "3"})", "field \"maxPageSize\": expected an integer from 1 to 200"},
      {R"({"maxPageSize": 2.5})", "field \"maxPageSize\": expected an integer from 1 to 200"},
      {R"({"shortPages": "yes"})", "field \"shortPages\": expected true or false"},
      {R"({"shortPages": true, "seed": 4294967296})",
       "field \"seed\": expected an integer from 0 to 4294967295"},
      {R"({"shortPages": true, "seed": -1})", "field \"seed\": expected an integer from 0 to"},
      {R"({"seed": 7})", "field \"seed\": only with \"shortPages\": true"},
      {R"({"emptyPageEvery": 1})", "field \"emptyPageEvery\": expected an integer from 2 to"},
      {R"({"tokenTtlSeconds": 0})", "field \"tokenTtlSeconds\": expected an integer from 1 to"},
      {R"({"tokenTtlSeconds": 1e400})", "invalid JSON"},
      {R"({"maxPageSize": 3, "maxPageSize": 4})", "invalid JSON: key \"maxPageSize\" given twice"},
      {R"([{"maxPageSize": 3}])", "expected a JSON object, got array"},
      {R"({"maxPageSize": 3)", "invalid JSON"},
      {std::string(100, '[') + std::string(100, ']'), "invalid JSON: nesting deeper than 64"},
  }));
  for (const std::string account : {"", "acme"}) {
    CAPTURE(body, account);
    const HttpResult r = PutPaging(client, account, body);
    CheckApiError(r, 400, 3);
    CHECK_THAT(r.Message(), Contains(message));
  }
  CHECK(GetPaging(client).json == json::parse(R"({"maxPageSize": 4})"));
  CHECK(GetPaging(client, "acme").json == json::parse(R"({"maxPageSize": 4})"));
}

TEST_CASE("Other methods on the paging paths are refused", "[paging][control]") {
  FwmockProcess server;
  ApiClient client(server);
  for (const std::string path : {"/_fwmock/paging", "/_fwmock/accounts/acme/paging"}) {
    for (const std::string method : {"POST", "PATCH"}) {
      CAPTURE(path, method);
      CheckApiError(client.Send(method, path, {}, "{}", "application/json"), 501, 12);
    }
  }
  CheckApiError(client.Get("/_fwmock/accounts/acme/paging/x"), 404, 5);
}

// `count` jobs created in `account` at the manual clock's start; their names sorted, which is
// the default order of jobs created at one instant.
std::vector<std::string> Seed(ApiClient& client, const std::string& account, int count) {
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i) names.push_back(MustCreate(client, account).at("name"));
  std::sort(names.begin(), names.end());
  return names;
}

TEST_CASE("A page token is good until the TTL on the manual clock and expired after it",
          "[paging][control][clock]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::vector<std::string> names = Seed(client, "ttl", 9);
  MustPutPaging(client, "", R"({"tokenTtlSeconds": 60})");
  const HttpResult first = client.List("ttl", "pageSize=3");
  REQUIRE(first.status == 200);
  const std::string token1 = first.json.at("nextPageToken");
  REQUIRE_FALSE(token1.empty());
  Advance(client, 60);  // exactly the TTL: not older than it
  const HttpResult second = client.List("ttl", "pageSize=3&pageToken=" + UrlEncode(token1));
  REQUIRE(second.status == 200);
  const std::string token2 = second.json.at("nextPageToken");
  Advance(client, 0.5);  // token1 is 60.5 s old, token2 0.5 s
  const HttpResult late = client.List("ttl", "pageSize=3&pageToken=" + UrlEncode(token1));
  CheckApiError(late, 400, 3);
  CHECK(late.Message() == "page token expired");
  const HttpResult third = client.List("ttl", "pageSize=3&pageToken=" + UrlEncode(token2));
  REQUIRE(third.status == 200);
  std::vector<std::string> walked;
  for (const HttpResult* page : {&first, &second, &third}) {
    for (const json& job : page->json.at("batchJobs")) walked.push_back(job.at("name"));
  }
  CHECK(walked == names);
  CHECK(third.json.at("nextPageToken") == "");
  Advance(client, 3600);  // a walk started again works; an old token does not
  CheckApiError(client.List("ttl", "pageSize=3&pageToken=" + UrlEncode(token2)), 400, 3);
  CheckWalk(ListAll(client, "ttl", "", 4), names, 4);
}

TEST_CASE("A token of normal paging is expired under a TTL and good again without it",
          "[paging][control][clock]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::vector<std::string> names = Seed(client, "ttl", 4);
  const HttpResult plain = client.List("ttl", "pageSize=2");
  REQUIRE(plain.status == 200);
  const std::string q = "pageSize=2&pageToken=" + UrlEncode(plain.json.at("nextPageToken"));
  MustPutPaging(client, "ttl", R"({"tokenTtlSeconds": 3600})");
  const HttpResult expired = client.List("ttl", q);
  CheckApiError(expired, 400, 3);
  CHECK(expired.Message() == "page token expired");
  REQUIRE(DeletePaging(client, "ttl").status == 200);
  const HttpResult again = client.List("ttl", q);
  REQUIRE(again.status == 200);
  CHECK(again.json.at("batchJobs").size() == 2);
  CHECK(again.json.at("batchJobs")[1].at("name") == names[3]);
}

TEST_CASE("The --paging flag and FWMOCK_PAGING set the global mode at start-up",
          "[paging][control][process]") {
  const std::vector<std::string> acme = NamesByCreateTimeDesc(JobsOf("acme"));
  FwmockProcess flagged({"--paging", "max-page-size=3,empty-page-every=3,token-ttl-seconds=60"});
  ApiClient client(flagged);
  CHECK(GetPaging(client).json ==
        json::parse(R"({"maxPageSize": 3, "emptyPageEvery": 3, "tokenTtlSeconds": 60})"));
  const Listing listing = ListAll(client, "acme", "", 10);
  CheckWalk(listing, acme, 3);
  CHECK(PageSizes(listing)[2] == 0);
  REQUIRE(DeletePaging(client).status == 200);
  CheckWalk(ListAll(client, "acme", "", 10), acme, 10);

  FwmockProcess from_env({}, {{"FWMOCK_PAGING", "short-pages=true,seed=7"}});
  ApiClient env_client(from_env);
  CHECK(GetPaging(env_client).json == json::parse(R"({"shortPages": true, "seed": 7})"));
  CheckWalk(ListAll(env_client, "acme", "", 10), acme, 10);
}

TEST_CASE("A bad --paging value exits 2 naming the key", "[paging][control][process]") {
  const auto [spec, message] = GENERATE(table<std::string, std::string>({
      {"max-page-size=0", "--paging: max-page-size: expected an integer from 1 to 200, got \"0\""},
      {"max-page-size=abc", "--paging: max-page-size: expected an integer"},
      {"short-pages=1", "--paging: short-pages: expected true or false, got \"1\""},
      {"seed=3", "--paging: seed: only with short-pages=true"},
      {"short-pages=true,seed=4294967296", "--paging: seed: expected an integer from 0 to"},
      {"empty-page-every=1", "--paging: empty-page-every: expected an integer from 2 to"},
      {"token-ttl-seconds=-5", "--paging: token-ttl-seconds: expected an integer from 1 to"},
      {"pages=3", "--paging: unknown key \"pages\""},
      {"max-page-size", "--paging: expected KEY=VALUE, got \"max-page-size\""},
  }));
  CAPTURE(spec);
  const ExitResult flag = RunToCompletion({"--port", "0", "--paging", spec});
  CHECK(flag.exit_code == 2);
  CHECK_THAT(flag.err, Contains(message));
  CHECK(flag.out.empty());
  const ExitResult env = RunToCompletion({"--port", "0"}, {{"FWMOCK_PAGING", spec}});
  CHECK(env.exit_code == 2);
  CHECK_THAT(env.err, Contains("FWMOCK_PAGING: " + message));
}

TEST_CASE("Get Batch Job Logs pages as normal under every paging mode", "[paging][control][logs]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::string name =
      MustCreate(client, "acme",
                 {{"nodePoolId", "p"}, {"annotations", {{"fwmock.dev/run-seconds", "60"}}}})
          .at("name");
  Advance(client, 1000);  // 12 lines
  const HttpResult normal = GetLogs(client, name, "pageSize=5");
  REQUIRE(normal.status == 200);
  REQUIRE(normal.json.at("entries").size() == 5);
  const std::string next = "pageSize=5&pageToken=" + UrlEncode(normal.json.at("nextPageToken"));
  const HttpResult normal_next = GetLogs(client, name, next);
  MustPutPaging(client, "", R"({"maxPageSize": 1, "emptyPageEvery": 2, "tokenTtlSeconds": 1})");
  Advance(client, 10);
  CHECK(GetLogs(client, name, "pageSize=5").body == normal.body);
  const HttpResult second = GetLogs(client, name, next);
  REQUIRE(second.status == 200);
  CHECK(second.body == normal_next.body);
  CHECK(second.json.at("entries").size() == 5);
}

}  // namespace
}  // namespace fwmock_test
