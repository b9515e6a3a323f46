// Tests of the AIP-160 parser: filter text -> AST, checked through the canonical printer and,
// where the printer cannot show it (escapes, offsets, flags), through the AST itself.
// Expected values come from filter/README.md, docs/AIP.md and the AIP-160 EBNF.

#include "aipfilter/parser.h"

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>

#include "aipfilter/ast.h"
#include "aipfilter/printer.h"
#include "aipfilter/status.h"
#include "parse_and_print.h"

namespace aipfilter {
namespace {

using Catch::Matchers::Contains;

// The first value of the argument of a restriction such as `a = "..."`.
const Value& ArgumentValue(const Ast& ast) {
  const Expr& arg = ast.root.children.at(1);
  return arg.path.at(0);
}

TEST_CASE("The EBNF comment examples parse to their canonical form", "[filter][parser]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"a b AND c AND d", "(AND a b c d)"},
      {"(a b) AND c AND d", "(AND (AND a b) c d)"},
      {"New York Giants OR Yankees", "(AND New York (OR Giants Yankees))"},
      {"New York (Giants OR Yankees)", "(AND New York (OR Giants Yankees))"},
      {"a < 10 OR a >= 100", "(OR (< a 10) (>= a 100))"},
      {"NOT (a OR b)", "(NOT (OR a b))"},
      {R"(-file:".java")", R"((NOT (: file ".java")))"},
      // README: in front of a term a leading '-' is negation, not a sign.
      {"-30", "(NOT 30)"},
      {"package=com.google", "(= package com.google)"},
      {"msg != 'hello'", R"((!= msg "hello"))"},
      {"1 > 0", "(> 1 0)"},
      {"2.5 >= 2.4", "(>= 2.5 2.4)"},
      {"yesterday < request.time", "(< yesterday request.time)"},
      {"experiment.rollout <= cohort(request.user)",
       "(<= experiment.rollout (CALL cohort request.user))"},
      {"map:key", "(: map key)"},
      {"prod", "prod"},
      {"expr.type_map.1.type", "expr.type_map.1.type"},
      {"regex(m.key, '^.*prod.*$')", R"((CALL regex m.key "^.*prod.*$"))"},
      {"math.mem('30mb')", R"((CALL math.mem "30mb"))"},
      {"(msg.endsWith('world') AND retries < 10)",
       R"((AND (CALL msg.endsWith "world") (< retries 10)))"},
  }));
  CAPTURE(filter);
  CHECK(ParseAndPrint(filter) == expected);
}

TEST_CASE("The AIP-160 page examples parse to their canonical form", "[filter][parser]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"a AND b", "(AND a b)"},
      {"a OR b OR c", "(OR a b c)"},
      {"NOT a", "(NOT a)"},
      {"-a", "(NOT a)"},
      {"a = true", "(= a true)"},
      {"a != 42", "(!= a 42)"},
      {"a < 42", "(< a 42)"},
      {R"(a > "foo")", R"((> a "foo"))"},
      {R"(a <= "foo")", R"((<= a "foo"))"},
      {"a >= 42", "(>= a 42)"},
      {R"(a = "*.foo")", R"((= a "*.foo"))"},
      {"a.b = true", "(= a.b true)"},
      {"a.b > 42", "(> a.b 42)"},
      {R"(a.b.c = "foo")", R"((= a.b.c "foo"))"},
      {"r:42", "(: r 42)"},
      {"r.foo:42", "(: r.foo 42)"},
      {"m:foo", "(: m foo)"},
      {"m.foo:*", "(: m.foo *)"},
      {"m.foo:42", "(: m.foo 42)"},
      {"Victor Hugo", "(AND Victor Hugo)"},
      {"a AND b OR c", "(AND a (OR b c))"},
      {"2.997e9", "2.997e9"},
  }));
  CAPTURE(filter);
  CHECK(ParseAndPrint(filter) == expected);
}

