// Connections that hold on without asking anything (silent, idle keep-alive, trickling a head a
// byte at a time) cost no thread and no CPU, delay nobody, and are closed at their deadline.
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "fwmock_process.h"
#include "process_stats.h"
#include "raw_http.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr int kHeld = 1000;
// The bound on a new request's p99 while connections are held: the 10 ms in plain builds
// (the test runs alone: it is tagged [serial]); the sanitizers slow every request several times.
double P99BoundMs() { return ServerIsSanitized() ? 100 : 10; }
// The bound on any other request beside a trickling head, which runs beside other tests: the
// failure it guards against is a stall of seconds (a thread held by the slow head).
constexpr double kBesideBoundMs = 100;

double Millis(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// Latency of one request on a connection of its own, or a large value if it fails.
double TimeOneRequest(int port) {
  const auto start = Clock::now();
  Socket socket;
  if (!socket.Connect(port) || !socket.SendAll(GetRequest("/healthz", "Connection: close\r\n"))) {
    return 1e9;
  }
  ResponseReader reader(socket);
  return reader.Next(std::chrono::seconds(10)).status == 200 ? Millis(Clock::now() - start) : 1e9;
}

double P99(int port, int requests) {
  std::vector<double> ms;
  for (int i = 0; i < requests; ++i) ms.push_back(TimeOneRequest(port));
  std::sort(ms.begin(), ms.end());
  return ms[static_cast<std::size_t>(requests * 99 / 100)];
}

// Whether every socket is still open after `wait`: no event on any of them in that time.
bool AllStayOpen(std::vector<Socket>& sockets, milliseconds wait) {
  std::vector<pollfd> polls;
  for (const Socket& s : sockets) polls.push_back({s.fd(), POLLIN, 0});
  const auto deadline = Clock::now() + wait;
  while (Clock::now() < deadline) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    const int ready = ::poll(polls.data(), polls.size(), static_cast<int>(left.count()));
    if (ready != 0) return false;
  }
  return true;
}

TEST_CASE("Silent and idle keep-alive connections delay no new request and cost no CPU",
          "[connections][load][serial]") {
  REQUIRE(RaiseOpenFileLimit() > 2 * kHeld + 100);
  FwmockProcess server({"--threads", "2"});
  std::vector<Socket> held;
  for (int i = 0; i < kHeld; ++i) {  // silent: connected, nothing sent
    held.emplace_back();
    REQUIRE(held.back().Connect(server.port()));
  }
  for (int i = 0; i < kHeld; ++i) {  // idle keep-alive: one request answered, then nothing
    held.emplace_back();
    REQUIRE(held.back().Connect(server.port()));
    REQUIRE(held.back().SendAll(GetRequest("/healthz")));
    ResponseReader reader(held.back());
    REQUIRE(reader.Next().status == 200);
  }
  const double p99 = P99(server.port(), 200);
  WARN("p99 of a new request with " << 2 * kHeld << " connections held: " << p99 << " ms");
  CHECK(p99 < P99BoundMs());
  const double cpu_before = CpuSeconds(server.pid());
  CHECK(AllStayOpen(held, milliseconds(1000)));
  const double cpu = CpuSeconds(server.pid()) - cpu_before;
  WARN("CPU of fwmock over 1 s holding them: " << cpu << " s");
  CHECK(cpu <= 0.05);
}

TEST_CASE("A head trickling in a byte at a time delays nobody and is closed at the deadline",
          "[connections][load][timeout]") {
  FwmockProcess server({"--header-timeout", "1s"});
  const auto opened = Clock::now();
  Socket slow;
  REQUIRE(slow.Connect(server.port()));
  const std::string head = GetRequest("/healthz");
  std::vector<double> others;
  for (std::size_t i = 0; i < 10; ++i) {
    REQUIRE(slow.SendAll(head.substr(i, 1)));
    others.push_back(TimeOneRequest(server.port()));
  }
  CHECK(*std::max_element(others.begin(), others.end()) < kBesideBoundMs);
  std::string answer;
  REQUIRE(slow.WaitForClose(std::chrono::seconds(5), &answer));
  const double closed_after = Millis(Clock::now() - opened);
  CHECK(closed_after >= 1000);
  CHECK(closed_after < 2500);
  CHECK_THAT(answer, Contains("HTTP/1.1 408 ") && Contains("header timeout of 1 s"));
}

