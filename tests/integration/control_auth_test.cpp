// --admin-token: every /_fwmock/ route needs it when it is set, API keys never open the control
// API, and a non-loopback --host without it warns at start.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <sstream>

#include "control_helpers.h"
#include "job_helpers.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;

constexpr char kToken[] = "s3cret-admin";

struct ControlCall {
  std::string method;
  std::string target;
  std::string body;
};

// One call of every control route the server has (the journal, faults and paging routes are
// covered by the same gate: IsControl in mock/http/server.cpp).
const std::vector<ControlCall>& ControlCalls() {
  static const std::vector<ControlCall> kCalls = {
      {"GET", "/_fwmock/clock", ""},
      {"POST", "/_fwmock/clock:advance", R"({"seconds": 1})"},
      {"POST", "/_fwmock/clock:set", R"({"now": "2027-01-01T00:00:00Z"})"},
      {"GET", "/_fwmock/openapi.yaml", ""},
      {"POST", "/_fwmock/reset", "{}"},
      {"POST", "/_fwmock/accounts/acme:reset", "{}"},
      {"DELETE", "/_fwmock/accounts/acme/batchJobs", ""},
      {"POST", "/_fwmock/accounts/acme/batchJobs:import", R"({"batchJobs":[]})"},
      {"GET", "/_fwmock/accounts/acme/batchJobs:export", ""},
  };
  return kCalls;
}

HttpResult Call(ApiClient& client, const ControlCall& call) {
  return client.Send(call.method, call.target, {}, call.body,
                     call.body.empty() ? "" : "application/json");
}

TEST_CASE("With --admin-token every control route needs it and API keys do not open them",
          "[control][auth]") {
  const bool from_env = GENERATE(false, true);
  CAPTURE(from_env);
  std::vector<std::string> args = {"--api-key", "public-key", "--clock", "manual"};
  std::map<std::string, std::string> env;
  if (from_env) {
    env["FWMOCK_ADMIN_TOKEN"] = kToken;
  } else {
    args.insert(args.end(), {"--admin-token", kToken});
  }
  FwmockProcess server(args, env);
  ApiClient anonymous(server, "");
  ApiClient public_key(server, "public-key");
  ApiClient wrong(server, std::string(kToken) + "x");
  ApiClient prefix(server, std::string(kToken).substr(0, 4));
  ApiClient admin(server, kToken);
  for (const ControlCall& call : ControlCalls()) {
    CAPTURE(call.method, call.target);
    for (ApiClient* client : {&anonymous, &public_key, &wrong, &prefix}) {
      const HttpResult r = Call(*client, call);
      CheckApiError(r, 401, 16);
      CHECK_THAT(r.Header("WWW-Authenticate"), Contains("Bearer"));
    }
    CHECK(Call(admin, call).status == 200);
  }
  CHECK_THAT(Call(anonymous, ControlCalls()[0]).Message(), Contains("admin token"));
  // The admin token is no API key, and the public API does not change.
  CHECK(public_key.List("acme").status == 200);
  CHECK(admin.List("acme").status == 401);
}

TEST_CASE("Without --admin-token the control routes are open", "[control][auth]") {
  FwmockProcess server({"--api-key", "public-key", "--clock", "manual"});
  ApiClient anonymous(server, "");
  ApiClient any_key(server, "whatever");
  for (const ControlCall& call : ControlCalls()) {
    CAPTURE(call.method, call.target);
    CHECK(Call(anonymous, call).status == 200);
    CHECK(Call(any_key, call).status == 200);
  }
}

TEST_CASE("An empty --admin-token is refused at start", "[control][auth]") {
  const ExitResult r = RunToCompletion({"--admin-token="});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--admin-token"));
}

// The stderr lines of a fwmock started with `args`, once it stopped.
std::vector<std::string> StderrLines(const std::vector<std::string>& args) {
  FwmockProcess server(args);
  server.Stop();
  std::vector<std::string> lines;
  std::istringstream in(server.Stderr());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST_CASE("A non-loopback --host without --admin-token prints one warning line",
          "[control][auth]") {
  const std::vector<std::string> lines = StderrLines({"--host", "0.0.0.0"});
  REQUIRE(lines.size() == 1);
  CHECK_THAT(lines[0], Contains("fwmock: warning:") && Contains("0.0.0.0") &&
                           Contains("--admin-token") && Contains("/_fwmock/"));
  CHECK(StderrLines({"--host", "0.0.0.0", "--admin-token", kToken}).empty());
  for (const std::string host : {"127.0.0.1", "127.1.2.3", "::1", "localhost"}) {
    CAPTURE(host);
    CHECK(StderrLines({"--host", host}).empty());
  }
}

TEST_CASE("/_fwmock/openapi.yaml serves the control API's own document", "[control][contract]") {
  FwmockProcess server;
  ApiClient client(server, "");
  const HttpResult r = client.Get("/_fwmock/openapi.yaml");
  REQUIRE(r.status == 200);
  CHECK_THAT(r.Header("Content-Type"), Contains("application/yaml"));
  std::ifstream in(SourcePath("mock/spec/_fwmock/openapi.yaml"), std::ios::binary);
  const std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE_FALSE(source.empty());
  CHECK(r.body == source);
  CHECK(client.Get("/openapi.yaml").body != source);
}

}  // namespace
}  // namespace fwmock_test