TEST_CASE("OR binds tighter than AND and NOT binds tightest", "[filter][parser]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"a AND b OR c", "(AND a (OR b c))"},
      {"a OR b AND c", "(AND (OR a b) c)"},
      {"a OR b c OR d", "(AND (OR a b) (OR c d))"},
      {"a OR b AND c OR d", "(AND (OR a b) (OR c d))"},
      {"a AND b OR c AND d", "(AND a (OR b c) d)"},
      {"a b OR c d", "(AND a (OR b c) d)"},
      {"NOT a OR b", "(OR (NOT a) b)"},
      {"a OR NOT b", "(OR a (NOT b))"},
      {"-a OR -b", "(OR (NOT a) (NOT b))"},
      {"NOT a b", "(AND (NOT a) b)"},
      {"NOT a AND b", "(AND (NOT a) b)"},
      {"NOT a = 1", "(NOT (= a 1))"},
      {"-a:b", "(NOT (: a b))"},
      {"NOT (a b)", "(NOT (AND a b))"},
      {"x = y z", "(AND (= x y) z)"},
      {"x=y OR z", "(OR (= x y) z)"},
      {R"(a = "x" "y")", R"((AND (= a "x") "y"))"},
  }));
  CAPTURE(filter);
  CHECK(ParseAndPrint(filter) == expected);
}

TEST_CASE("Sequences, keywords and whitespace follow the grammar", "[filter][parser]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"a b c", "(AND a b c)"},
      {"a   b", "(AND a b)"},
      {"a\tb\nc", "(AND a b c)"},
      {"a\vAND\fb", "(AND a b)"},
      {"a\r\nOR\r\nb", "(OR a b)"},
      {"a AND b AND c", "(AND a b c)"},
      {"a b AND c", "(AND a b c)"},
      {"a AND -b", "(AND a (NOT b))"},
      {"  a  ", "a"},
      {"\t\n a = 1 \r\n", "(= a 1)"},
      // Keywords are case-sensitive and whole words.
      {"a and b", "(AND a and b)"},
      {"a or b", "(AND a or b)"},
      {"not a", "(AND not a)"},
      {"a And b", "(AND a And b)"},
      {"a ANDb", "(AND a ANDb)"},
      {"ORANGE OR NOTE", "(OR ORANGE NOTE)"},
      {"a-b", "a-b"},
  }));
  CAPTURE(filter);
  CHECK(ParseAndPrint(filter) == expected);
}

TEST_CASE("Restrictions take six comparators and has, with or without whitespace",
          "[filter][parser]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"a=1", "(= a 1)"},
      {"a = 1", "(= a 1)"},
      {"a =1", "(= a 1)"},
      {"a= 1", "(= a 1)"},
      {"a\t=\n1", "(= a 1)"},
      {"a!=1", "(!= a 1)"},
      {"a != 1", "(!= a 1)"},
      {"a<1", "(< a 1)"},
      {"a<=1", "(<= a 1)"},
      {"a <= 1", "(<= a 1)"},
      {"a>1", "(> a 1)"},
      {"a>=1", "(>= a 1)"},
      {"a >= 1", "(>= a 1)"},
      {"a:1", "(: a 1)"},
      {"a : 1", "(: a 1)"},
      {"a.b:c.d", "(: a.b c.d)"},
      {"m:*", "(: m *)"},
      {"a = *foo*", "(= a *foo*)"},
      {"node_pool_id = pool-h100", "(= node_pool_id pool-h100)"},
      {R"("a" = "b")", R"((= "a" "b"))"},
  }));
  CAPTURE(filter);
  CHECK(ParseAndPrint(filter) == expected);
}

