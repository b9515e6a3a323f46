// Tests of backslash escapes in STRING tokens, through the parser. The set is CEL's and
// GoogleSQL's, as einride/aip-go's filtering/unescape.go reads it: \a \b \f \n \r \t \v \\ \' \"
// \` \?, \xHH (or \XHH), \uHHHH, \UHHHHHHHH and octal \[0-3][0-7][0-7]. \x and octal escapes are
// code points U+0000 to U+00FF, so \xff is "ÿ" (C3 BF), as in CEL string literals.

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>

#include "aipfilter/ast.h"
#include "aipfilter/parser.h"
#include "aipfilter/status.h"

namespace aipfilter {
namespace {

using Catch::Matchers::Contains;

TEST_CASE("String escapes resolve to UTF-8 in the AST", "[filter][escape]") {
  auto [filter, text] = GENERATE(table<std::string, std::string>({
      {R"(a = "\"")", "\""},
      {R"(a = '\'')", "'"},
      {R"(a = "\'")", "'"},
      {R"(a = '\"')", "\""},
      {R"(a = "\\")", "\\"},
      {R"(a = "\a")", "\a"},
      {R"(a = "\b")", "\b"},
      {R"(a = "\f")", "\f"},
      {R"(a = "\n")", "\n"},
      {R"(a = "\r")", "\r"},
      {R"(a = "\t")", "\t"},
      {R"(a = "\v")", "\v"},
      {R"(a = "\`")", "`"},
      {R"(a = "\?")", "?"},
      {R"(a = "x\ty\nz")", "x\ty\nz"},
      {R"(a = "\x41")", "A"},
      {R"(a = "\X41")", "A"},
      {R"(a = "\x4a\x4A")", "JJ"},
      {R"(a = "\x414")", "A4"},
      {R"(a = "\x00")", std::string(1, '\0')},
      {R"(a = "\x7f")", "\x7f"},
      {R"(a = "\x80")", "\xc2\x80"},
      {R"(a = "\xff")", "\xc3\xbf"},
      {R"(a = "\101")", "A"},
      {R"(a = "\000")", std::string(1, '\0')},
      {R"(a = "\0777")", "?7"},
      {R"(a = "\377")", "\xc3\xbf"},
      {R"(a = "\303\277")", "\xc3\x83\xc2\xbf"},
      {R"(a = "\u0041")", "A"},
      {R"(a = "\u00e9")", "\xc3\xa9"},
      {R"(a = "\u00E9")", "\xc3\xa9"},
      {R"(a = "\u263A")", "\xe2\x98\xba"},
      {R"(a = "\uffff")", "\xef\xbf\xbf"},
      {R"(a = "\u12345")",
       "\xe1\x88\xb4"
       "5"},
      {R"(a = "\ud83d\ude00")", "\xf0\x9f\x98\x80"},
      {R"(a = "x\uD83D\uDE00y")", "x\xf0\x9f\x98\x80y"},
      {R"(a = "\U00000041")", "A"},
      {R"(a = "\U0001F680")", "\xf0\x9f\x9a\x80"},
      {R"(a = "\U0001f680!")", "\xf0\x9f\x9a\x80!"},
      {R"(a = "\U0010FFFF")", "\xf4\x8f\xbf\xbf"},
      {R"(a = "\U0000E000")", "\xee\x80\x80"},
      {R"(a = '\x27')", "'"},
      {"a = \"caf\xc3\xa9\"", "caf\xc3\xa9"},
      {R"(a = "*")", "*"},
  }));
  CAPTURE(filter);
  Result<Ast> ast = Parse(filter);
  INFO(ast.status().Describe());
  REQUIRE(ast.ok());
  REQUIRE(ast->root.kind == Expr::Kind::kCompare);
  const Value& value = ast->root.children.at(1).path.at(0);
  CHECK(value.text == text);
  CHECK(value.quoted);
}

TEST_CASE("Escapes also resolve in quoted field segments and bare strings", "[filter][escape]") {
  Result<Ast> ast = Parse(R"(m."\x41\U0001F680":"\101")");
  INFO(ast.status().Describe());
  REQUIRE(ast.ok());
  CHECK(ast->root.children.at(0).path.at(1).text == "A\xf0\x9f\x9a\x80");
  CHECK(ast->root.children.at(1).path.at(0).text == "A");
}

TEST_CASE("Invalid escapes are errors at the backslash that name the escape", "[filter][escape]") {
  // Rows: filter, offset of the backslash, the message (asserted with Contains).
  auto [filter, offset, message] = GENERATE(table<std::string, std::size_t, std::string>({
      {R"(a = "\q")", 5, R"(invalid escape sequence "\q")"},
      {R"(a = "\/")", 5, R"(invalid escape sequence "\/")"},
      {R"(a = "\ ")", 5, R"(invalid escape sequence "\ ")"},
      {"a = \"\\\xc3\xa9\"", 5, "invalid escape sequence \"\\\xc3\xa9\""},
      {R"(a = "\8")", 5, R"(invalid escape sequence "\8")"},
      {R"(a = "ok\q")", 7, R"(invalid escape sequence "\q")"},
      {R"(a = "\n\q")", 7, R"(invalid escape sequence "\q")"},
      {R"(a = "\x")", 5, R"(invalid escape sequence "\x": \x takes exactly 2 hex digits)"},
      {R"(a = "\x4")", 5, R"(invalid escape sequence "\x4": \x takes exactly 2 hex digits)"},
      {R"(a = "\x4g")", 5, R"(invalid escape sequence "\x4": \x takes exactly 2 hex digits)"},
      {R"(a = "\X4")", 5, R"(invalid escape sequence "\X4": \X takes exactly 2 hex digits)"},
      {R"(a = "\u12")", 5, R"(invalid escape sequence "\u12": \u takes exactly 4 hex digits)"},
      {R"(a = "\U0001F68")", 5,
       R"(invalid escape sequence "\U0001F68": \U takes exactly 8 hex digits)"},
      {R"(a = "\U00110000")", 5,
       R"(invalid escape sequence "\U00110000": the code point is above U+10FFFF)"},
      {R"(a = "\UFFFFFFFF")", 5,
       R"(invalid escape sequence "\UFFFFFFFF": the code point is above U+10FFFF)"},
      {R"(a = "\U0000D800")", 5,
       R"(invalid escape sequence "\U0000D800": a surrogate is not a code point)"},
      {R"(a = "\U0000DFFF")", 5,
       R"(invalid escape sequence "\U0000DFFF": a surrogate is not a code point)"},
      {R"(a = "\ud800")", 5, R"(invalid escape sequence "\ud800": unpaired surrogate)"},
      {R"(a = "\udc00")", 5, R"(invalid escape sequence "\udc00": unpaired surrogate)"},
      {R"(a = "\ud800\u0041")", 5, R"(invalid escape sequence "\ud800": unpaired surrogate)"},
      {R"(a = "\ude00\ud83d")", 5, R"(invalid escape sequence "\ude00": unpaired surrogate)"},
      {R"(a = "\ud83d\U0000DE00")", 5, R"(invalid escape sequence "\ud83d": unpaired surrogate)"},
      {R"(a = "x\ud83dy")", 6, R"(invalid escape sequence "\ud83d": unpaired surrogate)"},
      {R"(a = "\0")", 5,
       R"(invalid escape sequence "\0": octal escapes take exactly 3 digits 0-7)"},
      {R"(a = "\12")", 5,
       R"(invalid escape sequence "\12": octal escapes take exactly 3 digits 0-7)"},
      {R"(a = "\08")", 5,
       R"(invalid escape sequence "\08": octal escapes take exactly 3 digits 0-7)"},
      {R"(a = "\400")", 5,
       R"(invalid escape sequence "\400": octal escapes run from \000 to \377)"},
      {R"(a = "\777")", 5,
       R"(invalid escape sequence "\777": octal escapes run from \000 to \377)"},
      {R"(f("\q"))", 3, R"(invalid escape sequence "\q")"},
      {R"(a."\q" = 1)", 3, R"(invalid escape sequence "\q")"},
  }));
  CAPTURE(filter);
  Result<Ast> ast = Parse(filter);
  REQUIRE_FALSE(ast.ok());
  CAPTURE(ast.status().Describe());
  CHECK(ast.status().code() == StatusCode::kInvalidArgument);
  CHECK(ast.status().offset() == offset);
  CHECK_THAT(ast.status().message(), Contains(message));
}

TEST_CASE("The first invalid escape is reported before later syntax errors", "[filter][escape]") {
  Result<Ast> ast = Parse(R"(a = "\x1" ))");
  REQUIRE_FALSE(ast.ok());
  CHECK(ast.status().offset() == 5);
  CHECK_THAT(ast.status().message(), Contains(R"("\x1")"));
}

}  // namespace
}  // namespace aipfilter
