// The clock control endpoints: reading, advancing and setting the manual clock; the real clock.
#include <catch2/catch.hpp>
#include <chrono>

#include "job_helpers.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

void CheckClock(const json& clock, const std::string& mode, const std::string& now) {
  CAPTURE(clock.dump());
  REQUIRE(clock.is_object());
  CHECK(clock.size() == 2);
  CHECK(clock.value("mode", "") == mode);
  CHECK(TimeText(clock, "now") == now);
}

TEST_CASE("The manual clock starts at --start-time and stands still", "[clock]") {
  ManualServer server;
  ApiClient client(server.process());
  const HttpResult r = ClockGet(client);
  INFO("body: " << r.body);
  REQUIRE(r.status == 200);
  CHECK_THAT(r.Header("Content-Type"), Contains("application/json"));
  CheckClock(r.json, "manual", AtText(0));
  MustCreate(client, "acme");
  CheckClock(ClockGet(client).json, "manual", AtText(0));
}

TEST_CASE("advance moves the manual clock by whole and fractional seconds", "[clock]") {
  ManualServer server;
  ApiClient client(server.process());
  double now = 0;
  for (const std::string seconds : {"90", "0.25", "0", "1e3", "86400", "0.000000001"}) {
    CAPTURE(seconds);
    const HttpResult r = ClockAdvanceRequest(client, R"({"seconds": )" + seconds + "}");
    INFO("body: " << r.body);
    REQUIRE(r.status == 200);
    now += std::stod(seconds);
    const std::string want = AtText(now);
    CheckClock(r.json, "manual", want);
    CheckClock(ClockGet(client).json, "manual", want);
  }
  const json job = MustCreate(client, "acme");
  CHECK(TimeText(job, "createTime") == TimeText(ClockGet(client).json, "now"));
}

TEST_CASE("set moves the manual clock to an instant and never back", "[clock]") {
  ManualServer server;
  ApiClient client(server.process());
  CheckClock(SetClock(client, "2026-01-01T01:00:00Z"), "manual", AtText(3600));
  CheckClock(SetClock(client, "2026-01-01T03:00:00.5+01:00"), "manual", AtText(7200.5));
  CheckClock(SetClock(client, "2026-01-01T02:00:00.5Z"), "manual", AtText(7200.5));
  CheckClock(ClockGet(client).json, "manual", AtText(7200.5));
  for (const std::string back :
       {"2026-01-01T02:00:00.499Z", "2025-12-31T23:59:59Z", "1970-01-01T00:00:00Z"}) {
    CAPTURE(back);
    CheckApiError(ClockSetRequest(client, json{{"now", back}}.dump()), 400, 9);
  }
  CheckApiError(ClockAdvanceRequest(client, R"({"seconds": -1})"), 400, 9);
  CheckApiError(ClockAdvanceRequest(client, R"({"seconds": -0.5})"), 400, 9);
  CheckClock(ClockGet(client).json, "manual", AtText(7200.5));
}

TEST_CASE("Bad clock requests are 400 code 3 and leave the clock alone", "[clock]") {
  ManualServer server;
  ApiClient client(server.process());
  Advance(client, 10);
  for (const auto& [set, body] :
       std::vector<std::pair<bool, std::string>>{{false, R"({"seconds": "ninety"})"},
                                                 {false, R"({"seconds": true})"},
                                                 {false, R"({})"},
                                                 {false, R"([])"},
                                                 {false, R"({"seconds": 1)"},
                                                 {false, "not json"},
                                                 {true, R"({"now": "tomorrow"})"},
                                                 {true, R"({"now": "2026-13-01T00:00:00Z"})"},
                                                 {true, R"({"now": 1767225600})"},
                                                 {true, R"({})"},
                                                 {true, R"({"now": )"}}) {
    CAPTURE(set, body);
    const HttpResult r = set ? ClockSetRequest(client, body) : ClockAdvanceRequest(client, body);
    CheckApiError(r, 400, 3);
    CheckClock(ClockGet(client).json, "manual", AtText(10));
  }
}

