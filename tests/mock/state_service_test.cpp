#include "state_service.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "fixtures.h"

// Resets, emptying, import and export over the core, with the Lister's caches warm: a cached
// List must never outlive the jobs it showed.
namespace fwmock_test {
namespace {

using aipfilter::StatusCode;
using fwmock::Clock;
using fwmock::JobService;
using fwmock::StateService;
using nlohmann::json;

constexpr std::int64_t kStart = std::int64_t{1'767'225'600} * 1'000'000'000;

// `n` jobs of `account` named j0..j{n-1}, job i with numRanks i % 3.
std::string Fixtures(const std::string& account, int n) {
  json jobs = json::array();
  for (int i = 0; i < n; ++i) {
    jobs.push_back({{"name", "accounts/" + account + "/batchJobs/j" + std::to_string(i)},
                    {"numRanks", i % 3},
                    {"state", "COMPLETED"}});
  }
  return json{{"batchJobs", jobs}}.dump();
}

struct Emulator {
  explicit Emulator(const std::string& fixtures)
      : clock(Clock::Manual(kStart)), tokens("secret"), lister(store, tokens) {
    jobs =
        std::make_unique<JobService>(&store, &lister, &clock, &tokens, fwmock::LifecycleConfig{});
    state = std::make_unique<StateService>(&store, jobs.get());
    REQUIRE(fwmock::LoadFixtureText("fixtures", fixtures, &store).ok());
    state->KeepStartUp();
    lister.Warm();
  }
  // The names a List with `filter` shows, every page walked.
  std::set<std::string> Names(const std::string& account, const std::string& filter) {
    std::set<std::string> names;
    fwmock::ListRequest request;
    request.account = account;
    request.filter = filter;
    request.page_size = 200;
    for (;;) {
      auto page = jobs->List(request);
      REQUIRE(page.ok());
      const json body = json::parse((*page)->body);
      for (const json& job : body["batchJobs"]) names.insert(job["name"].get<std::string>());
      request.page_token = body["nextPageToken"];
      if (request.page_token.empty()) return names;
    }
  }
  std::string Create(const std::string& account) {
    auto body = jobs->Create(account, R"({"nodePoolId":"p","numRanks":1})", "t@example.com");
    REQUIRE(body.ok());
    return json::parse(*body).at("name");
  }

  Clock clock;
  fwmock::JobStore store;
  fwmock::TokenCodec tokens;
  fwmock::Lister lister;
  std::unique_ptr<JobService> jobs;
  std::unique_ptr<StateService> state;
};

// The names of jobs j{i} of `account` with i % 3 == 1 (numRanks = 1), i < n.
std::set<std::string> RankOne(const std::string& account, int n) {
  std::set<std::string> names;
  for (int i = 1; i < n; i += 3)
    names.insert("accounts/" + account + "/batchJobs/j" + std::to_string(i));
  return names;
}

TEST_CASE("A filtered List cached before a reset shows the fixture jobs after it",
          "[mock][state]") {
  // 300 jobs: a reset is 600 changes, within the change log (the cached result catches up);
  // 20000: 40000 changes, beyond it (the result is rebuilt).
  const int n = GENERATE(300, 20000);
  CAPTURE(n);
  Emulator emu(Fixtures("acme", n));
  const std::set<std::string> fixtures = RankOne("acme", n);
  REQUIRE(emu.Names("acme", "numRanks = 1") == fixtures);
  const std::string created = emu.Create("acme");
  REQUIRE(emu.jobs->Delete("acme", "j1").ok());
  std::set<std::string> changed = fixtures;
  changed.insert(created);
  REQUIRE(emu.Names("acme", "numRanks = 1").count(created) == 1);
  emu.state->ResetAccount("acme");
  CHECK(emu.Names("acme", "numRanks = 1") == fixtures);
  CHECK(emu.Names("acme", "").size() == static_cast<std::size_t>(n));
  emu.state->Clear("acme");
  CHECK(emu.Names("acme", "numRanks = 1").empty());
  emu.state->ResetAll();
  CHECK(emu.Names("acme", "numRanks = 1") == fixtures);
}

TEST_CASE("Resetting one account leaves the others as they are", "[mock][state]") {
  Emulator emu(Fixtures("acme", 10));
  const std::string other = emu.Create("other");
  emu.state->ResetAccount("acme");
  CHECK(emu.Names("other", "") == std::set<std::string>{other});
  emu.state->ResetAll();  // an account without start-up jobs becomes empty
  CHECK(emu.Names("other", "").empty());
}

TEST_CASE("A reset account draws the ids it drew after start-up again", "[mock][state]") {
  Emulator emu(Fixtures("acme", 3));
  const std::string first = emu.Create("acme");
  const std::string fresh = emu.Create("fresh");
  emu.Create("acme");
  emu.state->ResetAll();
  CHECK(emu.Create("acme") == first);
  CHECK(emu.Create("fresh") == fresh);
}

TEST_CASE("Import stores a document's jobs as given and export reads them back byte for byte",
          "[mock][state]") {
  Emulator emu(R"({"batchJobs":[]})");
  const std::string document =
      R"({"account":"acme","batchJobs":[{"name":"accounts/acme/batchJobs/b","state":"RUNNING",)"
      R"("createTime":"2025-06-01T00:00:00Z","status":"given"},{"displayName":"nameless"}]})";
  auto imported = emu.state->Import("acme", document);
  REQUIRE(imported.ok());
  CHECK(*imported == 2);
  const std::string exported = emu.state->Export("acme");
  const json parsed = json::parse(exported);
  REQUIRE(parsed["batchJobs"].size() == 2);
  CHECK(emu.Names("acme", "state = RUNNING") == std::set<std::string>{"accounts/acme/batchJobs/b"});
  emu.state->Clear("acme");
  REQUIRE(emu.state->Import("acme", exported).ok());
  CHECK(emu.state->Export("acme") == exported);
}

TEST_CASE("A bad import stores nothing and names the job and the field", "[mock][state]") {
  Emulator emu(Fixtures("acme", 2));
  const auto [document, code,
              fragments] = GENERATE(table<std::string, StatusCode, std::vector<std::string>>({
      {R"({"batchJobs":[{"name":"accounts/acme/batchJobs/x"},{"name":"accounts/acme/batchJobs/y"},)"
       R"({"name":"accounts/acme/batchJobs/z","state":"BOGUS"}]})",
       StatusCode::kInvalidArgument,
       {"batchJobs[2]", "accounts/acme/batchJobs/z", "field \"state\""}},
      {R"({"batchJobs":[{"name":"accounts/acme/batchJobs/x"},{"name":"accounts/bob/batchJobs/y"}]})",
       StatusCode::kInvalidArgument,
       {"batchJobs[1]", "field \"name\"", "\"bob\""}},
      {R"({"batchJobs":[{"name":"accounts/acme/batchJobs/x"},{"name":"accounts/acme/batchJobs/x"}]})",
       StatusCode::kInvalidArgument,
       {"batchJobs[1]", "field \"name\"", "twice"}},
      {R"({"batchJobs":[{"name":"accounts/acme/batchJobs/x"},{"name":"accounts/acme/batchJobs/j1"}]})",
       StatusCode::kAlreadyExists,
       {"batchJobs[1]", "accounts/acme/batchJobs/j1", "field \"name\""}},
      {R"({"account":"bob","batchJobs":[{"name":"accounts/acme/batchJobs/x"},{}]})",
       StatusCode::kInvalidArgument,
       {"batchJobs[1]", "\"bob\""}},
  }));
  CAPTURE(document);
  auto imported = emu.state->Import("acme", document);
  REQUIRE_FALSE(imported.ok());
  CHECK(imported.status().code() == code);
  for (const std::string& f : fragments)
    CHECK_THAT(imported.status().message(), Catch::Contains(f));
  CHECK(emu.Names("acme", "") ==
        std::set<std::string>{"accounts/acme/batchJobs/j0", "accounts/acme/batchJobs/j1"});
}

}  // namespace
}  // namespace fwmock_test
