#include "job_service.h"

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

// The operations over a manual clock: cached List results catch up with every write and
// transition, and the expected answer is computed by the test from the durations alone.
namespace fwmock_test {
namespace {

using aipfilter::StatusCode;
using fwmock::Clock;
using fwmock::JobService;
using nlohmann::json;

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kStart = 1'767'225'600 * kSecond;  // 2026-01-01T00:00:00Z

struct Emulator {
  Emulator() : clock(Clock::Manual(kStart)), tokens("secret"), lister(store, tokens) {
    fwmock::LifecycleConfig config;  // CREATING 1 s, PENDING 2 s, RUNNING 10 s
    jobs = std::make_unique<JobService>(&store, &lister, &clock, &tokens, config);
  }
  std::string Create(const std::string& account) {
    auto body = jobs->Create(account, R"({"nodePoolId":"p"})", "t@example.com");
    REQUIRE(body.ok());
    return json::parse(*body).at("name");
  }
  json List(const std::string& account, const std::string& filter, int page_size = 200) {
    fwmock::ListRequest request;
    request.account = account;
    request.filter = filter;
    request.page_size = page_size;
    auto body = jobs->List(request);
    REQUIRE(body.ok());
    return json::parse((*body)->body);
  }
  void Advance(double seconds) {
    REQUIRE(clock.Advance(static_cast<std::int64_t>(seconds * kSecond)).ok());
  }

  Clock clock;
  fwmock::JobStore store;
  fwmock::TokenCodec tokens;
  fwmock::Lister lister;
  std::unique_ptr<JobService> jobs;
};

// The state a job created at `created` has at `now` under the default durations.
std::string StateAt(std::int64_t created, std::int64_t now) {
  const std::int64_t age = now - created;
  if (age < 1 * kSecond) return "CREATING";
  if (age < 3 * kSecond) return "PENDING";
  if (age < 13 * kSecond) return "RUNNING";
  return "COMPLETED";
}

std::size_t Count(const std::map<std::string, std::int64_t>& created, std::int64_t now,
                  const std::string& state) {
  std::size_t n = 0;
  for (const auto& [name, at] : created) {
    if (StateAt(at, now) == state) ++n;
  }
  return n;
}

TEST_CASE("cached List results follow every transition the clock makes due", "[mock][service]") {
  Emulator e;
  std::map<std::string, std::int64_t> created;
  const std::vector<std::string> states = {"CREATING", "PENDING", "RUNNING", "COMPLETED"};
  for (int step = 0; step < 40; ++step) {
    created[e.Create("acme")] = e.clock.Now();
    if (step % 3 == 0) e.Create("globex");  // another account's writes change nothing here
    e.Advance(0.75);
    for (const std::string& state : states) {
      CAPTURE(step, state);
      const json page = e.List("acme", "state = " + state);
      CHECK(page.at("totalSize") == Count(created, e.clock.Now(), state));
      for (const json& job : page.at("batchJobs")) {
        CHECK(StateAt(created.at(job.at("name")), e.clock.Now()) == state);
      }
    }
  }
}

TEST_CASE("a transition's times are the times it was due", "[mock][service]") {
  Emulator e;
  const std::string name = e.Create("acme");
  e.Advance(100);
  const std::string id = name.substr(name.rfind('/') + 1);
  auto body = e.jobs->Get("acme", id, {});
  REQUIRE(body.ok());
  const json job = json::parse(*body);
  CHECK(job.at("state") == "COMPLETED");
  CHECK(job.at("createTime") == "2026-01-01T00:00:00Z");
  CHECK(job.at("startTime") == "2026-01-01T00:00:03Z");
  CHECK(job.at("endTime") == "2026-01-01T00:00:13Z");
  CHECK(job.at("updateTime") == "2026-01-01T00:00:13Z");
}

TEST_CASE("cancel and delete go through their passing states", "[mock][service]") {
  Emulator e;
  const std::string name = e.Create("acme");
  const std::string id = name.substr(name.rfind('/') + 1);
  e.Advance(4);  // RUNNING
  REQUIRE(e.jobs->Cancel("acme", id, "{}").ok());
  CHECK(e.List("acme", "state = CANCELLING").at("totalSize") == 1);
  CHECK(e.jobs->Cancel("acme", id, "{}").code() == StatusCode::kFailedPrecondition);
  e.Advance(1);
  CHECK(e.List("acme", "state = CANCELLED").at("totalSize") == 1);
  REQUIRE(e.jobs->Delete("acme", id).ok());
  CHECK(e.List("acme", "state = DELETING").at("totalSize") == 1);
  CHECK(e.jobs->Update("acme", id, R"({"displayName":"x"})").status().code() ==
        StatusCode::kFailedPrecondition);
  e.Advance(1);
  CHECK(e.List("acme", "").at("totalSize") == 0);
  CHECK(e.jobs->Get("acme", id, {}).status().code() == StatusCode::kNotFound);
}

TEST_CASE("batch delete is all or nothing", "[mock][service]") {
  Emulator e;
  const std::string a = e.Create("acme");
  const std::string b = e.Create("acme");
  const json missing = {{"names", {a, "accounts/acme/batchJobs/nope", b}}};
  CHECK(e.jobs->BatchDelete("acme", missing.dump()).code() == StatusCode::kNotFound);
  CHECK(e.List("acme", "state = DELETING").at("totalSize") == 0);
  const json foreign = {{"names", {a, "accounts/globex/batchJobs/x"}}};
  CHECK(e.jobs->BatchDelete("acme", foreign.dump()).code() == StatusCode::kInvalidArgument);
  CHECK(e.jobs->BatchDelete("acme", R"({"names":[]})").code() == StatusCode::kInvalidArgument);
  REQUIRE(e.jobs->BatchDelete("acme", json({{"names", {a, b, a}}}).dump()).ok());
  CHECK(e.List("acme", "state = DELETING").at("totalSize") == 2);
}

TEST_CASE("the same seed and requests give an account the same ids", "[mock][service]") {
  Emulator one;
  Emulator two;
  two.Create("globex");
  two.Create("globex");
  CHECK(one.Create("acme") == two.Create("acme"));
  CHECK(one.Create("acme") == two.Create("acme"));
}

}  // namespace
}  // namespace fwmock_test
