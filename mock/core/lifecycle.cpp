#include "lifecycle.h"

#include <charconv>
#include <cmath>

#include "text.h"

namespace fwmock {

using aipfilter::InvalidArgumentError;

namespace {

constexpr double kNanosPerSecond = 1e9;
constexpr double kMaxSeconds = 100.0 * 365 * 24 * 3600;  // a century: far beyond any test

bool ParseSeconds(std::string_view text, double* seconds) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, *seconds);
  return !text.empty() && ec == std::errc() && ptr == end && std::isfinite(*seconds) &&
         *seconds >= 0 && *seconds <= kMaxSeconds;
}

std::int64_t Nanos(double seconds) {
  return static_cast<std::int64_t>(std::llround(seconds * kNanosPerSecond));
}

std::string Lookup(const StringMap& annotations, const char* key) {
  const auto it = annotations.find(key);
  return it == annotations.end() ? std::string() : it->second;
}

// How long a job runs: fwmock.dev/run-seconds, else the configured time; none when scripted to
// run until cancelled.
std::optional<std::int64_t> RunTime(const BatchJob& job, const LifecycleConfig& config) {
  if (Lookup(job.annotations, kOutcomeAnnotation) == "RUNNING") return std::nullopt;
  double seconds = 0;
  const std::string run = Lookup(job.annotations, kRunSecondsAnnotation);
  if (!run.empty() && ParseSeconds(run, &seconds)) return Nanos(seconds);
  return config.running;
}

JobState Outcome(const BatchJob& job) {
  return Lookup(job.annotations, kOutcomeAnnotation) == "FAILED" ? JobState::kFailed
                                                                 : JobState::kCompleted;
}

std::string StatusText(const BatchJob& job, JobState state) {
  switch (state) {
    case JobState::kCreating:
      return "creating";
    case JobState::kQueued:
      return "queued";
    case JobState::kPending:
      return "pending";
    case JobState::kRunning:
      return "running";
    case JobState::kCompleted:
      return "completed";
    case JobState::kFailed: {
      const std::string text = Lookup(job.annotations, kStatusAnnotation);
      return text.empty() ? "failed" : text;
    }
    case JobState::kCancelling:
      return "cancelling";
    case JobState::kCancelled:
      return "cancelled";
    case JobState::kDeleting:
      return "deleting";
    case JobState::kUnspecified:
      break;
  }
  return "";
}

Status SetDuration(LifecycleConfig* config, std::string_view name, std::int64_t nanos) {
  struct Field {
    const char* name;
    std::int64_t LifecycleConfig::*value;
  };
  static const Field kFields[] = {{"creating", &LifecycleConfig::creating},
                                  {"pending", &LifecycleConfig::pending},
                                  {"running", &LifecycleConfig::running},
                                  {"cancelling", &LifecycleConfig::cancelling},
                                  {"deleting", &LifecycleConfig::deleting}};
  for (const Field& f : kFields) {
    if (name == f.name) return config->*f.value = nanos, aipfilter::OkStatus();
  }
  return InvalidArgumentError("unknown state \"" + std::string(name) +
                              "\" (expected creating, pending, running, cancelling or deleting)");
}

}  // namespace

Result<std::int64_t> ParseDuration(std::string_view text) {
  struct Unit {
    const char* suffix;
    double seconds;
  };
  static const Unit kUnits[] = {{"ms", 1e-3}, {"s", 1}, {"m", 60}, {"h", 3600}};
  for (const Unit& u : kUnits) {
    const std::string_view suffix(u.suffix);
    if (text.size() <= suffix.size() || text.substr(text.size() - suffix.size()) != suffix) {
      continue;
    }
    double number = 0;
    if (!ParseSeconds(text.substr(0, text.size() - suffix.size()), &number)) break;
    if (number * u.seconds > kMaxSeconds) break;
    return Nanos(number * u.seconds);
  }
  return InvalidArgumentError("invalid duration \"" + std::string(text) +
                              "\": expected a non-negative number with ms, s, m or h");
}

Result<LifecycleConfig> ParseLifecycle(std::string_view text) {
  LifecycleConfig config;
  for (std::string_view item : Split(text, ',')) {
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      return InvalidArgumentError("expected STATE=DURATION, got \"" + std::string(item) + "\"");
    }
    Result<std::int64_t> nanos = ParseDuration(Trim(item.substr(eq + 1)));
    if (!nanos.ok()) return nanos.status();
    if (Status s = SetDuration(&config, Trim(item.substr(0, eq)), *nanos); !s.ok()) return s;
  }
  return config;
}

Status ValidateScript(const StringMap& annotations) {
  const auto outcome = annotations.find(kOutcomeAnnotation);
  if (outcome != annotations.end() && outcome->second != "COMPLETED" &&
      outcome->second != "FAILED" && outcome->second != "RUNNING") {
    return InvalidArgumentError(std::string("field \"annotations\": ") + kOutcomeAnnotation +
                                " must be COMPLETED, FAILED or RUNNING, got \"" + outcome->second +
                                "\"");
  }
  const auto run = annotations.find(kRunSecondsAnnotation);
  double seconds = 0;
  if (run != annotations.end() && !ParseSeconds(run->second, &seconds)) {
    return InvalidArgumentError(std::string("field \"annotations\": ") + kRunSecondsAnnotation +
                                " must be a non-negative number of seconds, got \"" + run->second +
                                "\"");
  }
  return aipfilter::OkStatus();
}

std::optional<Transition> NextTransition(const BatchJob& job, std::int64_t entered,
                                         const LifecycleConfig& config) {
  switch (job.state) {
    case JobState::kCreating:
    case JobState::kQueued:
      return Transition{entered + config.creating, JobState::kPending};
    case JobState::kPending:
      return Transition{entered + config.pending, JobState::kRunning};
    case JobState::kRunning: {
      const std::optional<std::int64_t> run = RunTime(job, config);
      if (!run) return std::nullopt;
      return Transition{entered + *run, Outcome(job)};
    }
    case JobState::kCancelling:
      return Transition{entered + config.cancelling, JobState::kCancelled};
    case JobState::kDeleting:
      return Transition{entered + config.deleting, JobState::kUnspecified};
    default:
      return std::nullopt;
  }
}

void EnterState(BatchJob* job, JobState state, std::int64_t at) {
  job->state = state;
  job->status = StatusText(*job, state);
  job->update_time = at;
  if (state == JobState::kRunning) job->start_time = at;
  if (state == JobState::kCompleted || state == JobState::kFailed ||
      state == JobState::kCancelled) {
    job->end_time = at;
  }
}

bool Cancellable(JobState state) {
  return state == JobState::kCreating || state == JobState::kQueued ||
         state == JobState::kPending || state == JobState::kRunning;
}

}  // namespace fwmock
