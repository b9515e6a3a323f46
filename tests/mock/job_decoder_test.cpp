#include "job_decoder.h"

#include <catch2/catch.hpp>

#include <string>

using Catch::Matchers::Contains;

namespace fwmock_test {
namespace {

TEST_CASE("a job text that is not an object is an invalid argument", "[mock][job_decoder]") {
  const std::string text = GENERATE("5", "null", "[1]", "\"x\"", "true", "[]");
  CAPTURE(text);
  const fwmock::Result<fwmock::BatchJob> job = fwmock::ParseJob(text);
  REQUIRE_FALSE(job.ok());
  CHECK(job.status().code() == aipfilter::StatusCode::kInvalidArgument);
  CHECK_THAT(job.status().message(), Contains("expected a JSON object"));
}

TEST_CASE("malformed job JSON names the line and column without the parser's prefix",
          "[mock][job_decoder]") {
  const fwmock::Result<fwmock::BatchJob> job = fwmock::ParseJob("{\"name\": \"x\"} 7");
  REQUIRE_FALSE(job.ok());
  CHECK_THAT(job.status().message(), Contains("invalid JSON: parse error at line 1, column 15"));
  CHECK_THAT(job.status().message(), !Contains("json.exception"));
}

TEST_CASE("unknown keys are skipped whatever they hold", "[mock][job_decoder]") {
  const fwmock::Result<fwmock::BatchJob> job = fwmock::ParseJob(
      R"({"extra": {"a": [1, {"b": [null, "x"]}]}, "more": [[], {}], "numRanks": 3})");
  REQUIRE(job.ok());
  CHECK(job->num_ranks == 3);
}

}  // namespace
}  // namespace fwmock_test