TEST_CASE("The control endpoints need no API key", "[clock][auth]") {
  ManualServer server({"--api-key", "k1=acme"});
  ApiClient anonymous(server.process(), "");
  CheckClock(ClockGet(anonymous).json, "manual", AtText(0));
  CheckClock(Advance(anonymous, 5), "manual", AtText(5));
  CheckClock(SetClock(anonymous, Canonical(At(6))), "manual", AtText(6));
  CheckApiError(anonymous.List("acme"), 401, 16);
}

TEST_CASE("The manual clock can be chosen by the environment", "[clock]") {
  TempDir dir;
  const std::string fixtures = dir.Write("none.json", kNoJobs);
  FwmockProcess server({"--fixtures", fixtures},
                       {{"FWMOCK_CLOCK", "manual"}, {"FWMOCK_START_TIME", "2026-01-01T00:01:00Z"}});
  ApiClient client(server);
  CheckClock(ClockGet(client).json, "manual", AtText(60));
  CheckClock(Advance(client, 1), "manual", AtText(61));
}

std::int64_t SystemSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TEST_CASE("The real clock shows the time and cannot be moved", "[clock]") {
  const bool explicit_flag = GENERATE(false, true);
  CAPTURE(explicit_flag);
  TempDir dir;
  const std::string fixtures = dir.Write("none.json", kNoJobs);
  std::vector<std::string> args = {"--fixtures", fixtures};
  if (explicit_flag) args.insert(args.end(), {"--clock", "real"});
  FwmockProcess server(args);
  ApiClient client(server);
  const std::int64_t before = SystemSeconds();
  const HttpResult r = ClockGet(client);
  const std::int64_t after = SystemSeconds();
  INFO("body: " << r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json.value("mode", "") == "real");
  const std::optional<Instant> now = ParseRfc3339(r.json.value("now", ""));
  REQUIRE(now);
  CHECK(now->seconds >= before - 1);
  CHECK(now->seconds <= after + 1);
  CheckApiError(ClockAdvanceRequest(client, R"({"seconds": 90})"), 400, 9);
  CheckApiError(ClockSetRequest(client, json{{"now", "2099-01-01T00:00:00Z"}}.dump()), 400, 9);
  CHECK(ClockGet(client).json.value("mode", "") == "real");
}

TEST_CASE("The manual clock without --start-time starts at the current time", "[clock]") {
  TempDir dir;
  const std::string fixtures = dir.Write("none.json", kNoJobs);
  const std::int64_t before = SystemSeconds();
  FwmockProcess server({"--clock", "manual", "--fixtures", fixtures});
  const std::int64_t after = SystemSeconds();
  ApiClient client(server);
  const json clock = ClockGet(client).json;
  CHECK(clock.value("mode", "") == "manual");
  const std::optional<Instant> now = ParseRfc3339(clock.value("now", ""));
  REQUIRE(now);
  CHECK(now->seconds >= before - 1);
  CHECK(now->seconds <= after + 1);
  CHECK(TimeText(Advance(client, 2), "now") == Canonical(Plus(*now, 2)));
}

TEST_CASE("Bad clock and lifecycle flags exit 2 naming the flag", "[clock][process]") {
  const auto [args, flag] = GENERATE(table<std::vector<std::string>, std::string>({
      {{"--clock", "sundial"}, "--clock"},
      {{"--clock", "manual", "--start-time", "yesterday"}, "--start-time"},
      {{"--lifecycle", "creating=abc"}, "--lifecycle"},
      {{"--lifecycle", "creating=5parsecs"}, "--lifecycle"},
      {{"--lifecycle", "brewing=1s"}, "--lifecycle"},
  }));
  CAPTURE(args);
  std::vector<std::string> all = {"--port", "0"};
  all.insert(all.end(), args.begin(), args.end());
  const ExitResult r = RunToCompletion(all);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains(flag));
  CHECK_THAT(r.out, !Contains("listening"));
}

}  // namespace
}  // namespace fwmock_test
