#pragma once

#include <httplib.h>

#include "clock.h"
#include "job_service.h"
#include "route.h"

namespace fwmock {

// Serves fwmock's own control API under /_fwmock/ (the clock, for now). JSON in, JSON out,
// errors in the API's error shape.
void ServeControl(const Route& route, const httplib::Request& req, Clock& clock, JobService& jobs,
                  httplib::Response& res);

}  // namespace fwmock
