// HTTP/1.x on one connection as clients really use it: pipelining, HTTP/1.0, Connection: close,
// Expect: 100-continue, chunked bodies, a GET with a body. Spoken by hand over a socket.
#include <sys/socket.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fixture_data.h"
#include "fwmock_process.h"
#include "job_helpers.h"
#include "raw_http.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

constexpr auto kQuick = std::chrono::seconds(5);

std::string ListTarget(int page_size) {
  return "/v1/accounts/acme/batchJobs?pageSize=" + std::to_string(page_size);
}

std::size_t JobsIn(const RawResponse& r) {
  const json page = json::parse(r.body, nullptr, false);
  return page.is_object() ? page.value("batchJobs", json::array()).size() : 0;
}

std::string Post(const std::string& target, const std::string& extra, const std::string& body) {
  return "POST " + target + " HTTP/1.1\r\nHost: fwmock\r\nAuthorization: Bearer k\r\n" +
         "Content-Type: application/json\r\n" + extra + "\r\n" + body;
}

std::string PostWithLength(const std::string& target, const std::string& body) {
  return Post(target, "Content-Length: " + std::to_string(body.size()) + "\r\n", body);
}

TEST_CASE("Pipelined requests are answered in order, completely", "[connections][pipelining]") {
  const FwmockProcess& server = DefaultServer();
  Socket socket;
  REQUIRE(socket.Connect(server.port()));
  std::string burst;
  constexpr int kRequests = 40;
  for (int i = 1; i <= kRequests; ++i) burst += GetRequest(ListTarget(i));
  burst += PostWithLength("/v1/accounts/acme/batchJobs", "{}") + GetRequest("/nope");
  REQUIRE(socket.SendAll(burst));  // one write: the server reads them all at once
  ResponseReader reader(socket);
  for (int i = 1; i <= kRequests; ++i) {
    CAPTURE(i);
    const RawResponse r = reader.Next(kQuick);
    REQUIRE(r.status == 200);
    CHECK(JobsIn(r) == static_cast<std::size_t>(i));
  }
  const RawResponse created = reader.Next(kQuick);
  CHECK(created.status == 400);  // {} has no nodePoolId: the body was read as this request's
  CHECK_THAT(created.body, Contains("nodePoolId"));
  CHECK(reader.Next(kQuick).status == 404);
  REQUIRE(socket.SendAll(GetRequest("/healthz")));  // and the connection is still open
  CHECK(reader.Next(kQuick).status == 200);
}

TEST_CASE("Pipelined answers behind a large one wait for it and arrive whole",
          "[connections][pipelining]") {
  std::ostringstream fixture;
  fixture << R"({"batchJobs":[)";
  for (int i = 0; i < 8; ++i) {
    fixture << (i ? "," : "") << R"({"name":"accounts/big/batchJobs/)" << std::string(30, 'a')
            << (10 + i) << R"(","createTime":"2025-01-01T00:00:00Z","status":")"
            << std::string(1 << 20, 'x') << "\"}";
  }
  fixture << "]}";
  TempDir dir;
  FwmockProcess server({"--fixtures", dir.Write("big.json", fixture.str())});
  Socket socket;
  const int small = 4096;  // the server's writes outrun this reader
  ::setsockopt(socket.fd(), SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  REQUIRE(socket.Connect(server.port()));
  const std::string big = GetRequest("/v1/accounts/big/batchJobs?pageSize=100");
  REQUIRE(socket.SendAll(big + GetRequest("/healthz") + big + GetRequest("/nope")));
  ResponseReader reader(socket);
  const RawResponse first = reader.Next();
  CHECK(first.status == 200);
  CHECK(JobsIn(first) == 8);
  CHECK(reader.Next().body == R"({"status":"ok"})");
  CHECK(JobsIn(reader.Next()) == 8);
  CHECK(reader.Next().status == 404);
}

TEST_CASE("HTTP/1.0 closes unless it asks for keep-alive", "[connections][http10]") {
  const FwmockProcess& server = DefaultServer();
  SECTION("without keep-alive: Connection: close, then closed") {
    Socket socket;
    REQUIRE(socket.Connect(server.port()));
    REQUIRE(socket.SendAll("GET /healthz HTTP/1.0\r\n\r\n"));
    ResponseReader reader(socket);
    const RawResponse r = reader.Next(kQuick);
    CHECK(r.status == 200);
    CHECK(r.Header("connection") == "close");
    CHECK(r.Header("keep-alive").empty());
    CHECK(socket.WaitForClose(kQuick));
  }
  SECTION("with Connection: keep-alive, in any case: kept, and said so") {
    const std::string asked = GENERATE("keep-alive", "Keep-Alive");
    Socket socket;
    REQUIRE(socket.Connect(server.port()));
    ResponseReader reader(socket);
    for (int i = 0; i < 3; ++i) {
      REQUIRE(socket.SendAll("GET /healthz HTTP/1.0\r\nConnection: " + asked + "\r\n\r\n"));
      const RawResponse r = reader.Next(kQuick);
      CHECK(r.status == 200);
      CHECK(r.Header("connection") == "keep-alive");
      CHECK(r.Header("keep-alive") == "timeout=60");
    }
  }
}

