#include "option_specs.h"

#include <charconv>

#include "aipfilter/timestamp.h"

namespace fwmock {
namespace {

bool ParseNumber(const std::string& text, std::int64_t min, std::int64_t max, std::int64_t* out) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, *out);
  return !text.empty() && ec == std::errc() && ptr == end && *out >= min && *out <= max;
}

bool Fail(std::string* error, const std::string& what) {
  *error = what;
  return false;
}

constexpr const char* kBoolValues = "(1, true, 0 or false)";

// A boolean: the bare flag, or its variable's "1"/"true" (on) and "0"/"false" (off).
bool ApplyBool(const char* flag, const std::string& v, bool* out, std::string* error) {
  if (v != "" && v != "1" && v != "true" && v != "0" && v != "false") {
    return Fail(error, std::string(flag) + ": expected 1, true, 0 or false, got \"" + v + "\"");
  }
  *out = v == "" || v == "1" || v == "true";
  return true;
}

// A timeout: a positive duration with its unit (ms, s, m or h), at most an hour.
bool ApplyTimeout(const char* flag, const std::string& v, std::int64_t* out, std::string* error) {
  Result<std::int64_t> nanos = ParseDuration(v);
  if (!nanos.ok() || *nanos <= 0 || *nanos > 3600 * std::int64_t{1000000000}) {
    return Fail(error, std::string(flag) + ": expected a duration from 1ms to 1h, such as 10s or " +
                           "500ms, got \"" + v + "\"");
  }
  *out = *nanos;
  return true;
}

// A timeout flag: `help` is its description; its variable takes the same durations.
Spec TimeoutSpec(const char* flag, const char* env, std::int64_t Options::*field,
                 const char* help) {
  auto apply = [flag, field](const std::string& v, Options* o, std::string* e) {
    return ApplyTimeout(flag, v, &(o->*field), e);
  };
  return {flag, env, true, apply, "T", help, ""};
}

// A whole-number flag from `min` to `max`, value N: `help` is its description.
Spec IntSpec(const char* flag, const char* env, int Options::*field, int min, int max,
             const char* help) {
  auto apply = [flag, field, min, max](const std::string& v, Options* o, std::string* e) {
    std::int64_t n = 0;
    if (!ParseNumber(v, min, max, &n)) {
      return Fail(e, std::string(flag) + ": expected " + std::to_string(min) + " to " +
                         std::to_string(max));
    }
    o->*field = static_cast<int>(n);
    return true;
  };
  return {flag, env, true, apply, "N", help, ""};
}

// A boolean flag: `help` is its description; its variable takes kBoolValues.
Spec BoolSpec(const char* flag, const char* env, bool Options::*field, const char* help) {
  auto apply = [flag, field](const std::string& v, Options* o, std::string* e) {
    return ApplyBool(flag, v, &(o->*field), e);
  };
  return {flag, env, false, apply, "", help, kBoolValues};
}

// A secret: any non-empty text.
Spec SecretSpec(const char* flag, const char* env, std::string Options::*field,
                const char* value_name, const char* help) {
  auto apply = [flag, field](const std::string& v, Options* o, std::string* e) {
    if (v.empty()) return Fail(e, std::string(flag) + ": empty secret");
    o->*field = v;
    return true;
  };
  return {flag, env, true, apply, value_name, help, ""};
}

}  // namespace

std::vector<std::string> SplitList(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = text.find(sep, start);
    std::string item = text.substr(start, at - start);
    if (!item.empty()) out.push_back(std::move(item));
    if (at == std::string::npos) return out;
    start = at + 1;
  }
}

