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
  // Adversarial paging (control_paging.h): GET, PUT and DELETE of /_fwmock/paging (every
  // account; Route::account empty) and of /_fwmock/accounts/{account}/paging (one account).
  kPagingGet,
  kPagingPut,
  kPagingDelete,
};

// True for the operations of fwmock's own control API (under /_fwmock/), which need no API key.
bool IsControl(Operation op);

// True for kPagingGet, kPagingPut and kPagingDelete.
bool IsPaging(Operation op);

enum class RouteStatus { kFound, kNoSuchPath, kWrongMethod };

struct Route {
  RouteStatus status = RouteStatus::kNoSuchPath;
  Operation operation = Operation::kHealth;
  std::string account;
  std::string job_id;
};

// Matches a request target as sent (the raw path, then an optional "?query", which is ignored)
// and a method, as grpc-gateway does: the raw path is split into segments and matched, and only
// then is each segment percent-decoded into the account and job id. So ':' separates a verb but
// "%3A" does not: ".../batchJobs/x%3Acancel" is Get of the job "x:cancel". A ':' with no verb
// after it names no route. "{batch_job_id}" never contains a raw ':'. HEAD is GET.
Route MatchRoute(std::string_view method, std::string_view target);

}  // namespace fwmock
