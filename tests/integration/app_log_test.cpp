// --log requests and --log-file: what a request line holds, and where it goes.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

#include "api_client.h"
#include "fixture_data.h"

extern char** environ;

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

std::vector<json> ReadJsonLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<json> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(json::parse(line, nullptr, false));
  }
  return lines;
}

TEST_CASE("Flag --log-file gets the request lines with time, query, status, bytes and latency",
          "[process][log]") {
  const bool by_env = GENERATE(false, true);
  CAPTURE(by_env);
  TempDir dir;
  const std::string file = dir.path() + "/requests.log";
  FwmockProcess server(by_env ? std::vector<std::string>{"--log", "requests"}
                              : std::vector<std::string>{"--log", "requests", "--log-file", file},
                       by_env ? std::map<std::string, std::string>{{"FWMOCK_LOG_FILE", file}}
                              : std::map<std::string, std::string>{});
  ApiClient client(server);
  const HttpResult list =
      client.List("acme", "pageSize=2&filter=" + UrlEncode("state = JOB_STATE_RUNNING") +
                              "&orderBy=name+desc&pageSize=3");
  const HttpResult missing = client.Get("/nope");
  REQUIRE(server.Stop() == 0);
  CHECK_THAT(server.Stderr(), !Contains("/nope"));

  const std::vector<json> lines = ReadJsonLines(file);
  REQUIRE(lines.size() == 2);
  std::map<std::string, json> by_path;
  for (const json& line : lines) {
    REQUIRE(line.is_object());
    by_path[line.value("path", "")] = line;
  }
  const json& l = by_path[ListPath("acme")];
  REQUIRE(l.is_object());
  CHECK(l.at("method") == "GET");
  CHECK(l.at("query") == json::array({{"pageSize", "2"},
                                      {"filter", "state = JOB_STATE_RUNNING"},
                                      {"orderBy", "name desc"},
                                      {"pageSize", "3"}}));
  CHECK(l.at("status") == list.status);
  CHECK(l.at("bytes") == list.body.size());
  const json& m = by_path["/nope"];
  REQUIRE(m.is_object());
  CHECK(m.at("query") == json::array());
  CHECK(m.at("status") == 404);
  CHECK(m.at("bytes") == missing.body.size());
  for (const json& line : lines) {
    CAPTURE(line.dump());
    REQUIRE(line.at("time").is_string());
    const std::string time = line.at("time");
    CHECK(ParseRfc3339(time).has_value());
    CHECK(time.back() == 'Z');
    REQUIRE(line.at("durationMs").is_number());
    CHECK(line.at("durationMs").get<double>() >= 0);
  }
}

TEST_CASE("Flag --log-file appends to the file and exits 2 if it cannot be opened",
          "[process][log]") {
  TempDir dir;
  const std::string file = dir.Write("requests.log", "{\"earlier\":true}\n");
  {
    FwmockProcess server({"--log", "requests", "--log-file", file});
    CHECK(ApiClient(server).Get("/healthz").status == 200);
    REQUIRE(server.Stop() == 0);
  }
  const std::vector<json> lines = ReadJsonLines(file);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == json{{"earlier", true}});
  CHECK(lines[1].at("path") == "/healthz");

  const std::string bad = dir.path() + "/no/such/dir/requests.log";
  const ExitResult r = RunToCompletion({"--log", "requests", "--log-file", bad});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--log-file") && Contains(bad));
}

// fwmock with stdout on a pipe we read for the ready line and stderr on a pipe nobody reads.
class UndrainedStderr {
 public:
  explicit UndrainedStderr(const std::vector<std::string>& args) {
    int out[2];
    REQUIRE(::pipe2(out, O_CLOEXEC) == 0);
    REQUIRE(::pipe2(err_, O_CLOEXEC) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err_[1], STDERR_FILENO);
    std::vector<std::string> argv_storage = {FwmockBinary()};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_storage) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (char** e = environ; *e != nullptr; ++e) {
      if (std::strncmp(*e, "FWMOCK_", 7) != 0) envp.push_back(*e);
    }
    envp.push_back(nullptr);
    const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    ::close(err_[1]);
    REQUIRE(spawned == 0);
    ready_ = ReadLine(out[0]);
    ::close(out[0]);
  }
  ~UndrainedStderr() {
    if (pid_ > 0) {  // never kill(-1): that signals every process we may signal
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(err_[0]);
  }
  UndrainedStderr(const UndrainedStderr&) = delete;
  UndrainedStderr& operator=(const UndrainedStderr&) = delete;

  int port() const {
    const std::size_t colon = ready_.rfind(':');
    return colon == std::string::npos ? 0 : std::atoi(ready_.c_str() + colon + 1);
  }
  // Sends SIGTERM and waits for the exit; returns the exit code.
  int Stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  // The first line of `fd`, waiting at most 20 s.
  static std::string ReadLine(int fd) {
    std::string text;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (text.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 1000) <= 0) continue;
      char buf[256];
      const ssize_t n = ::read(fd, buf, sizeof buf);
      if (n <= 0) break;
      text.append(buf, static_cast<std::size_t>(n));
    }
    return text.substr(0, text.find('\n'));
  }

  pid_t pid_ = -1;
  int err_[2] = {-1, -1};
  std::string ready_;
};

TEST_CASE("A server whose stderr nobody reads answers thousands of requests logged to a file",
          "[process][log]") {
  TempDir dir;
  const std::string file = dir.path() + "/requests.log";
  UndrainedStderr server({"--port", "0", "--log", "requests", "--log-file", file});
  REQUIRE(server.port() > 0);
  constexpr int kRequests = 2000;  // ~400 KB of log lines: six times a pipe's buffer
  ApiClient client("127.0.0.1", server.port());
  int answered = 0;
  for (int i = 0; i < kRequests; ++i) answered += client.List("acme", "pageSize=1").status == 200;
  CHECK(answered == kRequests);
  REQUIRE(server.Stop() == 0);
  CHECK(ReadJsonLines(file).size() == kRequests);
}

}  // namespace
}  // namespace fwmock_test
