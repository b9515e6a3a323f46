#include "control_faults.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "body_json.h"
#include "respond.h"

namespace fwmock {

using aipfilter::InvalidArgumentError;
using aipfilter::Result;
using aipfilter::Status;

void ServeFaults(const Route& route, const httplib::Request& req, FaultRules& faults,
                 httplib::Response& res) {
  switch (route.operation) {
    case Operation::kFaultsCreate: {
      Result<nlohmann::json> body = ParseBodyObject(req.body);
      if (!body.ok()) return WriteError(res, body.status());
      Result<FaultRule> rule = ParseFaultRule(*body);
      if (!rule.ok()) return WriteError(res, rule.status());
      const nlohmann::json out = {{"id", faults.Add(std::move(*rule))}};
      return WriteJson(res, out.dump());
    }
    case Operation::kFaultsClear:
      faults.Clear();
      return WriteJson(res, "{}");
    case Operation::kFaultDelete:
      if (!faults.Remove(route.fault_id)) {
        return WriteError(res, Status(aipfilter::StatusCode::kNotFound,
                                      "fault \"" + route.fault_id + "\" not found"));
      }
      return WriteJson(res, "{}");
    default:
      return WriteJson(
          res, faults.ToJson().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
}

Status LoadFaultFile(const std::string& path, FaultRules* faults) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidArgumentError(path + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  const Result<nlohmann::json> parsed = ParseBoundedJson(text.str());
  if (!parsed.ok()) return InvalidArgumentError(path + ": " + parsed.status().message());
  const nlohmann::json& list = *parsed;
  if (!list.is_array()) return InvalidArgumentError(path + ": expected a JSON list of fault rules");
  std::vector<FaultRule> rules;
  for (std::size_t i = 0; i < list.size(); ++i) {
    Result<FaultRule> rule = ParseFaultRule(list[i]);
    if (!rule.ok()) {
      return InvalidArgumentError(path + ": rule " + std::to_string(i) + ": " +
                                  rule.status().message());
    }
    rules.push_back(std::move(*rule));
  }
  for (FaultRule& rule : rules) faults->Add(std::move(rule));
  return Status();
}

}  // namespace fwmock
