#pragma once

#include <cstddef>
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

// The message of an error the HTTP library raised itself: the limit for 413 (a body over
// max_body_bytes) and 414 (a request target over max_uri_bytes, which is where a long filter
// ends up), the reason phrase for the others.
std::string LibraryErrorMessage(int http_status, std::size_t max_body_bytes,
                                std::size_t max_uri_bytes);

// {"code":N,"details":[],"message":"..."}: google.rpc.Status as grpc-gateway renders it.
std::string ErrorBody(const aipfilter::Status& status);

}  // namespace fwmock
