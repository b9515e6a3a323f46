#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace aipfilter {

// The parse of an AIP-160 filter. Plain values, no parser types. Every offset is the 0-based
// byte offset in the filter text of the first character of the construct.

// A TEXT or STRING token. `text` is the token with quotes removed and escapes resolved.
struct Value {
  std::string text;
  bool quoted = false;
  std::size_t offset = 0;
};

enum class Comparator { kEq, kNe, kLt, kLe, kGt, kGe, kHas };

// The comparator as written: "=", "!=", "<", "<=", ">", ">=", ":".
const char* ComparatorText(Comparator op);

struct Expr {
  enum class Kind {
    kAnd,      // children: two or more operands (AND, and whitespace sequences)
    kOr,       // children: two or more operands
    kNot,      // children: one operand (NOT or -)
    kMember,   // path: value {DOT field}
    kCall,     // path: the (qualified) function name; children: the arguments
    kCompare,  // op; children[0]: the comparable, children[1]: the argument
  };

  Kind kind = Kind::kMember;
  std::size_t offset = 0;
  std::vector<Value> path;          // kMember, kCall
  Comparator op = Comparator::kEq;  // kCompare
  std::size_t op_offset = 0;        // kCompare: where the comparator is
  std::vector<Expr> children;
  bool parenthesized = false;  // written as a composite: "(" expression ")"
};

// A parsed filter. An empty (or all-whitespace) filter has no root and matches everything.
struct Ast {
  bool empty = true;
  Expr root;
};

}  // namespace aipfilter
