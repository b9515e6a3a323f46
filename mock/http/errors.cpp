#include "errors.h"

#include <nlohmann/json.hpp>

namespace fwmock {

using aipfilter::StatusCode;

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kCancelled:
      return 499;
    case StatusCode::kInvalidArgument:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kOutOfRange:
      return 400;
    case StatusCode::kDeadlineExceeded:
      return 504;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kAborted:
      return 409;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kUnimplemented:
      return 501;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kUnknown:
    case StatusCode::kInternal:
    case StatusCode::kDataLoss:
      return 500;
  }
  return 500;
}

StatusCode CodeForHttpStatus(int http_status) {
  switch (http_status) {
    case 401:
      return StatusCode::kUnauthenticated;
    case 403:
      return StatusCode::kPermissionDenied;
    case 404:
      return StatusCode::kNotFound;
    case 405:
    case 501:
      return StatusCode::kUnimplemented;
    case 409:
      return StatusCode::kAborted;
    case 429:
      return StatusCode::kResourceExhausted;
    case 503:
      return StatusCode::kUnavailable;
    case 504:
      return StatusCode::kDeadlineExceeded;
    default:
      return http_status >= 500 ? StatusCode::kInternal : StatusCode::kInvalidArgument;
  }
}

std::string ReasonPhrase(int http_status) {
  switch (http_status) {
    case 400:
      return "Bad Request";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 416:
      return "Range Not Satisfiable";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return "HTTP error " + std::to_string(http_status);
  }
}

namespace {

// 8000 -> "8,000".
std::string WithThousands(std::size_t n) {
  std::string digits = std::to_string(n);
  for (std::size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
  return digits;
}

}  // namespace

std::string LibraryErrorMessage(int http_status, std::size_t max_body_bytes,
                                std::size_t max_uri_bytes) {
  if (http_status == 413) {
    return "request body over the limit of " + std::to_string(max_body_bytes >> 20) + " MiB";
  }
  if (http_status == 414) {
    // The path and the other parameters take their share of the target: what is left for the
    // filter, percent-encoded, is the limit rounded down to the thousand.
    return "request URI over the limit of " + std::to_string(max_uri_bytes >> 10) +
           " KiB: a filter that long does not fit in a URL (the effective filter limit is about " +
           WithThousands(max_uri_bytes / 1000 * 1000) + " bytes after percent-encoding)";
  }
  return ReasonPhrase(http_status);
}

std::string ErrorBody(const aipfilter::Status& status) {
  nlohmann::json body = {{"code", static_cast<int>(status.code())},
                         {"details", nlohmann::json::array()},
                         {"message", status.message()}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace fwmock
