#include "options.h"

#include <charconv>
#include <functional>

#include "aipfilter/timestamp.h"

namespace fwmock {
namespace {

bool ParseNumber(const std::string& text, std::int64_t min, std::int64_t max, std::int64_t* out) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, *out);
  return !text.empty() && ec == std::errc() && ptr == end && *out >= min && *out <= max;
}

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

// One option: its flag, its environment variable, and how a value is applied.
struct Spec {
  const char* flag;
  const char* env;
  bool takes_value;
  std::function<bool(const std::string& value, Options* o, std::string* error)> apply;
};

bool Fail(std::string* error, const std::string& what) {
  *error = what;
  return false;
}

const std::vector<Spec>& Specs() {
  static const std::vector<Spec> kSpecs = {
      {"--host", "FWMOCK_HOST", true,
       [](const std::string& v, Options* o, std::string* e) {
         if (v.empty()) return Fail(e, "--host: empty host");
         o->host = v;
         return true;
       }},
      {"--port", "FWMOCK_PORT", true,
       [](const std::string& v, Options* o, std::string* e) {
         std::int64_t port = 0;
         if (!ParseNumber(v, 0, 65535, &port)) return Fail(e, "--port: not a port: \"" + v + "\"");
         o->port = static_cast<int>(port);
         return true;
       }},
      {"--fixtures", "FWMOCK_FIXTURES", true,
       [](const std::string& v, Options* o, std::string*) {
         for (std::string& path : SplitList(v, ':')) o->fixtures.push_back(std::move(path));
         return true;
       }},
      {"--token-secret", "FWMOCK_TOKEN_SECRET", true,
       [](const std::string& v, Options* o, std::string* e) {
         if (v.empty()) return Fail(e, "--token-secret: empty secret");
         o->token_secret = v;
         return true;
       }},
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
       }},
      {"--log", "FWMOCK_LOG", true,
       [](const std::string& v, Options* o, std::string* e) {
         if (v != "requests" && v != "none") {
           return Fail(e, "--log: expected \"requests\" or \"none\", got \"" + v + "\"");
         }
         o->log_requests = v == "requests";
         return true;
       }},
      {"--threads", "FWMOCK_THREADS", true,
       [](const std::string& v, Options* o, std::string* e) {
         std::int64_t n = 0;
         if (!ParseNumber(v, 1, 4096, &n)) return Fail(e, "--threads: expected 1 to 4096");
         o->threads = static_cast<int>(n);
         return true;
       }},
      {"--seed", "FWMOCK_SEED", true,
       [](const std::string& v, Options* o, std::string* e) {
         std::int64_t n = 0;
         if (!ParseNumber(v, 0, INT64_MAX, &n)) return Fail(e, "--seed: expected a number");
         o->seed = static_cast<std::uint64_t>(n);
         return true;
       }},
      {"--lifecycle", "FWMOCK_LIFECYCLE", true,
       [](const std::string& v, Options* o, std::string* e) {
         Result<LifecycleConfig> config = ParseLifecycle(v);
         if (!config.ok()) return Fail(e, "--lifecycle: " + config.status().message());
         o->lifecycle = *config;
         return true;
       }},
      {"--clock", "FWMOCK_CLOCK", true,
       [](const std::string& v, Options* o, std::string* e) {
         if (v != "real" && v != "manual") {
           return Fail(e, "--clock: expected \"real\" or \"manual\", got \"" + v + "\"");
         }
         o->manual_clock = v == "manual";
         return true;
       }},
      {"--start-time", "FWMOCK_START_TIME", true,
       [](const std::string& v, Options* o, std::string* e) {
         std::int64_t t = 0;
         if (!aipfilter::ParseRfc3339(v, &t)) {
           return Fail(e, "--start-time: expected an RFC 3339 timestamp, got \"" + v + "\"");
         }
         o->start_time = t;
         return true;
       }},
      {"--cache-mb", "FWMOCK_CACHE_MB", true,
       [](const std::string& v, Options* o, std::string* e) {
         std::int64_t mb = 0;
         if (!ParseNumber(v, 1, 1 << 20, &mb)) return Fail(e, "--cache-mb: expected 1 to 1048576");
         o->cache_bytes = static_cast<std::size_t>(mb) << 20;
         return true;
       }},
      {"--allow-anonymous", "FWMOCK_ALLOW_ANONYMOUS", false,
       [](const std::string& v, Options* o, std::string* e) {
         if (v != "" && v != "1" && v != "true" && v != "0" && v != "false") {
           return Fail(e, "expected 1, true, 0 or false, got \"" + v + "\"");
         }
         o->allow_anonymous = v == "" || v == "1" || v == "true";
         return true;
       }},
      {"--help", nullptr, false,
       [](const std::string&, Options* o, std::string*) { return o->help = true; }},
      {"--version", nullptr, false,
       [](const std::string&, Options* o, std::string*) { return o->version = true; }},
  };
  return kSpecs;
}

