// --cors: preflights answered without authentication, any origin allowed on every answer.
#include <catch2/catch.hpp>

#include "api_client.h"

namespace fwmock_test {
namespace {

// An OPTIONS request outside ApiClient: a preflight is no operation of the spec, so it is not
// recorded for the contract check.
httplib::Result Preflight(const FwmockProcess& server, const std::string& path,
                          const httplib::Headers& headers = {}) {
  httplib::Client client(server.host(), server.port());
  client.set_connection_timeout(30, 0);
  client.set_read_timeout(30, 0);
  httplib::Request req;
  req.method = "OPTIONS";
  req.path = path;
  req.headers = headers;
  req.headers.emplace("Origin", "http://localhost:3000");
  req.headers.emplace("Access-Control-Request-Method", "POST");
  return client.send(req);
}

TEST_CASE("Flag --cors answers a preflight on any route with 204 and no authentication",
          "[process][cors]") {
  const bool by_env = GENERATE(false, true);
  CAPTURE(by_env);
  FwmockProcess server(by_env ? std::vector<std::string>{} : std::vector<std::string>{"--cors"},
                       by_env ? std::map<std::string, std::string>{{"FWMOCK_CORS", "1"}}
                              : std::map<std::string, std::string>{});
  for (const std::string& path : {ListPath("acme"), ListPath("acme") + "/some-job",
                                  std::string("/nope"), std::string("/healthz")}) {
    CAPTURE(path);
    const httplib::Result res = Preflight(server, path);
    REQUIRE(res);
    CHECK(res->status == 204);
    CHECK(res->body.empty());
    CHECK(res->get_header_value("Access-Control-Allow-Origin") == "*");
    CHECK(res->get_header_value("Access-Control-Allow-Methods") ==
          "GET, POST, PATCH, DELETE, OPTIONS");
    CHECK(res->get_header_value("Access-Control-Allow-Headers") == "Authorization, Content-Type");
    CHECK(res->get_header_value("Access-Control-Max-Age") == "600");
  }
  const httplib::Result asked = Preflight(
      server, ListPath("acme"), {{"Access-Control-Request-Headers", "authorization, x-trace-id"}});
  REQUIRE(asked);
  CHECK(asked->status == 204);
  CHECK(asked->get_header_value("Access-Control-Allow-Headers") == "authorization, x-trace-id");
}

TEST_CASE("Flag --cors allows any origin and exposes X-Fwmock-Filter on every answer",
          "[process][cors]") {
  FwmockProcess server({"--cors"});
  ApiClient client(server);
  ApiClient anonymous(server, "");
  const std::vector<HttpResult> answers = {
      client.List("acme", "pageSize=1&filter=num_ranks%3E0"), client.Get("/nope"),
      anonymous.List("acme"), client.List("acme", "pageSize=-1"), client.Get("/healthz")};
  for (const HttpResult& r : answers) {
    CAPTURE(r.status, r.body);
    CHECK(r.status != 0);
    CHECK(r.Header("Access-Control-Allow-Origin") == "*");
    CHECK(r.Header("Access-Control-Expose-Headers") == "X-Fwmock-Filter");
  }
  CHECK(answers[0].status == 200);
  CHECK(answers[2].status == 401);
}

TEST_CASE("Without --cors an OPTIONS request is a wrong method and no origin is allowed",
          "[process][cors]") {
  const std::map<std::string, std::string> env =
      GENERATE(std::map<std::string, std::string>{},
               std::map<std::string, std::string>{{"FWMOCK_CORS", "false"}});
  FwmockProcess server({}, env);
  const httplib::Result res = Preflight(server, ListPath("acme"));
  REQUIRE(res);
  CHECK(res->status == 501);
  CHECK_FALSE(res->has_header("Access-Control-Allow-Origin"));
  const HttpResult list = ApiClient(server).List("acme", "pageSize=1");
  CHECK(list.status == 200);
  CHECK_FALSE(list.HasHeader("Access-Control-Allow-Origin"));
}

}  // namespace
}  // namespace fwmock_test
