// --exit-with-parent: fwmock started by an intermediate process stops when that process dies.
//
// This test process becomes a child subreaper, so the orphaned fwmock is reparented to it: the
// test waits for fwmock's exit with waitpid (polled against a deadline), reads its exit code,
// and reaps it; if anything fails, the fixture kills and reaps whatever is left.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <regex>
#include <string>
#include <thread>

#include "api_client.h"

namespace fwmock_test {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr auto kDeadline = std::chrono::seconds(20);

std::string ReadFd(int fd) {
  std::string text;
  char buf[4096];
  for (off_t at = 0;;) {
    const ssize_t n = ::pread(fd, buf, sizeof buf, at);
    if (n <= 0) return text;
    text.append(buf, static_cast<std::size_t>(n));
    at += n;
  }
}

// Reads `fd` up to the first newline; at EOF or the deadline returns what came.
std::string ReadLine(int fd, SteadyClock::time_point deadline) {
  std::string line;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(std::max<long long>(0, left.count())));
    if (ready < 0 && errno == EINTR) continue;
    char c = 0;
    if (ready <= 0 || ::read(fd, &c, 1) != 1 || c == '\n') return line;
    line.push_back(c);
  }
}

// The child of the intermediate: fwmock, stdout to `out`, stderr to `err`.
[[noreturn]] void ExecFwmock(char* const* argv, char* const* envp, int out, int err) {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  ::dup2(out, STDOUT_FILENO);
  ::dup2(err, STDERR_FILENO);
  ::execve(argv[0], argv, envp);
  _exit(127);
}

// The processes of an Orphan, killed and reaped whatever happens: the intermediate is let go
// and reaped first, so that fwmock is this process's child when it is killed and reaped.
struct Children {
  pid_t intermediate = -1;
  pid_t fwmock = -1;
  int go_fd = -1;  // the intermediate exits when it is closed

  ~Children() {
    EndIntermediate();
    if (fwmock > 0) {
      ::kill(fwmock, SIGKILL);
      ::waitpid(fwmock, nullptr, 0);
    }
    ::prctl(PR_SET_CHILD_SUBREAPER, 0);
  }
  void EndIntermediate() {
    if (go_fd >= 0) ::close(go_fd);
    go_fd = -1;
    if (intermediate > 0) ::waitpid(intermediate, nullptr, 0);
    intermediate = -1;
  }
};

// An open file descriptor, closed on destruction.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// fwmock, started by an intermediate process that this test ends on demand.
class Orphan {
 public:
  Orphan(std::vector<std::string> args, const std::map<std::string, std::string>& env) {
    REQUIRE(::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
    std::vector<std::string> argv_storage = {FwmockBinary(), "--port", "0"};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<std::string> env_storage = ChildEnvironment(env);
    std::vector<char*> argv = CStrings(argv_storage);
    std::vector<char*> envp = CStrings(env_storage);
    int out[2];
    int pid_pipe[2];
    int go[2];
    REQUIRE(::pipe2(out, O_CLOEXEC) == 0);
    REQUIRE(::pipe2(pid_pipe, O_CLOEXEC) == 0);
    REQUIRE(::pipe2(go, O_CLOEXEC) == 0);
    err_.fd = ::memfd_create("fwmock-stderr", MFD_CLOEXEC);
    REQUIRE(err_.fd >= 0);
    children_.intermediate = ::fork();
    REQUIRE(children_.intermediate >= 0);
    if (children_.intermediate == 0) {  // starts fwmock, then waits for `go` to close
      ::close(go[1]);
      const pid_t pid = ::fork();
      if (pid == 0) ExecFwmock(argv.data(), envp.data(), out[1], err_.fd);
      (void)!::write(pid_pipe[1], &pid, sizeof pid);
      char c;
      while (::read(go[0], &c, 1) < 0 && errno == EINTR) {
      }
      _exit(0);
    }
    ::close(out[1]);
    ::close(pid_pipe[1]);
    ::close(go[0]);
    children_.go_fd = go[1];
    out_.fd = out[0];
    pid_t pid = -1;
    const ssize_t n = ::read(pid_pipe[0], &pid, sizeof pid);
    ::close(pid_pipe[0]);
    REQUIRE(n == static_cast<ssize_t>(sizeof pid));
    REQUIRE(pid > 0);
    children_.fwmock = pid;
    const std::string ready = ReadLine(out_.fd, SteadyClock::now() + kDeadline);
    INFO("stderr: " << Stderr());
    std::smatch m;
    REQUIRE(std::regex_match(ready, m, std::regex(R"(fwmock listening on http://(.+):(\d+))")));
    port_ = std::stoi(m[2]);
  }

  int port() const { return port_; }
  std::string Stderr() const { return ReadFd(err_.fd); }

  // The intermediate exits, and is reaped: fwmock is an orphan from here on.
  void EndParent() { children_.EndIntermediate(); }

  // fwmock's exit code (128 + signal if killed) once it has exited, or -1 if it is still running
  // after `timeout`; an exited fwmock is reaped.
  int WaitForExit(std::chrono::milliseconds timeout) {
    const auto deadline = SteadyClock::now() + timeout;
    for (;;) {
      int status = 0;
      if (::waitpid(children_.fwmock, &status, WNOHANG) == children_.fwmock) {
        children_.fwmock = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      if (SteadyClock::now() >= deadline) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling, with a deadline
    }
  }

 private:
  Fd out_;
  Fd err_;
  Children children_;  // last: destroyed first, before the pipes close
  int port_ = 0;
};

int Health(int port) { return ApiClient("127.0.0.1", port).Get("/healthz").status; }

TEST_CASE("Flag --exit-with-parent and its variable stop fwmock when its parent dies",
          "[process][exit_with_parent]") {
  const auto [args, env] =
      GENERATE(table<std::vector<std::string>, std::map<std::string, std::string>>({
          {{"--exit-with-parent"}, {}},
          {{}, {{"FWMOCK_EXIT_WITH_PARENT", "1"}}},
      }));
  CAPTURE(args, env);
  Orphan orphan(args, env);
  REQUIRE(Health(orphan.port()) == 200);
  orphan.EndParent();
  const int code = orphan.WaitForExit(kDeadline);
  INFO("stderr: " << orphan.Stderr());
  CHECK(code == 0);
  CHECK(Health(orphan.port()) == 0);  // the port refuses connections
}

TEST_CASE("Without --exit-with-parent fwmock outlives its parent", "[process][exit_with_parent]") {
  Orphan orphan({}, {{"FWMOCK_EXIT_WITH_PARENT", "0"}});
  orphan.EndParent();
  // The parent is reaped, and the orphan still serves: nothing told it to stop.
  CHECK(Health(orphan.port()) == 200);
  CHECK(orphan.WaitForExit(std::chrono::milliseconds(0)) == -1);
}

}  // namespace
}  // namespace fwmock_test
