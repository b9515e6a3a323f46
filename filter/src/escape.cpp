#include "escape.h"

#include <utility>

namespace aipfilter {
namespace internal {
namespace {

Escape Valid(std::size_t length, std::uint32_t code_point) {
  Escape e;
  e.valid = true;
  e.length = length;
  e.code_point = code_point;
  return e;
}

Escape Invalid(std::size_t length, std::string_view problem) {
  Escape e;
  e.length = length;
  e.problem = problem;
  return e;
}

// The character a one-character escape stands for, or 0 when there is no such escape.
char SimpleEscape(char c) {
  switch (c) {
    case 'a':
      return '\a';
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'v':
      return '\v';
    case '\\':
    case '\'':
    case '"':
    case '`':
    case '?':
      return c;
    default:
      return 0;
  }
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view HexProblem(char letter) {
  switch (letter) {
    case 'x':
      return "\\x takes exactly 2 hex digits";
    case 'X':
      return "\\X takes exactly 2 hex digits";
    case 'u':
      return "\\u takes exactly 4 hex digits";
    default:
      return "\\U takes exactly 8 hex digits";
  }
}

// `\x`, `\u` or `\U` (s[1]) and exactly `n` hex digits.
Escape ReadHex(std::string_view s, std::size_t n) {
  std::uint32_t value = 0;
  std::size_t i = 2;
  for (; i < 2 + n && i < s.size() && HexDigit(s[i]) >= 0; ++i) {
    value = value * 16 + static_cast<std::uint32_t>(HexDigit(s[i]));
  }
  if (i < 2 + n) return Invalid(i, HexProblem(s[1]));
  return Valid(i, value);
}

bool IsSurrogate(std::uint32_t cp) { return cp >= 0xD800 && cp <= 0xDFFF; }
bool IsHighSurrogate(std::uint32_t cp) { return cp >= 0xD800 && cp <= 0xDBFF; }

// \uHHHH. A high surrogate followed by a \u escape of a low one is one code point, as in JSON;
// any other surrogate is an error.
Escape ReadUtf16(std::string_view s) {
  Escape e = ReadHex(s, 4);
  if (!e.valid || !IsSurrogate(e.code_point)) return e;
  if (IsHighSurrogate(e.code_point) && s.substr(6, 2) == "\\u") {
    const Escape low = ReadHex(s.substr(6), 4);
    if (low.valid && IsSurrogate(low.code_point) && !IsHighSurrogate(low.code_point)) {
      return Valid(12, 0x10000 + ((e.code_point - 0xD800) << 10) + (low.code_point - 0xDC00));
    }
  }
  return Invalid(6, "unpaired surrogate");
}

// \UHHHHHHHH: a Unicode scalar value.
Escape ReadUtf32(std::string_view s) {
  Escape e = ReadHex(s, 8);
  if (!e.valid) return e;
  if (e.code_point > 0x10FFFF) return Invalid(e.length, "the code point is above U+10FFFF");
  if (IsSurrogate(e.code_point)) return Invalid(e.length, "a surrogate is not a code point");
  return e;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsOctal(char c) { return c >= '0' && c <= '7'; }

// \[0-3][0-7][0-7]; s[1] is an octal digit.
Escape ReadOctal(std::string_view s) {
  std::size_t shown = 2;
  while (shown < 4 && shown < s.size() && IsDigit(s[shown])) ++shown;
  if (s[1] > '3') return Invalid(shown, "octal escapes run from \\000 to \\377");
  if (shown < 4 || !IsOctal(s[2]) || !IsOctal(s[3])) {
    return Invalid(shown, "octal escapes take exactly 3 digits 0-7");
  }
  const auto digit = [&](std::size_t i) { return static_cast<std::uint32_t>(s[i] - '0'); };
  return Valid(4, digit(1) * 64 + digit(2) * 8 + digit(3));
}

// An escape that does not exist: the backslash and the whole UTF-8 character after it.
Escape Unknown(std::string_view s) {
  std::size_t end = 2;
  while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) ++end;
  return Invalid(end, {});
}

void AppendUtf8(std::uint32_t cp, std::string* out) {
  const auto byte = [&](std::uint32_t b) { out->push_back(static_cast<char>(b)); };
  if (cp < 0x80) {
    byte(cp);
  } else if (cp < 0x800) {
    byte(0xC0 | (cp >> 6));
    byte(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    byte(0xE0 | (cp >> 12));
    byte(0x80 | ((cp >> 6) & 0x3F));
    byte(0x80 | (cp & 0x3F));
  } else {
    byte(0xF0 | (cp >> 18));
    byte(0x80 | ((cp >> 12) & 0x3F));
    byte(0x80 | ((cp >> 6) & 0x3F));
    byte(0x80 | (cp & 0x3F));
  }
}

}  // namespace

Escape ReadEscape(std::string_view s) {
  if (s.size() < 2) return Invalid(s.size(), {});
  const char c = s[1];
  if (const char simple = SimpleEscape(c); simple != 0)
    return Valid(2, static_cast<unsigned char>(simple));
  if (c == 'x' || c == 'X') return ReadHex(s, 2);
  if (c == 'u') return ReadUtf16(s);
  if (c == 'U') return ReadUtf32(s);
  if (IsOctal(c)) return ReadOctal(s);
  return Unknown(s);
}

Status EscapeError(std::string_view s, std::size_t offset) {
  const Escape e = ReadEscape(s);
  std::string message = "invalid escape sequence \"" + Printable(s.substr(0, e.length)) + "\"";
  if (!e.problem.empty()) message += ": " + std::string(e.problem);
  return InvalidArgumentError(std::move(message), offset);
}

Result<std::string> Unescape(std::string_view body, std::size_t offset) {
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size();) {
    if (body[i] != '\\') {
      out.push_back(body[i++]);
      continue;
    }
    const Escape e = ReadEscape(body.substr(i));
    if (!e.valid) return EscapeError(body.substr(i), offset + i);
    AppendUtf8(e.code_point, &out);
    i += e.length;
  }
  return out;
}

std::string Printable(std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      out += "\\x";
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0xF]);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace internal
}  // namespace aipfilter
