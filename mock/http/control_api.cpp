#include "control_api.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "aipfilter/timestamp.h"
#include "body_json.h"
#include "respond.h"

namespace fwmock {

using aipfilter::InvalidArgumentError;

namespace {

std::string ClockJson(const Clock& clock) {
  const nlohmann::json out = {{"mode", clock.mode() == Clock::Mode::kManual ? "manual" : "real"},
                              {"now", aipfilter::FormatRfc3339(clock.Now())}};
  return out.dump();
}

// {"seconds": N}: N a non-negative number (fractions allowed), in nanoseconds.
Result<std::int64_t> AdvanceStep(const nlohmann::json& body) {
  const auto it = body.find("seconds");
  if (it == body.end() || !it->is_number()) {
    return InvalidArgumentError("field \"seconds\": expected a number of seconds");
  }
  const double seconds = it->get<double>();
  if (!std::isfinite(seconds) || seconds < 0 || seconds > 9e9) {
    return Status(aipfilter::StatusCode::kFailedPrecondition,
                  "field \"seconds\": the clock only moves forward, by at most 9e9 seconds");
  }
  return static_cast<std::int64_t>(std::llround(seconds * 1e9));
}

// {"now": "RFC 3339"}.
Result<std::int64_t> SetTime(const nlohmann::json& body) {
  const auto it = body.find("now");
  std::int64_t now = 0;
  if (it == body.end() || !it->is_string() ||
      !aipfilter::ParseRfc3339(it->get<std::string>(), &now)) {
    return InvalidArgumentError("field \"now\": expected an RFC 3339 timestamp");
  }
  return now;
}

Status MoveClock(Operation op, const std::string& text, Clock& clock) {
  Result<nlohmann::json> body = ParseBodyObject(text);
  if (!body.ok()) return body.status();
  Result<std::int64_t> value = op == Operation::kClockAdvance ? AdvanceStep(*body) : SetTime(*body);
  if (!value.ok()) return value.status();
  return op == Operation::kClockAdvance ? clock.Advance(*value) : clock.Set(*value);
}

}  // namespace

void ServeControl(const Route& route, const httplib::Request& req, Clock& clock, JobService& jobs,
                  httplib::Response& res) {
  if (route.operation != Operation::kClockGet) {
    if (Status s = MoveClock(route.operation, req.body, clock); !s.ok()) {
      return WriteError(res, s);
    }
    jobs.CatchUpAll();
  }
  WriteJson(res, ClockJson(clock));
}

}  // namespace fwmock
