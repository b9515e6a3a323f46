#include "aipfilter/timestamp.h"

#include <cstdio>
#include <limits>

namespace aipfilter {
namespace {

constexpr std::int64_t kNanosPerSecond = 1000000000;

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void CivilFromDays(std::int64_t z, std::int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<std::int64_t>(yoe) + era * 400 + (*m <= 2);
}

bool IsLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at `*pos`.
bool Digits(std::string_view s, std::size_t* pos, int n, unsigned* out) {
  unsigned v = 0;
  for (int k = 0; k < n; ++k, ++*pos) {
    if (*pos >= s.size() || s[*pos] < '0' || s[*pos] > '9') return false;
    v = v * 10 + static_cast<unsigned>(s[*pos] - '0');
  }
  *out = v;
  return true;
}

bool Expect(std::string_view s, std::size_t* pos, char a, char b = '\0') {
  if (*pos >= s.size() || (s[*pos] != a && (b == '\0' || s[*pos] != b))) return false;
  ++*pos;
  return true;
}

// The fields of a date-time, as read.
struct DateTime {
  unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  std::int64_t fraction = 0;        // nanoseconds, truncated
  std::int64_t offset_seconds = 0;  // the UTC offset, east positive
};

bool ReadDateAndTime(std::string_view s, std::size_t* p, DateTime* t) {
  return Digits(s, p, 4, &t->year) && Expect(s, p, '-') && Digits(s, p, 2, &t->month) &&
         Expect(s, p, '-') && Digits(s, p, 2, &t->day) && Expect(s, p, 'T', 't') &&
         Digits(s, p, 2, &t->hour) && Expect(s, p, ':') && Digits(s, p, 2, &t->minute) &&
         Expect(s, p, ':') && Digits(s, p, 2, &t->second) && t->year >= 1 && t->month >= 1 &&
         t->month <= 12 && t->day >= 1 && t->day <= DaysInMonth(t->year, t->month) &&
         t->hour <= 23 && t->minute <= 59 && t->second <= 59;
}

// An optional "." and at least one digit; digits past nanoseconds are read and dropped.
bool ReadFraction(std::string_view s, std::size_t* p, DateTime* t) {
  if (*p >= s.size() || s[*p] != '.') return true;
  const std::size_t start = ++*p;
  std::int64_t scale = kNanosPerSecond;
  for (; *p < s.size() && s[*p] >= '0' && s[*p] <= '9'; ++*p) {
    if (scale > 1) {
      scale /= 10;
      t->fraction += (s[*p] - '0') * scale;
    }
  }
  return *p != start;
}

// "Z", "z" or +hh:mm / -hh:mm.
bool ReadOffset(std::string_view s, std::size_t* p, DateTime* t) {
  if (*p < s.size() && (s[*p] == 'Z' || s[*p] == 'z')) {
    ++*p;
    return true;
  }
  if (*p >= s.size() || (s[*p] != '+' && s[*p] != '-')) return false;
  const int sign = s[(*p)++] == '-' ? -1 : 1;
  unsigned oh, om;
  if (!Digits(s, p, 2, &oh) || !Expect(s, p, ':') || !Digits(s, p, 2, &om) || oh > 23 || om > 59) {
    return false;
  }
  t->offset_seconds = sign * static_cast<std::int64_t>(oh * 3600 + om * 60);
  return true;
}

}  // namespace

TimestampParse ParseRfc3339Clamped(std::string_view s, std::int64_t* nanos) {
  std::size_t p = 0;
  DateTime t;
  if (!ReadDateAndTime(s, &p, &t) || !ReadFraction(s, &p, &t) || !ReadOffset(s, &p, &t) ||
      p != s.size()) {
    return TimestampParse::kMalformed;
  }
  std::int64_t seconds = DaysFromCivil(t.year, t.month, t.day) * 86400 + t.hour * 3600 +
                         t.minute * 60 + t.second - t.offset_seconds;
  std::int64_t fraction = t.fraction;
  // Before the epoch, borrow a second so that both parts are negative: seconds * 1e9 then
  // overflows only when the instant itself is out of range (1677-09-21T00:12:43.5Z is
  // -9223372036 s - 0.5 s, while -9223372037 s alone is below INT64_MIN ns).
  if (seconds < 0 && fraction > 0) {
    ++seconds;
    fraction -= kNanosPerSecond;
  }
  std::int64_t whole = 0;
  if (__builtin_mul_overflow(seconds, kNanosPerSecond, &whole) ||
      __builtin_add_overflow(whole, fraction, &whole)) {
    const bool early = seconds < 0;
    *nanos =
        early ? std::numeric_limits<std::int64_t>::min() : std::numeric_limits<std::int64_t>::max();
    return early ? TimestampParse::kTooEarly : TimestampParse::kTooLate;
  }
  *nanos = whole;
  return TimestampParse::kOk;
}

bool ParseRfc3339(std::string_view text, std::int64_t* nanos) {
  std::int64_t value = 0;
  if (ParseRfc3339Clamped(text, &value) != TimestampParse::kOk) return false;
  *nanos = value;
  return true;
}

std::string FormatRfc3339(std::int64_t nanos) {
  std::int64_t seconds = nanos / kNanosPerSecond;
  std::int64_t fraction = nanos % kNanosPerSecond;
  if (fraction < 0) {
    fraction += kNanosPerSecond;
    --seconds;
  }
  std::int64_t days = seconds / 86400;
  std::int64_t rem = seconds % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  std::int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld",
                        static_cast<long long>(y), m, d, static_cast<long long>(rem / 3600),
                        static_cast<long long>(rem / 60 % 60), static_cast<long long>(rem % 60));
  std::string out(buf, static_cast<std::size_t>(n));
  if (fraction != 0) {
    int digits = 9;
    long long value = fraction;
    if (value % 1000000 == 0) {
      digits = 3;
      value /= 1000000;
    } else if (value % 1000 == 0) {
      digits = 6;
      value /= 1000;
    }
    n = std::snprintf(buf, sizeof buf, ".%0*lld", digits, value);
    out.append(buf, static_cast<std::size_t>(n));
  }
  out.push_back('Z');
  return out;
}

}  // namespace aipfilter
