#include "fwmock_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <stdexcept>

extern char** environ;

namespace fwmock_test {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kReadyTimeoutMs = 20000;

struct Spawned {
  pid_t pid;
  int out_fd;  // read end of the child's stdout
  int err_fd;  // an anonymous file holding the child's stderr
};

// fork/exec of fwmock; stdout goes to a pipe, stderr to an anonymous file (never blocks it).
Spawned Spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv_storage = {FwmockBinary()};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<std::string> env_storage = ChildEnvironment(env);
  std::vector<char*> argv = CStrings(argv_storage);
  std::vector<char*> envp = CStrings(env_storage);
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  const int err_fd = ::memfd_create("fwmock-stderr", MFD_CLOEXEC);
  if (err_fd < 0) throw std::runtime_error("memfd_create failed");
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(err_fd, STDERR_FILENO);
    ::execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  ::close(out[1]);
  return {pid, out[0], err_fd};
}

std::string ReadAll(int fd) {
  std::string text;
  char buf[4096];
  off_t offset = 0;
  for (ssize_t n; (n = ::pread(fd, buf, sizeof buf, offset)) > 0; offset += n) {
    text.append(buf, static_cast<std::size_t>(n));
  }
  return text;
}

int Millis(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

// Reads `fd` into `text` until `done(text)`, EOF (false) or the deadline (false).
template <typename Done>
bool ReadUntil(int fd, std::string* text, Clock::time_point deadline, Done done) {
  while (!done(*text)) {
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, Millis(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    char buf[4096];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    text->append(buf, static_cast<std::size_t>(n));
  }
  return true;
}

int DecodeStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Waits for the child to close stdout (it exited) and reaps it; SIGKILL after the deadline.
int Reap(pid_t pid, int out_fd, std::string* out, Clock::time_point deadline) {
  const bool eof = !ReadUntil(out_fd, out, deadline, [](const std::string&) { return false; }) &&
                   Millis(deadline) > 0;
  if (!eof) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return eof ? DecodeStatus(status) : -1;
}

}  // namespace

// The environment of the child: ours without any FWMOCK_* variable, plus `extra`.
std::vector<std::string> ChildEnvironment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::strncmp(*e, "FWMOCK_", 7) != 0) env.emplace_back(*e);
  }
  for (const auto& [key, value] : extra) env.push_back(key + "=" + value);
  return env;
}

std::vector<char*> CStrings(std::vector<std::string>& items) {
  std::vector<char*> out;
  for (std::string& item : items) out.push_back(item.data());
  out.push_back(nullptr);
  return out;
}

std::string FwmockBinary() {
  const char* chosen = std::getenv("FWMOCK_TEST_SERVER");
  return chosen != nullptr && *chosen != '\0' ? chosen : FWMOCK_BINARY;
}

const std::string& ServerSanitizers() {
  static const std::string kSanitizers = [] {
    const std::string out = RunToCompletion({"--version"}).out;
    const std::string marker = "built with -fsanitize=";
    const std::size_t at = out.find(marker);
    if (at == std::string::npos) return std::string();
    const std::size_t from = at + marker.size();
    return out.substr(from, out.find('\n', from) - from);
  }();
  return kSanitizers;
}

bool ServerIsSanitized() { return !ServerSanitizers().empty(); }

ExitResult RunToCompletion(const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env, int timeout_ms) {
  const Spawned child = Spawn(args, env);
  ExitResult result;
  result.exit_code = Reap(child.pid, child.out_fd, &result.out,
                          Clock::now() + std::chrono::milliseconds(timeout_ms));
  result.err = ReadAll(child.err_fd);
  ::close(child.out_fd);
  ::close(child.err_fd);
  return result;
}

FwmockProcess::FwmockProcess(std::vector<std::string> args,
                             const std::map<std::string, std::string>& env) {
  bool has_port = false;
  for (const std::string& a : args) has_port |= a == "--port" || a.rfind("--port=", 0) == 0;
  if (!has_port) args.insert(args.begin(), {"--port", "0"});
  const Spawned child = Spawn(args, env);
  pid_ = child.pid;
  out_fd_ = child.out_fd;
  err_fd_ = child.err_fd;
  const auto deadline = Clock::now() + std::chrono::milliseconds(kReadyTimeoutMs);
  const bool ready = ReadUntil(out_fd_, &out_, deadline, [](const std::string& text) {
    return text.find('\n') != std::string::npos;
  });
  static const std::regex kReady(R"(fwmock listening on http://(.+):([0-9]+))");
  std::smatch m;
  const std::string line = out_.substr(0, out_.find('\n'));
  if (!ready || !std::regex_match(line, m, kReady)) {
    const int code = Stop(SIGKILL, 5000);
    throw std::runtime_error("fwmock did not become ready (exit " + std::to_string(code) +
                             "); stdout: " + out_ + "; stderr: " + Stderr());
  }
  ready_line_ = line;
  host_ = m[1];
  port_ = std::stoi(m[2]);
}

FwmockProcess::~FwmockProcess() {
  Stop();
  if (out_fd_ >= 0) ::close(out_fd_);
  if (err_fd_ >= 0) ::close(err_fd_);
}

int FwmockProcess::Stop(int signal, int timeout_ms) {
  if (pid_ < 0) return exit_code_;
  ::kill(pid_, signal);
  exit_code_ = Reap(pid_, out_fd_, &out_, Clock::now() + std::chrono::milliseconds(timeout_ms));
  pid_ = -1;
  return exit_code_;
}

void FwmockProcess::Signal(int signal) {
  if (pid_ >= 0) ::kill(pid_, signal);
}

std::string FwmockProcess::Stderr() { return err_fd_ >= 0 ? ReadAll(err_fd_) : ""; }

std::string FwmockProcess::Stdout() { return out_; }

const FwmockProcess& DefaultServer() {
  static const FwmockProcess kServer;
  return kServer;
}

}  // namespace fwmock_test
