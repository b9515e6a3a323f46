#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "clock.h"
#include "job_store.h"
#include "lifecycle.h"
#include "list.h"
#include "page_token.h"
#include "paging_state.h"
#include "params.h"

namespace fwmock {

// The batch-job resource as a stateful emulator: every operation of the API over the store,
// with the lifecycle moving jobs on `clock`. Before an account is read or written, every
// transition due on it is applied, at the time it was due. Bodies in and out are JSON text;
// errors are Status in the API's vocabulary (INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION).
// List pages under the paging mode `paging` holds for the account, if any (null: never).
// Thread-safe.
class JobService {
 public:
  JobService(JobStore* store, Lister* lister, const Clock* clock, const TokenCodec* tokens,
             LifecycleConfig lifecycle, const PagingState* paging = nullptr);

  Result<std::string> Create(const std::string& account, std::string_view body,
                             const std::string& created_by);
  Result<std::string> Get(const std::string& account, const std::string& id, const Params& params);
  Result<std::string> Update(const std::string& account, const std::string& id,
                             std::string_view body);
  Status Delete(const std::string& account, const std::string& id);
  Status Cancel(const std::string& account, const std::string& id, std::string_view body);
  Status BatchDelete(const std::string& account, std::string_view body);
  Result<std::shared_ptr<const RenderedPage>> List(const ListRequest& request);
  Result<std::string> GetLogs(const std::string& account, const std::string& id,
                              const Params& params);

  // The number of the page a List or GetLogs request with this token asks for: 1 for no
  // token, 0 for one that does not open (TokenCodec::PageOf).
  std::int64_t PageNumber(std::string_view page_token) const { return tokens_.PageOf(page_token); }

  // Applies every transition due now on every account (after the clock moved).
  void CatchUpAll();

  // An account locked for writing, with every transition due at `now` applied: the state the
  // control API (StateService) resets, imports into and exports.
  struct Locked {
    std::shared_ptr<Account> account;
    std::unique_lock<RwLock> lock;
    std::int64_t now;
  };
  Locked LockForWrite(const std::string& account);

 private:
  std::shared_ptr<Account> CaughtUp(const std::string& account, std::int64_t now);
  void RunDue(Account* account, std::int64_t now);
  void Enter(Account* account, BatchJob job, JobState state, std::int64_t at);
  void Schedule(Account* account, const BatchJob& job, std::int64_t entered);

  JobStore& store_;
  Lister& lister_;
  const Clock& clock_;
  const TokenCodec& tokens_;
  const LifecycleConfig lifecycle_;
  const PagingState* const paging_;
};

// `batch job "accounts/a/batchJobs/x" not found`
Status JobNotFound(const std::string& account, const std::string& id);

}  // namespace fwmock
