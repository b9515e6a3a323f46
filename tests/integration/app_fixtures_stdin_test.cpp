// --fixtures from stdin, a pipe or a FIFO: files that cannot be memory-mapped are read.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <sstream>
#include <thread>

#include "api_client.h"
#include "fixture_data.h"

namespace fwmock_test {
namespace {

// `count` jobs of account "piped": more than a pipe's 64 KiB buffer holds, so the writer must
// keep writing while fwmock reads.
std::string PipedFixture(int count) {
  std::ostringstream out;
  out << "{\"batchJobs\":[";
  for (int i = 0; i < count; ++i) {
    out << (i ? "," : "") << "{\"name\":\"accounts/piped/batchJobs/" << std::string(30, 'p')
        << (10 + i) << "\",\"createTime\":\"2025-01-01T00:00:00Z\",\"displayName\":\""
        << std::string(60, 'd') << "\"}";
  }
  out << "]}";
  return out.str();
}

constexpr int kJobs = 2000;

// Writes `text` to `fd` from a thread of its own, then closes it.
std::thread WriteAndClose(int fd, std::string text) {
  return std::thread([fd, text = std::move(text)] {
    for (std::size_t done = 0; done < text.size();) {
      const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::close(fd);
  });
}

void CheckServesPipedJobs(FwmockProcess& server) {
  const HttpResult page = ApiClient(server).List("piped", "pageSize=1");
  REQUIRE(page.status == 200);
  CHECK(page.json.at("totalSize") == kJobs);
  CHECK(server.Stop() == 0);
}

// fd 0 of this process is `fd` for the scope's lifetime (children started meanwhile inherit it).
class StdinFrom {
 public:
  explicit StdinFrom(int fd) : saved_(::dup(STDIN_FILENO)) { ::dup2(fd, STDIN_FILENO); }
  ~StdinFrom() {
    ::dup2(saved_, STDIN_FILENO);
    ::close(saved_);
  }
  StdinFrom(const StdinFrom&) = delete;
  StdinFrom& operator=(const StdinFrom&) = delete;

 private:
  int saved_;
};

TEST_CASE("Flag --fixtures - and /dev/stdin read the jobs from a pipe on stdin",
          "[process][fixtures]") {
  const std::string path = GENERATE("-", "/dev/stdin");
  CAPTURE(path);
  int p[2];
  REQUIRE(::pipe2(p, O_CLOEXEC) == 0);
  std::thread writer = WriteAndClose(p[1], PipedFixture(kJobs));
  {
    StdinFrom in(p[0]);
    ::close(p[0]);
    FwmockProcess server({"--fixtures", path});
    writer.join();
    CheckServesPipedJobs(server);
  }
}

TEST_CASE("Flag --fixtures reads a pipe given as /dev/fd/N, as process substitution does",
          "[process][fixtures]") {
  int p[2];
  REQUIRE(::pipe(p) == 0);  // the read end is inherited by fwmock
  ::fcntl(p[1], F_SETFD, FD_CLOEXEC);
  std::thread writer = WriteAndClose(p[1], PipedFixture(kJobs));
  FwmockProcess server({"--fixtures", "/dev/fd/" + std::to_string(p[0])});
  ::close(p[0]);
  writer.join();
  CheckServesPipedJobs(server);
}

TEST_CASE("Flag --fixtures reads a FIFO", "[process][fixtures]") {
  TempDir dir;
  const std::string fifo = dir.path() + "/jobs.json";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::thread writer([&fifo] {
    const int fd = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);  // waits for fwmock to open it
    if (fd >= 0) WriteAndClose(fd, PipedFixture(kJobs)).join();
  });
  FwmockProcess server({"--fixtures", fifo});
  writer.join();
  CheckServesPipedJobs(server);
}

// fwmock --fixtures - run to its exit with `text` on its stdin.
ExitResult RunWithStdin(const std::string& text) {
  int p[2];
  REQUIRE(::pipe2(p, O_CLOEXEC) == 0);
  std::thread writer = WriteAndClose(p[1], text);
  ExitResult r;
  {
    StdinFrom in(p[0]);
    ::close(p[0]);
    r = RunToCompletion({"--port", "0", "--fixtures", "-"});
  }
  writer.join();
  return r;
}

TEST_CASE("Bad JSON on stdin exits 2 naming stdin", "[process][fixtures]") {
  const ExitResult r = RunWithStdin("{\"batchJobs\":[");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("stdin: invalid JSON"));
}

TEST_CASE("A job on stdin that breaks a Create rule exits 2 naming stdin, the job and the field",
          "[process][fixtures]") {
  const ExitResult r =
      RunWithStdin(R"({"batchJobs":[{"name":"accounts/a/batchJobs/1","shellExecutor":{}}]})");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains(R"(stdin: batchJobs[0] (accounts/a/batchJobs/1): field)"
                                    R"( "shellExecutor.command": required)"));
}

}  // namespace
}  // namespace fwmock_test
