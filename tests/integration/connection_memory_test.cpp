// Memory stays flat under a steady load of 64 keep-alive connections, a share of whose Lists
// carry filters never seen before: the caches stay within their budget, and the few worker
// threads keep glibc's per-thread malloc arenas few.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "fixture_data.h"
#include "fwmock_process.h"
#include "process_stats.h"
#include "raw_http.h"

namespace fwmock_test {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::seconds;

constexpr int kConnections = 64;
constexpr int kJobs = 2000;
// Under the sanitizers RSS measures their quarantine and shadow memory, not fwmock's: the load
// runs briefly, and the bound is checked in plain builds only.
struct Run {
  bool measure_memory;
  seconds warm_up, measured;
};
Run ThisRun() {
  return ServerIsSanitized() ? Run{false, seconds(3), seconds(5)}
                             : Run{true, seconds(20), seconds(60)};
}

// kJobs jobs of account "mem", one a second apart, with a few values to filter on.
std::string Fixtures() {
  std::string out = "{\"batchJobs\":[";
  for (int i = 0; i < kJobs; ++i) {
    if (i > 0) out += ',';
    out += "{\"name\":\"accounts/mem/batchJobs/job-" + std::to_string(i) +
           "\",\"displayName\":\"job " + std::to_string(i) +
           "\",\"createTime\":\"2026-01-01T00:00:00Z\",\"numRanks\":" + std::to_string(i % 8 + 1) +
           ",\"state\":\"" +
           (i % 3 == 0   ? "RUNNING"
            : i % 3 == 1 ? "COMPLETED"
                         : "FAILED") +
           "\"}";
  }
  return out + "]}";
}

// The filter of the n-th request of a connection: one in five never seen before (it matches
// every job but one, so its result holds the whole account), the others from a small set.
std::string FilterFor(int connection, int n) {
  static const char* const kSeen[] = {"state = RUNNING", "num_ranks >= 4", "state != FAILED",
                                      "num_ranks = 2 OR num_ranks = 7",
                                      "display_name = \"job 1*\""};
  if (n % 5 == 4) {
    return "display_name != \"job " + std::to_string(connection * 1000000 + n) + "\"";
  }
  return kSeen[(connection + n) % 5];
}

std::string Escape(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

// Sends Lists on one keep-alive connection until `stop`; counts answers and failures.
void Load(int port, int connection, const std::atomic<bool>& stop, std::atomic<long>& answered,
          std::atomic<long>& failed) {
  Socket socket;
  if (!socket.Connect(port)) {
    ++failed;
    return;
  }
  ResponseReader reader(socket);
  for (int n = 0; !stop; ++n) {
    const std::string target =
        "/v1/accounts/mem/batchJobs?pageSize=50&filter=" + Escape(FilterFor(connection, n));
    if (!socket.SendAll(GetRequest(target)) || reader.Next().status != 200) {
      ++failed;
      return;
    }
    ++answered;
  }
}

TEST_CASE("64 connections with never-seen filters for 60 s keep RSS within 10% after warm-up",
          "[connections][memory][serial]") {
  const Run run = ThisRun();
  TempDir dir;
  FwmockProcess server(
      {"--fixtures", dir.Write("jobs.json", Fixtures()), "--cache-mb", "16", "--allow-anonymous"});
  std::atomic<bool> stop{false};
  std::atomic<long> answered{0}, failed{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kConnections; ++c) {
    clients.emplace_back(Load, server.port(), c, std::cref(stop), std::ref(answered),
                         std::ref(failed));
  }
  std::this_thread::sleep_for(run.warm_up);  // the load runs for a set time: nothing to wait for
  const double warm = RssMiB(server.pid());
  const long warm_answered = answered;
  // Growth is judged by RSS every 10 s (the last at the end); the peak of 1 s samples, which
  // catches a moment's burst of buffers, is reported.
  double peak = warm, grown = warm;
  std::string samples;
  for (int s = 1; s <= run.measured.count() && failed == 0; ++s) {
    std::this_thread::sleep_for(seconds(1));
    const double rss = RssMiB(server.pid());
    peak = std::max(peak, rss);
    if (s % 10 != 0) continue;
    grown = std::max(grown, rss);
    samples += " " + std::to_string(static_cast<int>(rss));
  }
  stop = true;
  for (std::thread& t : clients) t.join();
  const long measured = answered - warm_answered;
  WARN("RSS after " << run.warm_up.count() << " s: " << warm << " MiB; peak over the next "
                    << run.measured.count() << " s: " << peak << " MiB; " << measured
                    << " Lists answered meanwhile; MiB every 10 s:" << samples);
  CHECK(failed == 0);
  CHECK(measured > 1000);
  if (run.measure_memory) CHECK(grown < warm * 1.10);
}

}  // namespace
}  // namespace fwmock_test
