#include "job_service.h"

#include <mutex>
#include <nlohmann/json.hpp>
#include <shared_mutex>

#include "body_json.h"
#include "job_requests.h"
#include "logs.h"
#include "read_mask.h"

namespace fwmock {

using aipfilter::InvalidArgumentError;
using aipfilter::OkStatus;
using aipfilter::StatusCode;

namespace {

std::string Quote(const std::string& name) { return "\"" + name + "\""; }

Status BeingDeleted(const BatchJob& job) {
  return Status(StatusCode::kFailedPrecondition,
                "batch job " + Quote(job.name) + " is being deleted");
}

std::string Render(const BatchJob& job, const ReadMask& mask) {
  const nlohmann::json full(job);
  return (mask.all ? full : Project(mask, full)).dump();
}

}  // namespace

Status JobNotFound(const std::string& account, const std::string& id) {
  return Status(StatusCode::kNotFound, "batch job " + Quote(JobName(account, id)) + " not found");
}

JobService::JobService(JobStore* store, Lister* lister, const Clock* clock,
                       const TokenCodec* tokens, LifecycleConfig lifecycle,
                       const PagingState* paging)
    : store_(*store),
      lister_(*lister),
      clock_(*clock),
      tokens_(*tokens),
      lifecycle_(lifecycle),
      paging_(paging) {}

JobService::Locked JobService::LockForWrite(const std::string& account) {
  Locked locked{store_.FindOrCreate(account), {}, 0};
  locked.lock = std::unique_lock(locked.account->lock());
  locked.now = clock_.Now();
  RunDue(locked.account.get(), locked.now);
  return locked;
}

// The account (nullptr if it never had jobs) with every transition due at `now` applied; the
// caller then takes its lock shared.
std::shared_ptr<Account> JobService::CaughtUp(const std::string& account, std::int64_t now) {
  std::shared_ptr<Account> acc = store_.Find(account);
  if (acc && acc->next_due() <= now) {
    std::unique_lock lock(acc->lock());
    RunDue(acc.get(), now);
  }
  return acc;
}

void JobService::RunDue(Account* account, std::int64_t now) {
  Timer timer;
  while (account->PopDue(now, &timer)) {
    const JobPtr job = account->Find(timer.id);
    if (!job) continue;
    if (timer.next == JobState::kUnspecified) {  // the end of DELETING
      account->Remove(timer.id);
      continue;
    }
    Enter(account, job->job, timer.next, timer.due);
  }
}

void JobService::Enter(Account* account, BatchJob job, JobState state, std::int64_t at) {
  EnterState(&job, state, at);
  Schedule(account, job, at);
  account->Put(MakeStoredJob(std::move(job)));
}

void JobService::Schedule(Account* account, const BatchJob& job, std::int64_t entered) {
  const std::string id(JobIdOf(job.name));
  if (const std::optional<Transition> t = NextTransition(job, entered, lifecycle_)) {
    account->Schedule(id, t->due, t->next);
  } else {
    account->CancelTimer(id);
  }
}

void JobService::CatchUpAll() {
  const std::int64_t now = clock_.Now();
  for (const std::shared_ptr<Account>& account : store_.AllAccounts()) {
    if (account->next_due() > now) continue;
    std::unique_lock lock(account->lock());
    RunDue(account.get(), now);
  }
}

Result<std::string> JobService::Create(const std::string& account, std::string_view body,
                                       const std::string& created_by) {
  Result<BatchJob> job = JobFromCreateBody(body);
  if (!job.ok()) return job.status();
  if (Status s = ValidateScript(job->annotations); !s.ok()) return s;
  Locked locked = LockForWrite(account);
  job->name = JobName(account, locked.account->NewId());
  job->create_time = locked.now;
  job->created_by = created_by;
  EnterState(&*job, JobState::kCreating, locked.now);
  Schedule(locked.account.get(), *job, locked.now);
  std::string out = Render(*job, ReadMask());
  locked.account->Put(MakeStoredJob(std::move(*job)));
  return out;
}

Result<std::string> JobService::Get(const std::string& account, const std::string& id,
                                    const Params& params) {
  Result<const std::string*> mask_text = SingularParam(params, "read_mask", "readMask");
  if (!mask_text.ok()) return mask_text.status();
  Result<ReadMask> mask = ParseReadMask(*mask_text ? **mask_text : std::string());
  if (!mask.ok()) return mask.status();
  const std::shared_ptr<Account> acc = CaughtUp(account, clock_.Now());
  if (!acc) return JobNotFound(account, id);
  std::shared_lock lock(acc->lock());
  const JobPtr job = acc->Find(id);
  if (!job) return JobNotFound(account, id);
  return Render(job->job, *mask);
}

Result<std::string> JobService::Update(const std::string& account, const std::string& id,
                                       std::string_view body) {
  Locked locked = LockForWrite(account);
  const JobPtr current = locked.account->Find(id);
  if (!current) return JobNotFound(account, id);
  if (current->job.state == JobState::kDeleting) return BeingDeleted(current->job);
  Result<BatchJob> job = JobFromUpdateBody(current->job, body);
  if (!job.ok()) return job.status();
  if (Status s = ValidateScript(job->annotations); !s.ok()) return s;
  job->update_time = locked.now;
  // A job that no timer moves (from fixtures, or an endless run) starts its lifecycle now.
  if (!locked.account->HasTimer(id)) Schedule(locked.account.get(), *job, locked.now);
  std::string out = Render(*job, ReadMask());
  locked.account->Put(MakeStoredJob(std::move(*job)));
  return out;
}

Status JobService::Delete(const std::string& account, const std::string& id) {
  Locked locked = LockForWrite(account);
  const JobPtr current = locked.account->Find(id);
  if (!current) return JobNotFound(account, id);
  if (current->job.state == JobState::kDeleting) return OkStatus();
  Enter(locked.account.get(), current->job, JobState::kDeleting, locked.now);
  return OkStatus();
}

Status JobService::Cancel(const std::string& account, const std::string& id,
                          std::string_view body) {
  if (Result<nlohmann::json> parsed = ParseBodyObject(body); !parsed.ok()) return parsed.status();
  Locked locked = LockForWrite(account);
  const JobPtr current = locked.account->Find(id);
  if (!current) return JobNotFound(account, id);
  const JobState state = current->job.state;
  if (!Cancellable(state)) {
    return Status(StatusCode::kFailedPrecondition,
                  "cannot cancel batch job " + Quote(current->job.name) + " in state " +
                      JobStateNames()[static_cast<std::size_t>(state)]);
  }
  Enter(locked.account.get(), current->job, JobState::kCancelling, locked.now);
  return OkStatus();
}

Result<std::shared_ptr<const RenderedPage>> JobService::List(const ListRequest& request) {
  const std::int64_t now = clock_.Now();
  CaughtUp(request.account, now);
  if (paging_ != nullptr) {  // while no mode is set, one atomic load
    if (const std::optional<PagingMode> mode = paging_->In(request.account)) {
      return lister_.ListRendered(request, PagingContext{*mode, now});
    }
  }
  return lister_.ListRendered(request);
}

Result<std::string> JobService::GetLogs(const std::string& account, const std::string& id,
                                        const Params& params) {
  Result<LogsRequest> request = ParseLogsRequest(params);
  if (!request.ok()) return request.status();
  const std::int64_t now = clock_.Now();
  const std::shared_ptr<Account> acc = CaughtUp(account, now);
  if (!acc) return JobNotFound(account, id);
  JobPtr job;
  {
    std::shared_lock lock(acc->lock());
    job = acc->Find(id);
  }
  if (!job) return JobNotFound(account, id);
  return GetJobLogs(*request, job->job, now, tokens_);
}

}  // namespace fwmock
