#pragma once

#include <httplib.h>

#include "fault_rules.h"
#include "journal.h"
#include "paging_state.h"
#include "route.h"
#include "state_service.h"

namespace fwmock {

// Serves the state routes of the control API (issue 9): POST /_fwmock/reset,
// POST /_fwmock/accounts/{a}:reset, DELETE /_fwmock/accounts/{a}/batchJobs,
// POST /_fwmock/accounts/{a}/batchJobs:import and GET /_fwmock/accounts/{a}/batchJobs:export.
// JSON in, JSON out, errors in the API's error shape. The caller has checked the admin token.
//
// What a reset puts back besides the jobs: POST /_fwmock/reset empties the journal and removes
// every fault rule and paging mode; an account's reset removes the fault rules that match only
// that account and its own paging mode, and keeps the journal (other tests' entries are in it).
struct ControlState {
  StateService* state;
  Journal* journal;
  FaultRules* faults;
  PagingState* paging;
};
void ServeState(const Route& route, const httplib::Request& req, const ControlState& control,
                httplib::Response& res);

}  // namespace fwmock
