#include "query.h"

#include "percent.h"

namespace fwmock {
namespace {

// `lenient`: a malformed escape is kept as it is instead of refused.
Result<std::string> Decode(std::string_view s, bool lenient) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] != '%') {
      out.push_back(s[i]);
    } else if (i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else if (lenient) {
      out.push_back(s[i]);
    } else {
      return aipfilter::InvalidArgumentError("invalid URL escape \"" + std::string(s.substr(i, 3)) +
                                             "\"");
    }
  }
  return out;
}

Result<Params> Parse(std::string_view target, bool lenient) {
  Params params;
  const std::size_t question = target.find('?');
  if (question == std::string_view::npos) return params;
  std::string_view query = target.substr(question + 1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    Result<std::string> key = Decode(pair.substr(0, eq), lenient);
    if (!key.ok()) return key.status();
    Result<std::string> value =
        Decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), lenient);
    if (!value.ok()) return value.status();
    params.emplace_back(std::move(*key), std::move(*value));
  }
  return params;
}

}  // namespace

Result<Params> ParseQuery(std::string_view target) { return Parse(target, false); }

Params QueryPairs(std::string_view target) { return *Parse(target, true); }

}  // namespace fwmock
