#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace aipfilter {

// What ParseRfc3339Clamped found.
enum class TimestampParse {
  kOk,         // an instant int64 nanoseconds hold, exactly
  kMalformed,  // not an RFC 3339 date-time
  kTooEarly,   // well-formed, before 1677-09-21T00:12:43.145224192Z (INT64_MIN ns)
  kTooLate,    // well-formed, after 2262-04-11T23:47:16.854775807Z (INT64_MAX ns)
};

// Parses an RFC 3339 date-time ("2024-01-02T03:04:05.123456789+02:00"; "T"/"t" and "Z"/"z"
// alike, no space separator) into nanoseconds since the Unix epoch. Fractions beyond nanoseconds
// are truncated. Years run from 0001 to 9999, but int64 nanoseconds hold only
// 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z, both edges included and
// exact. On kOk `*nanos` is the instant; on kTooEarly / kTooLate it is INT64_MIN / INT64_MAX,
// the nearest instant held (so it orders correctly, but is not the instant); on kMalformed it is
// left alone.
TimestampParse ParseRfc3339Clamped(std::string_view text, std::int64_t* nanos);

// ParseRfc3339Clamped for callers that want the exact instant or nothing: true on kOk. False
// when the text is malformed or out of the range above, with `*nanos` left alone; it never
// saturates, so INT64_MIN and INT64_MAX only come back for the two edge instants themselves.
bool ParseRfc3339(std::string_view text, std::int64_t* nanos);

// Formats nanoseconds since the epoch as RFC 3339 UTC with "Z": no fraction when it is zero,
// else 3, 6 or 9 digits, whichever is shortest and exact.
std::string FormatRfc3339(std::int64_t nanos);

}  // namespace aipfilter
