#include "control_state.h"

#include <nlohmann/json.hpp>

#include "body_json.h"
#include "respond.h"

namespace fwmock {
namespace {

constexpr const char* kEmpty = "{}";

// A reset takes no parameters: its body is empty or a JSON object, whose keys are ignored.
void Reset(const Route& route, const httplib::Request& req, const ControlState& control,
           httplib::Response& res) {
  if (Result<nlohmann::json> body = ParseBodyObject(req.body); !body.ok()) {
    return WriteError(res, body.status());
  }
  if (route.operation == Operation::kResetAll) {
    control.state->ResetAll();
    control.journal->Clear();
    control.faults->Clear();
    control.paging->Clear();
  } else {
    control.state->ResetAccount(route.account);
    control.faults->ClearAccount(route.account);
    control.paging->ClearAccount(route.account);
  }
  WriteJson(res, kEmpty);
}

void Import(const Route& route, const httplib::Request& req, StateService& state,
            httplib::Response& res) {
  Result<std::size_t> imported = state.Import(route.account, req.body);
  if (!imported.ok()) return WriteError(res, imported.status());
  WriteJson(res, nlohmann::json{{"imported", *imported}}.dump());
}

}  // namespace

void ServeState(const Route& route, const httplib::Request& req, const ControlState& control,
                httplib::Response& res) {
  StateService& state = *control.state;
  switch (route.operation) {
    case Operation::kResetAll:
    case Operation::kResetAccount:
      return Reset(route, req, control, res);
    case Operation::kClearJobs:
      state.Clear(route.account);
      return WriteJson(res, kEmpty);
    case Operation::kImportJobs:
      return Import(route, req, state, res);
    case Operation::kExportJobs:
      return WriteJson(res, state.Export(route.account));
    default:
      return WriteError(res, Status(aipfilter::StatusCode::kNotFound, "Not Found"));
  }
}

}  // namespace fwmock
