// Tests of the canonical printer (rules in printer.h): first on hand-built ASTs, so the printer is
// tested apart from the parser, then on parsed filters for grouping and flattening.

#include "aipfilter/printer.h"

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "aipfilter/ast.h"
#include "aipfilter/parser.h"
#include "aipfilter/status.h"
#include "parse_and_print.h"

namespace aipfilter {
namespace {

Value Text(std::string text) { return Value{std::move(text), false, 0}; }
Value Quoted(std::string text) { return Value{std::move(text), true, 0}; }

Expr Member(std::vector<Value> path) {
  Expr expr;
  expr.kind = Expr::Kind::kMember;
  expr.path = std::move(path);
  return expr;
}

Expr Word(std::string text) { return Member({Text(std::move(text))}); }

Expr Node(Expr::Kind kind, std::vector<Expr> children, bool parenthesized = false) {
  Expr expr;
  expr.kind = kind;
  expr.children = std::move(children);
  expr.parenthesized = parenthesized;
  return expr;
}

Expr Compare(Comparator op, Expr left, Expr right) {
  Expr expr = Node(Expr::Kind::kCompare, {std::move(left), std::move(right)});
  expr.op = op;
  return expr;
}

Expr Call(std::vector<Value> name, std::vector<Expr> args) {
  Expr expr = Node(Expr::Kind::kCall, std::move(args));
  expr.path = std::move(name);
  return expr;
}

TEST_CASE("An empty AST prints as the empty string", "[filter][printer]") {
  Ast ast;
  CHECK(Print(ast).empty());
}

TEST_CASE("Print of an Ast prints its root", "[filter][printer]") {
  Ast ast;
  ast.empty = false;
  ast.root = Compare(Comparator::kEq, Word("a"), Word("1"));
  CHECK(Print(ast) == "(= a 1)");
  CHECK(Print(ast.root) == "(= a 1)");
}

TEST_CASE("Members join their segments with dots", "[filter][printer]") {
  CHECK(Print(Word("prod")) == "prod");
  CHECK(Print(Member({Text("a"), Text("b"), Text("c")})) == "a.b.c");
  CHECK(Print(Member({Text("annotations"), Quoted("a.b/c")})) == R"(annotations."a.b/c")");
  CHECK(Print(Member({Quoted("a b"), Text("c")})) == R"("a b".c)");
  CHECK(Print(Word("-1")) == "-1");
  CHECK(Print(Word("*")) == "*");
}

TEST_CASE("Quoted tokens print double-quoted with quote and backslash escaped",
          "[filter][printer]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"", R"("")"},
      {"two words", R"("two words")"},
      {"it's", R"("it's")"},
      {R"(say "hi")", R"("say \"hi\"")"},
      {R"(a\b)", R"("a\\b")"},
      {R"(\")", R"("\\\"")"},
      {"caf\xc3\xa9", "\"caf\xc3\xa9\""},
  }));
  CAPTURE(text);
  CHECK(Print(Member({Quoted(text)})) == expected);
}

TEST_CASE("Each comparator prints as written", "[filter][printer]") {
  auto [op, text] = GENERATE(table<Comparator, std::string>({
      {Comparator::kEq, "="},
      {Comparator::kNe, "!="},
      {Comparator::kLt, "<"},
      {Comparator::kLe, "<="},
      {Comparator::kGt, ">"},
      {Comparator::kGe, ">="},
      {Comparator::kHas, ":"},
  }));
  CAPTURE(text);
  CHECK(std::string(ComparatorText(op)) == text);
  Expr compare = Compare(op, Member({Text("a"), Text("b")}), Member({Quoted("v w")}));
  CHECK(Print(compare) == "(" + text + " a.b \"v w\")");
}

TEST_CASE("NOT, AND, OR and CALL print as prefix operators", "[filter][printer]") {
  CHECK(Print(Node(Expr::Kind::kNot, {Word("x")})) == "(NOT x)");
  CHECK(Print(Node(Expr::Kind::kNot, {Compare(Comparator::kEq, Member({Text("x"), Text("y")}),
                                              Member({Quoted("v w")}))})) ==
        R"((NOT (= x.y "v w")))");
  CHECK(Print(Node(Expr::Kind::kAnd, {Word("a"), Word("b")})) == "(AND a b)");
  CHECK(Print(Node(Expr::Kind::kAnd, {Word("a"), Word("b"), Word("c"), Word("d")})) ==
        "(AND a b c d)");
  CHECK(Print(Node(Expr::Kind::kOr, {Word("a"), Word("b"), Word("c")})) == "(OR a b c)");
  CHECK(Print(Node(Expr::Kind::kAnd, {Word("a"), Node(Expr::Kind::kOr, {Word("b"), Word("c")})})) ==
        "(AND a (OR b c))");
  CHECK(Print(Call({Text("f")}, {})) == "(CALL f)");
  CHECK(Print(Call({Text("f")}, {Word("a"), Word("1")})) == "(CALL f a 1)");
  CHECK(Print(Call({Text("math"), Text("mem")}, {Member({Quoted("30mb")})})) ==
        R"((CALL math.mem "30mb"))");
  CHECK(Print(Call({Text("f")}, {Call({Text("g")}, {Word("x")})})) == "(CALL f (CALL g x))");
  CHECK(Print(Compare(Comparator::kLe, Word("a"), Call({Text("f")}, {}))) == "(<= a (CALL f))");
}

TEST_CASE("Grouping parentheses print nothing of their own", "[filter][printer]") {
  CHECK(Print(Node(Expr::Kind::kAnd, {Word("a"), Word("b")}, true)) == "(AND a b)");
  Expr grouped_word = Word("a");
  grouped_word.parenthesized = true;
  CHECK(Print(grouped_word) == "a");
  // A parenthesized operand of the same operator is its own node.
  Expr inner = Node(Expr::Kind::kAnd, {Word("a"), Word("b")}, true);
  CHECK(Print(Node(Expr::Kind::kAnd, {inner, Word("c")})) == "(AND (AND a b) c)");
  Expr inner_or = Node(Expr::Kind::kOr, {Word("b"), Word("c")}, true);
  CHECK(Print(Node(Expr::Kind::kOr, {Word("a"), inner_or})) == "(OR a (OR b c))");
}

TEST_CASE("AND and OR flatten within one expression but not across parentheses",
          "[filter][printer]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"a AND b AND c", "(AND a b c)"},
      {"a b c", "(AND a b c)"},
      {"a b AND c d", "(AND a b c d)"},
      {"(a AND b) AND c", "(AND (AND a b) c)"},
      {"a AND (b AND c)", "(AND a (AND b c))"},
      {"(a b) c", "(AND (AND a b) c)"},
      {"a OR b OR c OR d", "(OR a b c d)"},
      {"(a OR b) OR c", "(OR (OR a b) c)"},
      {"a OR (b OR c)", "(OR a (OR b c))"},
      {"((a))", "a"},
      {"((a AND b))", "(AND a b)"},
      {"NOT (a)", "(NOT a)"},
      {"annotations.\"a.b/c\":*", "(: annotations.\"a.b/c\" *)"},
      {R"(NOT x.y = "v w")", R"((NOT (= x.y "v w")))"},
      {"f(a, 1)", "(CALL f a 1)"},
  }));
  CAPTURE(filter);
  CHECK(ParseAndPrint(filter) == expected);
}

}  // namespace
}  // namespace aipfilter
