// The fwmock process: readiness, signals, flags, the port, logging.
#include <signal.h>

#include <catch2/catch.hpp>
#include <regex>
#include <sstream>

#include "api_client.h"
#include "fixture_data.h"
#include "raw_http.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using Catch::Matchers::StartsWith;
using nlohmann::json;

// `count` jobs of account "big", each with a `bytes`-long status.
std::string BigFixture(int count, std::size_t bytes) {
  std::ostringstream out;
  out << "{\"batchJobs\":[";
  for (int i = 0; i < count; ++i) {
    out << (i ? "," : "") << "{\"name\":\"accounts/big/batchJobs/" << std::string(30, 'a')
        << (10 + i) << "\",\"createTime\":\"2025-01-01T00:00:00Z\",\"status\":\""
        << std::string(bytes, 'x') << "\"}";
  }
  out << "]}";
  return out.str();
}

TEST_CASE("The readiness line is the only line on stdout and names the bound port",
          "[process][startup]") {
  FwmockProcess server({"--host", "127.0.0.1"});
  CHECK(server.ready_line() ==
        "fwmock listening on http://127.0.0.1:" + std::to_string(server.port()));
  CHECK(server.port() > 0);
  ApiClient client(server);
  CHECK(client.Get("/healthz").status == 200);
  CHECK(server.Stop() == 0);
  CHECK(server.Stdout() == server.ready_line() + "\n");
}

TEST_CASE("SIGTERM and SIGINT stop fwmock with exit 0", "[process][signals]") {
  const int signal = GENERATE(SIGTERM, SIGINT);
  CAPTURE(signal);
  FwmockProcess server;
  ApiClient client(server);
  REQUIRE(client.List("acme", "pageSize=1").status == 200);
  CHECK(server.Stop(signal) == 0);
  CHECK(ApiClient(server.host(), server.port()).Get("/healthz").status == 0);
}

TEST_CASE("SIGTERM lets an in-flight response finish and then exits 0", "[process][signals]") {
  TempDir dir;
  constexpr int kJobs = 30;
  const std::string file = dir.Write("big.json", BigFixture(kJobs, 1 << 20));
  FwmockProcess server({"--fixtures", file});
  Socket socket;
  const int small = 4096;  // a small receive window keeps the server writing until we read
  ::setsockopt(socket.fd(), SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  REQUIRE(socket.Connect(server.port()));
  REQUIRE(
      socket.SendAll("GET /v1/accounts/big/batchJobs?pageSize=200 HTTP/1.1\r\nHost: fwmock\r\n"
                     "Authorization: Bearer k\r\nConnection: close\r\n\r\n"));
  // The server renders ~30 MB, then writes it: slow under the sanitizers' unoptimised builds.
  std::string response = socket.ReadSome(std::chrono::seconds(90));
  REQUIRE_THAT(response, StartsWith("HTTP/1.1 200"));
  server.Signal(SIGTERM);
  for (std::string more; !(more = socket.ReadSome()).empty();) response += more;
  CHECK(server.Stop(0) == 0);
  const std::size_t head_end = response.find("\r\n\r\n");
  REQUIRE(head_end != std::string::npos);
  const std::string body = response.substr(head_end + 4);
  std::smatch m;
  const std::string head = response.substr(0, head_end);
  REQUIRE(std::regex_search(head, m, std::regex("Content-Length: ([0-9]+)", std::regex::icase)));
  CHECK(body.size() == std::stoul(m[1]));
  const json page = json::parse(body, nullptr, false);
  REQUIRE(page.is_object());
  SaveListResponse(body);
  CHECK(page.at("batchJobs").size() == kJobs);
  CHECK(page.at("totalSize") == kJobs);
}

TEST_CASE("A stop signal right after the ready line exits 0 within 1 s", "[process][signals]") {
  for (int i = 0; i < 50; ++i) {
    CAPTURE(i);
    FwmockProcess server;
    CHECK(server.Stop(i % 2 == 0 ? SIGTERM : SIGINT, 1000) == 0);
  }
}

TEST_CASE("A stop signal closes idle connections at once and exits 0 within 1 s",
          "[process][signals]") {
  FwmockProcess server({"--idle-timeout", "60s", "--header-timeout", "60s"});
  std::vector<Socket> held;
  for (int i = 0; i < 200; ++i) {
    held.emplace_back();
    REQUIRE(held.back().Connect(server.port()));
    if (i % 2 == 1) continue;  // silent
    REQUIRE(held.back().SendAll(GetRequest("/healthz")));
    ResponseReader reader(held.back());
    REQUIRE(reader.Next().status == 200);  // then idle
  }
  Socket partial;  // half a head: not a request in flight
  REQUIRE(partial.Connect(server.port()));
  REQUIRE(partial.SendAll("GET /healthz HTTP/1.1\r\nHost:"));
  const auto start = std::chrono::steady_clock::now();
  CHECK(server.Stop(SIGTERM, 1000) == 0);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  CHECK(partial.WaitForClose(std::chrono::milliseconds(100)));
}

TEST_CASE("Bad flags exit 2 with a message naming the flag", "[process][flags]") {
  using Env = std::map<std::string, std::string>;
  const auto [args, env, named] = GENERATE(table<std::vector<std::string>, Env, std::string>({
      {{"--bogus"}, {}, "--bogus"},
      {{"--port", "abc"}, {}, "--port"},
      {{"--port", "70000"}, {}, "--port"},
      {{"--port=-1"}, {}, "--port"},
      {{"--port"}, {}, "--port"},
      {{"--log", "verbose"}, {}, "--log"},
      {{"--threads", "0"}, {}, "--threads"},
      {{"--threads", "257"}, {}, "--threads"},
      {{"--header-timeout", "0s"}, {}, "--header-timeout"},
      {{"--idle-timeout", "10"}, {}, "--idle-timeout"},
      {{"--io-timeout", "2h"}, {}, "--io-timeout"},
      {{"--max-body-mb", "0"}, {}, "--max-body-mb"},
      {{}, {{"FWMOCK_HEADER_TIMEOUT", "x"}}, "FWMOCK_HEADER_TIMEOUT"},
      {{"--seed", "x"}, {}, "--seed"},
      {{"--token-secret", ""}, {}, "--token-secret"},
      {{"--api-key", "=acme"}, {}, "--api-key"},
      {{"--help=yes"}, {}, "--help"},
      {{}, {{"FWMOCK_PORT", "abc"}}, "FWMOCK_PORT"},
      {{}, {{"FWMOCK_LOG", "all"}}, "FWMOCK_LOG"},
  }));
  CAPTURE(args, named);
  const ExitResult r = RunToCompletion(args, env);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains(named));
  CHECK_THAT(r.out, !Contains("listening"));
}

