#pragma once

#include <httplib.h>

#include <string>

#include "aipfilter/status.h"

namespace fwmock {

// The error as grpc-gateway writes it: HTTP status from the code, google.rpc.Status body, and
// WWW-Authenticate for UNAUTHENTICATED.
void WriteError(httplib::Response& res, const aipfilter::Status& status);
// A 200 JSON answer.
void WriteJson(httplib::Response& res, const std::string& body);

}  // namespace fwmock
