#pragma once

#include <string>
#include <string_view>

namespace fwmock {

// The operations the server knows, by path and method, as FIDELITY.md lists them.
enum class Operation {
  kHealth,
  kOpenApi,
  kListJobs,
  kCreateJob,
  kGetJob,
  kUpdateJob,
  kDeleteJob,
  kCancelJob,
  kGetJobLogs,
  kBatchDeleteJobs,
  kClockGet,      // GET /_fwmock/clock
  kClockAdvance,  // POST /_fwmock/clock:advance
  kClockSet,      // POST /_fwmock/clock:set
};

// True for the operations of fwmock's own control API (under /_fwmock/), which need no API key.
bool IsControl(Operation op);

enum class RouteStatus { kFound, kNoSuchPath, kWrongMethod };

struct Route {
  RouteStatus status = RouteStatus::kNoSuchPath;
  Operation operation = Operation::kHealth;
  std::string account;
  std::string job_id;
};

// Matches a decoded request path and method. Routes ending in ":verb" are matched before
// "{batch_job_id}", which never contains ':'. HEAD is GET.
Route MatchRoute(std::string_view method, std::string_view path);

}  // namespace fwmock
