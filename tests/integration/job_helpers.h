// Helpers of the batch-job, lifecycle and clock tests: a fwmock on the manual clock, the job
// routes, and times relative to the clock's start, written canonically so they compare as text.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api_client.h"
#include "fixture_data.h"
#include "fwmock_process.h"

namespace fwmock_test {

// Where the manual clock of ManualServer starts.
inline constexpr char kStartTime[] = "2026-01-01T00:00:00Z";
// The lifecycle of ManualServer unless its arguments give one (README's defaults).
inline constexpr char kLifecycle[] = "creating=1s,pending=2s,running=10s,cancelling=1s,deleting=1s";
// A fixtures file with no jobs at all.
inline constexpr char kNoJobs[] = R"({"batchJobs":[]})";

// A fwmock on `--clock manual` from kStartTime, with kLifecycle unless `args` has a
// --lifecycle, serving only the jobs of the fixtures text `fixtures`.
class ManualServer {
 public:
  explicit ManualServer(std::vector<std::string> args = {}, const std::string& fixtures = kNoJobs);
  const FwmockProcess& process() const { return process_; }
  // The path of the fixtures file it serves.
  const std::string& fixtures_path() const { return fixtures_path_; }

 private:
  TempDir dir_;
  std::string fixtures_path_;
  FwmockProcess process_;
};

// Every BatchJob state, in declaration order.
const std::vector<std::string>& AllStates();
// The name of the fixture job of `account` in `state` in StatesFixture: ".../fx-running".
std::string FixtureName(const std::string& account, const std::string& state);
// A fixtures text with, for each account, one job per state of AllStates() (STATE_UNSPECIFIED
// as a job without a state), created 2025-06-01, with startTime and endTime where the state
// implies them and status "fixture STATE".
std::string StatesFixture(const std::vector<std::string>& accounts = {"acme"});

// "/v1/accounts/acme/batchJobs/x" for "accounts/acme/batchJobs/x".
std::string JobPath(const std::string& name);
// "x" for "accounts/acme/batchJobs/x".
std::string IdOf(const std::string& name);

// The requests, as a client would send them (JSON bodies with Content-Type application/json).
HttpResult CreateJob(ApiClient& client, const std::string& account, const nlohmann::json& body);
HttpResult GetJob(ApiClient& client, const std::string& name, const std::string& query = "");
HttpResult PatchJob(ApiClient& client, const std::string& name, const nlohmann::json& body);
HttpResult DeleteJob(ApiClient& client, const std::string& name);
HttpResult CancelJob(ApiClient& client, const std::string& name);
HttpResult BatchDelete(ApiClient& client, const std::string& account, const nlohmann::json& body);
HttpResult GetLogs(ApiClient& client, const std::string& name, const std::string& query = "");

// Create and Get that must succeed (REQUIRE) and return the job.
nlohmann::json MustCreate(ApiClient& client, const std::string& account,
                          const nlohmann::json& body = {{"nodePoolId", "pool"}});
nlohmann::json MustGet(ApiClient& client, const std::string& name);
// The state of a job as Get returns it; "<gone>" after a 404.
std::string StateOf(ApiClient& client, const std::string& name);

// The clock endpoints; the advance and the set must succeed (REQUIRE); they return the clock.
HttpResult ClockGet(ApiClient& client);
HttpResult ClockAdvanceRequest(ApiClient& client, const std::string& body);
HttpResult ClockSetRequest(ApiClient& client, const std::string& body);
nlohmann::json Advance(ApiClient& client, double seconds);
nlohmann::json SetClock(ApiClient& client, const std::string& now);

// `base` plus `seconds` (fractions to the nanosecond).
Instant Plus(const Instant& base, double seconds);
// The instant `seconds` after kStartTime.
Instant At(double seconds);
// `t` as "YYYY-MM-DDThh:mm:ss.nnnnnnnnnZ".
std::string Canonical(const Instant& t);
// Canonical(At(seconds)).
std::string AtText(double seconds);
// The field `field` of `job` written canonically; "<absent>" if the job has none, and
// "<bad: TEXT>" if it is not RFC 3339 UTC ending in Z.
std::string TimeText(const nlohmann::json& job, const std::string& field);

// An error answer: HTTP `status`, the error shape with `code`, and a JSON content type.
void CheckApiError(const HttpResult& r, int status, int code);
// 200 with exactly `{}` as application/json (Delete, Cancel, Batch delete).
void CheckEmptyObject(const HttpResult& r);

}  // namespace fwmock_test
