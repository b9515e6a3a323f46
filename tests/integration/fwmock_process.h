// Starts the real fwmock binary as a child process and talks to it over HTTP.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace fwmock_test {

// The path of the fwmock binary under test: $FWMOCK_TEST_SERVER if set (scripts/test points it at
// a sanitized build), else the one built beside these tests.
std::string FwmockBinary();

// The sanitizers that binary was built with, from its --version ("" for none, e.g.
// "address,undefined" or "thread"). Time and memory bounds widen under them.
const std::string& ServerSanitizers();
bool ServerIsSanitized();

// The environment of a child fwmock: ours without any FWMOCK_* variable, plus `extra`.
std::vector<std::string> ChildEnvironment(const std::map<std::string, std::string>& extra);

// `items` as a null-terminated array for execve (pointing into `items`).
std::vector<char*> CStrings(std::vector<std::string>& items);

// How a process ended: its exit code (or 128 + signal) and everything it wrote.
struct ExitResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs fwmock with `args` and extra environment `env` until it exits (at most `timeout_ms`).
ExitResult RunToCompletion(const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env = {},
                           int timeout_ms = 20000);

// A running fwmock. The constructor returns once the readiness line was printed and throws
// std::runtime_error (with the process's stderr) if it never comes. The destructor sends
// SIGTERM and reaps the process.
class FwmockProcess {
 public:
  // `args` are appended after `--port 0` unless they contain a --port of their own.
  explicit FwmockProcess(std::vector<std::string> args = {},
                         const std::map<std::string, std::string>& env = {});
  ~FwmockProcess();
  FwmockProcess(const FwmockProcess&) = delete;
  FwmockProcess& operator=(const FwmockProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& host() const { return host_; }
  // The readiness line exactly as printed, without the newline.
  const std::string& ready_line() const { return ready_line_; }

  // Sends `signal` (SIGTERM by default; 0 sends nothing) and waits for the exit; returns the
  // exit code, or 128 + signal number if it was killed, or -1 on timeout. Idempotent.
  int Stop(int signal = 15, int timeout_ms = 20000);
  // Sends `signal` without waiting.
  void Signal(int signal);
  // Everything written to stderr so far (after Stop(): everything).
  std::string Stderr();
  // Everything written to stdout so far, the readiness line included.
  std::string Stdout();

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  int port_ = 0;
  int exit_code_ = -1;
  std::string host_;
  std::string ready_line_;
  std::string out_;
  std::string err_;
};

// A fwmock with the default flags and fixtures, started on first use and shared by the tests of
// this process (they only read from it).
const FwmockProcess& DefaultServer();

}  // namespace fwmock_test
