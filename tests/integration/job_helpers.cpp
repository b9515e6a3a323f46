#include "job_helpers.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace fwmock_test {
namespace {

using nlohmann::json;

constexpr char kJson[] = "application/json";

std::vector<std::string> ManualArgs(std::vector<std::string> args, const std::string& fixtures) {
  bool has_lifecycle = false;
  for (const std::string& a : args)
    has_lifecycle |= a == "--lifecycle" || a.rfind("--lifecycle=", 0) == 0;
  std::vector<std::string> out = {"--clock",  "manual",     "--start-time",
                                  kStartTime, "--fixtures", fixtures};
  if (!has_lifecycle) out.insert(out.end(), {"--lifecycle", kLifecycle});
  out.insert(out.end(), args.begin(), args.end());
  return out;
}

// Year, month, day of a count of days since 1970-01-01 (Howard Hinnant's algorithm).
void CivilFromDays(std::int64_t z, std::int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<std::int64_t>(yoe) + era * 400 + (*m <= 2);
}

}  // namespace

const std::vector<std::string>& AllStates() {
  static const std::vector<std::string> kStates = {
      "STATE_UNSPECIFIED", "CREATING", "QUEUED",     "PENDING",   "RUNNING",
      "COMPLETED",         "FAILED",   "CANCELLING", "CANCELLED", "DELETING"};
  return kStates;
}

std::string FixtureName(const std::string& account, const std::string& state) {
  std::string id = "fx-";
  for (const char c : state) id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return "accounts/" + account + "/batchJobs/" + id;
}

std::string StatesFixture(const std::vector<std::string>& accounts) {
  const std::vector<std::string> started = {"RUNNING", "COMPLETED", "FAILED", "CANCELLING",
                                            "CANCELLED"};
  const std::vector<std::string> ended = {"COMPLETED", "FAILED", "CANCELLED"};
  const auto in = [](const std::vector<std::string>& list, const std::string& s) {
    return std::find(list.begin(), list.end(), s) != list.end();
  };
  json jobs = json::array();
  for (const std::string& account : accounts) {
    for (const std::string& state : AllStates()) {
      json job = {{"name", FixtureName(account, state)},
                  {"nodePoolId", "p"},
                  {"displayName", state},
                  {"createTime", "2025-06-01T00:00:00Z"},
                  {"updateTime", "2025-06-01T01:00:00Z"},
                  {"status", "fixture " + state}};
      if (state != "STATE_UNSPECIFIED") job["state"] = state;
      if (in(started, state)) job["startTime"] = "2025-06-01T00:10:00Z";
      if (in(ended, state)) job["endTime"] = "2025-06-01T00:50:00Z";
      jobs.push_back(job);
    }
  }
  return json{{"batchJobs", jobs}}.dump(2);
}

ManualServer::ManualServer(std::vector<std::string> args, const std::string& fixtures)
    : fixtures_path_(dir_.Write("fixtures.json", fixtures)),
      process_(ManualArgs(std::move(args), fixtures_path_)) {}

std::string JobPath(const std::string& name) { return "/v1/" + name; }

std::string IdOf(const std::string& name) { return name.substr(name.rfind('/') + 1); }

HttpResult CreateJob(ApiClient& client, const std::string& account, const json& body) {
  return client.Send("POST", ListPath(account), {}, body.dump(), kJson);
}

HttpResult GetJob(ApiClient& client, const std::string& name, const std::string& query) {
  return client.Get(WithQuery(JobPath(name), query));
}

HttpResult PatchJob(ApiClient& client, const std::string& name, const json& body) {
  return client.Send("PATCH", JobPath(name), {}, body.dump(), kJson);
}

HttpResult DeleteJob(ApiClient& client, const std::string& name) {
  return client.Send("DELETE", JobPath(name), {}, "", kJson);  // as the SDK sends it
}

HttpResult CancelJob(ApiClient& client, const std::string& name) {
  return client.Send("POST", JobPath(name) + ":cancel", {}, "{}", kJson);
}

HttpResult BatchDelete(ApiClient& client, const std::string& account, const json& body) {
  return client.Send("POST", ListPath(account) + ":batchDelete", {}, body.dump(), kJson);
}

HttpResult GetLogs(ApiClient& client, const std::string& name, const std::string& query) {
  return client.Get(WithQuery(JobPath(name) + ":getLogs", query));
}

