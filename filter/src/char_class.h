#pragma once

// The byte classes of the AIP-160 lexical grammar, shared by the grammar and its error messages.
// Bytes of multi-byte UTF-8 sequences (>= 0x80) are classed as themselves: the input was checked
// to be valid UTF-8 before parsing.

#include <cstring>

namespace aipfilter {
namespace internal {

// Whitespace: ` \t\n\v\f\r`.
inline bool IsSpace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// TEXT: no whitespace, controls, quotes or . : < > = ! ( ) ,
inline bool IsTextChar(unsigned char c) {
  return c > ' ' && c != 0x7F && std::strchr(".:<>=!(),\"'", c) == nullptr;
}

}  // namespace internal
}  // namespace aipfilter
