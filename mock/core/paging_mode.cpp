#include "paging_mode.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>
#include <vector>

namespace fwmock {

using aipfilter::InvalidArgumentError;
using aipfilter::OkStatus;

namespace {

constexpr std::int64_t kNanosPerSecond = 1000000000;

// One key of a mode: its names in a JSON body and in the flag, and its range. short_pages, the
// one boolean, has no `number`.
struct Key {
  const char* json;
  const char* flag;
  std::int64_t PagingMode::*number;
  std::int64_t min;
  std::int64_t max;
};

const Key kKeys[] = {
    {"maxPageSize", "max-page-size", &PagingMode::max_page_size, 1, 200},
    {"shortPages", "short-pages", nullptr, 0, 1},
    {"seed", "seed", &PagingMode::seed, 0, std::numeric_limits<std::uint32_t>::max()},
    {"emptyPageEvery", "empty-page-every", &PagingMode::empty_page_every, 2, 1000000},
    {"tokenTtlSeconds", "token-ttl-seconds", &PagingMode::token_ttl_seconds, 1,
     std::numeric_limits<std::int32_t>::max()},
};

// Where a mode was written: names keys and values as that syntax does.
enum class Syntax { kJson, kFlag };

const Key* FindKey(std::string_view name, Syntax syntax) {
  for (const Key& key : kKeys) {
    if (name == (syntax == Syntax::kJson ? key.json : key.flag)) return &key;
  }
  return nullptr;
}

std::string KeyName(const Key& key, Syntax syntax) {
  return syntax == Syntax::kJson ? "field \"" + std::string(key.json) + "\"" : key.flag;
}

std::string Expected(const Key& key) {
  if (key.number == nullptr) return "expected true or false";
  return "expected an integer from " + std::to_string(key.min) + " to " + std::to_string(key.max);
}

// Sets `key` of `mode` to `value` (0 or 1 for the boolean) if it is in range.
bool Set(const Key& key, std::int64_t value, PagingMode* mode) {
  if (value < key.min || value > key.max) return false;
  if (key.number == nullptr) {
    mode->short_pages = value == 1;
  } else {
    mode->*key.number = value;
  }
  return true;
}

// A JSON value as a key's: a boolean, or an integer (not 3.0); false if it is neither.
bool JsonValue(const Key& key, const nlohmann::json& value, std::int64_t* out) {
  if (key.number == nullptr) {
    if (!value.is_boolean()) return false;
    *out = value.get<bool>() ? 1 : 0;
    return true;
  }
  if (value.is_number_unsigned()) {
    const auto u = value.get<std::uint64_t>();
    *out = u > static_cast<std::uint64_t>(key.max) ? key.max + 1 : static_cast<std::int64_t>(u);
    return true;
  }
  if (!value.is_number_integer()) return false;
  *out = value.get<std::int64_t>();
  return true;
}

// A flag value as a key's: true/false, or a base-10 integer.
bool FlagValue(const Key& key, std::string_view text, std::int64_t* out) {
  if (key.number == nullptr) {
    if (text != "true" && text != "false") return false;
    *out = text == "true" ? 1 : 0;
    return true;
  }
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, *out);
  return !text.empty() && ec == std::errc() && ptr == end;
}

// A seed means nothing without short pages: refused rather than ignored.
Status CheckSeed(const PagingMode& mode, bool seed_given, Syntax syntax) {
  if (!seed_given || mode.short_pages) return OkStatus();
  return InvalidArgumentError(syntax == Syntax::kJson
                                  ? "field \"seed\": only with \"shortPages\": true"
                                  : "seed: only with short-pages=true");
}

std::uint64_t Mix(std::uint64_t x) {  // splitmix64's finalizer
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

bool PagingMode::normal() const {
  return max_page_size == 0 && !short_pages && empty_page_every == 0 && token_ttl_seconds == 0;
}

bool PagingMode::operator==(const PagingMode& o) const {
  return max_page_size == o.max_page_size && short_pages == o.short_pages && seed == o.seed &&
         empty_page_every == o.empty_page_every && token_ttl_seconds == o.token_ttl_seconds;
}

Result<PagingMode> PagingModeFromJson(const nlohmann::json& body) {
  if (!body.is_object()) return InvalidArgumentError("expected a JSON object");
  PagingMode mode;
  for (const auto& [name, value] : body.items()) {
    const Key* key = FindKey(name, Syntax::kJson);
    if (key == nullptr) return InvalidArgumentError("unknown field \"" + name + "\"");
    std::int64_t number = 0;
    if (!JsonValue(*key, value, &number) || !Set(*key, number, &mode)) {
      return InvalidArgumentError(KeyName(*key, Syntax::kJson) + ": " + Expected(*key));
    }
  }
  if (Status s = CheckSeed(mode, body.contains("seed"), Syntax::kJson); !s.ok()) return s;
  return mode;
}

std::string PagingModeJson(const PagingMode& mode) {
  nlohmann::json out = nlohmann::json::object();
  for (const Key& key : kKeys) {
    if (key.number == nullptr) {
      if (mode.short_pages) out[key.json] = true;
    } else if (mode.*key.number != 0 || (key.number == &PagingMode::seed && mode.short_pages)) {
      out[key.json] = mode.*key.number;
    }
  }
  return out.dump();
}

Result<PagingMode> ParsePagingSpec(std::string_view spec) {
  PagingMode mode;
  std::vector<const Key*> given;
  while (!spec.empty()) {
    const std::size_t comma = spec.find(',');
    const std::string_view item = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      return InvalidArgumentError("expected KEY=VALUE, got \"" + std::string(item) + "\"");
    }
    const std::string name(item.substr(0, eq));
    const std::string_view text = item.substr(eq + 1);
    const Key* key = FindKey(name, Syntax::kFlag);
    if (key == nullptr) {
      return InvalidArgumentError("unknown key \"" + name +
                                  "\" (max-page-size, short-pages, seed, empty-page-every, "
                                  "token-ttl-seconds)");
    }
    if (std::find(given.begin(), given.end(), key) != given.end()) {
      return InvalidArgumentError(name + ": given twice");
    }
    given.push_back(key);
    std::int64_t number = 0;
    if (!FlagValue(*key, text, &number) || !Set(*key, number, &mode)) {
      return InvalidArgumentError(name + ": " + Expected(*key) + ", got \"" + std::string(text) +
                                  "\"");
    }
  }
  const bool seed_given =
      std::find(given.begin(), given.end(), FindKey("seed", Syntax::kFlag)) != given.end();
  if (Status s = CheckSeed(mode, seed_given, Syntax::kFlag); !s.ok()) return s;
  return mode;
}

PagePlan PlanPage(const PagingMode& mode, std::int64_t page, std::size_t size) {
  PagePlan plan{size, false};
  plan.empty = mode.empty_page_every > 0 && page > 1 && page % mode.empty_page_every == 0;
  if (mode.max_page_size > 0) {
    plan.limit = std::min(plan.limit, static_cast<std::size_t>(mode.max_page_size));
  }
  if (mode.short_pages && plan.limit > 1) {
    const std::uint64_t draw =
        Mix(Mix(static_cast<std::uint64_t>(mode.seed)) ^ static_cast<std::uint64_t>(page));
    plan.limit = 1 + static_cast<std::size_t>(draw % plan.limit);
  }
  return plan;
}

Status CheckTokenAge(const PagingMode& mode, std::int64_t issued_at, std::int64_t now) {
  if (mode.token_ttl_seconds == 0) return OkStatus();
  if (issued_at != 0 && now - issued_at <= mode.token_ttl_seconds * kNanosPerSecond) {
    return OkStatus();
  }
  return InvalidArgumentError("page token expired");
}

}  // namespace fwmock
