// The AIP-160 grammar in Boost.Spirit X3, and the conversion of its attributes into the public
// Ast. Everything Spirit stays in this translation unit.
#include "aipfilter/parser.h"

#include <boost/fusion/include/adapt_struct.hpp>
#include <boost/optional.hpp>
#include <boost/spirit/home/x3.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "char_class.h"
#include "escape.h"
#include "input_scan.h"
#include "parse_error.h"

// ---------------------------------------------------------------------------------------------
// The syntax tree X3 fills in. Plain structs; the public Ast is built from it afterwards.
namespace aipfilter {
namespace syntax {

namespace x3 = boost::spirit::x3;

struct Token {
  std::size_t offset = 0;
  bool quoted = false;
  std::string text;  // TEXT as written, or a STRING's body with its escapes unresolved
};
using Path = std::vector<Token>;

struct Expression;
struct Function;

struct Composite {
  std::size_t offset = 0;
  x3::forward_ast<Expression> expression;
};

struct Comparable : x3::variant<x3::forward_ast<Function>, Path> {
  using base_type::base_type;
  using base_type::operator=;
};

struct Arg : x3::variant<Comparable, Composite> {
  using base_type::base_type;
  using base_type::operator=;
};

struct Function {
  Path name;
  std::vector<Arg> args;
};

struct Rhs {
  std::size_t offset = 0;
  Comparator op = Comparator::kEq;
  Arg arg;
};

struct Restriction {
  Comparable comparable;
  boost::optional<Rhs> rhs;
};

struct Simple : x3::variant<Restriction, Composite> {
  using base_type::base_type;
  using base_type::operator=;
};

struct Term {
  std::size_t offset = 0;
  bool negated = false;
  Simple simple;
};

using Factor = std::vector<Term>;              // term {WS OR WS term}
using Sequence = std::vector<Factor>;          // factor {WS factor}
struct Expression : std::vector<Sequence> {};  // sequence {WS AND WS sequence}

}  // namespace syntax
}  // namespace aipfilter

BOOST_FUSION_ADAPT_STRUCT(aipfilter::syntax::Token, offset, quoted, text)
BOOST_FUSION_ADAPT_STRUCT(aipfilter::syntax::Composite, offset, expression)
BOOST_FUSION_ADAPT_STRUCT(aipfilter::syntax::Function, name, args)
BOOST_FUSION_ADAPT_STRUCT(aipfilter::syntax::Rhs, offset, op, arg)
BOOST_FUSION_ADAPT_STRUCT(aipfilter::syntax::Restriction, comparable, rhs)
BOOST_FUSION_ADAPT_STRUCT(aipfilter::syntax::Term, offset, negated, simple)