TEST_CASE("Members, composites and function calls parse", "[filter][parser]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"a.b.c", "a.b.c"},
      {R"(annotations."example.com/owner" = "alice")",
       R"((= annotations."example.com/owner" "alice"))"},
      {"annotations.'x y':*", R"((: annotations."x y" *))"},
      {R"("a b".c)", R"("a b".c)"},
      {"a.AND = 1", "(= a.AND 1)"},
      {"a.OR:x", "(: a.OR x)"},
      {"a.NOT", "a.NOT"},
      {"a.b.AND.c", "a.b.AND.c"},
      {"(a)", "a"},
      {"((a))", "a"},
      {"( a )", "a"},
      {"(a OR b) c", "(AND (OR a b) c)"},
      {"a AND (b OR c)", "(AND a (OR b c))"},
      {"state = (A OR B)", "(= state (OR A B))"},
      {"a = (b)", "(= a b)"},
      {"f()", "(CALL f)"},
      {"f(a)", "(CALL f a)"},
      {R"(f(a, 1, "x y"))", R"((CALL f a 1 "x y"))"},
      {"f(a,b)", "(CALL f a b)"},
      {"f( a , b )", "(CALL f a b)"},
      {"f(a.b)", "(CALL f a.b)"},
      {"a.b.c(d)", "(CALL a.b.c d)"},
      {"f(g(x))", "(CALL f (CALL g x))"},
      {"f((a OR b))", "(CALL f (OR a b))"},
      {"x = f(1)", "(= x (CALL f 1))"},
      {"f(x) = 1", "(= (CALL f x) 1)"},
      {"NOT f()", "(NOT (CALL f))"},
      {"m.AND(x)", "(CALL m.AND x)"},
      {"m.OR()", "(CALL m.OR)"},
      {"math.NOT(a, b)", "(CALL math.NOT a b)"},
  }));
  CAPTURE(filter);
  CHECK(ParseAndPrint(filter) == expected);
}

TEST_CASE("Strings, numbers and raw UTF-8 parse", "[filter][parser]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {R"(a = "two words")", R"((= a "two words"))"},
      {"a = 'two words'", R"((= a "two words"))"},
      {R"(a = "")", R"((= a ""))"},
      {R"(a = "it's")", R"((= a "it's"))"},
      {R"(a = 'say "hi"')", R"((= a "say \"hi\""))"},
      {R"(a = "x\"y")", R"((= a "x\"y"))"},
      {R"(a = 'x\\y')", R"((= a "x\\y"))"},
      {R"(a = "a.b")", R"((= a "a.b"))"},
      {R"("two words")", R"("two words")"},
      {R"(t > "2012-04-21T11:30:00-04:00")", R"((> t "2012-04-21T11:30:00-04:00"))"},
      {"a > -1", "(> a -1)"},
      {"a >= -0.5", "(>= a -0.5)"},
      {"a = 2.5", "(= a 2.5)"},
      {"a = 1e10", "(= a 1e10)"},
      {"a = 2.997e9", "(= a 2.997e9)"},
      {"a = -2.5e-3", "(= a -2.5e-3)"},
      {"a = -b", "(= a -b)"},
      {R"(a = "x".y)", R"((= a "x".y))"},
      {"a/b@c#d%e", "a/b@c#d%e"},
      {"x[0]", "x[0]"},
      // U+00A0 is not whitespace, so it is part of the word.
      {"a\302\240b", "a\302\240b"},
      {"café", "café"},
      {"名前 = \"日本\"", "(= 名前 \"日本\")"},
      {"a = 😀", "(= a 😀)"},
      {"a:'über'", "(: a \"über\")"},
  }));
  CAPTURE(filter);
  CHECK(ParseAndPrint(filter) == expected);
}

TEST_CASE("An empty or all-whitespace filter has no root", "[filter][parser]") {
  std::string filter = GENERATE(as<std::string>{}, "", " ", "   ", "\t\r\n\f\v ");
  CAPTURE(filter);
  Result<Ast> ast = Parse(filter);
  REQUIRE(ast.ok());
  CHECK(ast->empty);
  CHECK(Print(*ast).empty());
}

