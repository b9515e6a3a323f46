// Get logs: which lines exist under the manual clock, and walking them in both directions.
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "job_helpers.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

// creating=1s, pending=1s: a job created at 0 runs from 2.
constexpr char kLogLifecycle[] = "creating=1s,pending=1s,running=10s,cancelling=1s,deleting=1s";

struct LogWalk {
  std::vector<json> entries;
  int pages = 0;
};

// Every page of the logs of `name` under `query`, following nextPageToken.
LogWalk WalkLogs(ApiClient& client, const std::string& name, const std::string& query,
                 int page_size) {
  LogWalk walk;
  std::string token;
  do {
    std::string q = query + (query.empty() ? "" : "&") + "pageSize=" + std::to_string(page_size);
    if (!token.empty()) q += "&pageToken=" + UrlEncode(token);
    const HttpResult page = GetLogs(client, name, q);
    INFO("logs " << q << " -> " << page.status << " " << page.body.substr(0, 500));
    REQUIRE(page.status == 200);
    REQUIRE(page.json.at("entries").is_array());
    CHECK(page.json.at("entries").size() <= static_cast<std::size_t>(page_size));
    for (const json& entry : page.json.at("entries")) walk.entries.push_back(entry);
    token = page.json.at("nextPageToken").get<std::string>();
    REQUIRE(++walk.pages < 100000);
  } while (!token.empty());
  return walk;
}

// "logTime canonical/rank" of each entry.
std::vector<std::string> Keys(const std::vector<json>& entries) {
  std::vector<std::string> keys;
  for (const json& e : entries)
    keys.push_back(TimeText(e, "logTime") + "/" + std::to_string(e.value("rank", -1)));
  return keys;
}

// The keys of the lines a job running from `start` for `lines` steps of 5 s on `ranks` ranks
// must have, oldest first and by rank at equal times.
std::vector<std::string> Expected(const Instant& start, int lines, const std::vector<int>& ranks) {
  std::vector<std::string> keys;
  for (int k = 0; k < lines; ++k)
    for (const int r : ranks)
      keys.push_back(Canonical(Plus(start, 5.0 * k)) + "/" + std::to_string(r));
  return keys;
}

// Newest first: the exact reverse of the oldest-first (time, rank) order, so at one time the
// highest rank comes first (README: newest first reverses the rank order too).
std::vector<std::string> NewestFirst(std::vector<std::string> keys) {
  std::reverse(keys.begin(), keys.end());
  return keys;
}

std::string Ranks3Job(ApiClient& client) {
  return MustCreate(client, "acme",
                    {{"nodePoolId", "p"},
                     {"numRanks", 3},
                     {"annotations", {{"fwmock.dev/run-seconds", "60"}}}})
      .at("name");
}

TEST_CASE("A job has one line per rank every 5 seconds while it runs and none before",
          "[jobs][logs]") {
  ManualServer server({"--lifecycle", kLogLifecycle});
  ApiClient client(server.process());
  const std::string name = Ranks3Job(client);
  for (const double at : {0.0, 1.0, 1.875}) {
    SetClock(client, Canonical(At(at)));  // CREATING, then PENDING
    const HttpResult r = GetLogs(client, name);
    INFO("at " << at << ": " << r.body);
    REQUIRE(r.status == 200);
    CHECK(r.json == json::parse(R"({"entries":[],"nextPageToken":""})"));
  }
  SetClock(client, Canonical(At(14)));  // lines at 2, 7, 12
  CHECK(Keys(WalkLogs(client, name, "startFromHead=true", 2).entries) ==
        Expected(At(2), 3, {0, 1, 2}));
  SetClock(client, Canonical(At(1000)));  // COMPLETED at 62: lines at 2, 7, ..., 57
  REQUIRE(StateOf(client, name) == "COMPLETED");
  const std::vector<std::string> all = Expected(At(2), 12, {0, 1, 2});
  const LogWalk oldest = WalkLogs(client, name, "startFromHead=true", 5);
  CHECK(Keys(oldest.entries) == all);
  const LogWalk newest = WalkLogs(client, name, "", 5);
  std::vector<std::string> keys = Keys(newest.entries);
  CHECK(std::is_sorted(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) {
    return a.substr(0, a.find('/')) > b.substr(0, b.find('/'));
  }));
  std::sort(keys.begin(), keys.end());
  std::vector<std::string> sorted_all = all;
  std::sort(sorted_all.begin(), sorted_all.end());
  CHECK(keys == sorted_all);
  std::set<std::string> unique;
  std::map<std::string, std::string> messages;
  for (const json& e : oldest.entries) {
    CAPTURE(e.dump());
    std::vector<std::string> fields;
    for (const auto& [k, v] : e.items()) fields.push_back(k);
    CHECK(fields == std::vector<std::string>{"logTime", "message", "rank"});
    CHECK(!e.value("message", "").empty());
    unique.insert(Keys({e})[0]);
    messages[Keys({e})[0]] = e.value("message", "");
  }
  CHECK(unique.size() == 36);
  for (const json& e : newest.entries) CHECK(messages[Keys({e})[0]] == e.value("message", ""));
  CHECK(GetLogs(client, name, "pageSize=7").body == GetLogs(client, name, "pageSize=7").body);
}

