#pragma once

#include <optional>
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
  // The control API, under /_fwmock/: every operation from here on (IsControl).
  kClockGet,      // GET /_fwmock/clock
  kClockAdvance,  // POST /_fwmock/clock:advance
  kClockSet,      // POST /_fwmock/clock:set
  // The request journal and the fault rules (control_journal.*, control_faults.*).
  kRequestsList,   // GET /_fwmock/requests
  kRequestsClear,  // DELETE /_fwmock/requests
  kFaultsList,     // GET /_fwmock/faults
  kFaultsCreate,   // POST /_fwmock/faults
  kFaultsClear,    // DELETE /_fwmock/faults
  kFaultDelete,    // DELETE /_fwmock/faults/{id}
  // The control API's state and its own contract (issue 9, mock/http/control_state.h).
  kControlOpenApi,  // GET /_fwmock/openapi.yaml
  kResetAll,        // POST /_fwmock/reset
  kResetAccount,    // POST /_fwmock/accounts/{a}:reset
  kClearJobs,       // DELETE /_fwmock/accounts/{a}/batchJobs
  kImportJobs,      // POST /_fwmock/accounts/{a}/batchJobs:import
  kExportJobs,      // GET /_fwmock/accounts/{a}/batchJobs:export
  // Adversarial paging (control_paging.h): GET, PUT and DELETE of /_fwmock/paging (every
  // account; Route::account empty) and of /_fwmock/accounts/{account}/paging (one account).
  kPagingGet,
  kPagingPut,
  kPagingDelete,
};

// True for the operations of fwmock's own control API (under /_fwmock/): they need no API key,
// and the admin token when one is set.
bool IsControl(Operation op);

// The journal's operations, and the fault rules'.
bool IsJournalControl(Operation op);
bool IsFaultControl(Operation op);

// The operationId of a batch-job operation in mock/spec/openapi.yaml without its "Gateway_"
// prefix ("ListBatchJobs"); "" for the other operations.
const char* OperationName(Operation op);
// The batch-job operation of that name.
std::optional<Operation> OperationNamed(std::string_view name);
// True for kPagingGet, kPagingPut and kPagingDelete.
bool IsPaging(Operation op);

enum class RouteStatus { kFound, kNoSuchPath, kWrongMethod };

struct Route {
  RouteStatus status = RouteStatus::kNoSuchPath;
  Operation operation = Operation::kHealth;
  std::string account;
  std::string job_id;
  std::string fault_id;  // DELETE /_fwmock/faults/{id}, decoded
};

// Matches a request target as sent (the raw path, then an optional "?query", which is ignored)
// and a method, as grpc-gateway does: the raw path is split into segments and matched, and only
// then is each segment percent-decoded into the account and job id. So ':' separates a verb but
// "%3A" does not: ".../batchJobs/x%3Acancel" is Get of the job "x:cancel". A ':' with no verb
// after it names no route. "{batch_job_id}" never contains a raw ':'. HEAD is GET.
Route MatchRoute(std::string_view method, std::string_view target);

}  // namespace fwmock
