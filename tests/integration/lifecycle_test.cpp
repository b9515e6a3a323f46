// The lifecycle under the manual clock: states, status texts and the due times of transitions.
#include <catch2/catch.hpp>

#include "job_helpers.h"

namespace fwmock_test {
namespace {

using nlohmann::json;

// What Get must show at one instant: state, status, and the times ("<absent>" if unset).
struct Expect {
  double at;
  std::string state;
  std::string status;
  std::string update_time;
  std::string start_time;
  std::string end_time;
};

void CheckJob(const json& job, const Expect& e) {
  CAPTURE(e.at, job.dump());
  CHECK(job.value("state", "") == e.state);
  CHECK(job.value("status", "") == e.status);
  CHECK(TimeText(job, "updateTime") == e.update_time);
  CHECK(TimeText(job, "startTime") == e.start_time);
  CHECK(TimeText(job, "endTime") == e.end_time);
  CHECK(TimeText(job, "createTime") == AtText(0));
}

// The default lifecycle of a job created at 0: PENDING at 1, RUNNING at 3, COMPLETED at 13.
std::vector<Expect> DefaultWalk() {
  const std::string none = "<absent>";
  return {
      {0, "CREATING", "creating", AtText(0), none, none},
      {0.5, "CREATING", "creating", AtText(0), none, none},
      {1, "PENDING", "pending", AtText(1), none, none},
      {2.875, "PENDING", "pending", AtText(1), none, none},
      {3, "RUNNING", "running", AtText(3), AtText(3), none},
      {12.5, "RUNNING", "running", AtText(3), AtText(3), none},
      {13, "COMPLETED", "completed", AtText(13), AtText(3), AtText(13)},
      {500, "COMPLETED", "completed", AtText(13), AtText(3), AtText(13)},
  };
}

TEST_CASE("A created job goes CREATING PENDING RUNNING COMPLETED each at its due time",
          "[jobs][lifecycle]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::string name = MustCreate(client, "acme").at("name");
  double now = 0;
  for (const Expect& e : DefaultWalk()) {
    Advance(client, e.at - now);
    now = e.at;
    const json job = MustGet(client, name);
    CheckJob(job, e);
    const HttpResult list = client.List("acme");
    REQUIRE(list.status == 200);
    REQUIRE(list.json.at("batchJobs").size() == 1);
    CHECK(list.json.at("batchJobs")[0] == job);
  }
}

TEST_CASE("Transition times are the due times however late a request observes them",
          "[jobs][lifecycle]") {
  const auto [index, by_set] =
      GENERATE(table<std::size_t, bool>({{2, false}, {5, true}, {6, false}, {7, true}}));
  const Expect e = DefaultWalk()[index];
  CAPTURE(e.at, by_set);
  ManualServer server;
  ApiClient client(server.process());
  const std::string name = MustCreate(client, "acme").at("name");
  if (by_set) {
    SetClock(client, Canonical(At(e.at)));
  } else {
    Advance(client, e.at);
  }
  CheckJob(MustGet(client, name), e);
  Advance(client, 86400.0 * 365);
  CheckJob(MustGet(client, name), DefaultWalk().back());
}

TEST_CASE("Lifecycle durations take ms s m and h from the flag or the environment",
          "[jobs][lifecycle]") {
  const std::string spec = "creating=1500ms,pending=1m,running=1h,cancelling=2s,deleting=1s";
  const bool by_env = GENERATE(false, true);
  CAPTURE(by_env);
  TempDir dir;
  const std::string fixtures = dir.Write("none.json", kNoJobs);
  std::vector<std::string> args = {"--clock",  "manual",     "--start-time",
                                   kStartTime, "--fixtures", fixtures};
  if (!by_env) args.insert(args.end(), {"--lifecycle", spec});
  FwmockProcess server(args, by_env ? std::map<std::string, std::string>{{"FWMOCK_LIFECYCLE", spec}}
                                    : std::map<std::string, std::string>{});
  ApiClient client(server);
  const std::string name = MustCreate(client, "acme").at("name");
  const std::string none = "<absent>";
  double now = 0;
  for (const Expect& e : std::vector<Expect>{
           {1.25, "CREATING", "creating", AtText(0), none, none},
           {1.5, "PENDING", "pending", AtText(1.5), none, none},
           {61.25, "PENDING", "pending", AtText(1.5), none, none},
           {61.5, "RUNNING", "running", AtText(61.5), AtText(61.5), none},
           {3661.25, "RUNNING", "running", AtText(61.5), AtText(61.5), none},
           {3661.5, "COMPLETED", "completed", AtText(3661.5), AtText(61.5), AtText(3661.5)}}) {
    Advance(client, e.at - now);
    now = e.at;
    CheckJob(MustGet(client, name), e);
  }
  const std::string other = MustCreate(client, "acme").at("name");
  CheckEmptyObject(CancelJob(client, other));
  Advance(client, 1.5);
  CHECK(StateOf(client, other) == "CANCELLING");
  Advance(client, 0.5);
  CHECK(StateOf(client, other) == "CANCELLED");
}

TEST_CASE("Annotations script the outcome, the status of a failure and the running time",
          "[jobs][lifecycle][annotations]") {
  struct Row {
    json annotations;
    std::string state;
    std::string status;
    double end;
  };
  const std::vector<Row> rows = {
      {json::object(), "COMPLETED", "completed", 13},
      {{{"fwmock.dev/outcome", "COMPLETED"}}, "COMPLETED", "completed", 13},
      {{{"fwmock.dev/outcome", "FAILED"}}, "FAILED", "failed", 13},
      {{{"fwmock.dev/outcome", "FAILED"}, {"fwmock.dev/status", "exit code 137: OOM"}},
       "FAILED",
       "exit code 137: OOM",
       13},
      {{{"fwmock.dev/run-seconds", "30"}}, "COMPLETED", "completed", 33},
      {{{"fwmock.dev/run-seconds", "2.5"}}, "COMPLETED", "completed", 5.5},
      {{{"fwmock.dev/outcome", "FAILED"}, {"fwmock.dev/run-seconds", "4"}}, "FAILED", "failed", 7},
      {{{"fwmock.dev/status", "ignored when it succeeds"}}, "COMPLETED", "completed", 13},
  };
  ManualServer server;
  ApiClient client(server.process());
  std::vector<std::string> names;
  for (const Row& row : rows)
    names.push_back(
        MustCreate(client, "acme", {{"nodePoolId", "p"}, {"annotations", row.annotations}})
            .at("name"));
  // Each job is still RUNNING a quarter second before its end, and done from its end on.
  std::vector<std::pair<double, std::size_t>> checks;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    checks.emplace_back(rows[i].end - 0.25, i);
    checks.emplace_back(rows[i].end, i);
  }
  std::sort(checks.begin(), checks.end());
  double now = 0;
  for (const auto& [at, i] : checks) {
    const Row& row = rows[i];
    CAPTURE(row.annotations.dump(), at);
    Advance(client, at - now);
    now = at;
    if (at < row.end) {
      CHECK(StateOf(client, names[i]) == "RUNNING");
    } else {
      CheckJob(MustGet(client, names[i]),
               {row.end, row.state, row.status, AtText(row.end), AtText(3), AtText(row.end)});
    }
  }
  Advance(client, 1000);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& row = rows[i];
    CAPTURE(row.annotations.dump());
    const json job = MustGet(client, names[i]);
    CheckJob(job, {row.end, row.state, row.status, AtText(row.end), AtText(3), AtText(row.end)});
    CHECK(job.value("annotations", json()) == row.annotations);
  }
}

