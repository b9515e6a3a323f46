#include "parse_error.h"

#include <optional>
#include <utility>

#include "char_class.h"
#include "escape.h"

namespace aipfilter {
namespace internal {
namespace {

bool IsOperatorChar(char c) { return std::strchr("=<>!:", c) != nullptr && c != '\0'; }
bool IsText(char c) { return IsTextChar(static_cast<unsigned char>(c)); }

// The token that ends just before `end` (whitespace skipped), for "after ..." in messages.
std::string TokenBefore(std::string_view text, std::size_t end) {
  while (end > 0 && IsSpace(static_cast<unsigned char>(text[end - 1]))) --end;
  if (end == 0) return "";
  std::size_t begin = end - 1;
  if (IsOperatorChar(text[begin])) {
    while (begin > 0 && IsOperatorChar(text[begin - 1])) --begin;
  } else if (text[begin] == '"' || text[begin] == '\'') {
    const std::size_t open = text.rfind(text[begin], begin == 0 ? 0 : begin - 1);
    begin = open == std::string_view::npos ? begin : open;
  } else if (IsText(text[begin])) {
    while (begin > 0 && IsText(text[begin - 1])) --begin;
  }
  return std::string(text.substr(begin, end - begin));
}

// The token that starts at `at`, for "unexpected ..." in messages.
std::string TokenAt(std::string_view text, std::size_t at) {
  std::size_t end = at + 1;
  if (IsOperatorChar(text[at])) {
    while (end < text.size() && IsOperatorChar(text[end])) ++end;
  } else if (IsText(text[at])) {
    while (end < text.size() && IsText(text[end])) ++end;
  }
  return std::string(text.substr(at, end - at));
}

// The start of the run of TEXT bytes that ends at `end`.
std::size_t TextStart(std::string_view text, std::size_t end) {
  while (end > 0 && IsText(text[end - 1])) --end;
  return end;
}

// Whether `text` at `at` reads DDDD-DD-DDTDD:D, how an RFC 3339 date-time starts.
bool DateTimeStartsAt(std::string_view text, std::size_t at) {
  static constexpr std::string_view kShape = "0000-00-00T00:0";
  if (text.size() - at < kShape.size()) return false;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    const char c = text[at + i];
    const bool ok = kShape[i] == '0'   ? c >= '0' && c <= '9'
                    : kShape[i] == 'T' ? c == 'T' || c == 't'
                                       : c == kShape[i];
    if (!ok) return false;
  }
  return true;
}

// Where an unquoted date-time starts whose ':' the parser stopped at. After a comparator it
// stops at the first ':' ("t > 2012-04-21T11:30:00Z"); a date-time standing alone reads as
// `2012-04-21T11:30` with ':' as the has operator, and it stops at the second.
std::optional<std::size_t> UnquotedTimestamp(std::string_view text, std::size_t at) {
  if (at >= text.size() || text[at] != ':') return std::nullopt;
  const std::size_t start = TextStart(text, at);
  if (DateTimeStartsAt(text, start)) return start;
  if (at - start == 2 && start > 0 && text[start - 1] == ':') {
    const std::size_t first = TextStart(text, start - 1);
    if (DateTimeStartsAt(text, first)) return first;
  }
  return std::nullopt;
}

// `timestamps must be quoted: "2012-04-21T11:30:00-04:00"` at the start of the date-time.
Status QuoteTimestampError(std::string_view text, std::size_t start) {
  std::size_t end = start;
  while (end < text.size() && (IsText(text[end]) || text[end] == ':' || text[end] == '.')) ++end;
  return InvalidArgumentError(
      "timestamps must be quoted: \"" + std::string(text.substr(start, end - start)) + "\"", start);
}

// Whether a term can start at `at`: a word, "-", "(" or a string.
bool CanStartTerm(std::string_view text, std::size_t at) {
  if (at >= text.size()) return false;
  const char c = text[at];
  return IsText(c) || c == '(' || c == '"' || c == '\'';
}

}  // namespace

Status ExpectedError(std::string_view filter, std::size_t at, const std::string& what) {
  if (const auto start = UnquotedTimestamp(filter, at)) return QuoteTimestampError(filter, *start);
  std::string message = "expected " + what;
  const std::string after = TokenBefore(filter, at);
  if (!after.empty()) message += " after \"" + Printable(after) + "\"";
  return InvalidArgumentError(std::move(message), at);
}

Status ExpectedWhitespaceError(std::string_view filter, std::size_t at) {
  return ExpectedError(filter, at, CanStartTerm(filter, at) ? "whitespace" : "an expression");
}

Status UnexpectedError(std::string_view filter, std::size_t at) {
  if (const auto start = UnquotedTimestamp(filter, at)) return QuoteTimestampError(filter, *start);
  return InvalidArgumentError("unexpected \"" + Printable(TokenAt(filter, at)) + "\"", at);
}

}  // namespace internal
}  // namespace aipfilter
