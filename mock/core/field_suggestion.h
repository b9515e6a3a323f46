#pragma once

#include <string>
#include <string_view>

namespace fwmock {

// The field a misspelt key most likely meant, by edit distance over the field table's names
// (camelCase and snake_case) at the key's level: "numRank" -> "numRanks",
// "pythonExecutor.targt" -> "pythonExecutor.target", "num_rank" -> "num_ranks". Letters compare
// without case. "" when no name is reasonably close: at most a third of the key's length apart
// (at least 1), so that "foo" suggests nothing. `key` is dotted below a known message.
std::string ClosestFieldName(std::string_view key);

// The Levenshtein distance of `a` and `b`, letters compared without case.
std::size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace fwmock
