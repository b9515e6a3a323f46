// A parallel suite with one account per test: each thread resets and seeds its own account in a
// loop while the others list theirs, and sees exactly what it seeded, every time.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "control_helpers.h"
#include "job_helpers.h"

namespace fwmock_test {
namespace {

constexpr int kThreads = 4;
constexpr int kRounds = 25;

std::string Joined(const std::set<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return "[" + out + "]";
}

std::string AccountOfThread(int t) { return "suite-" + std::to_string(t); }

// The start-up fixtures: three jobs per thread's account.
nlohmann::json StartUpJobs() {
  nlohmann::json jobs = nlohmann::json::array();
  for (int t = 0; t < kThreads; ++t) {
    const nlohmann::json document =
        JobsDocument(AccountOfThread(t), {"fixture-a", "fixture-b", "fixture-c"});
    for (const nlohmann::json& job : document["batchJobs"]) jobs.push_back(job);
  }
  return {{"batchJobs", jobs}};
}

// One test of the suite, round after round: reset its account, check it holds the fixtures,
// seed round-specific jobs (import and a create), check it lists exactly those. Returns the
// problems seen (empty: none); Catch2's assertions are not used off the main thread.
std::vector<std::string> RunSuiteThread(const FwmockProcess& server, int t) {
  ApiClient client(server);
  const std::string account = AccountOfThread(t);
  const std::set<std::string> fixtures =
      NamesIn(JobsDocument(account, {"fixture-a", "fixture-b", "fixture-c"}));
  std::vector<std::string> problems;
  const auto names = [&] {
    const Listing listing = ListAll(client, account, "", 2);
    if (!listing.ok) problems.push_back(account + ": a listing failed");
    return std::set<std::string>(listing.names.begin(), listing.names.end());
  };
  for (int round = 0; round < kRounds && problems.size() < 5; ++round) {
    const std::string at = account + " round " + std::to_string(round);
    if (ResetAccount(client, account).status != 200) problems.push_back(at + ": reset failed");
    if (const std::set<std::string> got = names(); got != fixtures) {
      problems.push_back(at + ": after the reset, not the fixtures but " + Joined(got));
    }
    std::vector<std::string> ids;
    for (int i = 0; i <= round % 4; ++i)
      ids.push_back("r" + std::to_string(round) + "-" + std::to_string(i));
    const nlohmann::json document = JobsDocument(account, ids);
    if (Import(client, account, document.dump()).status != 200) problems.push_back(at + ": import");
    const HttpResult created = CreateJob(client, account, {{"nodePoolId", "pool"}});
    std::set<std::string> expected = fixtures;
    for (const std::string& name : NamesIn(document)) expected.insert(name);
    expected.insert(created.json.value("name", "<create failed>"));
    if (const std::set<std::string> got = names(); got != expected) {
      problems.push_back(at + ": not exactly its own seeded jobs but " + Joined(got));
    }
  }
  return problems;
}

TEST_CASE("Parallel tests with one account each never see each other's jobs",
          "[control][state][concurrency]") {
  TempDir dir;
  const std::string fixtures = dir.Write("fixtures.json", StartUpJobs().dump());
  FwmockProcess server({"--fixtures", fixtures, "--threads", "4"});
  // One request first, on this thread: the HTTP client library builds its function-local static
  // regexes on first use, in a library ThreadSanitizer does not see into, so threads racing to
  // be first would be reported against the test, not the server.
  ApiClient warm(server);
  REQUIRE(warm.Send("POST", "/_fwmock/accounts/warm-up:reset").status == 200);
  std::vector<std::vector<std::string>> problems(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back(
        [&, t] { problems[static_cast<std::size_t>(t)] = RunSuiteThread(server, t); });
  }
  for (std::thread& thread : threads) thread.join();
  for (std::size_t t = 0; t < problems.size(); ++t) {
    CAPTURE(t);
    for (const std::string& p : problems[t]) FAIL_CHECK(p);
    CHECK(problems[t].empty());
  }
}

}  // namespace
}  // namespace fwmock_test
