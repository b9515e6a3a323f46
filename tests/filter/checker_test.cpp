#include <catch2/catch.hpp>

#include <cstddef>
#include <string>

#include "aipfilter/checker.h"
#include "aipfilter/parser.h"
#include "test_schema.h"

using Catch::Matchers::Contains;

namespace aipfilter_test {
namespace {

using aipfilter::Compile;
using aipfilter::StatusCode;

void RequireCompiles(const std::string& filter) {
  CAPTURE(filter);
  const aipfilter::Result<aipfilter::Program> program = Compile(filter, TestSchema());
  INFO(program.status().Describe());
  CHECK(program.ok());
}

void RequireRejected(const std::string& filter, std::size_t offset, const std::string& message) {
  CAPTURE(filter, offset, message);
  const aipfilter::Result<aipfilter::Program> program = Compile(filter, TestSchema());
  REQUIRE_FALSE(program.ok());
  INFO(program.status().Describe());
  CHECK(program.status().code() == StatusCode::kInvalidArgument);
  CHECK(program.status().offset() == offset);
  CHECK_THAT(program.status().message(), Contains(message));
}

TEST_CASE("literals of every scalar type compile", "[filter][checker]") {
  RequireCompiles(GENERATE(values<std::string>({
      "title = hello",
      "title = \"hello world\"",
      "title = 'single quoted'",
      "title=hello",
      "title =hello",
      "title < b",
      "title >= \"\"",
      "title:hello",
      "count = 3",
      "count = -1",
      "count > -1",
      "count = \"3\"",
      "count = '3'",
      "count = 2.5",
      "count >= 2.997e9",
      "count:3",
      "count != 0",
      "ratio = 2.5",
      "ratio = -0.5",
      "ratio < 1e-3",
      "ratio <= -2.5e-3",
      "ratio > 2.997e9",
      "ratio = '2.5'",
      "ratio = 3",
      "active = true",
      "active != false",
      "active = \"true\"",
      "active:false",
      "phase = LIVE",
      "phase = \"LIVE\"",
      "phase != 'DONE'",
      "phase:DRAFT",
      "phase = PHASE_UNSPECIFIED",
  })));
}

TEST_CASE("quoted timestamps with any UTC offset compile", "[filter][checker]") {
  RequireCompiles(GENERATE(values<std::string>({
      "created > \"2024-01-02T03:04:05Z\"",
      "created = '2024-01-02T03:04:05.123456789+02:00'",
      "created <= \"2024-01-01T22:34:05-04:30\"",
      "created != \"2024-01-02T03:04:05.5Z\"",
      "created >= \"2024-01-02T03:04:05+00:00\"",
      "owner.since < \"1970-01-01T00:00:00Z\"",
  })));
}

TEST_CASE("maps, repeated fields and messages compile with the has operator", "[filter][checker]") {
  RequireCompiles(GENERATE(values<std::string>({
      "labels:env",
      "labels:\"example.com/owner\"",
      "labels.env:*",
      "labels.env = prod",
      "labels.env != prod",
      "labels.env < m",
      "labels.env >= m",
      "labels.env:prod",
      "labels.env:pro*",
      "labels.\"example.com/owner\" = alice",
      "labels.\"example.com/owner\":*",
      "labels.'a b':*",
      "labels.AND:*",
      "labels.displayName = x",
      "tags:nightly",
      "tags:\"night*\"",
      "tags:\"*ly\"",
      "owner:email",
      "owner:level",
      "owner:since",
      "owner.email = \"a@b.c\"",
      "owner.level >= 2",
      "owner.email:*",
  })));
}

TEST_CASE("presence compiles on every type", "[filter][checker]") {
  RequireCompiles(GENERATE(values<std::string>({
      "title:*",
      "count:*",
      "ratio:*",
      "active:*",
      "phase:*",
      "created:*",
      "labels:*",
      "tags:*",
      "owner:*",
      "display_name:*",
      "displayName:*",
      "owner.email:*",
      "owner.level:*",
      "owner.since:*",
  })));
}

TEST_CASE("snake_case and camelCase field names both compile", "[filter][checker]") {
  RequireCompiles(GENERATE(values<std::string>({
      "display_name = x",
      "displayName = x",
      "displayName:\"x*\"",
      "NOT displayName:*",
      "retry_count > 1",
      "retryCount > 1",
      "retryCount:*",
      "owner.full_name = x",
      "owner.fullName = x",
      "owner:fullName",
      "owner:full_name",
  })));
}

TEST_CASE("wildcards, bare words and logic compile", "[filter][checker]") {
  RequireCompiles(GENERATE(values<std::string>({
      "title = \"*\"",
      "title = hello*",
      "title = \"*lo\"",
      "title = \"*l*\"",
      "title != \"he*lo\"",
      "nightly",
      "\"two words\"",
      "example.com",
      "nightly and gpu",
      "nightly AND gpu OR cpu",
      "NOT active = true",
      "-active = true",
      "-nightly",
      "count > -1 -nightly",
      "(count = 1 OR count = 2) AND title:x",
      std::string(64, '(') + "a" + std::string(64, ')'),
      "NOT (tags:* OR owner:*)",
  })));
}

TEST_CASE("an empty filter compiles and matches everything", "[filter][checker]") {
  const std::string filter = GENERATE(values<std::string>({"", " ", " \t\r\n"}));
  CAPTURE(filter);
  const aipfilter::Result<aipfilter::Program> program = Compile(filter, TestSchema());
  REQUIRE(program.ok());
  CHECK(program->matches_everything());
}

TEST_CASE("a non-empty filter does not match everything", "[filter][checker]") {
  const aipfilter::Result<aipfilter::Program> program = Compile("title:*", TestSchema());
  REQUIRE(program.ok());
  CHECK_FALSE(program->matches_everything());
}

TEST_CASE("unknown fields are rejected at the bad segment", "[filter][checker]") {
  auto [filter, offset, message] = GENERATE(table<std::string, std::size_t, std::string>({
      {"colour = red", 0, "unknown field \"colour\""},
      {"colour:*", 0, "unknown field \"colour\""},
      {"owner.colour = red", 6, "unknown field"},
      {"owner.colour:*", 6, "colour\""},
      {"owner.colour.x = 1", 6, "unknown field"},
      {"owner:colour", 6, "colour"},
      {"retrycount = 1", 0, "unknown field \"retrycount\""},
      {"RetryCount = 1", 0, "unknown field \"RetryCount\""},
      {"owner.fullname = x", 6, "unknown field"},
      {"count = 1 OR bogus = 2", 13, "unknown field \"bogus\""},
      {"NOT bogus:*", 4, "unknown field \"bogus\""},
      {"-bogus:*", 1, "unknown field \"bogus\""},
      {"title:x (count = 1 OR bogus < 3)", 22, "unknown field \"bogus\""},
  }));
  RequireRejected(filter, offset, message);
}

TEST_CASE("function calls are rejected because none are defined", "[filter][checker]") {
  auto [filter, offset, message] = GENERATE(table<std::string, std::size_t, std::string>({
      {"f(x)", 0, "unknown function \"f\""},
      {"f()", 0, "unknown function \"f\""},
      {"f(title)", 0, "unknown function \"f\""},
      {"count = 1 OR f(title)", 13, "unknown function \"f\""},
      {"count = 1 AND NOT f(x)", 18, "unknown function \"f\""},
      {"math.max(count)", 0, "unknown function"},
      {"title = f(x)", 8, "function"},
  }));
  RequireRejected(filter, offset, message);
}

TEST_CASE("a literal on the left or a parenthesized argument is rejected", "[filter][checker]") {
  auto [filter, offset, message] = GENERATE(table<std::string, std::size_t, std::string>({
      {"1 > 0", 0, "expected a field on the left of \">\", found the literal \"1\""},
      {"2.5 < ratio", 0, "expected a field on the left of \"<\""},
      {"count > 1 AND 3 = count", 14,
       "expected a field on the left of \"=\", found the literal \"3\""},
      {"phase = (LIVE OR DONE)", 8, "a parenthesized argument is not supported"},
      {"count > (1)", 8, "a parenthesized argument is not supported"},
      {"title = (a b)", 8, "a parenthesized argument is not supported"},
  }));
  RequireRejected(filter, offset, message);
}

TEST_CASE("a literal of the wrong type is rejected", "[filter][checker]") {
  auto [filter, offset, message] = GENERATE(table<std::string, std::size_t, std::string>({
      {"count = hello", 8, "field \"count\" expects a number, got \"hello\""},
      {"count = \"abc\"", 8, "field \"count\" expects a number, got \"abc\""},
      {"count = true", 8, "field \"count\" expects a number, got \"true\""},
      {"count > 1x", 8, "expects a number, got \"1x\""},
      {"ratio = abc", 8, "field \"ratio\" expects a number, got \"abc\""},
      {"ratio = nan", 8, "field \"ratio\" expects a number, got \"nan\""},
      {"ratio = inf", 8, "field \"ratio\" expects a number, got \"inf\""},
      {"count = 0x10", 8, "field \"count\" expects a number, got \"0x10\""},
      {"count = \"\"", 8, "field \"count\" expects a number, got \"\""},
      {"owner.level > x", 14, "expects a number, got \"x\""},
      {"active = yes", 9, "yes"},
      {"active = 1", 9, "active"},
      {"active = TRUE", 9, "TRUE"},
      {"phase = live", 8, "enum field \"phase\" has no value \"live\""},
      {"phase = \"Live\"", 8, "enum field \"phase\" has no value \"Live\""},
      {"phase = 2", 8, "enum field \"phase\" has no value \"2\""},
      {"phase:RUNNING", 6, "enum field \"phase\" has no value \"RUNNING\""},
  }));
  RequireRejected(filter, offset, message);
}

TEST_CASE("a comparator the field type does not define is rejected", "[filter][checker]") {
  auto [filter, offset, message] = GENERATE(table<std::string, std::size_t, std::string>({
      {"active < true", 7, "\"<\" is not defined for bool field \"active\""},
      {"active >= false", 7, "\">=\" is not defined for bool field \"active\""},
      {"phase > LIVE", 6, "\">\" is not defined for enum field \"phase\""},
      {"phase <= DONE", 6, "\"<=\" is not defined"},
      {"labels = x", 7, "\"=\" is not defined"},
      {"labels != x", 7, "\"!=\" is not defined"},
      {"labels < x", 7, "\"<\" is not defined"},
      {"tags = nightly", 5, "\"=\" is not defined"},
      {"tags > a", 5, "\">\" is not defined"},
      {"owner = x", 6, "\"=\" is not defined"},
      {"owner != x", 6, "\"!=\" is not defined"},
  }));
  RequireRejected(filter, offset, message);
}

TEST_CASE("a timestamp literal must be a quoted RFC 3339 date-time", "[filter][checker]") {
  auto [filter, offset, message] = GENERATE(table<std::string, std::size_t, std::string>({
      {"created > 2024-01-02", 10, "created"},
      {"created = 5", 10, "created"},
      {"created > \"2024-13-01T00:00:00Z\"", 10, "created"},
      {"created > \"yesterday\"", 10, "created"},
      {"created < \"2024-01-02\"", 10, "created"},
      {"created = \"2024-01-02T03:04:05\"", 10, "created"},
      {"owner.since > \"soon\"", 14, "since"},
  }));
  RequireRejected(filter, offset, message);
}

TEST_CASE("the has operator with a value is rejected on a timestamp", "[filter][checker]") {
  auto [filter, offset, message] = GENERATE(table<std::string, std::size_t, std::string>({
      {"created:\"2024-01-02T03:04:05Z\"", 7, "created"},
      {"owner.since:\"2024-01-02T03:04:05Z\"", 11, "since"},
  }));
  RequireRejected(filter, offset, message);
}

TEST_CASE("traversal through a repeated field, into a scalar or past a map key is rejected",
          "[filter][checker]") {
  auto [filter, offset, message] = GENERATE(table<std::string, std::size_t, std::string>({
      {"tags.0 = x", 5, "tags"},
      {"tags.first:x", 5, "tags"},
      {"count.x = 1", 6, "count"},
      {"title.length > 1", 6, "title"},
      {"created.seconds > 1", 8, "created"},
      {"owner.email.domain = x", 12, "email"},
      {"labels.env.x = y", 11, "labels"},
      {"labels.a.b:*", 9, "labels"},
  }));
  RequireRejected(filter, offset, message);
}

TEST_CASE("syntax errors and limits surface through Compile", "[filter][checker]") {
  auto [filter, offset, message] = GENERATE(table<std::string, std::size_t, std::string>({
      {"count = ", 8, "expected a value after \"=\""},
      {"title AND", 9, "expected an expression after \"AND\""},
      {"(title", 6, "expected \")\""},
      {"title )", 6, "unexpected \")\""},
      {std::string(8193, 'a'), 8192, "filter is 8193 bytes long, more than the limit of 8192"},
      {"NOT(active = true)", 3, "\"NOT\""},
      {std::string(65, '(') + "a" + std::string(65, ')'), 64,
       "filter nests parentheses deeper than the limit of 64"},
  }));
  RequireRejected(filter, offset, message);
}

TEST_CASE("Check checks a parsed filter against the schema", "[filter][checker]") {
  const aipfilter::Result<aipfilter::Ast> good = aipfilter::Parse("owner.level > 1");
  REQUIRE(good.ok());
  CHECK(aipfilter::Check(*good, TestSchema()).ok());

  const aipfilter::Result<aipfilter::Ast> bad = aipfilter::Parse("count = 1 OR colour = red");
  REQUIRE(bad.ok());
  const aipfilter::Result<aipfilter::Program> program = aipfilter::Check(*bad, TestSchema());
  REQUIRE_FALSE(program.ok());
  CHECK(program.status().code() == StatusCode::kInvalidArgument);
  CHECK(program.status().offset() == 13);
  CHECK(program.status().message() == "unknown field \"colour\"");
}

TEST_CASE("Compile honours the parse options it is given", "[filter][checker]") {
  aipfilter::ParseOptions options;
  options.max_length = 10;
  const aipfilter::Result<aipfilter::Program> program =
      Compile("title = abcdef", TestSchema(), options);
  REQUIRE_FALSE(program.ok());
  CHECK(program.status().offset() == 10);
  CHECK(program.status().message() == "filter is 14 bytes long, more than the limit of 10");
  CHECK(Compile("title = a", TestSchema(), options).ok());
}

}  // namespace
}  // namespace aipfilter_test