const std::vector<Spec>& Specs() {
  static const std::vector<Spec> kSpecs = {
      {"--host", "FWMOCK_HOST", true,
       [](const std::string& v, Options* o, std::string* e) {
         if (v.empty()) return Fail(e, "--host: empty host");
         o->host = v;
         return true;
       },
       "HOST", "address to bind (default 127.0.0.1)", ""},
      {"--port", "FWMOCK_PORT", true,
       [](const std::string& v, Options* o, std::string* e) {
         std::int64_t port = 0;
         if (!ParseNumber(v, 0, 65535, &port)) return Fail(e, "--port: not a port: \"" + v + "\"");
         o->port = static_cast<int>(port);
         return true;
       },
       "PORT", "port to bind, 0 for any free one\n(default 8080)", ""},
      {"--fixtures", "FWMOCK_FIXTURES", true,
       [](const std::string& v, Options* o, std::string*) {
         for (std::string& path : SplitList(v, ':')) o->fixtures.push_back(std::move(path));
         return true;
       },
       "PATH",
       "JSON file or directory of jobs; repeatable\n"
       "(default: the bundled fixtures)",
       "(':'-separated)"},
      SecretSpec("--token-secret", "FWMOCK_TOKEN_SECRET", &Options::token_secret, "S",
                 "secret sealing page tokens; give replicas\n"
                 "the same one (default: random per process)"),
      SecretSpec("--admin-token", "FWMOCK_ADMIN_TOKEN", &Options::admin_token, "T",
                 "every /_fwmock/ route needs \"Authorization:\n"
                 "Bearer T\" (default: open, on loopback)"),
      {"--api-key", "FWMOCK_API_KEYS", true,
       [](const std::string& v, Options* o, std::string* e) {
         for (const std::string& item : SplitList(v, ',')) {
           const std::size_t eq = item.find('=');
           const std::string key = item.substr(0, eq);
           if (key.empty()) return Fail(e, "--api-key: empty key in \"" + item + "\"");
           const std::string rest = eq == std::string::npos ? "" : item.substr(eq + 1);
           const std::size_t colon = rest.find(':');
           o->api_keys[key] = {rest.substr(0, colon),
                               colon == std::string::npos ? "" : rest.substr(colon + 1)};
         }
         return true;
       },
       "KEY[=ACC][:EMAIL]",
       "accept only these keys, KEY=ACC for one\n"
       "account, :EMAIL for createdBy; repeatable\n"
       "(default: any non-empty key, createdBy\n"
       "developer@fwmock.dev)",
       "(','-separated)"},
      {"--log", "FWMOCK_LOG", true,
       [](const std::string& v, Options* o, std::string* e) {
         if (v != "requests" && v != "none") {
           return Fail(e, "--log: expected \"requests\" or \"none\", got \"" + v + "\"");
         }
         o->log_requests = v == "requests";
         return true;
       },
       "requests|none",
       "one JSON line per request: time, method,\n"
       "path, query, status, bytes, durationMs\n"
       "(default none)",
       ""},
      {"--log-file", "FWMOCK_LOG_FILE", true,
       [](const std::string& v, Options* o, std::string* e) {
         if (v.empty()) return Fail(e, "--log-file: empty path");
         o->log_file = v;
         return true;
       },
       "PATH",
       "append the request lines to PATH instead of\n"
       "stderr",
       ""},
      IntSpec("--threads", "FWMOCK_THREADS", &Options::threads, 1, 256,
              "threads answering requests: as many requests\n"
              "run at once; connections are not limited by\n"
              "it (default: one per CPU fwmock may run on,\n"
              "at least 2)"),
      IntSpec("--busy-poll-us", "FWMOCK_BUSY_POLL_US", &Options::busy_poll_us, 0, 10000,
              "after answering a connection, one thread\n"
              "watches it for its next request for N\n"
              "microseconds before it sleeps; 0: never\n"
              "(default: 200, or 0 with a single CPU)"),
      TimeoutSpec("--header-timeout", "FWMOCK_HEADER_TIMEOUT", &Options::header_timeout,
                  "a request's head must arrive within T of the\n"
                  "connection's opening or its first byte, or\n"
                  "408 and close (default 10s)"),
      TimeoutSpec("--idle-timeout", "FWMOCK_IDLE_TIMEOUT", &Options::idle_timeout,
                  "close a keep-alive connection idle for T\n(default 60s)"),
      TimeoutSpec("--io-timeout", "FWMOCK_IO_TIMEOUT", &Options::io_timeout,
                  "close a connection whose request body or\n"
                  "answer makes no progress for T (default 30s)"),
      {"--max-body-mb", "FWMOCK_MAX_BODY_MB", true,
       [](const std::string& v, Options* o, std::string* e) {
         std::int64_t mb = 0;
         if (!ParseNumber(v, 1, 1024, &mb)) return Fail(e, "--max-body-mb: expected 1 to 1024");
         o->max_body_bytes = static_cast<std::size_t>(mb) << 20;
         return true;
       },
       "N", "larger request bodies are 413 (default 4)", ""},
      {"--seed", "FWMOCK_SEED", true,
       [](const std::string& v, Options* o, std::string* e) {
         std::int64_t n = 0;
         if (!ParseNumber(v, 0, INT64_MAX, &n)) return Fail(e, "--seed: expected a number");
         o->seed = static_cast<std::uint64_t>(n);
         return true;
       },
       "N", "seed of server-assigned job ids (default 0)", ""},
      {"--lifecycle", "FWMOCK_LIFECYCLE", true,
       [](const std::string& v, Options* o, std::string* e) {
         Result<LifecycleConfig> config = ParseLifecycle(v);
         if (!config.ok()) return Fail(e, "--lifecycle: " + config.status().message());
         o->lifecycle = *config;
         return true;
       },
       "SPEC",
       "state durations (default creating=1s,\n"
       "pending=2s,running=10s,cancelling=1s,\n"
       "deleting=1s)",
       ""},
      {"--clock", "FWMOCK_CLOCK", true,
       [](const std::string& v, Options* o, std::string* e) {
         if (v != "real" && v != "manual") {
           return Fail(e, "--clock: expected \"real\" or \"manual\", got \"" + v + "\"");
         }
         o->manual_clock = v == "manual";
         return true;
       },
       "real|manual",
       "the clock behind every server-written time\n"
       "(default real; manual: see /_fwmock/clock)",
       ""},
      {"--start-time", "FWMOCK_START_TIME", true,
       [](const std::string& v, Options* o, std::string* e) {
         std::int64_t t = 0;
         if (!aipfilter::ParseRfc3339(v, &t)) {
           return Fail(e, "--start-time: expected an RFC 3339 timestamp, got \"" + v + "\"");
         }
         o->start_time = t;
         return true;
       },
       "TIME", "RFC 3339 start of a manual clock\n(default now)", ""},
      {"--cache-mb", "FWMOCK_CACHE_MB", true,
       [](const std::string& v, Options* o, std::string* e) {
         std::int64_t mb = 0;
         if (!ParseNumber(v, 1, 1 << 20, &mb)) return Fail(e, "--cache-mb: expected 1 to 1048576");
         o->cache_bytes = static_cast<std::size_t>(mb) << 20;
         return true;
       },
       "N", "memory for List caches, in MiB (default 256)", ""},
      {"--journal-size", "FWMOCK_JOURNAL_SIZE", true,
       [](const std::string& v, Options* o, std::string* e) {
         std::int64_t n = 0;
         if (!ParseNumber(v, 0, 10'000'000, &n)) {
           return Fail(e, "--journal-size: expected 0 to 10000000, got \"" + v + "\"");
         }
         o->journal_size = static_cast<std::size_t>(n);
         return true;
       },
       "N",
       "requests kept for GET /_fwmock/requests, the\n"
       "newest; 0 keeps none (default 10000)",
       ""},
      {"--faults", "FWMOCK_FAULTS", true,
       [](const std::string& v, Options* o, std::string* e) {
         if (v.empty()) return Fail(e, "--faults: empty path");
         o->faults = v;
         return true;
       },
       "PATH", "JSON list of fault rules to start with\n(see /_fwmock/faults)", ""},
      {"--paging", "FWMOCK_PAGING", true,
       [](const std::string& v, Options* o, std::string* e) {
         Result<PagingMode> mode = ParsePagingSpec(v);
         if (!mode.ok()) return Fail(e, "--paging: " + mode.status().message());
         o->paging = *mode;
         return true;
       },
       "SPEC",
       "adversarial List paging of every account:\n"
       "max-page-size=N,short-pages=true,seed=N,\n"
       "empty-page-every=N,token-ttl-seconds=N\n"
       "(default: normal; see /_fwmock/paging)",
       ""},
      BoolSpec("--allow-anonymous", "FWMOCK_ALLOW_ANONYMOUS", &Options::allow_anonymous,
               "accept requests without a bearer key (load\n"
               "tests, browsers); keys given are still\n"
               "checked"),
      BoolSpec("--cors", "FWMOCK_CORS", &Options::cors,
               "answer CORS preflights (OPTIONS) with 204,\n"
               "allow any origin on every answer (browsers)"),
      BoolSpec("--strict-filters", "FWMOCK_STRICT_FILTERS", &Options::strict_filters,
               "a bare word in a List filter (such as a\n"
               "lower-case \"and\") is a 400, not a search"),
      BoolSpec("--exit-with-parent", "FWMOCK_EXIT_WITH_PARENT", &Options::exit_with_parent,
               "exit 0, as on SIGTERM, when the process\n"
               "(thread) that started fwmock dies (Linux)"),
      {"--help", nullptr, false,
       [](const std::string&, Options* o, std::string*) { return o->help = true; }, "", "this text",
       ""},
      {"--version", nullptr, false,
       [](const std::string&, Options* o, std::string*) { return o->version = true; }, "",
       "the version", ""},
  };
  return kSpecs;
}

const Spec* FindSpec(const std::string& flag) {
  for (const Spec& s : Specs()) {
    if (flag == s.flag) return &s;
  }
  return nullptr;
}

}  // namespace fwmock