// ---------------------------------------------------------------------------------------------
// The grammar.
namespace aipfilter {
namespace grammar {

namespace x3 = boost::spirit::x3;
using Iterator = const char*;

struct BeginTag;  // x3::with<BeginTag>: the start of the input, to turn iterators into offsets

// Consumes nothing; its attribute is the current byte offset.
struct OffsetParser : x3::parser<OffsetParser> {
  using attribute_type = std::size_t;
  static bool const has_attribute = true;
  template <typename It, typename Context, typename RContext, typename Attribute>
  bool parse(It& first, It const&, Context const& context, RContext&, Attribute& attr) const {
    x3::traits::move_to(static_cast<std::size_t>(first - x3::get<BeginTag>(context)), attr);
    return true;
  }
};

// One byte for which Class::Test holds (char_class.h).
template <typename Class>
struct ByteParser : x3::parser<ByteParser<Class>> {
  using attribute_type = char;
  static bool const has_attribute = true;
  template <typename It, typename Context, typename RContext, typename Attribute>
  bool parse(It& first, It const& last, Context const&, RContext&, Attribute& attr) const {
    if (first == last || !Class::Test(static_cast<unsigned char>(*first))) return false;
    x3::traits::move_to(*first, attr);
    ++first;
    return true;
  }
};

// What an invalid escape's expectation failure says was expected.
constexpr char kEscapeWhat[] = "an escape sequence";

// A backslash escape (escape.h). An invalid one fails as an expectation at its backslash, so it
// is reported where it stands, before anything later in the filter.
struct EscapeParser : x3::parser<EscapeParser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  template <typename It, typename Context, typename RContext, typename Attribute>
  bool parse(It& first, It const& last, Context const&, RContext&, Attribute&) const {
    if (first == last || *first != '\\') return false;
    const internal::Escape e =
        internal::ReadEscape(std::string_view(first, static_cast<std::size_t>(last - first)));
    if (!e.valid) throw x3::expectation_failure<It>(first, kEscapeWhat);
    first += static_cast<std::ptrdiff_t>(e.length);
    return true;
  }
};

struct SpaceClass {
  static bool Test(unsigned char c) { return internal::IsSpace(c); }
};
struct TextClass {
  static bool Test(unsigned char c) { return internal::IsTextChar(c); }
};
struct DoubleQuotedClass {
  static bool Test(unsigned char c) { return c != '"' && c != '\\'; }
};
struct SingleQuotedClass {
  static bool Test(unsigned char c) { return c != '\'' && c != '\\'; }
};

OffsetParser const offset{};
ByteParser<SpaceClass> const space_char{};
ByteParser<TextClass> const text_char{};
ByteParser<DoubleQuotedClass> const dq_char{};
ByteParser<SingleQuotedClass> const sq_char{};
EscapeParser const escape{};

using x3::attr;
using x3::lit;

// Rule names are what error messages say was expected. `a >> b > c` is `(a >> b) > c` in C++;
// the parentheses below only say so.
x3::rule<class ws_id> const ws = "whitespace";
x3::rule<class ows_id> const ows = "whitespace";
x3::rule<class string_token_id, syntax::Token> const string_token = "a string";
x3::rule<class text_token_id, syntax::Token> const text_token = "a word";
x3::rule<class field_token_id, syntax::Token> const field_token = "a field";
x3::rule<class head_token_id, syntax::Token> const head_token = "a field or value";
x3::rule<class value_token_id, syntax::Token> const value_token = "a value";
x3::rule<class keyword_id> const keyword = "a keyword";
x3::rule<class member_id, syntax::Path> const member = "a member";
x3::rule<class arg_member_id, syntax::Path> const arg_member = "a value";
x3::rule<class name_id, syntax::Path> const name = "a function name";
x3::rule<class function_id, syntax::Function> const function = "a function call";
x3::rule<class comparable_id, syntax::Comparable> const comparable = "a field or value";
x3::rule<class arg_comparable_id, syntax::Comparable> const arg_comparable = "a value";
x3::rule<class arg_id, syntax::Arg> const arg = "a value";
x3::rule<class next_arg_id, syntax::Arg> const next_arg = "an argument";
x3::rule<class args_id, std::vector<syntax::Arg>> const args = "arguments";
x3::rule<class close_paren_id> const close_paren = "\")\"";
x3::rule<class comparator_id, Comparator> const comparator = "a comparator";
x3::rule<class rhs_value_id, syntax::Arg> const rhs_value = "a value";
x3::rule<class rhs_id, syntax::Rhs> const rhs = "a comparison";
x3::rule<class restriction_id, syntax::Restriction> const restriction = "a restriction";
x3::rule<class composite_id, syntax::Composite> const composite = "a parenthesized expression";
x3::rule<class simple_id, syntax::Simple> const simple = "an expression";
x3::rule<class negated_id, syntax::Simple> const negated = "a negation";
x3::rule<class term_id, syntax::Term> const term = "an expression";
x3::rule<class factor_id, syntax::Factor> const factor = "a factor";
x3::rule<class sequence_id, syntax::Sequence> const sequence = "an expression";
x3::rule<class expression_id, syntax::Expression> const expression = "an expression";

auto const kw_and = lit("AND") >> !text_char;
auto const kw_or = lit("OR") >> !text_char;
auto const kw_not = lit("NOT") >> !text_char;

auto const ws_def = x3::omit[+space_char];
auto const ows_def = x3::omit[*space_char];
auto const string_token_def = offset >> attr(true) >>
                              (('"' >> x3::raw[*(escape | dq_char)] >> '"') |
                               ('\'' >> x3::raw[*(escape | sq_char)] >> '\''));
auto const text_token_def = offset >> attr(false) >> +text_char;
auto const keyword_def = kw_and | kw_or | kw_not;
// value : TEXT | STRING. Keywords are not values; in front of a term '-' is negation.
auto const head_token_def = string_token | (!keyword >> !lit('-') >> text_token);
auto const value_token_def = string_token | (!keyword >> text_token);
// field : value | keyword
auto const field_token_def = string_token | text_token;
// member : value {DOT field}
auto const member_def = head_token >> *('.' > field_token);
auto const arg_member_def = value_token >> *('.' > field_token);
// function : name {DOT name} LPAREN [argList] RPAREN
auto const name_def = (!lit('-') >> text_token) >> *('.' >> text_token);
auto const next_arg_def = arg;
auto const args_def = arg >> *((ows >> ',' >> ows) > next_arg);
auto const close_paren_def = lit(')');
auto const function_def = (name >> '(' >> ows >> -args >> ows) > close_paren;
// comparable : member | function
auto const comparable_def = function | member;
auto const arg_comparable_def = function | arg_member;
// arg : comparable | composite
auto const arg_def = arg_comparable | composite;
auto const comparator_def =
    (lit("<=") >> attr(Comparator::kLe)) | (lit('<') >> attr(Comparator::kLt)) |
    (lit(">=") >> attr(Comparator::kGe)) | (lit('>') >> attr(Comparator::kGt)) |
    (lit("!=") >> attr(Comparator::kNe)) | (lit('=') >> attr(Comparator::kEq)) |
    (lit(':') >> attr(Comparator::kHas));
auto const rhs_value_def = arg;
// restriction : comparable [comparator arg]
auto const rhs_def = (ows >> offset >> comparator >> ows) > rhs_value;
auto const restriction_def = comparable >> -rhs;
// composite : LPAREN expression RPAREN
auto const composite_def = (offset >> '(' >> ows) > expression > ows > close_paren;
// simple : restriction | composite
auto const simple_def = restriction | composite;
// term : [(NOT WS | MINUS)] simple
auto const negated_def = (kw_not > ws > simple) | ('-' > simple);
auto const term_def = (offset >> attr(true) >> negated) | (offset >> attr(false) >> simple);
// factor : term {WS OR WS term}
auto const factor_def = term >> *((ws >> kw_or) > ws > term);
// sequence : factor {WS factor}
auto const sequence_def = factor >> *(ws >> factor);
// expression : sequence {WS AND WS sequence}
auto const expression_def = sequence >> *((ws >> kw_and) > ws > sequence);

BOOST_SPIRIT_DEFINE(ws, ows, string_token, text_token, field_token, head_token, value_token,
                    keyword, member, arg_member, name, function, comparable, arg_comparable, arg,
                    next_arg, args, close_paren, comparator, rhs_value, rhs, restriction, composite,
                    simple, negated, term, factor, sequence, expression)

}  // namespace grammar