TEST_CASE("A port in use exits 1 with a clear message", "[process][port]") {
  Socket taken;
  const int port = taken.ListenOnAnyPort();
  REQUIRE(port > 0);
  const ExitResult r = RunToCompletion({"--port", std::to_string(port)});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("127.0.0.1:" + std::to_string(port)));
  CHECK_THAT(r.err, Contains("in use"));
  CHECK_THAT(r.out, !Contains("listening"));
}

TEST_CASE("A port another fwmock holds exits 1 naming the port", "[process][port]") {
  FwmockProcess first;
  const std::string port = std::to_string(first.port());
  const ExitResult second = RunToCompletion({"--port", port});
  CHECK(second.exit_code == 1);
  CHECK_THAT(second.err, Contains("127.0.0.1:" + port) && Contains("in use"));
  CHECK_THAT(second.out, !Contains("listening"));
  CHECK(ApiClient(first).Get("/healthz").status == 200);  // the first keeps the port, alone
}

TEST_CASE("The flags --help and --version exit 0 on stdout", "[process][flags]") {
  const ExitResult help = RunToCompletion({"--help"});
  CHECK(help.exit_code == 0);
  for (const char* flag : {"--host", "--port", "--fixtures", "--token-secret", "--api-key", "--log",
                           "--threads", "--header-timeout", "--idle-timeout", "--io-timeout",
                           "--max-body-mb", "--seed", "--help", "--version"}) {
    CHECK_THAT(help.out, Contains(flag));
  }
  const ExitResult version = RunToCompletion({"--version"});
  CHECK(version.exit_code == 0);
  CHECK_THAT(version.out, StartsWith("fwmock "));
}

TEST_CASE("No request is logged by default", "[process][log]") {
  const std::vector<std::string> args =
      GENERATE(std::vector<std::string>{}, std::vector<std::string>{"--log", "none"});
  CAPTURE(args);
  FwmockProcess server(args);
  ApiClient client(server);
  CHECK(client.List("acme", "pageSize=1").status == 200);
  CHECK(client.Get("/nope").status == 404);
  CHECK(server.Stop() == 0);
  CHECK_THAT(server.Stderr(), !Contains("/v1/accounts") && !Contains("/nope"));
}

TEST_CASE("Flag --log requests writes one JSON line per request to stderr", "[process][log]") {
  const bool by_env = GENERATE(false, true);
  CAPTURE(by_env);
  FwmockProcess server(
      by_env ? std::vector<std::string>{} : std::vector<std::string>{"--log", "requests"},
      by_env ? std::map<std::string, std::string>{{"FWMOCK_LOG", "requests"}}
             : std::map<std::string, std::string>{});
  ApiClient client(server);
  const std::vector<std::pair<std::string, int>> requests = {
      {ListPath("acme") + "?pageSize=1", 200},
      {"/nope", 404},
      {"/healthz", 200},
      {ListPath("acme") + "?pageSize=-1", 400}};
  for (const auto& [target, status] : requests) CHECK(client.Get(target).status == status);
  REQUIRE(server.Stop() == 0);
  std::istringstream err(server.Stderr());
  std::vector<json> lines;
  for (std::string line; std::getline(err, line);) {
    CAPTURE(line);
    lines.push_back(json::parse(line, nullptr, false));
    CHECK(lines.back().is_object());
  }
  // Requests on separate connections may be logged in any order: compare as sets.
  std::vector<std::pair<std::string, int>> logged;
  for (const json& line : lines) {
    logged.emplace_back(line.value("method", "?") + " " + line.value("path", "?"),
                        line.value("status", 0));
  }
  std::vector<std::pair<std::string, int>> expected;
  for (const auto& [target, status] : requests) {
    expected.emplace_back("GET " + target.substr(0, target.find('?')), status);
  }
  std::sort(logged.begin(), logged.end());
  std::sort(expected.begin(), expected.end());
  CHECK(logged == expected);
}

}  // namespace
}  // namespace fwmock_test
