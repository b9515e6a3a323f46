#pragma once

#include <string>

#include "aipfilter/status.h"

namespace fwmock {

// The HTTP status grpc-gateway gives a gRPC code.
int HttpStatusFor(aipfilter::StatusCode code);

// The gRPC code for an HTTP status the HTTP library produced itself (bad request line, URI too
// long, body too large ...).
aipfilter::StatusCode CodeForHttpStatus(int http_status);

// "Bad Request", "URI Too Long" ... for an HTTP status.
std::string ReasonPhrase(int http_status);

// {"code":N,"details":[],"message":"..."}: google.rpc.Status as grpc-gateway renders it.
std::string ErrorBody(const aipfilter::Status& status);

}  // namespace fwmock
