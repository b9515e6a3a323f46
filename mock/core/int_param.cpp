#include "int_param.h"

#include <charconv>
#include <limits>

namespace fwmock {

Result<std::int32_t> ParseNonNegativeInt32(std::string_view param, const std::string& text) {
  std::int64_t value = 0;
  const bool plus = text.size() > 1 && text[0] == '+' && text[1] != '-';  // as Go's ParseInt
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data() + (plus ? 1 : 0), end, value);
  const std::string prefix = "invalid " + std::string(param) + ": ";
  if (text.empty() || ec != std::errc() || ptr != end ||
      value < std::numeric_limits<std::int32_t>::min() ||
      value > std::numeric_limits<std::int32_t>::max()) {
    return aipfilter::InvalidArgumentError(prefix + "\"" + text + "\" is not a 32-bit integer");
  }
  if (value < 0) return aipfilter::InvalidArgumentError(prefix + text + " is negative");
  return static_cast<std::int32_t>(value);
}

}  // namespace fwmock
