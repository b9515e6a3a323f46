// A copied binary works anywhere: the spec and the bundled fixtures are compiled into it.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "api_client.h"
#include "fixture_data.h"
#include "fwmock_process.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// `binary --port 0` started in `cwd` with an environment of PATH only; waits for the readiness
// line (a blocking read, no sleeping) and stops the process with SIGTERM on destruction.
class CopiedServer {
 public:
  CopiedServer(const std::string& binary, const std::string& cwd) {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      sigset_t none;
      sigemptyset(&none);
      sigprocmask(SIG_SETMASK, &none, nullptr);
      ::dup2(out[1], STDOUT_FILENO);
      if (::chdir(cwd.c_str()) != 0) _exit(126);
      const char* argv[] = {binary.c_str(), "--port", "0", nullptr};
      const char* envp[] = {"PATH=/usr/bin:/bin", nullptr};
      ::execve(binary.c_str(), const_cast<char**>(argv), const_cast<char**>(envp));
      _exit(127);
    }
    ::close(out[1]);
    std::string line;
    char c = 0;
    while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(out[0]);
    std::smatch m;
    if (!std::regex_match(line, m, std::regex(R"(fwmock listening on http://(.+):(\d+))"))) {
      this->~CopiedServer();
      throw std::runtime_error("no readiness line, got: " + line);
    }
    host_ = m[1];
    port_ = std::stoi(m[2]);
  }
  ~CopiedServer() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  CopiedServer(const CopiedServer&) = delete;
  CopiedServer& operator=(const CopiedServer&) = delete;

  const std::string& host() const { return host_; }
  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  std::string host_;
  int port_ = 0;
};

TEST_CASE("A copied binary serves the spec and the bundled fixtures from anywhere",
          "[process][assets]") {
  namespace fs = std::filesystem;
  const TempDir alone;
  const TempDir elsewhere;
  const std::string copy = alone.path() + "/fwmock";
  fs::copy_file(FwmockBinary(), copy);
  REQUIRE(fs::directory_iterator(alone.path()) != fs::directory_iterator());
  CHECK(std::distance(fs::directory_iterator(alone.path()), fs::directory_iterator()) == 1);

  // Nothing it could read at run time: neither file's path in the source tree is in the binary.
  const std::string bytes = ReadFile(copy);
  for (const char* relative : {"mock/spec/openapi.yaml", "fixtures/batch_jobs.json"}) {
    CAPTURE(relative);
    CHECK(bytes.find(SourcePath(relative)) == std::string::npos);
  }

  CopiedServer server(copy, elsewhere.path());
  ApiClient client(server.host(), server.port());

  const HttpResult spec = client.Get("/openapi.yaml");
  CHECK(spec.status == 200);
  REQUIRE(!spec.body.empty());
  CHECK_THAT(spec.body, StartsWith("openapi:"));
  CHECK(spec.body == ReadFile(SourcePath("mock/spec/openapi.yaml")));

  // It stands on its own: no pointer to a document that does not travel with it.
  CHECK_THAT(spec.body,
             !Contains("FIDELITY.md") && !Contains("beside this folder") && !Contains("../shared"));

  const HttpResult list = client.List("acme", "pageSize=1");
  REQUIRE(list.status == 200);
  const std::size_t bundled = JobsOf("acme").size();
  REQUIRE(bundled > 0);
  CHECK(list.json.value("totalSize", -1) == static_cast<int>(bundled));
}

TEST_CASE("The README points to nothing outside the repository", "[process][assets]") {
  const std::string readme = ReadFile(SourcePath("README.md"));
  CHECK_THAT(readme, !Contains("../shared"));
  // The first example lets curl encode the query instead of showing it hand-encoded.
  const std::size_t curl = readme.find("curl ");
  REQUIRE(curl != std::string::npos);
  const std::string example = readme.substr(curl, readme.find("```", curl) - curl);
  CHECK_THAT(example, Contains("--data-urlencode 'filter=state = RUNNING AND num_ranks >= 2'"));
  CHECK_THAT(example, !Contains("%20"));
  CHECK_THAT(readme, Contains("from fireworks_ai import Fireworks") &&
                         Contains("FIREWORKS_BASE_URL=http://127.0.0.1:8080") &&
                         Contains("client.accounts.batch_jobs.list(\"acme\", page_size=2)"));
}

}  // namespace
}  // namespace fwmock_test
