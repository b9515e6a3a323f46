// Tests of RFC 3339 parsing and formatting. Expected instants were computed independently with
// GNU date (`date -u -d 2012-04-21T15:30:00Z +%s` is 1335022200), never by the code under test.

#include "aipfilter/timestamp.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>

namespace aipfilter {
namespace {

constexpr std::int64_t kSecond = 1000000000;
// 2012-04-21T15:30:00Z.
constexpr std::int64_t k2012 = 1335022200 * kSecond;
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

TEST_CASE("RFC 3339 date-times parse to nanoseconds since the epoch", "[filter][timestamp]") {
  auto [text, expected] = GENERATE(table<std::string, std::int64_t>({
      {"1970-01-01T00:00:00Z", 0},
      {"1970-01-01t00:00:00z", 0},
      {"1970-01-01T00:00:00+00:00", 0},
      {"1970-01-01T00:00:00-00:00", 0},
      {"2024-01-02T03:04:05.123456789+02:00", 1704157445 * kSecond + 123456789},
      {"2012-04-21T15:30:00Z", k2012},
      {"2012-04-21t15:30:00z", k2012},
      {"2012-04-21T15:30:00z", k2012},
      {"2012-04-21t15:30:00Z", k2012},
      {"2012-04-21T11:30:00-04:00", k2012},
      {"2012-04-21T17:00:00+01:30", k2012},
      {"2012-04-21T10:00:00-05:30", k2012},
      {"2012-04-22T15:29:00+23:59", k2012},
      {"2012-04-21T00:00:00-15:30", k2012},
      {"2012-04-21T11:30:00.5-04:00", k2012 + 500000000},
      {"2038-01-19T03:14:08Z", 2147483648 * kSecond},
      {"2024-02-29T00:00:00Z", 1709164800 * kSecond},
      {"2000-02-29T12:00:00Z", 951825600 * kSecond},
      {"2024-12-31T23:59:59Z", 1735689599 * kSecond},
      {"1969-12-31T23:59:59Z", -kSecond},
      {"1969-12-31T23:59:59.5Z", -500000000},
      {"1969-12-31T23:59:59.999999999Z", -1},
      {"1970-01-01T00:59:59+01:00", -kSecond},
      {"1900-01-01T00:00:00Z", -2208988800 * kSecond},
  }));
  CAPTURE(text);
  std::int64_t nanos = 42;
  REQUIRE(ParseRfc3339(text, &nanos));
  CHECK(nanos == expected);
}

TEST_CASE("The edges of the int64 nanosecond range parse exactly", "[filter][timestamp]") {
  // 1677-09-21T00:12:43Z is -9223372037 s and 2262-04-11T23:47:16Z is 9223372036 s
  // (`date -u -d @-9223372037`); INT64_MIN ns is -9223372037 s + 145224192 ns.
  auto [text, expected] = GENERATE(table<std::string, std::int64_t>({
      {"2262-04-11T23:47:16.854775807Z", kMax},
      {"2262-04-11T23:47:16.854775806Z", kMax - 1},
      {"2262-04-11T23:47:16Z", 9223372036 * kSecond},
      {"2262-04-12T00:47:16.854775807+01:00", kMax},
      {"2262-04-11T22:47:16.854775807-01:00", kMax},
      {"1677-09-21T00:12:43.145224192Z", kMin},
      {"1677-09-21T00:12:43.145224193Z", kMin + 1},
      {"1677-09-21T00:12:43.5Z", -9223372036 * kSecond - 500000000},
      {"1677-09-21T00:12:43.999999999Z", -9223372036 * kSecond - 1},
      {"1677-09-21T00:12:44Z", -9223372036 * kSecond},
      {"1677-09-20T23:12:43.145224192-01:00", kMin},
      {"1677-09-20T23:12:43.5-01:00", -9223372036 * kSecond - 500000000},
  }));
  CAPTURE(text);
  std::int64_t nanos = 42;
  REQUIRE(ParseRfc3339(text, &nanos));
  CHECK(nanos == expected);
  std::int64_t clamped = 42;
  CHECK(ParseRfc3339Clamped(text, &clamped) == TimestampParse::kOk);
  CHECK(clamped == expected);
}

TEST_CASE("Fractions of any length are read to the nanosecond and truncated",
          "[filter][timestamp]") {
  auto [fraction, expected] = GENERATE(table<std::string, std::int64_t>({
      {".0", 0},
      {".1", 100000000},
      {".12", 120000000},
      {".123", 123000000},
      {".1234", 123400000},
      {".12345", 123450000},
      {".123456", 123456000},
      {".1234567", 123456700},
      {".12345678", 123456780},
      {".123456789", 123456789},
      {".000000001", 1},
      {".1234567891", 123456789},
      {".123456789999", 123456789},
      {".9999999999", 999999999},
      {".000000000999", 0},
      {".123456789012345678901234567890", 123456789},
  }));
  const std::string text = "2012-04-21T15:30:00" + fraction + "Z";
  CAPTURE(text);
  std::int64_t nanos = 42;
  REQUIRE(ParseRfc3339(text, &nanos));
  CHECK(nanos == k2012 + expected);
}

TEST_CASE("Malformed or out-of-range date-times are rejected", "[filter][timestamp]") {
  std::string text = GENERATE(
      as<std::string>{},
      // Calendar and clock ranges.
      "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
      "2024-02-30T00:00:00Z", "2024-04-31T00:00:00Z", "2024-00-10T00:00:00Z",
      "2024-13-10T00:00:00Z", "2024-01-00T00:00:00Z", "2024-01-32T00:00:00Z",
      "2024-01-02T24:00:00Z", "2024-01-02T03:60:00Z", "2024-01-02T03:04:61Z",
      "2024-01-02T03:04:05+24:00", "2024-01-02T03:04:05+05:60", "0000-01-01T00:00:00Z",
      // Missing or short parts.
      "", "2024-01-02", "2024-01-02T03:04Z", "2024-01-02T03:04:05", "2024-01-02T03:04:05.Z",
      "2024-1-02T03:04:05Z", "24-01-02T03:04:05Z", "2024-01-2T03:04:05Z", "2024-01-02T3:04:05Z",
      "2024-01-02T03:4:05Z", "2024-01-02T03:04:5Z", "2024-01-02T03:04:05+0200",
      "2024-01-02T03:04:05+02", "2024-01-02T03:04:05+2:00",
      // Wrong separators and garbage.
      "2024-01-02 03:04:05Z", "2024/01/02T03:04:05Z", "2024-01-02x03:04:05Z",
      "2024-01-02T03-04-05Z", "2024-01-02T03:04:05.12aZ", "2024-01-02T03:04:05Zx",
      "2024-01-02T03:04:05Z ", " 2024-01-02T03:04:05Z", "+2024-01-02T03:04:05Z",
      "-2024-01-02T03:04:05Z", "2024-01-02T03:04:05Z+01:00", "2024-01-02T03:04:05UTC",
      "2024-01-02T03:04:05 +01:00", "2O24-01-02T03:04:05Z");
  CAPTURE(text);
  std::int64_t nanos = 0;
  CHECK_FALSE(ParseRfc3339(text, &nanos));
}

TEST_CASE("Well-formed instants beyond the int64 range are out of range, not saturated",
          "[filter][timestamp]") {
  // Years 0001 to 9999 are well-formed, but int64 nanoseconds only span
  // 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z. ParseRfc3339 refuses the
  // rest and leaves its output alone; ParseRfc3339Clamped says which side and clamps.
  auto [text, late] = GENERATE(table<std::string, bool>({
      {"0001-01-01T00:00:00Z", false},
      {"1000-06-15T12:00:00+05:00", false},
      {"1677-09-20T00:00:00Z", false},
      {"1677-09-21T00:12:43Z", false},
      {"1677-09-21T00:12:43.145224191Z", false},
      {"1677-09-21T00:12:43.145224191999Z", false},
      {"1677-09-21T01:12:43.145224192+01:01", false},
      {"2262-04-11T23:47:16.854775808Z", true},
      {"2262-04-11T23:47:17Z", true},
      {"2262-04-11T22:47:16.854775808-01:00", true},
      {"2262-04-12T00:00:00Z", true},
      {"5000-01-01T00:00:00-05:00", true},
      {"9999-12-31T23:59:59.999999999Z", true},
      {"9999-12-31T23:59:59.999999999-23:59", true},
  }));
  CAPTURE(text);
  std::int64_t nanos = 42;
  CHECK_FALSE(ParseRfc3339(text, &nanos));
  CHECK(nanos == 42);
  std::int64_t clamped = 42;
  CHECK(ParseRfc3339Clamped(text, &clamped) ==
        (late ? TimestampParse::kTooLate : TimestampParse::kTooEarly));
  CHECK(clamped == (late ? kMax : kMin));
}

TEST_CASE("Malformed date-times are malformed for the clamped parse too", "[filter][timestamp]") {
  std::string text = GENERATE(as<std::string>{}, "", "0000-01-01T00:00:00Z", "9999-12-31T24:00:00Z",
                              "2262-04-11T23:47:16.Z", "10000-01-01T00:00:00Z");
  CAPTURE(text);
  std::int64_t nanos = 42;
  CHECK(ParseRfc3339Clamped(text, &nanos) == TimestampParse::kMalformed);
  CHECK(nanos == 42);
}

TEST_CASE("Formatting prints UTC with the shortest exact fraction", "[filter][timestamp]") {
  auto [nanos, expected] = GENERATE(table<std::int64_t, std::string>({
      {0, "1970-01-01T00:00:00Z"},
      {k2012, "2012-04-21T15:30:00Z"},
      {k2012 + 500000000, "2012-04-21T15:30:00.500Z"},
      {k2012 + 120000000, "2012-04-21T15:30:00.120Z"},
      {k2012 + 123000000, "2012-04-21T15:30:00.123Z"},
      {k2012 + 123400000, "2012-04-21T15:30:00.123400Z"},
      {k2012 + 123000, "2012-04-21T15:30:00.000123Z"},
      {k2012 + 123456000, "2012-04-21T15:30:00.123456Z"},
      {k2012 + 123456789, "2012-04-21T15:30:00.123456789Z"},
      {k2012 + 1, "2012-04-21T15:30:00.000000001Z"},
      {k2012 + 100000100, "2012-04-21T15:30:00.100000100Z"},
      {1709164800 * kSecond, "2024-02-29T00:00:00Z"},
      {-1, "1969-12-31T23:59:59.999999999Z"},
      {-500000000, "1969-12-31T23:59:59.500Z"},
      {-kSecond, "1969-12-31T23:59:59Z"},
      {-2208988800 * kSecond, "1900-01-01T00:00:00Z"},
      {kMax, "2262-04-11T23:47:16.854775807Z"},
      {kMin, "1677-09-21T00:12:43.145224192Z"},
  }));
  CAPTURE(nanos);
  CHECK(FormatRfc3339(nanos) == expected);
}

TEST_CASE("Formatting and parsing round-trip", "[filter][timestamp]") {
  SECTION("nanoseconds survive format then parse") {
    std::int64_t nanos = GENERATE(std::int64_t{0}, std::int64_t{1}, std::int64_t{-1},
                                  std::int64_t{999}, std::int64_t{-999999999}, k2012 + 123456789,
                                  -2208988800 * kSecond + 7, 1709164800 * kSecond, kMax, kMin);
    CAPTURE(nanos);
    std::int64_t parsed = 42;
    REQUIRE(ParseRfc3339(FormatRfc3339(nanos), &parsed));
    CHECK(parsed == nanos);
  }
  SECTION("parse then format gives the canonical UTC text") {
    auto [text, canonical] = GENERATE(table<std::string, std::string>({
        {"2012-04-21T11:30:00-04:00", "2012-04-21T15:30:00Z"},
        {"2012-04-21t15:30:00.120z", "2012-04-21T15:30:00.120Z"},
        {"2012-04-21T15:30:00.1Z", "2012-04-21T15:30:00.100Z"},
        {"2012-04-21T15:30:00.1234Z", "2012-04-21T15:30:00.123400Z"},
        {"2012-04-21T15:30:00.000000000Z", "2012-04-21T15:30:00Z"},
        {"2012-04-21T15:30:00.1234567891Z", "2012-04-21T15:30:00.123456789Z"},
        {"2024-01-01T00:30:00+01:00", "2023-12-31T23:30:00Z"},
        {"2024-02-28T23:00:00-01:00", "2024-02-29T00:00:00Z"},
    }));
    CAPTURE(text);
    std::int64_t nanos = 0;
    REQUIRE(ParseRfc3339(text, &nanos));
    CHECK(FormatRfc3339(nanos) == canonical);
  }
}

}  // namespace
}  // namespace aipfilter