TEST_CASE("The AST records kinds, comparators and values", "[filter][parser]") {
  SECTION("a restriction") {
    Result<Ast> ast = Parse("a.b != pool-h100");
    REQUIRE(ast.ok());
    CHECK_FALSE(ast->empty);
    const Expr& root = ast->root;
    REQUIRE(root.kind == Expr::Kind::kCompare);
    CHECK(root.op == Comparator::kNe);
    REQUIRE(root.children.size() == 2);
    CHECK(root.children[0].kind == Expr::Kind::kMember);
    REQUIRE(root.children[0].path.size() == 2);
    CHECK(root.children[0].path[0].text == "a");
    CHECK(root.children[0].path[1].text == "b");
    CHECK(root.children[1].kind == Expr::Kind::kMember);
    CHECK(ArgumentValue(*ast).text == "pool-h100");
    CHECK_FALSE(ArgumentValue(*ast).quoted);
  }
  SECTION("a qualified call") {
    Result<Ast> ast = Parse("math.mem('30mb', x)");
    REQUIRE(ast.ok());
    const Expr& root = ast->root;
    REQUIRE(root.kind == Expr::Kind::kCall);
    REQUIRE(root.path.size() == 2);
    CHECK(root.path[0].text == "math");
    CHECK(root.path[1].text == "mem");
    REQUIRE(root.children.size() == 2);
    CHECK(root.children[0].path.at(0).text == "30mb");
    CHECK(root.children[0].path.at(0).quoted);
    CHECK_FALSE(root.children[1].path.at(0).quoted);
  }
  SECTION("a quoted segment keeps its dots") {
    Result<Ast> ast = Parse(R"(annotations."example.com/owner")");
    REQUIRE(ast.ok());
    REQUIRE(ast->root.kind == Expr::Kind::kMember);
    REQUIRE(ast->root.path.size() == 2);
    CHECK(ast->root.path[1].text == "example.com/owner");
    CHECK(ast->root.path[1].quoted);
  }
  SECTION("parentheses are recorded") {
    Result<Ast> grouped = Parse("(a OR b)");
    REQUIRE(grouped.ok());
    CHECK(grouped->root.kind == Expr::Kind::kOr);
    CHECK(grouped->root.parenthesized);
    Result<Ast> bare = Parse("a OR b");
    REQUIRE(bare.ok());
    CHECK_FALSE(bare->root.parenthesized);
  }
  SECTION("each comparator maps to its enumerator") {
    auto [filter, op] = GENERATE(table<std::string, Comparator>({
        {"a=1", Comparator::kEq},
        {"a!=1", Comparator::kNe},
        {"a<1", Comparator::kLt},
        {"a<=1", Comparator::kLe},
        {"a>1", Comparator::kGt},
        {"a>=1", Comparator::kGe},
        {"a:1", Comparator::kHas},
    }));
    CAPTURE(filter);
    Result<Ast> ast = Parse(filter);
    REQUIRE(ast.ok());
    REQUIRE(ast->root.kind == Expr::Kind::kCompare);
    CHECK(ast->root.op == op);
  }
}

TEST_CASE("The AST records byte offsets", "[filter][parser]") {
  SECTION("through AND, NOT and a restriction") {
    Result<Ast> ast = Parse(R"(a AND NOT b.c = "x")");
    REQUIRE(ast.ok());
    const Expr& root = ast->root;
    REQUIRE(root.kind == Expr::Kind::kAnd);
    CHECK(root.offset == 0);
    REQUIRE(root.children.size() == 2);
    const Expr& negation = root.children[1];
    REQUIRE(negation.kind == Expr::Kind::kNot);
    CHECK(negation.offset == 6);
    REQUIRE(negation.children.size() == 1);
    const Expr& compare = negation.children[0];
    REQUIRE(compare.kind == Expr::Kind::kCompare);
    CHECK(compare.offset == 10);
    CHECK(compare.children.at(0).offset == 10);
    CHECK(compare.children.at(0).path.at(0).offset == 10);
    CHECK(compare.children.at(0).path.at(1).offset == 12);
    CHECK(compare.children.at(1).offset == 16);
    CHECK(compare.children.at(1).path.at(0).offset == 16);
  }
  SECTION("after leading whitespace and a minus") {
    Result<Ast> ast = Parse("  -a");
    REQUIRE(ast.ok());
    REQUIRE(ast->root.kind == Expr::Kind::kNot);
    CHECK(ast->root.offset == 2);
    CHECK(ast->root.children.at(0).offset == 3);
  }
  SECTION("in a call") {
    Result<Ast> ast = Parse(R"(x = f(y, "z"))");
    REQUIRE(ast.ok());
    const Expr& call = ast->root.children.at(1);
    REQUIRE(call.kind == Expr::Kind::kCall);
    CHECK(call.offset == 4);
    CHECK(call.path.at(0).offset == 4);
    CHECK(call.children.at(0).offset == 6);
    CHECK(call.children.at(1).path.at(0).offset == 9);
  }
  SECTION("in bytes, not characters") {
    Result<Ast> ast = Parse("\xc3\xa9 = x");
    REQUIRE(ast.ok());
    CHECK(ArgumentValue(*ast).offset == 5);
  }
  SECTION("of a quoted segment") {
    Result<Ast> ast = Parse(R"(annotations."example.com/owner":*)");
    REQUIRE(ast.ok());
    CHECK(ast->root.children.at(0).path.at(1).offset == 12);
    CHECK(ArgumentValue(*ast).offset == 32);
  }
}