// A thread that has answered stays with its connection for the next request (--busy-poll-us):
// with one thread and a connection asking without pause, a stay that did not end when others
// are ready would hold every other request until that client stops.
TEST_CASE("A thread staying with a busy connection delays no request on another",
          "[connections][load]") {
  FwmockProcess server({"--threads", "1", "--busy-poll-us", "10000"});
  std::atomic<bool> done{false};
  std::atomic<int> answered{0};
  std::thread busy([&] {
    Socket socket;
    if (!socket.Connect(server.port())) return;
    ResponseReader reader(socket);
    while (!done.load() && socket.SendAll(GetRequest("/healthz")) &&
           reader.Next(std::chrono::seconds(10)).status == 200) {
      answered.fetch_add(1);
    }
  });
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (answered.load() < 20 && Clock::now() < deadline) std::this_thread::yield();
  const int answered_before = answered.load();
  std::vector<double> others;
  for (int i = 0; answered_before >= 20 && i < 10; ++i) {
    others.push_back(TimeOneRequest(server.port()));
  }
  const int answered_beside = answered.load();
  done.store(true);
  busy.join();
  REQUIRE(answered_before >= 20);
  CHECK(*std::max_element(others.begin(), others.end()) < kBesideBoundMs);
  CHECK(answered_beside > answered_before);  // the busy client was answered meanwhile
}

TEST_CASE("Staying with a connection ends: a server idle after a burst costs no CPU",
          "[connections][load]") {
  FwmockProcess server({"--busy-poll-us", "10000"});
  std::vector<Socket> held(1);
  REQUIRE(held[0].Connect(server.port()));
  ResponseReader reader(held[0]);
  for (int i = 0; i < 200; ++i) {
    REQUIRE(held[0].SendAll(GetRequest("/healthz")));
    REQUIRE(reader.Next().status == 200);
  }
  const double cpu_before = CpuSeconds(server.pid());
  CHECK(AllStayOpen(held, milliseconds(1000)));
  const double cpu = CpuSeconds(server.pid()) - cpu_before;
  WARN("CPU of fwmock over 1 s after the burst: " << cpu << " s");
  CHECK(cpu <= 0.05);
}

TEST_CASE("A silent connection is closed at the header deadline, without an answer",
          "[connections][timeout]") {
  FwmockProcess server({"--header-timeout", "300ms"});
  Socket silent;
  REQUIRE(silent.Connect(server.port()));
  std::string answer;
  const auto start = Clock::now();
  REQUIRE(silent.WaitForClose(std::chrono::seconds(5), &answer));
  CHECK(Millis(Clock::now() - start) >= 250);
  CHECK(answer.empty());
}

TEST_CASE("An idle keep-alive connection is closed after the idle timeout",
          "[connections][timeout]") {
  FwmockProcess server({"--idle-timeout", "500ms", "--header-timeout", "10s"});
  Socket socket;
  REQUIRE(socket.Connect(server.port()));
  REQUIRE(socket.SendAll(GetRequest("/healthz")));
  ResponseReader reader(socket);
  REQUIRE(reader.Next().status == 200);
  const auto answered = Clock::now();
  REQUIRE(socket.WaitForClose(std::chrono::seconds(5)));
  const double idle = Millis(Clock::now() - answered);
  CHECK(idle >= 450);
  CHECK(idle < 2000);
}

}  // namespace
}  // namespace fwmock_test
