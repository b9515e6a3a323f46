// Fault rules that act on the connection, seen by a real socket: reset, close, truncate, and
// delayed answers, which hold no thread and keep a connection's later answers behind them.
#include <poll.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "job_helpers.h"
#include "raw_http.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

constexpr char kList[] = "/v1/accounts/acme/batchJobs?pageSize=1";

void AddFault(const FwmockProcess& server, const json& rule) {
  ApiClient client(server);
  const HttpResult r = client.Send("POST", "/_fwmock/faults", {}, rule.dump(), "application/json");
  INFO("body: " << r.body);
  REQUIRE(r.status == 200);
}

// Everything a socket receives until the server ends the connection, and how it ended: 0 for a
// clean end of stream, the errno of a failed read (ECONNRESET), -1 if it did not end in time.
struct Ending {
  std::string bytes;
  int error = -1;
};

Ending ReadToEnd(Socket& socket, milliseconds timeout = milliseconds(10000)) {
  Ending out;
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    pollfd p{socket.fd(), POLLIN, 0};
    if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) return out;
    char buf[65536];
    const ssize_t n = ::recv(socket.fd(), buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      out.error = n == 0 ? 0 : errno;
      return out;
    }
    out.bytes.append(buf, static_cast<std::size_t>(n));
  }
}

Socket Sent(const FwmockProcess& server, const std::string& request) {
  Socket socket;
  REQUIRE(socket.Connect(server.port()));
  REQUIRE(socket.SendAll(request));
  return socket;
}

bool Readable(const Socket& socket) {
  pollfd p{socket.fd(), POLLIN, 0};
  return ::poll(&p, 1, 0) > 0;
}

double MillisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

TEST_CASE("A reset fault ends the connection with a TCP reset", "[faults][drop]") {
  ManualServer server;
  AddFault(server.process(), {{"response", {{"drop", "reset"}}}});
  Socket socket = Sent(server.process(), GetRequest(kList));
  const Ending end = ReadToEnd(socket);
  CHECK(end.bytes.empty());
  CHECK(end.error == ECONNRESET);
}

TEST_CASE("A close fault closes the connection before any byte of the answer", "[faults][drop]") {
  ManualServer server;
  AddFault(server.process(),
           {{"match", {{"operation", "ListBatchJobs"}}}, {"response", {{"drop", "close"}}}});
  // The answer before it on the connection arrives whole; then the end, with no byte of it.
  Socket socket = Sent(server.process(), GetRequest("/healthz") + GetRequest(kList));
  const Ending end = ReadToEnd(socket);
  CHECK(end.error == 0);
  CHECK_THAT(end.bytes, Contains("HTTP/1.1 200") && Contains("{\"status\":\"ok\"}"));
  CHECK(end.bytes.size() == end.bytes.find("{\"status\":\"ok\"}") + 15);
}

TEST_CASE("A truncate fault sends the head and part of the body, then closes", "[faults][drop]") {
  ManualServer server({}, StatesFixture());
  AddFault(server.process(), {{"response", {{"drop", "truncate"}}}, {"times", 1}});
  Socket socket = Sent(server.process(), GetRequest(kList));
  const Ending end = ReadToEnd(socket);
  CHECK(end.error == 0);
  const std::size_t head_end = end.bytes.find("\r\n\r\n");
  REQUIRE(head_end != std::string::npos);
  const std::string head = end.bytes.substr(0, head_end);
  CHECK_THAT(head, Contains("HTTP/1.1 200"));
  const std::size_t at = head.find("Content-Length: ");
  REQUIRE(at != std::string::npos);
  const std::size_t promised = std::stoul(head.substr(at + 16));
  const std::size_t got = end.bytes.size() - head_end - 4;
  CHECK(got > 0);
  CHECK(got < promised);
  // The rule fired once: the next request gets the whole answer.
  Socket again = Sent(server.process(), GetRequest(kList));
  ResponseReader reader(again);
  const RawResponse whole = reader.Next();
  CHECK(whole.status == 200);
  CHECK(whole.body.size() == promised);
}