TEST_CASE("Syntax errors are invalid arguments with an offset", "[filter][parser]") {
  // Rows: filter, offset of the offending byte, a substring of the message ("" when the README
  // fixes no message). "expected" also matches "unexpected".
  auto [filter, offset, message] = GENERATE(table<std::string, std::size_t, std::string>({
      {"state = ", 8, R"(expected a value after "=")"},
      {"a =", 3, R"(expected a value after "=")"},
      {"a = ", 4, R"(expected a value after "=")"},
      {"a AND", 5, R"(expected an expression after "AND")"},
      {"a AND ", 6, R"(expected an expression after "AND")"},
      {"a AND\t\n", 7, R"(expected an expression after "AND")"},
      {"a OR", 4, R"(expected an expression after "OR")"},
      {"a OR ", 5, R"(expected an expression after "OR")"},
      {"a OR\n", 5, R"(expected an expression after "OR")"},
      {"a OR b OR", 9, R"(expected an expression after "OR")"},
      {"(a OR)", 5, R"(expected an expression after "OR")"},
      {"a AND ,", 6, R"(expected an expression after "AND")"},
      {"(a OR )", 6, R"(expected an expression after "OR")"},
      {"a OR(b)", 4, R"(expected whitespace after "OR")"},
      {"NOT", 3, R"(expected an expression after "NOT")"},
      {"a AND NOT ", 10, R"(expected an expression after "NOT")"},
      {"(a", 2, "expected \")\""},
      {"((a)", 4, "expected \")\""},
      {"(a b", 4, "expected \")\""},
      {"a AND (b OR c", 13, "expected \")\""},
      {"a )", 2, "unexpected \")\""},
      {"a b)", 3, "unexpected \")\""},
      {"NOT(x)", 3, "expected"},
      {"OR a", 0, "expected"},
      {"AND a", 0, "expected"},
      {"()", 1, "expected"},
      {"a < ", 4, "expected"},
      {"a == b", 3, "expected"},
      {"a = b = c", 6, "expected"},
      {"a!b", 1, "expected"},
      {"a OR OR b", 5, "expected"},
      {"a AND AND b", 6, "expected"},
      {"a = NOT", 4, "expected"},
      {"NOT NOT a", 4, "expected"},
      {"- a", 1, "expected"},
      {"--a", 1, "expected"},
      {"a.", 2, "expected"},
      {".a", 0, "expected"},
      {"a..b", 2, "expected"},
      {"a = b.", 6, "expected"},
      {"f(a,)", 4, "expected"},
      {"f(", 2, "expected"},
      {"f(a", 3, "expected"},
      {"a\001b", 1, "expected"},
      // An unquoted RFC 3339 time is not one TEXT (':' ends it); the message says to quote it, at
      // the offset of the value.
      {"create_time > 2012-04-21T11:30:00-04:00", 14,
       R"(timestamps must be quoted: "2012-04-21T11:30:00-04:00")"},
      {"t>2012-04-21T11:30:00Z", 2, R"(timestamps must be quoted: "2012-04-21T11:30:00Z")"},
      {"t >= 2012-04-21t11:30:00.5+05:30 AND x", 5,
       R"(timestamps must be quoted: "2012-04-21t11:30:00.5+05:30")"},
      {"t:2012-04-21T11:30:00Z", 2, R"(timestamps must be quoted: "2012-04-21T11:30:00Z")"},
      {"a AND (t < 2012-04-21T11:30:00Z)", 11,
       R"(timestamps must be quoted: "2012-04-21T11:30:00Z")"},
      {"f(x, 2012-04-21T11:30:00Z)", 5, R"(timestamps must be quoted: "2012-04-21T11:30:00Z")"},
      {"m.k = 2012-04-21T11:30", 6, R"(timestamps must be quoted: "2012-04-21T11:30")"},
      {"2012-04-21T11:30:00-04:00", 0, R"(timestamps must be quoted: "2012-04-21T11:30:00-04:00")"},
      {"a = 12:30", 6, R"(unexpected ":")"},
      {"a = 2012-04-21:11", 14, R"(unexpected ":")"},
      {"a = 2012-04-21T1:30", 16, R"(unexpected ":")"},
      {"a = x2012-04-21T11:30", 18, R"(unexpected ":")"},
      {"a = 2012-04-21T11:x", 17, R"(unexpected ":")"},
      {R"(a = "unterminated)", 4, ""},
      {"a = 'unterminated", 4, ""},
      {R"(a = "\q")", 5, "invalid escape sequence"},  // more in escape_test.cpp
      {"a = \xff", 4, "filter is not valid UTF-8"},
      {"\200abc", 0, "filter is not valid UTF-8"},
      {"a = \"x\377y\"", 6, "filter is not valid UTF-8"},
      {"ab\xe2\x82", 2, "filter is not valid UTF-8"},
      {"\xc3(", 0, "filter is not valid UTF-8"},
      {"\xc0\xaf", 0, "filter is not valid UTF-8"},
      {"\xed\xa0\x80", 0, "filter is not valid UTF-8"},
      {"\xf4\x90\x80\x80", 0, "filter is not valid UTF-8"},
      {")\xff", 1, "filter is not valid UTF-8"},
      {std::string("a\0b", 3), 1, "filter contains a NUL byte"},
      {std::string("a = \"x\0\"", 8), 6, "filter contains a NUL byte"},
      {std::string(")\0", 2), 1, "filter contains a NUL byte"},
  }));
  CAPTURE(filter);
  Result<Ast> ast = Parse(filter);
  REQUIRE_FALSE(ast.ok());
  CAPTURE(ast.status().Describe());
  CHECK(ast.status().code() == StatusCode::kInvalidArgument);
  CHECK(ast.status().offset() == offset);
  CHECK_THAT(ast.status().message(), Contains(message));
}

