#include "errors.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

namespace fwmock_test {
namespace {

using aipfilter::Status;
using aipfilter::StatusCode;

TEST_CASE("every gRPC code has grpc-gateway's HTTP status", "[mock][errors]") {
  const auto [code, http] = GENERATE(table<StatusCode, int>({
      {StatusCode::kOk, 200},
      {StatusCode::kCancelled, 499},
      {StatusCode::kUnknown, 500},
      {StatusCode::kInvalidArgument, 400},
      {StatusCode::kDeadlineExceeded, 504},
      {StatusCode::kNotFound, 404},
      {StatusCode::kAlreadyExists, 409},
      {StatusCode::kPermissionDenied, 403},
      {StatusCode::kResourceExhausted, 429},
      {StatusCode::kFailedPrecondition, 400},
      {StatusCode::kAborted, 409},
      {StatusCode::kOutOfRange, 400},
      {StatusCode::kUnimplemented, 501},
      {StatusCode::kInternal, 500},
      {StatusCode::kUnavailable, 503},
      {StatusCode::kDataLoss, 500},
      {StatusCode::kUnauthenticated, 401},
  }));
  CAPTURE(static_cast<int>(code));
  CHECK(fwmock::HttpStatusFor(code) == http);
}

TEST_CASE("HTTP statuses of the HTTP library map to gRPC codes", "[mock][errors]") {
  const auto [http, code] = GENERATE(table<int, StatusCode>({
      {400, StatusCode::kInvalidArgument},
      {401, StatusCode::kUnauthenticated},
      {403, StatusCode::kPermissionDenied},
      {404, StatusCode::kNotFound},
      {405, StatusCode::kUnimplemented},
      {413, StatusCode::kInvalidArgument},
      {414, StatusCode::kInvalidArgument},
      {429, StatusCode::kResourceExhausted},
      {431, StatusCode::kInvalidArgument},
      {500, StatusCode::kInternal},
      {501, StatusCode::kUnimplemented},
      {503, StatusCode::kUnavailable},
  }));
  CAPTURE(http);
  CHECK(fwmock::CodeForHttpStatus(http) == code);
}

TEST_CASE("reason phrases name the status", "[mock][errors]") {
  CHECK(fwmock::ReasonPhrase(400) == "Bad Request");
  CHECK(fwmock::ReasonPhrase(404) == "Not Found");
  CHECK(fwmock::ReasonPhrase(414) == "URI Too Long");
  CHECK(fwmock::ReasonPhrase(501) == "Not Implemented");
}

TEST_CASE("the error body is google.rpc.Status with sorted keys", "[mock][errors]") {
  CHECK(fwmock::ErrorBody(Status(StatusCode::kInvalidArgument, "x")) ==
        R"({"code":3,"details":[],"message":"x"})");
  CHECK(fwmock::ErrorBody(Status(StatusCode::kUnauthenticated, "missing key")) ==
        R"({"code":16,"details":[],"message":"missing key"})");
  CHECK(fwmock::ErrorBody(Status(StatusCode::kNotFound, "Not Found")) ==
        R"({"code":5,"details":[],"message":"Not Found"})");
}

TEST_CASE("the error message is escaped as JSON", "[mock][errors]") {
  CHECK(fwmock::ErrorBody(Status(StatusCode::kInvalidArgument, "a \"b\"\nc\\")) ==
        R"({"code":3,"details":[],"message":"a \"b\"\nc\\"})");
  CHECK(fwmock::ErrorBody(Status(StatusCode::kInvalidArgument, "caf\xC3\xA9")) ==
        "{\"code\":3,\"details\":[],\"message\":\"caf\xC3\xA9\"}");
}

TEST_CASE("invalid UTF-8 in a message still gives valid JSON", "[mock][errors]") {
  const std::string body = fwmock::ErrorBody(Status(StatusCode::kInvalidArgument, "bad \xFF"));
  const nlohmann::json parsed = nlohmann::json::parse(body);
  CHECK(parsed["code"] == 3);
  CHECK(parsed["message"] == "bad \xEF\xBF\xBD");
}

TEST_CASE("a URI too long says the limit and that a long filter does not fit", "[mock][errors]") {
  using Catch::Matchers::Contains;
  using Catch::Matchers::StartsWith;
  const std::string eight = fwmock::LibraryErrorMessage(414, 4u << 20, 8192);
  CHECK_THAT(eight, StartsWith("request URI over the limit of 8 KiB: "));
  CHECK_THAT(eight, Contains("filter") && Contains("about 8,000 bytes after percent-encoding"));
  const std::string sixteen = fwmock::LibraryErrorMessage(414, 4u << 20, 16384);
  CHECK_THAT(sixteen, StartsWith("request URI over the limit of 16 KiB: "));
  CHECK_THAT(sixteen, Contains("about 16,000 bytes"));
}

TEST_CASE("other library errors keep their messages", "[mock][errors]") {
  CHECK(fwmock::LibraryErrorMessage(413, 4u << 20, 8192) == "request body over the limit of 4 MiB");
  CHECK(fwmock::LibraryErrorMessage(400, 4u << 20, 8192) == "Bad Request");
}

}  // namespace
}  // namespace fwmock_test
