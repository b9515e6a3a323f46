#include "fault_answer.h"

#include <chrono>

#include "httplib_adapter.h"
#include "query.h"
#include "respond.h"

namespace fwmock {
namespace {

// The parameter `name` as sent (decoded), when there is one.
std::optional<std::string> ParamOf(const httplib::Request& req, const std::string& name) {
  Result<Params> params = ParseQuery(req.target);
  if (!params.ok()) return std::nullopt;
  for (const auto& [key, value] : *params) {
    if (key == name) return value;
  }
  return std::nullopt;
}

}  // namespace

std::int64_t WalkPageOf(const Route& route, const httplib::Request& req, const JobService& jobs) {
  if (route.operation != Operation::kListJobs && route.operation != Operation::kGetJobLogs) {
    return 0;
  }
  return jobs.PageNumber(ParamOf(req, "pageToken").value_or(""));
}

FaultEffect ApplyFaults(const Route& route, const httplib::Request& req, FaultRules& faults,
                        const std::function<std::int64_t()>& page, httplib::Response& res) {
  FaultEffect effect;
  const FaultProbe probe{route.operation, route.account, req.method,
                         req.headers,     page,          [&req] { return ParamOf(req, "filter"); }};
  const std::optional<FiredFault> fired = faults.Fire(probe);
  if (!fired) return effect;
  const FaultResponse& r = fired->response;
  if (r.delay_ms > 0 || r.drop != net::Drop::kNone) {
    HttplibAdapter::HoldAnswer(std::chrono::milliseconds(r.delay_ms), r.drop);
  }
  effect.delay_ms = static_cast<double>(r.delay_ms);
  effect.no_answer = r.drop == net::Drop::kReset || r.drop == net::Drop::kClose;
  if (!r.code) return effect;
  const std::string message =
      r.message.empty() ? "fault " + fired->id + " injected by fwmock" : r.message;
  WriteError(res, aipfilter::Status(*r.code, message));
  if (r.retry_after_seconds) res.set_header("Retry-After", std::to_string(*r.retry_after_seconds));
  effect.answered = true;
  return effect;
}

}  // namespace fwmock
