#include "control_state.h"

#include <nlohmann/json.hpp>

#include "body_json.h"
#include "respond.h"

namespace fwmock {
namespace {

constexpr const char* kEmpty = "{}";

// A reset takes no parameters: its body is empty or a JSON object, whose keys are ignored.
void Reset(const Route& route, const httplib::Request& req, StateService& state,
           httplib::Response& res) {
  if (Result<nlohmann::json> body = ParseBodyObject(req.body); !body.ok()) {
    return WriteError(res, body.status());
  }
  if (route.operation == Operation::kResetAll) {
    state.ResetAll();
    // MERGE (issue 9): POST /_fwmock/reset also empties the journal and removes every fault and
    // every paging mode; wire their Clear() here, e.g.
    //   journal.Clear(); faults.Clear(); paging.Clear();
  } else {
    state.ResetAccount(route.account);
    // MERGE (issue 9): if the journal, faults or paging keep per-account state, their
    // ClearAccount(route.account) goes here.
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

void ServeState(const Route& route, const httplib::Request& req, StateService& state,
                httplib::Response& res) {
  switch (route.operation) {
    case Operation::kResetAll:
    case Operation::kResetAccount:
      return Reset(route, req, state, res);
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