TEST_CASE("Connection: close is answered and then closed, pipelined requests after it dropped",
          "[connections][close]") {
  const FwmockProcess& server = DefaultServer();
  Socket socket;
  REQUIRE(socket.Connect(server.port()));
  REQUIRE(socket.SendAll(GetRequest("/healthz", "Connection: close\r\n") + GetRequest("/nope")));
  ResponseReader reader(socket);
  const RawResponse r = reader.Next(kQuick);
  CHECK(r.status == 200);
  CHECK(r.Header("connection") == "close");
  std::string after;
  CHECK(socket.WaitForClose(kQuick, &after));
  CHECK((reader.buffered() + after).empty());
}

TEST_CASE("The Keep-Alive header says the idle timeout in force", "[connections][keepalive]") {
  FwmockProcess server({"--idle-timeout", "7s"});
  Socket socket;
  REQUIRE(socket.Connect(server.port()));
  REQUIRE(socket.SendAll(GetRequest("/healthz")));
  ResponseReader reader(socket);
  const RawResponse r = reader.Next(kQuick);
  CHECK(r.Header("keep-alive") == "timeout=7");
  CHECK(r.Header("connection").empty());
}

TEST_CASE("Expect: 100-continue gets 100 before the body and the answer after it",
          "[connections][expect]") {
  ManualServer server;
  Socket socket;
  REQUIRE(socket.Connect(server.process().port()));
  const std::string body = R"({"nodePoolId":"p","displayName":"after 100"})";
  REQUIRE(socket.SendAll(
      Post("/v1/accounts/acme/batchJobs",
           "Expect: 100-continue\r\nContent-Length: " + std::to_string(body.size()) + "\r\n", "")));
  ResponseReader reader(socket);
  CHECK(reader.Next(kQuick).status == 100);  // before any byte of the body was sent
  REQUIRE(socket.SendAll(body));
  const RawResponse created = reader.Next(kQuick);
  CHECK(created.status == 200);
  CHECK(json::parse(created.body, nullptr, false).value("displayName", "") == "after 100");
  REQUIRE(socket.SendAll(GetRequest("/healthz")));
  CHECK(reader.Next(kQuick).status == 200);  // exactly one 100, nothing left over
  CHECK(reader.buffered().empty());
}

TEST_CASE("A chunked request body is read whole", "[connections][chunked]") {
  ManualServer server;
  Socket socket;
  REQUIRE(socket.Connect(server.process().port()));
  const std::string chunks =
      "7\r\n{\"nodeP\r\n"
      "19;ext=1\r\noolId\":\"p\",\"displayName\":\r\n"
      "9\r\n\"chunked\"\r\n"
      "1\r\n}\r\n"
      "0\r\n\r\n";
  REQUIRE(
      socket.SendAll(Post("/v1/accounts/acme/batchJobs", "Transfer-Encoding: chunked\r\n", chunks) +
                     GetRequest("/healthz")));
  ResponseReader reader(socket);
  const RawResponse created = reader.Next(kQuick);
  INFO(created.body);
  CHECK(created.status == 200);
  CHECK(json::parse(created.body, nullptr, false).value("displayName", "") == "chunked");
  CHECK(reader.Next(kQuick).status == 200);
}

TEST_CASE("A GET with a body is answered and its body dropped, never read as a request",
          "[connections][framing]") {
  const FwmockProcess& server = DefaultServer();
  Socket socket;
  REQUIRE(socket.Connect(server.port()));
  const std::string smuggled = GetRequest("/nope");
  REQUIRE(socket.SendAll(
      GetRequest("/healthz", "Content-Length: " + std::to_string(smuggled.size()) + "\r\n") +
      smuggled + GetRequest(ListTarget(2))));
  ResponseReader reader(socket);
  CHECK(reader.Next(kQuick).status == 200);
  const RawResponse list = reader.Next(kQuick);
  CHECK(list.status == 200);  // not the 404 of the body
  CHECK(JobsIn(list) == 2);
}

// The end of the stream comes with the request, or right behind it: the server reads to it and
// closes once answered, not after the idle timeout (60 s) of a connection it thinks is alive.
TEST_CASE("A request followed at once by the client's end of stream is answered, then closed",
          "[connections][keepalive]") {
  const FwmockProcess& server = DefaultServer();
  for (int attempt = 1; attempt <= 20; ++attempt) {
    CAPTURE(attempt);
    Socket socket;
    REQUIRE(socket.Connect(server.port()));
    REQUIRE(socket.SendAll(GetRequest(ListTarget(1))));
    REQUIRE(::shutdown(socket.fd(), SHUT_WR) == 0);
    ResponseReader reader(socket);
    const RawResponse r = reader.Next(kQuick);
    REQUIRE(r.status == 200);
    CHECK(r.Header("connection").empty());  // keep-alive was offered: the close is the client's
    REQUIRE(socket.WaitForClose(kQuick));
  }
}

TEST_CASE("A request the HTTP library cannot parse is answered 400 and the connection closed",
          "[connections][framing]") {
  const FwmockProcess& server = DefaultServer();
  Socket socket;
  REQUIRE(socket.Connect(server.port()));
  REQUIRE(socket.SendAll("FOO / HTTP/1.1\r\nHost: x\r\n\r\n" + GetRequest("/healthz")));
  ResponseReader reader(socket);
  const RawResponse r = reader.Next(kQuick);
  CHECK(r.status == 400);
  CHECK(r.Header("connection") == "close");
  CHECK(r.Header("keep-alive").empty());
  CHECK(json::parse(r.body, nullptr, false).value("code", 0) == 3);
  CHECK(socket.WaitForClose(kQuick));
}

}  // namespace
}  // namespace fwmock_test
