#include "logs_request.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

using Catch::Matchers::Contains;

namespace fwmock_test {
namespace {

using fwmock::LogsMask;
using fwmock::LogsRequest;
using fwmock::Params;
using fwmock::ParseLogsMask;
using fwmock::ParseLogsRequest;

void CheckError(const Params& params, const std::string& message) {
  const fwmock::Result<LogsRequest> r = ParseLogsRequest(params);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == aipfilter::StatusCode::kInvalidArgument);
  CHECK_THAT(r.status().message(), Contains(message));
}

LogsRequest MustParse(const Params& params) {
  const fwmock::Result<LogsRequest> r = ParseLogsRequest(params);
  INFO(r.status().message());
  REQUIRE(r.ok());
  return *r;
}

TEST_CASE("no logs parameters give the defaults", "[mock][logs]") {
  const LogsRequest r = MustParse({});
  CHECK(r.ranks.empty());
  CHECK(r.page_size == 0);
  CHECK(r.page_token.empty());
  CHECK_FALSE(r.start_time.has_value());
  CHECK(r.filter.empty());
  CHECK_FALSE(r.start_from_head);
  CHECK(r.read_mask.empty());
}

TEST_CASE("logs parameters are read under both spellings", "[mock][logs]") {
  const auto [snake, camel, value] = GENERATE(table<std::string, std::string, std::string>({
      {"page_size", "pageSize", "17"},
      {"page_token", "pageToken", "abc-_"},
      {"start_time", "startTime", "2024-01-01T00:00:00Z"},
      {"filter", "filter", "loss="},
      {"start_from_head", "startFromHead", "true"},
      {"read_mask", "readMask", "rank,message"},
  }));
  for (const std::string& key : {snake, camel}) {
    CAPTURE(key);
    const LogsRequest r = MustParse({{key, value}});
    CHECK(r.page_size == (snake == "page_size" ? 17 : 0));
    CHECK(r.page_token == (snake == "page_token" ? value : ""));
    // 2024-01-01T00:00:00Z is 19723 days after the epoch.
    CHECK(r.start_time.value_or(-1) ==
          (snake == "start_time" ? std::int64_t{19723} * 86400 * 1'000'000'000 : -1));
    CHECK(r.filter == (snake == "filter" ? value : ""));
    CHECK(r.start_from_head == (snake == "start_from_head"));
    CHECK(r.read_mask == (snake == "read_mask" ? value : ""));
    CHECK(r.ranks.empty());
  }
}

TEST_CASE("unknown logs parameters are ignored", "[mock][logs]") {
  const LogsRequest r = MustParse(
      {{"rank", "x"}, {"PageSize", "x"}, {"orderBy", "x"}, {"filter", "eval"}, {"$alt", "json"}});
  CHECK(r.page_size == 0);
  CHECK(r.ranks.empty());
  CHECK(r.filter == "eval");
}

TEST_CASE("a singular logs parameter given twice under either spelling is an error",
          "[mock][logs]") {
  const auto [first, second, canonical] = GENERATE(table<std::string, std::string, std::string>({
      {"pageSize", "page_size", "page_size"},
      {"page_size", "page_size", "page_size"},
      {"pageToken", "page_token", "page_token"},
      {"startTime", "start_time", "start_time"},
      {"startTime", "startTime", "start_time"},
      {"filter", "filter", "filter"},
      {"startFromHead", "start_from_head", "start_from_head"},
      {"start_from_head", "start_from_head", "start_from_head"},
      {"readMask", "read_mask", "read_mask"},
  }));
  CAPTURE(first, second);
  const std::string value = canonical == "start_time" ? "2024-01-01T00:00:00Z" : "1";
  const fwmock::Result<LogsRequest> r =
      ParseLogsRequest({{first, value}, {"ranks", "0"}, {second, value}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == aipfilter::StatusCode::kInvalidArgument);
  CHECK(r.status().message() == "too many values for field \"" + canonical + "\"");
}

TEST_CASE("ranks take repeated keys and count duplicates once", "[mock][logs]") {
  CHECK(MustParse({{"ranks", "0"}}).ranks == std::vector<std::int32_t>{0});
  CHECK(MustParse({{"ranks", "3"}, {"filter", "x"}, {"ranks", "1"}, {"ranks", "3"}}).ranks ==
        std::vector<std::int32_t>{1, 3});
  CHECK(MustParse({{"ranks", "2147483647"}, {"ranks", "010"}}).ranks ==
        std::vector<std::int32_t>{10, 2147483647});
}

TEST_CASE("a comma-joined ranks value says to repeat the key", "[mock][logs]") {
  const auto [value, message] = GENERATE(table<std::string, std::string>({
      {"0,1", "invalid ranks: \"0,1\": repeat the key (ranks=0&ranks=1)"},
      {"2,0,5", "invalid ranks: \"2,0,5\": repeat the key (ranks=2&ranks=0&ranks=5)"},
      {"1,", "invalid ranks: \"1,\": repeat the key"},
  }));
  CAPTURE(value);
  const fwmock::Result<LogsRequest> r = ParseLogsRequest({{"ranks", "4"}, {"ranks", value}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == aipfilter::StatusCode::kInvalidArgument);
  CHECK_THAT(r.status().message(), Contains(message));
}

TEST_CASE("each rank must be a non-negative int32", "[mock][logs]") {
  const auto [value, message] = GENERATE(table<std::string, std::string>({
      {"-1", "invalid ranks: -1 is negative"},
      {"", "invalid ranks: \"\" is not a 32-bit integer"},
      {"one", "invalid ranks: \"one\" is not a 32-bit integer"},
      {"1.0", "invalid ranks: \"1.0\" is not a 32-bit integer"},
      {" 1", "invalid ranks: \" 1\" is not a 32-bit integer"},
      {"2147483648", "invalid ranks: \"2147483648\" is not a 32-bit integer"},
      {"0x1", "invalid ranks: \"0x1\" is not a 32-bit integer"},
  }));
  CAPTURE(value);
  CheckError({{"ranks", value}}, message);
}

TEST_CASE("pageSize of logs must be a non-negative int32", "[mock][logs]") {
  const auto [text, ok, expected] = GENERATE(table<std::string, bool, std::int32_t>({
      {"0", true, 0},
      {"100", true, 100},
      {"10000", true, 10000},
      {"10001", true, 10001},  // coerced by GetJobLogs, not here
      {"2147483647", true, 2147483647},
      {"+5", true, 5},
      {"2147483648", false, 0},
      {"-1", false, 0},
      {"abc", false, 0},
      {"", false, 0},
      {"+-5", false, 0},
  }));
  CAPTURE(text);
  const fwmock::Result<LogsRequest> r = ParseLogsRequest({{"pageSize", text}});
  REQUIRE(r.ok() == ok);
  if (ok) {
    CHECK(r->page_size == expected);
  } else {
    CHECK(r.status().code() == aipfilter::StatusCode::kInvalidArgument);
    CHECK_THAT(r.status().message(), Contains("invalid pageSize: "));
  }
}

TEST_CASE("startTime must be an RFC 3339 timestamp", "[mock][logs]") {
  const auto [text, ok, expected] = GENERATE(table<std::string, bool, std::int64_t>({
      {"1970-01-01T00:00:00Z", true, 0},
      {"1970-01-01T00:00:01.5Z", true, 1'500'000'000},
      {"1970-01-01T01:00:00+01:00", true, 0},
      {"1969-12-31T23:59:59Z", true, -1'000'000'000},
      {"2024-01-01", false, 0},
      {"yesterday", false, 0},
      {"", false, 0},
      {"1970-01-01 00:00:00Z", false, 0},
  }));
  CAPTURE(text);
  const fwmock::Result<LogsRequest> r = ParseLogsRequest({{"start_time", text}});
  REQUIRE(r.ok() == ok);
  if (ok) {
    CHECK(r->start_time == expected);
  } else {
    CHECK(r.status().code() == aipfilter::StatusCode::kInvalidArgument);
    CHECK_THAT(r.status().message(), Contains("invalid startTime: \"" + text + "\""));
  }
}

TEST_CASE("startFromHead takes the booleans of Go's ParseBool", "[mock][logs]") {
  const auto [text, ok, expected] = GENERATE(table<std::string, bool, bool>({
      {"1", true, true},
      {"t", true, true},
      {"T", true, true},
      {"TRUE", true, true},
      {"true", true, true},
      {"True", true, true},
      {"0", true, false},
      {"f", true, false},
      {"F", true, false},
      {"FALSE", true, false},
      {"false", true, false},
      {"False", true, false},
      {"", false, false},
      {"yes", false, false},
      {"tRUE", false, false},
      {"2", false, false},
      {" true", false, false},
  }));
  CAPTURE(text);
  const fwmock::Result<LogsRequest> r = ParseLogsRequest({{"startFromHead", text}});
  REQUIRE(r.ok() == ok);
  if (ok) {
    CHECK(r->start_from_head == expected);
  } else {
    CHECK(r.status().code() == aipfilter::StatusCode::kInvalidArgument);
    CHECK_THAT(r.status().message(), Contains("invalid startFromHead: \"" + text + "\""));
  }
}

TEST_CASE("the logs readMask names entry fields in either spelling", "[mock][logs]") {
  const auto [text, log_time, message, rank, canonical] =
      GENERATE(table<std::string, bool, bool, bool, std::string>({
          {"", true, true, true, ""},
          {"*", true, true, true, ""},
          {" * ", true, true, true, ""},
          {"log_time", true, false, false, "log_time"},
          {"logTime", true, false, false, "log_time"},
          {"rank, message", false, true, true, "message,rank"},
          {"message,logTime,rank", true, true, true, ""},
          {"rank,rank", false, false, true, "rank"},
      }));
  CAPTURE(text);
  const fwmock::Result<LogsMask> mask = ParseLogsMask(text);
  REQUIRE(mask.ok());
  CHECK(mask->log_time == log_time);
  CHECK(mask->message == message);
  CHECK(mask->rank == rank);
  CHECK(mask->Canonical() == canonical);
  CHECK(MustParse({{"readMask", text}}).read_mask == text);
}

TEST_CASE("a bad logs readMask is an error", "[mock][logs]") {
  const auto [text, message] = GENERATE(table<std::string, std::string>({
      {"x", "invalid readMask: unknown field \"x\""},
      {"rank,logtime", "invalid readMask: unknown field \"logtime\""},
      {"entries.rank", "invalid readMask: unknown field \"entries.rank\""},
      {"name", "invalid readMask: unknown field \"name\""},
      {"rank,*", "invalid readMask: \"*\" cannot be combined with other paths"},
      {"rank,,message", "invalid readMask: empty path"},
  }));
  CAPTURE(text);
  const fwmock::Result<LogsMask> mask = ParseLogsMask(text);
  REQUIRE_FALSE(mask.ok());
  CHECK(mask.status().code() == aipfilter::StatusCode::kInvalidArgument);
  CHECK(mask.status().message() == message);
  CheckError({{"read_mask", text}}, message);
}

}  // namespace
}  // namespace fwmock_test
