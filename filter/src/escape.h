#pragma once

// Backslash escapes in STRING tokens: reading them (for the grammar and for the AST's values)
// and writing bytes readably in error messages.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "aipfilter/status.h"

namespace aipfilter {
namespace internal {

// One escape sequence, read from its backslash on.
struct Escape {
  bool valid = false;
  // Valid: the bytes the escape takes (a \u surrogate pair is one escape of 12 bytes). Invalid:
  // the bytes to quote in the message ("\x4", "\U00110000", "\q").
  std::size_t length = 0;
  std::uint32_t code_point = 0;  // valid: what it stands for, a Unicode scalar value
  std::string_view problem;      // invalid: why, or empty for an escape that does not exist
};

// Reads the escape at the start of `s`, which starts with a backslash. The set is CEL's and
// GoogleSQL's: \a \b \f \n \r \t \v \\ \' \" \` \?, \xHH or \XHH, \uHHHH (a high and a low
// surrogate in two \u escapes combine), \UHHHHHHHH, and octal \[0-3][0-7][0-7]. \x and octal
// escapes stand for the code points U+0000 to U+00FF.
Escape ReadEscape(std::string_view s);

// The error for the invalid escape at the start of `s`, at `offset`:
// `invalid escape sequence "\x4": \x takes exactly 2 hex digits`.
Status EscapeError(std::string_view s, std::size_t offset);

// Resolves the escapes of a STRING token's body (without quotes) into UTF-8. `offset` is the
// body's offset in the filter, for errors.
Result<std::string> Unescape(std::string_view body, std::size_t offset);

// `s` with control characters written as \xNN, for messages.
std::string Printable(std::string_view s);

}  // namespace internal
}  // namespace aipfilter
