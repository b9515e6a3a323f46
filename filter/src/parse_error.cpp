#include "parse_error.h"

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

// Whether a term can start at `at`: a word, "-", "(" or a string.
bool CanStartTerm(std::string_view text, std::size_t at) {
  if (at >= text.size()) return false;
  const char c = text[at];
  return IsText(c) || c == '(' || c == '"' || c == '\'';
}

}  // namespace

Status ExpectedError(std::string_view filter, std::size_t at, const std::string& what) {
  std::string message = "expected " + what;
  const std::string after = TokenBefore(filter, at);
  if (!after.empty()) message += " after \"" + Printable(after) + "\"";
  return InvalidArgumentError(std::move(message), at);
}

Status ExpectedWhitespaceError(std::string_view filter, std::size_t at) {
  return ExpectedError(filter, at, CanStartTerm(filter, at) ? "whitespace" : "an expression");
}

Status UnexpectedError(std::string_view filter, std::size_t at) {
  return InvalidArgumentError("unexpected \"" + Printable(TokenAt(filter, at)) + "\"", at);
}

}  // namespace internal
}  // namespace aipfilter
