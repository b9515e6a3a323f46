// Tests of the strict reading of a parsed filter (bare_words.h): bare words are errors at their
// offset, and a keyword typed in lower case is named with the keyword to write.

#include "aipfilter/bare_words.h"

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <tuple>

#include "aipfilter/parser.h"

using Catch::Matchers::Equals;

namespace aipfilter {
namespace {

Status Strict(const std::string& filter) {
  const Result<Ast> ast = Parse(filter);
  REQUIRE(ast.ok());
  return RejectBareWords(*ast);
}

TEST_CASE("Filters of restrictions only pass the strict reading", "[filter][bare_words]") {
  const std::string filter = GENERATE(values<std::string>({
      "",
      "   ",
      "state = RUNNING",
      "state = RUNNING AND num_ranks >= 2",
      "state = RUNNING num_ranks >= 2",
      "a = 1 OR b = 2",
      "NOT a = 1",
      "-a = 1",
      "(a = 1 OR b:x) AND c.d != \"and\"",
      "annotations:team",
      "f(x)",
  }));
  CAPTURE(filter);
  const Status status = Strict(filter);
  INFO(status.Describe());
  CHECK(status.ok());
}

TEST_CASE("A bare word is rejected at its offset, lower-case keywords first with a hint",
          "[filter][bare_words]") {
  using Row = std::tuple<std::string, std::size_t, std::string>;
  const auto [filter, offset, message] = GENERATE(table<std::string, std::size_t, std::string>({
      Row{"state = RUNNING and num_ranks >= 2", 16,
          "bare word \"and\": write AND to combine restrictions"},
      Row{"a = 1 or b = 2", 6, "bare word \"or\": write OR to match either restriction"},
      Row{"not a = 1", 0, "bare word \"not\": write NOT to negate a restriction"},
      Row{"a = 1 And b = 2", 6, "bare word \"And\": write AND to combine restrictions"},
      Row{"hello", 0, "bare word \"hello\": strict filters need a field, a comparator and a value"},
      Row{"a = 1 \"hello world\"", 6,
          "bare word \"hello world\": strict filters need a field, a comparator and a value"},
      Row{"a = 1 x.y", 6,
          "bare word \"x.y\": strict filters need a field, a comparator and a value"},
      Row{"foo and bar", 4, "bare word \"and\": write AND to combine restrictions"},
      Row{"a = 1 OR (b = 2 -word)", 17,
          "bare word \"word\": strict filters need a field, a comparator and a value"},
      Row{"a = 1 \"and\"", 6,
          "bare word \"and\": strict filters need a field, a comparator and a value"},
  }));
  CAPTURE(filter);
  const Status status = Strict(filter);
  CHECK(status.code() == StatusCode::kInvalidArgument);
  CHECK(status.offset() == offset);
  CHECK_THAT(status.message(), Equals(message));
}

}  // namespace
}  // namespace aipfilter
