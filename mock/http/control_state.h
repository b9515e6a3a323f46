#pragma once

#include <httplib.h>

#include "route.h"
#include "state_service.h"

namespace fwmock {

// Serves the state routes of the control API (issue 9): POST /_fwmock/reset,
// POST /_fwmock/accounts/{a}:reset, DELETE /_fwmock/accounts/{a}/batchJobs,
// POST /_fwmock/accounts/{a}/batchJobs:import and GET /_fwmock/accounts/{a}/batchJobs:export.
// JSON in, JSON out, errors in the API's error shape. The caller has checked the admin token.
void ServeState(const Route& route, const httplib::Request& req, StateService& state,
                httplib::Response& res);

}  // namespace fwmock
