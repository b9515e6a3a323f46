#pragma once

#include <httplib.h>

#include "auth.h"
#include "job_service.h"
#include "route.h"

namespace fwmock {

// Serves one request of the Fireworks API (an authenticated route under /v1/): parameters and
// body in, the JobService's answer out.
void ServeJobs(const Route& route, const httplib::Request& req, const Caller& caller,
               JobService& jobs, httplib::Response& res);

}  // namespace fwmock