TEST_CASE("Annotations are read when the job enters RUNNING", "[jobs][lifecycle][annotations]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::string early = MustCreate(client, "acme").at("name");
  const std::string late = MustCreate(client, "acme").at("name");
  Advance(client, 2);  // both PENDING
  const json fail = {
      {"annotations", {{"fwmock.dev/outcome", "FAILED"}, {"fwmock.dev/run-seconds", "5"}}}};
  REQUIRE(PatchJob(client, early, fail).status == 200);
  Advance(client, 3);  // both RUNNING
  REQUIRE(PatchJob(client, late, fail).status == 200);
  Advance(client, 1000);
  const json failed = MustGet(client, early);
  CHECK(failed.value("state", "") == "FAILED");
  const std::optional<Instant> start = ParseRfc3339(failed.value("startTime", ""));
  REQUIRE(start);
  CHECK(TimeText(failed, "endTime") == Canonical(Plus(*start, 5)));
  const json completed = MustGet(client, late);
  CHECK(completed.value("state", "") == "COMPLETED");
  CHECK(TimeText(completed, "endTime") == AtText(13));
}

TEST_CASE("Fixture jobs keep their state and times across any advance of the clock",
          "[jobs][lifecycle][fixtures]") {
  ManualServer server({}, StatesFixture({"acme", "globex"}));
  ApiClient client(server.process());
  const Listing before = ListAll(client, "acme", "orderBy=name", 3);
  REQUIRE(before.ok);
  REQUIRE(before.names.size() == AllStates().size());
  for (const double step : {1.0, 2.0, 10.0, 3600.0, 86400.0 * 400}) {
    Advance(client, step);
    const Listing after = ListAll(client, "acme", "orderBy=name", 3);
    REQUIRE(after.ok);
    CHECK(after.jobs == before.jobs);
  }
  for (const std::string& state : AllStates()) {
    const json job = MustGet(client, FixtureName("globex", state));
    CHECK(job.value("state", "") == state);
    CHECK(job.value("status", "") == "fixture " + state);
    CHECK(TimeText(job, "updateTime") == TimeText({{"t", "2025-06-01T01:00:00Z"}}, "t"));
  }
}

