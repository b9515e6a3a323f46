// fwmock: a local fake of the Fireworks AI batch jobs API.
#include <arpa/inet.h>
#include <malloc.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <vector>

#include "assets.h"
#include "backend.h"
#include "event_loop.h"
#include "listener.h"
#include "options.h"
#include "parent_watch.h"
#include "server.h"

extern char** environ;

namespace fwmock {
namespace {

constexpr int kExitRuntime = 1;
constexpr int kExitUsage = 2;

// The CPUs the process may run on: its affinity, which taskset and container cpusets narrow.
int UsableCpus() {
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  return sched_getaffinity(0, sizeof cpus, &cpus) == 0 ? CPU_COUNT(&cpus) : 1;
}

// One thread per usable CPU, at least 2 so that one long request never holds every thread. The
// event loop's threads never wait for a client, so more threads than cores only add wake-ups
// and context switches: on 2 cores, 4 threads answered S3 at 64 connections at 0.84 x the rate
// of 2 (BENCHMARKS.md, issue 8). A thread stays 200 us with a connection it has answered, unless
// there is one CPU: there, staying would only keep the client from sending its next request.
net::ThreadConfig ThreadConfigOf(const Options& options) {
  const int cpus = UsableCpus();
  net::ThreadConfig threads;
  threads.count = options.threads > 0 ? options.threads : std::max(cpus, 2);
  const int busy_poll_us = options.busy_poll_us >= 0 ? options.busy_poll_us : cpus > 1 ? 200 : 0;
  threads.busy_poll = std::chrono::microseconds(busy_poll_us);
  return threads;
}

std::map<std::string, std::string> Environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    const std::size_t eq = entry.find('=');
    if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return env;
}

// The host as it stands in a URL: an IPv6 literal in brackets, its zone's '%' encoded (RFC 6874).
std::string UrlHost(const std::string& host) {
  if (host.find(':') == std::string::npos) return host;
  std::string out = "[";
  for (const char c : host) out += c == '%' ? std::string("%25") : std::string(1, c);
  return out + "]";
}

// Whether only this machine can reach `host`: "localhost", 127.0.0.0/8, ::1 (or ::ffff:127.x).
bool IsLoopbackHost(const std::string& host) {
  if (host == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, host.c_str(), &v6) != 1) return false;
  if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
  return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
}

// SIGTERM and SIGINT, blocked in every thread from the start: the event loop reads them from a
// signalfd, so one that arrives at any moment, before the loop runs included, stops it.
sigset_t BlockStopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // inherited by every thread started later
  return signals;
}

net::ConnectionConfig ConnectionConfigOf(const Options& options) {
  net::ConnectionConfig config;
  config.limits.max_body_bytes = options.max_body_bytes;
  config.timeouts.header = std::chrono::nanoseconds(options.header_timeout);
  config.timeouts.idle = std::chrono::nanoseconds(options.idle_timeout);
  config.timeouts.io = std::chrono::nanoseconds(options.io_timeout);
  return config;
}

int Run(int argc, char** argv) {
  const pid_t parent = getppid();  // before anything else: --exit-with-parent compares with it
  // Blocked before anything else too: a SIGTERM from the first moment on (--exit-with-parent's
  // included) waits for the event loop, which stops cleanly.
  const sigset_t signals = BlockStopSignals();
  // Two malloc arenas for all threads: glibc gives each thread that meets contention an arena of
  // its own (up to 8 per core), and memory freed into one is never reused by another, so RSS
  // crept up under steady load with a share of never-seen filters (+11% over a minute at 64
  // connections; flat with two). Small blocks come from each thread's tcache either way. The
  // environment's MALLOC_ARENA_MAX, when set, still wins.
  if (std::getenv("MALLOC_ARENA_MAX") == nullptr) mallopt(M_ARENA_MAX, 2);
  Options options;
  std::string error;
  if (!ParseOptions(argc, argv, Environment(), &options, &error)) {
    std::cerr << "fwmock: " << error << "\n";
    return kExitUsage;
  }
  if (options.exit_with_parent && !ExitWithParent(parent)) {
    std::cerr << "fwmock: --exit-with-parent: the parent process has already exited\n";
    return 0;
  }
  if (options.help) {
    std::cout << Usage();
    return 0;
  }
  if (options.version) {
    std::cout << "fwmock " FWMOCK_VERSION "\n";
    // A sanitized build says so: the integration tests read it to widen their time bounds.
    if (*FWMOCK_SANITIZERS) std::cout << "built with -fsanitize=" FWMOCK_SANITIZERS "\n";
    return 0;
  }
  std::vector<std::string> warnings;
  Result<std::unique_ptr<Backend>> backend =
      Backend::Build(options, std::string(EmbeddedOpenApiYaml()), &warnings);
  if (options.admin_token.empty() && !IsLoopbackHost(options.host)) {
    warnings.push_back("--host " + options.host +
                       " is not a loopback address and no --admin-token is set: anyone who can "
                       "reach it can reset, seed and read fwmock through /_fwmock/");
  }
  for (const std::string& warning : warnings) std::cerr << "fwmock: warning: " << warning << "\n";
  if (!backend.ok()) {
    std::cerr << "fwmock: " << backend.status().message() << "\n";
    return kExitUsage;
  }

  // Request lines go to the file, if one is given: a harness that never drains stderr cannot
  // stall the server on a full pipe.
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> log_file(nullptr, std::fclose);
  if (!options.log_file.empty()) {
    log_file.reset(std::fopen(options.log_file.c_str(), "ae"));
    if (log_file == nullptr) {
      std::cerr << "fwmock: --log-file: cannot open " << options.log_file << ": "
                << std::strerror(errno) << "\n";
      return kExitUsage;
    }
  }

  ServerConfig config;
  config.auth.keys = options.api_keys;
  config.auth.allow_anonymous = options.allow_anonymous;
  config.cors = options.cors;
  config.log_requests = options.log_requests;
  config.log_file = log_file.get();
  config.max_body_bytes = options.max_body_bytes;
  config.admin_token = options.admin_token;
  config.keep_alive_seconds = static_cast<long>(options.idle_timeout / 1000000000);
  Server server(config, (*backend)->services());
  net::RaiseOpenFileLimit();
  int port = 0;
  const int listen_fd = net::Listen(options.host, options.port, &port, &error);
  if (listen_fd < 0) {
    std::cerr << "fwmock: cannot listen on " << options.host << ":" << options.port << ": " << error
              << "\n";
    return kExitRuntime;
  }
  net::EventLoop loop(listen_fd, server.handler(), ConnectionConfigOf(options),
                      ThreadConfigOf(options), signals);
  std::printf("fwmock listening on http://%s:%d\n", UrlHost(options.host).c_str(), port);
  std::fflush(stdout);
  if (!loop.Run(&error)) {
    std::cerr << "fwmock: " << error << "\n";
    return kExitRuntime;
  }
  return 0;
}

}  // namespace
}  // namespace fwmock

int main(int argc, char** argv) { return fwmock::Run(argc, argv); }