// ---------------------------------------------------------------------------------------------
// From the syntax tree to the public Ast.
namespace {

namespace x3 = boost::spirit::x3;

class Converter {
 public:
  const Status& status() const { return status_; }

  Expr Convert(const syntax::Expression& e) {
    return Junction(Expr::Kind::kAnd, e.size(), [&](std::size_t i) { return Convert(e[i]); });
  }

 private:
  template <typename Child>
  Expr Junction(Expr::Kind kind, std::size_t n, Child child) {
    if (n == 1) return child(0);
    Expr out;
    out.kind = kind;
    for (std::size_t i = 0; i < n; ++i) {
      Expr c = child(i);
      if (c.kind == kind && !c.parenthesized) {  // a b AND c: one n-ary AND
        for (Expr& g : c.children) out.children.push_back(std::move(g));
      } else {
        out.children.push_back(std::move(c));
      }
    }
    out.offset = out.children.front().offset;
    return out;
  }

  Expr Convert(const syntax::Sequence& s) {
    return Junction(Expr::Kind::kAnd, s.size(), [&](std::size_t i) { return Convert(s[i]); });
  }

  Expr Convert(const syntax::Factor& f) {
    return Junction(Expr::Kind::kOr, f.size(), [&](std::size_t i) { return Convert(f[i]); });
  }

  Expr Convert(const syntax::Term& t) {
    Expr simple = Convert(t.simple);
    if (!t.negated) return simple;
    Expr out;
    out.kind = Expr::Kind::kNot;
    out.offset = t.offset;
    out.children.push_back(std::move(simple));
    return out;
  }

