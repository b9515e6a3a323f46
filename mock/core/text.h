#pragma once

#include <string_view>
#include <vector>

namespace fwmock {

// `s` without leading and trailing ASCII whitespace.
std::string_view Trim(std::string_view s);
// `s` cut at every `sep`; pieces are trimmed and may be empty.
std::vector<std::string_view> Split(std::string_view s, char sep);
// The whitespace-separated words of `s`.
std::vector<std::string_view> SplitWords(std::string_view s);

}  // namespace fwmock