// `depth` nested composites around `a`.
std::string Nested(int depth) {
  const auto n = static_cast<std::size_t>(depth);
  return std::string(n, '(') + "a" + std::string(n, ')');
}

TEST_CASE("The length limit defaults to 8192 bytes", "[filter][parser]") {
  CHECK(ParseAndPrint(std::string(8192, 'a')) == std::string(8192, 'a'));

  Result<Ast> too_long = Parse(std::string(8193, 'a'));
  REQUIRE_FALSE(too_long.ok());
  CHECK(too_long.status().code() == StatusCode::kInvalidArgument);
  CHECK(too_long.status().offset() == 8192);
  CHECK_THAT(too_long.status().message(),
             Contains("filter is 8193 bytes long, more than the limit of 8192"));

  Result<Ast> mebibyte = Parse(std::string(1 << 20, 'a'));
  REQUIRE_FALSE(mebibyte.ok());
  CHECK(mebibyte.status().offset() == 8192);
  CHECK_THAT(mebibyte.status().message(),
             Contains("filter is 1048576 bytes long, more than the limit of 8192"));
}

TEST_CASE("The length limit counts bytes, not characters", "[filter][parser]") {
  std::string accented;
  for (int i = 0; i < 4096; ++i) accented += "\xc3\xa9";
  CHECK(ParseAndPrint(accented) == accented);
  Result<Ast> too_long = Parse(accented + "a");
  REQUIRE_FALSE(too_long.ok());
  CHECK(too_long.status().offset() == 8192);
  CHECK_THAT(too_long.status().message(), Contains("filter is 8193 bytes long"));
}

TEST_CASE("The length limit is an option", "[filter][parser]") {
  ParseOptions options;
  options.max_length = 10;
  CHECK(ParseAndPrint("a = 123456", options) == "(= a 123456)");
  Result<Ast> too_long = Parse("a = 1234567", options);
  REQUIRE_FALSE(too_long.ok());
  CHECK(too_long.status().code() == StatusCode::kInvalidArgument);
  CHECK(too_long.status().offset() == 10);
  CHECK_THAT(too_long.status().message(),
             Contains("filter is 11 bytes long, more than the limit of 10"));

  options.max_length = 0;
  CHECK(ParseAndPrint("", options).empty());
  Result<Ast> one_byte = Parse("a", options);
  REQUIRE_FALSE(one_byte.ok());
  CHECK(one_byte.status().offset() == 0);
  CHECK_THAT(one_byte.status().message(), Contains("filter is 1 bytes long"));
}