const Spec* FindSpec(const std::string& flag) {
  for (const Spec& s : Specs()) {
    if (flag == s.flag) return &s;
  }
  return nullptr;
}

}  // namespace

bool ParseOptions(int argc, const char* const* argv, const std::map<std::string, std::string>& env,
                  Options* options, std::string* error) {
  for (const Spec& s : Specs()) {
    if (s.env == nullptr) continue;
    const auto it = env.find(s.env);
    if (it != env.end() && !s.apply(it->second, options, error)) {
      *error = std::string(s.env) + ": " + *error;
      return false;
    }
  }
  bool fixtures_from_flags = false;
  bool keys_from_flags = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    bool has_value = false;
    if (const std::size_t eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg.resize(eq);
      has_value = true;
    }
    const Spec* spec = FindSpec(arg);
    if (spec == nullptr) return Fail(error, "unknown option \"" + arg + "\" (see --help)");
    if (spec->takes_value && !has_value) {
      if (i + 1 >= argc) return Fail(error, arg + ": missing value");
      value = argv[++i];
    } else if (!spec->takes_value && has_value) {
      return Fail(error, arg + ": takes no value");
    }
    // The list flags replace the environment's list rather than add to it.
    if (arg == "--fixtures" && !fixtures_from_flags) {
      options->fixtures.clear();
      fixtures_from_flags = true;
    }
    if (arg == "--api-key" && !keys_from_flags) {
      options->api_keys.clear();
      keys_from_flags = true;
    }
    if (!spec->apply(value, options, error)) return false;
  }
  return true;
}

std::string Usage() {
  return R"(usage: fwmock [options]

A local fake of the Fireworks AI batch jobs API.

  --host HOST          address to bind (default 127.0.0.1)            FWMOCK_HOST
  --port PORT          port to bind, 0 for any free one (default 8080)  FWMOCK_PORT
  --fixtures PATH      JSON file or directory of jobs; repeatable       FWMOCK_FIXTURES
                       (default: the bundled fixtures)                  (':'-separated)
  --token-secret S     secret sealing page tokens; give replicas the    FWMOCK_TOKEN_SECRET
                       same one (default: random per process)
  --api-key KEY[=ACC][:EMAIL]
                       accept only these keys, KEY=ACC for one account,  FWMOCK_API_KEYS
                       :EMAIL for createdBy; repeatable (default: any   (','-separated)
                       non-empty key, createdBy developer@fwmock.dev)
  --log requests|none  one JSON line per request on stderr (default none) FWMOCK_LOG
  --allow-anonymous    accept requests without a bearer key (load tests,  FWMOCK_ALLOW_ANONYMOUS
                       browsers); keys given are still checked              (1 or 0)
  --threads N          connections served at once (default 64)          FWMOCK_THREADS
  --seed N             seed of server-assigned job ids (default 0)      FWMOCK_SEED
  --lifecycle SPEC     state durations (default creating=1s,pending=2s,   FWMOCK_LIFECYCLE
                       running=10s,cancelling=1s,deleting=1s)
  --clock real|manual  the clock behind every server-written time       FWMOCK_CLOCK
                       (default real; manual moves by /_fwmock/clock)
  --start-time TIME    RFC 3339 start of a manual clock (default now)   FWMOCK_START_TIME
  --cache-mb N         memory for List caches, in MiB (default 256)     FWMOCK_CACHE_MB
  --help               this text
  --version            the version

Once ready it prints "fwmock listening on http://HOST:PORT" on stdout.
)";
}

}  // namespace fwmock