json MustCreate(ApiClient& client, const std::string& account, const json& body) {
  const HttpResult r = CreateJob(client, account, body);
  INFO("create " << body.dump() << " -> " << r.status << " " << r.body);
  REQUIRE(r.status == 200);
  REQUIRE(r.json.is_object());
  REQUIRE(r.json.contains("name"));
  return r.json;
}

json MustGet(ApiClient& client, const std::string& name) {
  const HttpResult r = GetJob(client, name);
  INFO("get " << name << " -> " << r.status << " " << r.body);
  REQUIRE(r.status == 200);
  REQUIRE(r.json.is_object());
  return r.json;
}

std::string StateOf(ApiClient& client, const std::string& name) {
  const HttpResult r = GetJob(client, name);
  if (r.status == 404) return "<gone>";
  INFO("get " << name << " -> " << r.status << " " << r.body);
  REQUIRE(r.status == 200);
  return r.json.value("state", "<no state>");
}

HttpResult ClockGet(ApiClient& client) { return client.Get("/_fwmock/clock"); }

HttpResult ClockAdvanceRequest(ApiClient& client, const std::string& body) {
  return client.Send("POST", "/_fwmock/clock:advance", {}, body, kJson);
}

HttpResult ClockSetRequest(ApiClient& client, const std::string& body) {
  return client.Send("POST", "/_fwmock/clock:set", {}, body, kJson);
}

json Advance(ApiClient& client, double seconds) {
  const HttpResult r = ClockAdvanceRequest(client, json{{"seconds", seconds}}.dump());
  INFO("advance " << seconds << " -> " << r.status << " " << r.body);
  REQUIRE(r.status == 200);
  return r.json;
}

json SetClock(ApiClient& client, const std::string& now) {
  const HttpResult r = ClockSetRequest(client, json{{"now", now}}.dump());
  INFO("set " << now << " -> " << r.status << " " << r.body);
  REQUIRE(r.status == 200);
  return r.json;
}

Instant Plus(const Instant& base, double seconds) {
  const auto nanos = static_cast<std::int64_t>(std::llround(seconds * 1e9)) + base.nanos;
  Instant t;
  t.seconds = base.seconds + nanos / 1000000000;
  std::int64_t rest = nanos % 1000000000;
  if (rest < 0) {
    rest += 1000000000;
    t.seconds -= 1;
  }
  t.nanos = static_cast<std::int32_t>(rest);
  return t;
}

Instant At(double seconds) { return Plus(*ParseRfc3339(kStartTime), seconds); }

std::string Canonical(const Instant& t) {
  const std::int64_t days = (t.seconds >= 0 ? t.seconds : t.seconds - 86399) / 86400;
  const std::int64_t secs = t.seconds - days * 86400;
  std::int64_t y = 0;
  unsigned m = 0;
  unsigned d = 0;
  CivilFromDays(days, &y, &m, &d);
  char text[64];
  std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%09dZ",
                static_cast<long long>(y), m, d, static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60), t.nanos);
  return text;
}

std::string AtText(double seconds) { return Canonical(At(seconds)); }

std::string TimeText(const json& job, const std::string& field) {
  if (!job.is_object() || !job.contains(field)) return "<absent>";
  const json& value = job.at(field);
  if (!value.is_string()) return "<bad: " + value.dump() + ">";
  const std::string text = value.get<std::string>();
  const std::optional<Instant> t = ParseRfc3339(text);
  if (!t || text.back() != 'Z') return "<bad: " + text + ">";
  return Canonical(*t);
}

void CheckApiError(const HttpResult& r, int status, int code) {
  INFO("answer: " << r.status << " " << r.body);
  CHECK(r.status == status);
  CHECK(r.Header("Content-Type").rfind(kJson, 0) == 0);
  REQUIRE(r.json.is_object());
  CHECK(r.Code() == code);
  CHECK(r.json.value("details", json()) == json::array());
  CHECK(!r.Message().empty());
}

void CheckEmptyObject(const HttpResult& r) {
  INFO("answer: " << r.status << " " << r.body);
  CHECK(r.status == 200);
  CHECK(r.Header("Content-Type").rfind(kJson, 0) == 0);
  CHECK(r.json == json::object());
}

}  // namespace fwmock_test