TEST_CASE("The depth limit defaults to 64 parentheses", "[filter][parser]") {
  CHECK(ParseAndPrint(Nested(64)) == "a");

  Result<Ast> too_deep = Parse(Nested(65));
  REQUIRE_FALSE(too_deep.ok());
  CHECK(too_deep.status().code() == StatusCode::kInvalidArgument);
  CHECK(too_deep.status().offset() == 64);
  CHECK_THAT(too_deep.status().message(),
             Contains("filter nests parentheses deeper than the limit of 64"));

  SECTION("function calls count as nesting") {
    CHECK(ParseAndPrint(std::string(63, '(') + "f(a)" + std::string(63, ')')) == "(CALL f a)");
    Result<Ast> call = Parse(std::string(64, '(') + "f(a)" + std::string(64, ')'));
    REQUIRE_FALSE(call.ok());
    CHECK(call.status().offset() == 65);
    CHECK_THAT(call.status().message(), Contains("deeper than the limit of 64"));
  }
  SECTION("parentheses in strings and siblings do not nest") {
    const std::string parens(100, '(');
    CHECK(ParseAndPrint("a = \"" + parens + "\"") == "(= a \"" + parens + "\")");
    std::string siblings;
    std::string expected = "(AND";
    for (int i = 0; i < 100; ++i) {
      siblings += "(a) ";
      expected += " a";
    }
    CHECK(ParseAndPrint(siblings) == expected + ")");
  }
  SECTION("100000 open parentheses are an error, not a crash") {
    // Under the default length limit the length check answers first.
    Result<Ast> deep = Parse(std::string(100000, '('));
    REQUIRE_FALSE(deep.ok());
    CHECK(deep.status().code() == StatusCode::kInvalidArgument);
    CHECK(deep.status().offset() == 8192);
    // With the length limit lifted the depth check answers.
    ParseOptions long_filters;
    long_filters.max_length = 1 << 20;
    Result<Ast> deep_long = Parse(std::string(100000, '('), long_filters);
    REQUIRE_FALSE(deep_long.ok());
    CHECK(deep_long.status().code() == StatusCode::kInvalidArgument);
    CHECK(deep_long.status().offset() == 64);
    CHECK_THAT(deep_long.status().message(), Contains("deeper than the limit of 64"));
  }
}

TEST_CASE("The depth limit is an option", "[filter][parser]") {
  ParseOptions options;
  options.max_depth = 2;
  options.max_length = 1 << 20;
  CHECK(ParseAndPrint("((a))", options) == "a");
  CHECK(ParseAndPrint("(f(a))", options) == "(CALL f a)");
  Result<Ast> too_deep = Parse("(((a)))", options);
  REQUIRE_FALSE(too_deep.ok());
  CHECK(too_deep.status().code() == StatusCode::kInvalidArgument);
  CHECK(too_deep.status().offset() == 2);
  CHECK_THAT(too_deep.status().message(),
             Contains("filter nests parentheses deeper than the limit of 2"));

  // Quotes inside the other kind of string, or escaped, do not end a string.
  CHECK(ParseAndPrint(R"(a = "\"((((")", options) == R"((= a "\"(((("))");
  CHECK(ParseAndPrint(R"(a = '"((((')", options) == R"((= a "\"(((("))");
  Result<Ast> after_string = Parse(R"(a = "'" AND (((b))))", options);
  REQUIRE_FALSE(after_string.ok());
  CHECK(after_string.status().offset() == 14);
  CHECK_THAT(after_string.status().message(), Contains("deeper than the limit of 2"));

  options.max_depth = 100;
  CHECK(ParseAndPrint(Nested(100), options) == "a");
  Result<Ast> past_100 = Parse(Nested(101), options);
  REQUIRE_FALSE(past_100.ok());
  CHECK(past_100.status().offset() == 100);
  CHECK_THAT(past_100.status().message(), Contains("deeper than the limit of 100"));
}

}  // namespace
}  // namespace aipfilter