TEST_CASE("Newest first is the exact reverse of oldest first", "[jobs][logs][order]") {
  ManualServer server({"--lifecycle", kLogLifecycle});
  ApiClient client(server.process());
  const std::string name = Ranks3Job(client);
  Advance(client, 1000);
  const std::vector<std::string> all = Expected(At(2), 12, {0, 1, 2});
  CHECK(Keys(WalkLogs(client, name, "", 5).entries) == NewestFirst(all));
  CHECK(Keys(WalkLogs(client, name, "startFromHead=false", 7).entries) == NewestFirst(all));
}

TEST_CASE("A job with numRanks 0 logs as one rank 0", "[jobs][logs]") {
  ManualServer server({"--lifecycle", kLogLifecycle});
  ApiClient client(server.process());
  const std::string name =
      MustCreate(client, "acme",
                 {{"nodePoolId", "p"}, {"annotations", {{"fwmock.dev/run-seconds", "60"}}}})
          .at("name");
  Advance(client, 100);
  CHECK(Keys(WalkLogs(client, name, "startFromHead=true", 4).entries) == Expected(At(2), 12, {0}));
  CHECK(Keys(WalkLogs(client, name, "ranks=0&startFromHead=true", 50).entries) ==
        Expected(At(2), 12, {0}));
  CheckApiError(GetLogs(client, name, "ranks=1"), 400, 3);
}

TEST_CASE("A cancelled job logs until its endTime", "[jobs][logs][cancel]") {
  ManualServer server({"--lifecycle", kLogLifecycle});
  ApiClient client(server.process());
  const std::string name = MustCreate(client, "acme",
                                      {{"nodePoolId", "p"},
                                       {"numRanks", 2},
                                       {"annotations", {{"fwmock.dev/outcome", "RUNNING"}}}})
                               .at("name");
  Advance(client, 23);  // running since 2: lines at 2, 7, 12, 17, 22
  CheckEmptyObject(CancelJob(client, name));
  Advance(client, 0.5);
  REQUIRE(StateOf(client, name) == "CANCELLING");
  CHECK(Keys(WalkLogs(client, name, "startFromHead=true", 3).entries) ==
        Expected(At(2), 5, {0, 1}));
  Advance(client, 500);
  const json job = MustGet(client, name);
  REQUIRE(job.value("state", "") == "CANCELLED");
  CHECK(TimeText(job, "endTime") == AtText(24));
  CHECK(Keys(WalkLogs(client, name, "startFromHead=true", 3).entries) ==
        Expected(At(2), 5, {0, 1}));
}

TEST_CASE("A fixture job logs over its own start and end times", "[jobs][logs][fixtures]") {
  const std::string path = SourcePath("tests/data/one_job.json");
  const json fixture = ReadJsonFile(path).at("batchJobs")[0];
  ManualServer server({}, ReadJsonFile(path).dump());
  ApiClient client(server.process());
  SetClock(client, "2026-03-15T00:00:00Z");  // after the fixture's endTime
  // 09:31:07.125 to 11:02:44 is 5496.875 s: lines at +0, +5, ..., +5495 on 8 ranks.
  const Instant start = *ParseRfc3339(fixture.at("startTime"));
  const LogWalk walk = WalkLogs(client, fixture.at("name"), "startFromHead=true", 10000);
  CHECK(walk.entries.size() == 1100 * 8);
  CHECK(Keys(walk.entries) == Expected(start, 1100, {0, 1, 2, 3, 4, 5, 6, 7}));
  const HttpResult newest = GetLogs(client, fixture.at("name"), "pageSize=1");
  REQUIRE(newest.status == 200);
  REQUIRE(newest.json.at("entries").size() == 1);
  CHECK(TimeText(newest.json["entries"][0], "logTime") == Canonical(Plus(start, 5495)));
}

TEST_CASE("pageSize defaults to 100 and is coerced to 10000", "[jobs][logs][page_size]") {
  ManualServer server({"--lifecycle", kLogLifecycle});
  ApiClient client(server.process());
  // 8 ranks for 10000 s: 2000 lines each, 16000 in all.
  const std::string name = MustCreate(client, "acme",
                                      {{"nodePoolId", "p"},
                                       {"numRanks", 8},
                                       {"annotations", {{"fwmock.dev/run-seconds", "10000"}}}})
                               .at("name");
  Advance(client, 20000);
  const auto size_of = [&](const std::string& query) {
    const HttpResult r = GetLogs(client, name, query);
    INFO(query << " -> " << r.status << " " << r.body.substr(0, 300));
    REQUIRE(r.status == 200);
    CHECK(!r.json.at("nextPageToken").get<std::string>().empty());
    return r.json.at("entries").size();
  };
  CHECK(size_of("") == 100);
  CHECK(size_of("pageSize=10000") == 10000);
  CHECK(size_of("pageSize=20000") == 10000);
  CHECK(size_of("page_size=2147483647") == 10000);
  CHECK(size_of("pageSize=3") == 3);
  CHECK(WalkLogs(client, name, "", 10000).entries.size() == 16000);
  for (const std::string bad : {"pageSize=-1", "pageSize=abc", "pageSize=1.5",
                                "pageSize=99999999999", "pageSize=1&pageSize=2"}) {
    CAPTURE(bad);
    CheckApiError(GetLogs(client, name, bad), 400, 3);
  }
}

}  // namespace
}  // namespace fwmock_test
