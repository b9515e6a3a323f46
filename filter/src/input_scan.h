#pragma once

#include <string_view>

#include "aipfilter/parser.h"
#include "aipfilter/status.h"

namespace aipfilter {
namespace internal {

// Checks what must hold before the recursive parser runs: the length limit, no NUL byte, valid
// UTF-8, every string closed, and parentheses nested no deeper than the depth limit. Runs in one
// linear pass, so hostile input fails fast and the parser's recursion stays bounded.
Status ScanInput(std::string_view filter, const ParseOptions& options);

}  // namespace internal
}  // namespace aipfilter