  Expr Convert(const syntax::Simple& s) {
    if (const auto* c = boost::get<syntax::Composite>(&s)) return Convert(*c);
    return Convert(boost::get<syntax::Restriction>(s));
  }

  Expr Convert(const syntax::Composite& c) {
    Expr out = Convert(c.expression.get());
    out.parenthesized = true;
    out.offset = c.offset;
    return out;
  }

  Expr Convert(const syntax::Restriction& r) {
    Expr lhs = Convert(r.comparable);
    if (!r.rhs) return lhs;
    Expr out;
    out.kind = Expr::Kind::kCompare;
    out.offset = lhs.offset;
    out.op = r.rhs->op;
    out.op_offset = r.rhs->offset;
    out.children.push_back(std::move(lhs));
    out.children.push_back(Convert(r.rhs->arg));
    return out;
  }

  Expr Convert(const syntax::Arg& a) {
    if (const auto* c = boost::get<syntax::Composite>(&a)) return Convert(*c);
    return Convert(boost::get<syntax::Comparable>(a));
  }

  Expr Convert(const syntax::Comparable& c) {
    Expr out;
    if (const auto* path = boost::get<syntax::Path>(&c)) {
      out.kind = Expr::Kind::kMember;
      out.path = Convert(*path);
    } else {
      const syntax::Function& f = boost::get<x3::forward_ast<syntax::Function>>(c).get();
      out.kind = Expr::Kind::kCall;
      out.path = Convert(f.name);
      for (const syntax::Arg& a : f.args) out.children.push_back(Convert(a));
    }
    out.offset = out.path.front().offset;
    return out;
  }

  std::vector<Value> Convert(const syntax::Path& path) {
    std::vector<Value> out;
    out.reserve(path.size());
    for (const syntax::Token& t : path) {
      Value v;
      v.offset = t.offset;
      v.quoted = t.quoted;
      if (!t.quoted) {
        v.text = t.text;
      } else {
        Result<std::string> text = internal::Unescape(t.text, t.offset + 1);  // + 1: the quote
        if (!text.ok() && status_.ok()) status_ = text.status();
        if (text.ok()) v.text = std::move(*text);
      }
      out.push_back(std::move(v));
    }
    return out;
  }

  Status status_;
};

Status ExpectationError(std::string_view text, const x3::expectation_failure<const char*>& e) {
  const auto where = static_cast<std::size_t>(e.where() - text.data());
  if (e.which() == grammar::kEscapeWhat) return internal::EscapeError(text.substr(where), where);
  if (e.which() == grammar::ws.name) return internal::ExpectedWhitespaceError(text, where);
  return internal::ExpectedError(text, where, e.which());
}

}  // namespace

Result<Ast> Parse(std::string_view filter, const ParseOptions& options) {
  if (Status scan = internal::ScanInput(filter, options); !scan.ok()) return scan;
  const char* const begin = filter.data();
  const char* first = begin;
  const char* const last = begin + filter.size();
  syntax::Expression parsed;
  bool has_expression = false;
  try {
    x3::parse(first, last, grammar::ows);
    has_expression =
        x3::parse(first, last, x3::with<grammar::BeginTag>(begin)[grammar::expression], parsed);
    x3::parse(first, last, grammar::ows);
  } catch (const x3::expectation_failure<const char*>& e) {
    return ExpectationError(filter, e);
  } catch (const std::bad_alloc&) {
    return Status(StatusCode::kResourceExhausted, "filter is too large to parse");
  }
  if (first != last) {
    return internal::UnexpectedError(filter, static_cast<std::size_t>(first - begin));
  }
  Ast ast;
  if (!has_expression) return ast;
  Converter converter;
  ast.root = converter.Convert(parsed);
  if (!converter.status().ok()) return converter.status();
  ast.empty = false;
  return ast;
}

const char* ComparatorText(Comparator op) {
  switch (op) {
    case Comparator::kEq:
      return "=";
    case Comparator::kNe:
      return "!=";
    case Comparator::kLt:
      return "<";
    case Comparator::kLe:
      return "<=";
    case Comparator::kGt:
      return ">";
    case Comparator::kGe:
      return ">=";
    case Comparator::kHas:
      return ":";
  }
  return "?";
}

}  // namespace aipfilter
