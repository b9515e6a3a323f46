#include "control_paging.h"

#include <nlohmann/json.hpp>

#include "body_json.h"
#include "respond.h"

namespace fwmock {
namespace {

PagingMode ModeInForce(const Route& route, const PagingState& paging) {
  if (route.account.empty()) return paging.Global();
  return paging.In(route.account).value_or(PagingMode());
}

Result<PagingMode> Put(const Route& route, const std::string& body, PagingState& paging) {
  Result<nlohmann::json> json = ParseBodyObject(body);
  if (!json.ok()) return json.status();
  Result<PagingMode> mode = PagingModeFromJson(*json);
  if (!mode.ok()) return mode.status();
  if (route.account.empty()) {
    paging.SetGlobal(*mode);
  } else {
    paging.SetAccount(route.account, *mode);
  }
  return mode;
}

}  // namespace

void ServePaging(const Route& route, const httplib::Request& req, PagingState& paging,
                 httplib::Response& res) {
  switch (route.operation) {
    case Operation::kPagingPut: {
      const Result<PagingMode> mode = Put(route, req.body, paging);
      if (!mode.ok()) return WriteError(res, mode.status());
      return WriteJson(res, PagingModeJson(*mode));
    }
    case Operation::kPagingDelete:
      if (route.account.empty()) {
        paging.Clear();
      } else {
        paging.ClearAccount(route.account);
      }
      return WriteJson(res, "{}");
    default:
      return WriteJson(res, PagingModeJson(ModeInForce(route, paging)));
  }
}

}  // namespace fwmock
