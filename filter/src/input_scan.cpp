#include "input_scan.h"

#include <algorithm>
#include <string>

namespace aipfilter {
namespace internal {
namespace {

// Length of the UTF-8 sequence starting at `i`, or 0 when it is not valid UTF-8.
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

}  // namespace

Status ScanInput(std::string_view filter, const ParseOptions& options) {
  if (filter.size() > options.max_length) {
    return InvalidArgumentError("filter is " + std::to_string(filter.size()) +
                                    " bytes long, more than the limit of " +
                                    std::to_string(options.max_length),
                                options.max_length);
  }
  const int max_depth = std::min(options.max_depth, kMaxDepthCap);
  int depth = 0;
  char quote = 0;  // the open string's quote character, or 0 outside strings
  std::size_t string_start = 0;
  for (std::size_t i = 0; i < filter.size(); ++i) {
    const char c = filter[i];
    if (c == '\0') return InvalidArgumentError("filter contains a NUL byte", i);
    const std::size_t n = Utf8SequenceLength(filter, i);
    if (n == 0) return InvalidArgumentError("filter is not valid UTF-8", i);
    if (n > 1) {
      i += n - 1;
      continue;
    }
    if (quote != 0) {
      if (c == '\\' && i + 1 < filter.size() && filter[i + 1] != '\0') {
        ++i;  // the escaped byte cannot close the string (the grammar checks the escape)
        if (Utf8SequenceLength(filter, i) == 0) {
          return InvalidArgumentError("filter is not valid UTF-8", i);
        }
        i += Utf8SequenceLength(filter, i) - 1;
      } else if (c == quote) {
        quote = 0;
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
      string_start = i;
    } else if (c == '(') {
      if (++depth > max_depth) {
        return InvalidArgumentError(
            "filter nests parentheses deeper than the limit of " + std::to_string(max_depth), i);
      }
    } else if (c == ')' && depth > 0) {
      --depth;
    }
  }
  if (quote != 0) return InvalidArgumentError("unterminated string", string_start);
  return OkStatus();
}

}  // namespace internal
}  // namespace aipfilter
