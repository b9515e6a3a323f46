#include "job_decoder.h"

#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <vector>

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

TEST_CASE("unknown keys are listed dotted, not what they hold", "[mock][job_decoder]") {
  fwmock::JobDecoder d;
  d.Begin();
  const std::string s = "x";
  CHECK(d.StartObject());
  CHECK((d.Key("numRank") && d.Integer(2)));
  CHECK((d.Key("pythonExecutor") && d.StartObject()));
  CHECK((d.Key("targt") && d.String(s) && d.Key("target") && d.String(s) && d.EndObject()));
  CHECK((d.Key("extra") && d.StartObject() && d.Key("inner") && d.Null() && d.EndObject()));
  CHECK((d.Key("envVars") && d.StartObject() && d.Key("ANY") && d.String(s) && d.EndObject()));
  CHECK((d.Key("numRanks") && d.Integer(1)));
  CHECK(d.EndObject());
  REQUIRE(d.done());
  CHECK(d.unknown_keys() == std::vector<std::string>{"numRank", "pythonExecutor.targt", "extra"});
  d.Begin();
  CHECK(d.unknown_keys().empty());
}

}  // namespace
}  // namespace fwmock_test

TEST_CASE("timestamps at the edges of int64 nanoseconds load exactly", "[mock][job_decoder]") {
  const auto [text, nanos] = GENERATE(table<std::string, std::int64_t>({
      {"2262-04-11T23:47:16.854775807Z", std::numeric_limits<std::int64_t>::max()},
      {"1677-09-21T00:12:43.145224192Z", std::numeric_limits<std::int64_t>::min()},
      {"1677-09-21T00:12:43.5Z", -9223372036500000000LL},
  }));
  CAPTURE(text);
  const auto job = fwmock::ParseJob("{\"createTime\": \"" + text + "\"}");
  REQUIRE(job.ok());
  CHECK(job->create_time == nanos);
}

TEST_CASE("timestamps beyond int64 nanoseconds are refused naming the range",
          "[mock][job_decoder]") {
  const std::string text = GENERATE(as<std::string>{}, "2262-04-11T23:47:16.854775808Z",
                                    "1677-09-21T00:12:43.145224191Z", "9999-12-31T00:00:00Z");
  CAPTURE(text);
  const auto job = fwmock::ParseJob("{\"createTime\": \"" + text + "\"}");
  REQUIRE_FALSE(job.ok());
  CHECK_THAT(job.status().message(), Catch::Contains("field \"createTime\""));
  CHECK_THAT(job.status().message(), Catch::Contains("is outside"));
}
