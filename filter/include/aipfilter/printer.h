#pragma once

#include <string>

#include "aipfilter/ast.h"

namespace aipfilter {

// Renders an AST canonically, one line, for tests and diagnostics:
//   a AND b OR c           -> (AND a (OR b c))
//   NOT x.y = "v w"        -> (NOT (= x.y "v w"))
//   f(a, 1)                -> (CALL f a 1)
//   annotations."a.b/c":*  -> (: annotations."a.b/c" *)
// Operators print as (OP operand...); AND and OR are n-ary (a sequence prints as AND);
// members join their segments with "."; quoted tokens print double-quoted with '"' and '\'
// escaped; parentheses that only group print nothing of their own. An empty filter prints "".
std::string Print(const Ast& ast);
std::string Print(const Expr& expr);

}  // namespace aipfilter
