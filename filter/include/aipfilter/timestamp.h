#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace aipfilter {

// Parses an RFC 3339 date-time ("2024-01-02T03:04:05.123456789+02:00"; "T"/"t" and "Z"/"z"
// alike, no space separator) into nanoseconds since the Unix epoch. Fractions beyond nanoseconds
// are truncated. Returns false on anything malformed (years run from 0001 to 9999). Instants
// beyond what int64 nanoseconds hold (before 1677-09-21 or after 2262-04-11) saturate to the
// int64 minimum or maximum, so "9999-12-31T00:00:00Z" still orders after every real record.
bool ParseRfc3339(std::string_view text, std::int64_t* nanos);

// Formats nanoseconds since the epoch as RFC 3339 UTC with "Z": no fraction when it is zero,
// else 3, 6 or 9 digits, whichever is shortest and exact.
std::string FormatRfc3339(std::int64_t nanos);

}  // namespace aipfilter
