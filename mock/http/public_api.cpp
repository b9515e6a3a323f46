#include "public_api.h"

#include "query.h"
#include "respond.h"

namespace fwmock {
namespace {

constexpr const char* kEmpty = "{}";

template <typename T>
void Answer(httplib::Response& res, const Result<T>& body) {
  if (!body.ok()) return WriteError(res, body.status());
  if constexpr (std::is_same_v<T, std::string>) {
    WriteJson(res, *body);
  } else {
    WriteJson(res, **body);
  }
}

void Answer(httplib::Response& res, const Status& status) {
  if (!status.ok()) return WriteError(res, status);
  WriteJson(res, kEmpty);
}

void List(const Route& route, const httplib::Request& req, JobService& jobs,
          httplib::Response& res) {
  Result<Params> params = ParseQuery(req.target);
  if (!params.ok()) return WriteError(res, params.status());
  Result<ListRequest> request = ParseListRequest(route.account, *params);
  if (!request.ok()) return WriteError(res, request.status());
  Answer(res, jobs.List(*request));
}

}  // namespace

void ServeJobs(const Route& route, const httplib::Request& req, const Caller& caller,
               JobService& jobs, httplib::Response& res) {
  const std::string& account = route.account;
  const std::string& id = route.job_id;
  switch (route.operation) {
    case Operation::kListJobs:
      return List(route, req, jobs, res);
    case Operation::kCreateJob:
      return Answer(res, jobs.Create(account, req.body, caller.email));
    case Operation::kUpdateJob:
      return Answer(res, jobs.Update(account, id, req.body));
    case Operation::kDeleteJob:
      return Answer(res, jobs.Delete(account, id));
    case Operation::kCancelJob:
      return Answer(res, jobs.Cancel(account, id, req.body));
    case Operation::kBatchDeleteJobs:
      return Answer(res, jobs.BatchDelete(account, req.body));
    case Operation::kGetJob:
    case Operation::kGetJobLogs: {
      Result<Params> params = ParseQuery(req.target);
      if (!params.ok()) return WriteError(res, params.status());
      return Answer(res, route.operation == Operation::kGetJob
                             ? jobs.Get(account, id, *params)
                             : jobs.GetLogs(account, id, *params));
    }
    default:
      return WriteError(res, Status(aipfilter::StatusCode::kNotFound, "Not Found"));
  }
}

}  // namespace fwmock