TEST_CASE("An update of a fixture job in CREATING PENDING or RUNNING starts its lifecycle",
          "[jobs][lifecycle][fixtures]") {
  const std::string none = "<absent>";
  const std::string fixture_start = TimeText({{"t", "2025-06-01T00:10:00Z"}}, "t");
  using Walk = std::vector<Expect>;
  const auto [state, walk] = GENERATE_COPY(table<std::string, Walk>({
      {"CREATING", Walk{{10, "CREATING", "fixture CREATING", AtText(10), none, none},
                        {10.75, "CREATING", "fixture CREATING", AtText(10), none, none},
                        {11, "PENDING", "pending", AtText(11), none, none},
                        {13, "RUNNING", "running", AtText(13), AtText(13), none},
                        {23, "COMPLETED", "completed", AtText(23), AtText(13), AtText(23)}}},
      {"PENDING", Walk{{10, "PENDING", "fixture PENDING", AtText(10), none, none},
                       {11.75, "PENDING", "fixture PENDING", AtText(10), none, none},
                       {12, "RUNNING", "running", AtText(12), AtText(12), none},
                       {22, "COMPLETED", "completed", AtText(22), AtText(12), AtText(22)}}},
      {"RUNNING", Walk{{10, "RUNNING", "fixture RUNNING", AtText(10), fixture_start, none},
                       {19.75, "RUNNING", "fixture RUNNING", AtText(10), fixture_start, none},
                       {20, "COMPLETED", "completed", AtText(20), fixture_start, AtText(20)}}},
  }));
  CAPTURE(state);
  ManualServer server({}, StatesFixture({"acme"}));
  ApiClient client(server.process());
  const std::string name = FixtureName("acme", state);
  Advance(client, 10);
  REQUIRE(PatchJob(client, name, {{"displayName", "touched"}}).status == 200);
  double now = 10;
  for (const Expect& e : walk) {
    Advance(client, e.at - now);
    now = e.at;
    const json job = MustGet(client, name);
    CAPTURE(e.at, job.dump());
    CHECK(job.value("state", "") == e.state);
    CHECK(job.value("status", "") == e.status);
    CHECK(TimeText(job, "updateTime") == e.update_time);
    CHECK(TimeText(job, "startTime") == e.start_time);
    CHECK(TimeText(job, "endTime") == e.end_time);
  }
}

}  // namespace
}  // namespace fwmock_test
