#include "public_api.h"

#include "query.h"
#include "respond.h"

namespace fwmock {
namespace {

constexpr const char* kEmpty = "{}";

void Answer(httplib::Response& res, const Result<std::string>& body) {
  if (!body.ok()) return WriteError(res, body.status());
  WriteJson(res, *body);
}

// `text` with control bytes as \xHH, so that a filter can never break a header line.
std::string HeaderSafe(const std::string& text) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7f) {
      out.push_back(c);
      continue;
    }
    out += "\\x";
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0xf]);
  }
  return out;
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
  Result<std::shared_ptr<const RenderedPage>> page = jobs.List(*request);
  if (!page.ok()) return WriteError(res, page.status());
  res.set_header("X-Fwmock-Filter", HeaderSafe((*page)->filter));
  WriteJson(res, (*page)->body);
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
