#pragma once

#include <cstddef>
#include <string_view>

#include "aipfilter/ast.h"
#include "aipfilter/status.h"

namespace aipfilter {

inline constexpr int kMaxDepthCap = 256;

struct ParseOptions {
  // Longest filter accepted, in bytes.
  std::size_t max_length = 8 * 1024;
  // Deepest nesting of parentheses (composites and function calls) accepted. Values above
  // kMaxDepthCap count as kMaxDepthCap: each level costs the recursive parser stack.
  int max_depth = 64;
};

// Parses `filter` with the AIP-160 grammar. Errors are INVALID_ARGUMENT with the offset of the
// first offending byte. Never throws.
Result<Ast> Parse(std::string_view filter, const ParseOptions& options = {});

}  // namespace aipfilter
