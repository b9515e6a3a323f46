#include "body_json.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

using Catch::Matchers::Contains;
using nlohmann::json;

namespace fwmock_test {
namespace {

using aipfilter::StatusCode;
using fwmock::ParseBodyObject;

std::string ErrorOf(const std::string& text) {
  const aipfilter::Result<json> parsed = ParseBodyObject(text);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.status().code() == StatusCode::kInvalidArgument);
  return parsed.status().message();
}

std::string Nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

TEST_CASE("an empty or all-whitespace body is the empty object", "[mock][body_json]") {
  const std::string text = GENERATE(as<std::string>{}, "", " ", "\r\n\t ");
  CAPTURE(text);
  const aipfilter::Result<json> parsed = ParseBodyObject(text);
  REQUIRE(parsed.ok());
  CHECK(*parsed == json::object());
}

TEST_CASE("a body parses to its object", "[mock][body_json]") {
  const aipfilter::Result<json> parsed =
      ParseBodyObject(R"( {"a": [1, {"b": null}], "c": {"d": "\u00e9"}, "e": {}} )");
  REQUIRE(parsed.ok());
  CHECK(*parsed ==
        json({{"a", {1, {{"b", nullptr}}}}, {"c", {{"d", "\xC3\xA9"}}}, {"e", json::object()}}));
}

TEST_CASE("a body that is not an object names what it is", "[mock][body_json]") {
  const auto [text, type] = GENERATE(table<std::string, std::string>({
      {"[]", "array"},
      {"[{}]", "array"},
      {"5", "number"},
      {R"("job")", "string"},
      {"null", "null"},
      {"true", "boolean"},
  }));
  CAPTURE(text);
  CHECK(ErrorOf(text) == "expected a JSON object, got " + type);
}

TEST_CASE("malformed JSON gives the byte offset where the parser stopped", "[mock][body_json]") {
  const auto [text, offset, what] = GENERATE(table<std::string, std::size_t, std::string>({
      {"{", 1, "unexpected end of input"},
      {"nope", 1, "invalid literal"},
      {R"({"a" 1})", 5, "expected ':'"},
      {R"({"a": 1,})", 8, "expected string literal"},
      {R"({"a": 1} 7)", 9, "expected end of input"},
      {R"({"a": [1, ]})", 10, "unexpected ']'"},
      {"{\"a\": \"x\ny\"}", 8, "control character U+000A"},
      {"{\"a\": \"\xFF\"}", 7, "ill-formed UTF-8 byte"},
      {R"({"a": 1e400})", 10, "number overflow"},
  }));
  CAPTURE(text);
  const std::string message = ErrorOf(text);
  CHECK_THAT(message, Contains("invalid JSON: "));
  CHECK_THAT(message, Contains(what));
  CHECK_THAT(message, Contains(" at offset " + std::to_string(offset)));
  CHECK_THAT(message, !Contains("json.exception") && !Contains("line 1"));
}

TEST_CASE("a parse error does not echo the text it last read", "[mock][body_json]") {
  const std::string text = "{\"a\": \"" + std::string(10000, 'x') + "\n\"}";
  const std::string message = ErrorOf(text);
  CHECK_THAT(message, Contains("at offset 10007"));
  CHECK(message.size() < 300);
}

TEST_CASE("bodies nest at most 64 levels, counting the object", "[mock][body_json]") {
  CHECK(ParseBodyObject(R"({"a":)" + Nested(63) + "}").ok());
  CHECK(ErrorOf(R"({"a":)" + Nested(64) + "}") ==
        "invalid JSON: nesting deeper than 64 levels at offset 68");
  CHECK(ErrorOf(R"({"a":)" + Nested(100000) + "}") ==
        "invalid JSON: nesting deeper than 64 levels at offset 68");
  CHECK(ParseBodyObject(R"({"a":{"b":{}}})", 2).status().message() ==
        "invalid JSON: nesting deeper than 2 levels at offset 10");
}

TEST_CASE("brackets inside strings do not count as nesting", "[mock][body_json]") {
  const std::string deep_text = std::string(100, '[') + "\\\"{" + std::string(100, '{');
  const aipfilter::Result<json> parsed = ParseBodyObject(R"({"a": ")" + deep_text + R"("})");
  REQUIRE(parsed.ok());
  CHECK(parsed->at("a").get<std::string>().size() == 202);
}

TEST_CASE("a key given twice in one object is refused by its path", "[mock][body_json]") {
  const auto [text, path] = GENERATE(table<std::string, std::string>({
      {R"({"a": 1, "a": 2})", "a"},
      {R"({"a": 1, "b": {"c": 1, "c": null}})", "b.c"},
      {R"({"x": [0, {"y": [{"z": 1, "z": 1}]}]})", "x[1].y[0].z"},
      {R"({"k\"q": 1, "k\"q": 2})", "k\\\"q"},
  }));
  CAPTURE(text);
  CHECK(ErrorOf(text) == "invalid JSON: key \"" + path + "\" given twice");
}

TEST_CASE("the same key in different objects is no duplicate", "[mock][body_json]") {
  const aipfilter::Result<json> parsed =
      ParseBodyObject(R"({"a": {"a": 1}, "b": [{"a": 2}, {"a": 3}]})");
  REQUIRE(parsed.ok());
  CHECK(parsed->at("b").at(1).at("a") == 3);
}

}  // namespace
}  // namespace fwmock_test
