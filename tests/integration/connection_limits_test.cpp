// What a request may not be: a head over 8 KiB, a body over the limit, framing that cannot be
// trusted. Each is refused in the API's error shape, and the connection closed.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "fwmock_process.h"
#include "process_stats.h"
#include "raw_http.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nlohmann::json;

constexpr auto kQuick = std::chrono::seconds(5);

// The answer to `request` on a connection of its own; it must be closed after it.
RawResponse Refused(int port, const std::string& request) {
  Socket socket;
  REQUIRE(socket.Connect(port));
  REQUIRE(socket.SendAll(request));
  ResponseReader reader(socket);
  RawResponse r = reader.Next(kQuick);
  CHECK(r.Header("connection") == "close");
  CHECK(socket.WaitForClose(kQuick));
  return r;
}

void CheckErrorShape(const RawResponse& r, int status, int code) {
  INFO("body: " << r.body);
  CHECK(r.status == status);
  CHECK_THAT(r.Header("content-type"), StartsWith("application/json"));
  const json body = json::parse(r.body, nullptr, false);
  REQUIRE(body.is_object());
  CHECK(body.size() == 3);
  CHECK(body.value("code", -1) == code);
  CHECK(body.value("details", json()) == json::array());
  CHECK(!body.value("message", "").empty());
}

std::string Message(const RawResponse& r) {
  return json::parse(r.body, nullptr, false).value("message", "");
}

TEST_CASE("Header fields over 8 KiB are 431 in the error shape", "[connections][limits]") {
  const FwmockProcess& server = DefaultServer();
  SECTION("sent whole") {
    const RawResponse r =
        Refused(server.port(), GetRequest("/healthz", "X-Big: " + std::string(9000, 'a') + "\r\n"));
    CheckErrorShape(r, 431, 3);
    CHECK(Message(r) == "request header fields over the limit of 8 KiB");
  }
  SECTION("never ending: refused at the limit, not at the deadline") {
    std::string endless = "GET /healthz HTTP/1.1\r\n";
    for (int i = 0; i < 2000; ++i) endless += "X-" + std::to_string(i) + ": y\r\n";
    CheckErrorShape(Refused(server.port(), endless), 431, 3);
  }
}

TEST_CASE("A request line over 8 KiB is 414 in the error shape, even without its end",
          "[connections][limits]") {
  const std::string line = "GET /healthz?x=" + std::string(10000, 'a');
  const std::string ending = GENERATE(as<std::string>{}, " HTTP/1.1\r\n\r\n", "");
  const RawResponse r = Refused(DefaultServer().port(), line + ending);
  CheckErrorShape(r, 414, 3);
  CHECK_THAT(Message(r), StartsWith("request URI over the limit of 8 KiB"));
}

TEST_CASE("Bodies over the limit are 413 in the error shape", "[connections][limits]") {
  const FwmockProcess& server = DefaultServer();
  const std::string head = "POST /v1/accounts/acme/batchJobs HTTP/1.1\r\nHost: x\r\n";
  SECTION("announced by Content-Length, with or without Expect: 100-continue") {
    const std::string expect = GENERATE(as<std::string>{}, "", "Expect: 100-continue\r\n");
    const RawResponse r =
        Refused(server.port(), head + expect + "Content-Length: 4194305\r\n\r\n{");
    CheckErrorShape(r, 413, 3);
    CHECK(Message(r) == "request body over the limit of 4 MiB");
  }
  SECTION("chunked, counted as the chunks come") {
    std::string body;
    for (int i = 0; i < 5; ++i) body += "100000\r\n" + std::string(1 << 20, 'x') + "\r\n";
    const RawResponse r =
        Refused(server.port(), head + "Transfer-Encoding: chunked\r\n\r\n" + body + "0\r\n\r\n");
    CheckErrorShape(r, 413, 3);
  }
  SECTION("with the limit of --max-body-mb") {
    FwmockProcess small({"--max-body-mb", "1"});
    const RawResponse r = Refused(small.port(), head + "Content-Length: 1048577\r\n\r\n");
    CheckErrorShape(r, 413, 3);
    CHECK(Message(r) == "request body over the limit of 1 MiB");
  }
}

// The bound on the server's peak RSS growth over a refused body: a few times the 4 MiB limit,
// far below the body. ThreadSanitizer's shadow memory is several times what it watches.
double BodyGrowthBoundMb() { return ServerSanitizers() == "thread" ? 32 * 8 : 32; }

TEST_CASE("A 512 MiB body is refused with memory bounded", "[connections][limits][memory]") {
  const bool chunked = GENERATE(false, true);
  CAPTURE(chunked);
  FwmockProcess server;
  const double rss_before = PeakRssMiB(server.pid());
  Socket socket;
  REQUIRE(socket.Connect(server.port()));
  constexpr std::size_t kTotal = 512u << 20;
  constexpr std::size_t kPiece = 1u << 20;
  REQUIRE(socket.SendAll("POST /healthz HTTP/1.1\r\nHost: x\r\n" +
                         std::string(chunked ? "Transfer-Encoding: chunked\r\n\r\n"
                                             : "Content-Length: 536870912\r\n\r\n")));
  std::thread sender([&socket, chunked] {  // until the server stops reading
    const std::string piece =
        chunked ? "100000\r\n" + std::string(kPiece, 'x') + "\r\n" : std::string(kPiece, 'x');
    for (std::size_t sent = 0; sent < kTotal && socket.SendAll(piece); sent += kPiece) {
    }
  });
  ResponseReader reader(socket);
  const RawResponse r = reader.Next(std::chrono::seconds(20));
  sender.join();
  CheckErrorShape(r, 413, 3);
  const double growth = PeakRssMiB(server.pid()) - rss_before;
  WARN("peak RSS growth over a 512 MiB " << (chunked ? "chunked " : "") << "body: " << growth
                                         << " MiB");
  CHECK(growth < BodyGrowthBoundMb());
}

TEST_CASE("Framing that cannot be trusted is refused and the connection closed",
          "[connections][limits]") {
  const auto [fields, status, words] = GENERATE(table<std::string, int, std::string>({
      {"Content-Length: 12x\r\n", 400, "invalid Content-Length"},
      {"Content-Length: -1\r\n", 400, "invalid Content-Length"},
      {"Content-Length: 2\r\nContent-Length: 3\r\n", 400, "invalid Content-Length"},
      {"Transfer-Encoding: gzip\r\n", 501, "Transfer-Encoding \"gzip\" is not supported"},
  }));
  CAPTURE(fields);
  const RawResponse r =
      Refused(DefaultServer().port(), "POST /healthz HTTP/1.1\r\nHost: x\r\n" + fields + "\r\n");
  CheckErrorShape(r, status, status == 501 ? 12 : 3);
  CHECK_THAT(Message(r), Contains(words));
}

}  // namespace
}  // namespace fwmock_test