TEST_CASE("A delayed answer comes late and holds no thread meanwhile", "[faults][delay]") {
  ManualServer server({"--threads", "2"});
  constexpr int kDelayMs = 2000;
  AddFault(server.process(), {{"match", {{"header", {{"name", "X-Slow"}, {"value", "yes"}}}}},
                              {"response", {{"delayMs", kDelayMs}}}});
  const auto start = Clock::now();
  std::vector<Socket> slow;
  for (int i = 0; i < 8; ++i)
    slow.push_back(Sent(server.process(), GetRequest(kList, "X-Slow: yes\r\n")));
  ApiClient client(server.process());
  for (int i = 0; i < 3; ++i) REQUIRE(client.List("acme").status == 200);
  const double plain_ms = MillisSince(start);
  CHECK(plain_ms < kDelayMs);
  for (const Socket& s : slow) CHECK_FALSE(Readable(s));
  for (Socket& s : slow) {
    ResponseReader reader(s);
    const RawResponse r = reader.Next();
    CHECK(r.status == 200);
    CHECK(MillisSince(start) >= kDelayMs);
  }
}

TEST_CASE("Answers pipelined after a delayed one wait behind it, in order", "[faults][delay]") {
  ManualServer server;
  constexpr int kDelayMs = 500;
  AddFault(server.process(), {{"match", {{"operation", "ListBatchJobs"}}},
                              {"response", {{"delayMs", kDelayMs}}},
                              {"times", 1}});
  const auto start = Clock::now();
  Socket socket = Sent(server.process(), GetRequest(kList) + GetRequest("/healthz"));
  ResponseReader reader(socket);
  const RawResponse first = reader.Next();
  CHECK(MillisSince(start) >= kDelayMs);
  CHECK(first.status == 200);
  CHECK_THAT(first.body, Contains("batchJobs"));
  const RawResponse second = reader.Next();
  CHECK(second.status == 200);
  CHECK(second.body == "{\"status\":\"ok\"}");
}

TEST_CASE("A delay with a code or a drop comes late as that", "[faults][delay]") {
  ManualServer server;
  constexpr int kDelayMs = 400;
  AddFault(server.process(),
           {{"match", {{"method", "GET"}}},
            {"response", {{"code", 14}, {"retryAfterSeconds", 3}, {"delayMs", kDelayMs}}},
            {"times", 1}});
  AddFault(server.process(),
           {{"response", {{"drop", "close"}, {"delayMs", kDelayMs}}}, {"times", 1}});
  auto start = Clock::now();
  Socket error = Sent(server.process(), GetRequest(kList));
  ResponseReader reader(error);
  const RawResponse r = reader.Next();
  CHECK(MillisSince(start) >= kDelayMs);
  CHECK(r.status == 503);
  CHECK(r.Header("retry-after") == "3");
  start = Clock::now();
  Socket dropped = Sent(server.process(), GetRequest(kList));
  const Ending end = ReadToEnd(dropped);
  CHECK(MillisSince(start) >= kDelayMs);
  CHECK(end.error == 0);
  CHECK(end.bytes.empty());
}

TEST_CASE("SIGTERM during a delay sends the held answer at once and exits 0", "[faults][delay]") {
  FwmockProcess server({"--clock", "manual"});
  AddFault(server, {{"response", {{"delayMs", 60000}}}});
  Socket socket = Sent(server, GetRequest(kList));
  ApiClient client(server);
  // The journal keeps the request once its answer is made, which is when the delay starts.
  const auto until = Clock::now() + std::chrono::seconds(10);
  while (client.Get("/_fwmock/requests").json["requests"].empty() && Clock::now() < until) {
    std::this_thread::yield();
  }
  const auto start = Clock::now();
  CHECK(server.Stop() == 0);
  CHECK(MillisSince(start) < 5000);
  ResponseReader reader(socket);
  CHECK(reader.Next(milliseconds(1000)).status == 200);
}

}  // namespace
}  // namespace fwmock_test
