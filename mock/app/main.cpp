// fwmock: a local fake of the Fireworks AI batch jobs API.
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "assets.h"
#include "backend.h"
#include "options.h"
#include "parent_watch.h"
#include "server.h"

extern char** environ;

namespace fwmock {
namespace {

constexpr int kExitRuntime = 1;
constexpr int kExitUsage = 2;

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

// SIGTERM and SIGINT stop the server from a thread of their own (not from a signal handler).
std::thread StartSignalThread(Server* server, sigset_t signals) {
  return std::thread([server, signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    server->Stop();
  });
}

int Run(int argc, char** argv) {
  const pid_t parent = getppid();  // before anything else: --exit-with-parent compares with it
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
    return 0;
  }
  std::vector<std::string> warnings;
  Result<std::unique_ptr<Backend>> backend =
      Backend::Build(options, std::string(EmbeddedOpenApiYaml()), &warnings);
  for (const std::string& warning : warnings) std::cerr << "fwmock: warning: " << warning << "\n";
  if (!backend.ok()) {
    std::cerr << "fwmock: fixtures: " << backend.status().message() << "\n";
    return kExitUsage;
  }

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // inherited by every thread started below

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
  config.threads = options.threads;
  Server server(config, (*backend)->services());
  const int port = server.Bind(options.host, options.port, &error);
  if (port < 0) {
    std::cerr << "fwmock: cannot listen on " << options.host << ":" << options.port << ": " << error
              << "\n";
    return kExitRuntime;
  }
  std::thread signal_thread = StartSignalThread(&server, signals);
  std::printf("fwmock listening on http://%s:%d\n", UrlHost(options.host).c_str(), port);
  std::fflush(stdout);
  const bool served = server.Listen();
  pthread_kill(signal_thread.native_handle(), SIGTERM);  // wake it if the server stopped itself
  signal_thread.join();
  return served ? 0 : kExitRuntime;
}

}  // namespace
}  // namespace fwmock

int main(int argc, char** argv) { return fwmock::Run(argc, argv); }
