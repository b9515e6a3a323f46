#pragma once

#include "aipfilter/ast.h"
#include "aipfilter/status.h"

namespace aipfilter {

// A strict reading of a parsed filter: every restriction must name a field and a comparator.
// A bare word (AIP-160's global restriction: a value alone, such as the `and` of
// `state = RUNNING and num_ranks >= 2`, which is a word because keywords are upper-case) is
// INVALID_ARGUMENT at the word's offset. A lower-case (or mixed-case) unquoted `and`, `or` or
// `not` is reported before any other bare word, with the keyword to write instead:
//   bare word "and": write AND to combine restrictions
//   bare word "foo": strict filters need a field, a comparator and a value
// An empty filter has no bare word.
Status RejectBareWords(const Ast& ast);

}  // namespace aipfilter
