#include "fault_rule.h"

#include <initializer_list>

namespace fwmock {

using aipfilter::InvalidArgumentError;
using aipfilter::Result;
using aipfilter::Status;
using Json = nlohmann::json;

namespace {

constexpr std::int64_t kMaxDelayMs = 3'600'000;  // an hour
constexpr std::int64_t kMaxCount = std::int64_t{1} << 53;

Status FieldError(const std::string& field, const std::string& what) {
  return InvalidArgumentError("field \"" + field + "\": " + what);
}

std::string Path(const std::string& where, const std::string& key) {
  return where.empty() ? key : where + "." + key;
}

// `where` must be an object holding only `keys`.
Status OnlyKeys(const Json& object, const std::string& where,
                std::initializer_list<const char*> keys) {
  if (!object.is_object()) return FieldError(where, "expected an object");
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    for (const char* k : keys) known = known || key == k;
    if (!known) return FieldError(Path(where, key), "unknown field");
  }
  return Status();
}

Status ReadString(const Json& object, const std::string& where, const char* key,
                  std::optional<std::string>* out) {
  const auto it = object.find(key);
  if (it == object.end()) return Status();
  if (!it->is_string()) return FieldError(Path(where, key), "expected a string");
  *out = it->get<std::string>();
  return Status();
}

Status ReadInt(const Json& object, const std::string& where, const char* key, std::int64_t min,
               std::int64_t max, std::optional<std::int64_t>* out) {
  const auto it = object.find(key);
  if (it == object.end()) return Status();
  const bool fits = it->is_number_unsigned() ? it->get<std::uint64_t>() <= std::uint64_t(max)
                                             : it->is_number_integer();
  if (!fits || it->get<std::int64_t>() < min || it->get<std::int64_t>() > max) {
    return FieldError(Path(where, key), "expected an integer from " + std::to_string(min) + " to " +
                                            std::to_string(max));
  }
  *out = it->get<std::int64_t>();
  return Status();
}

Status ReadHeader(const Json& match, FaultMatch* out) {
  const auto it = match.find("header");
  if (it == match.end()) return Status();
  if (Status s = OnlyKeys(*it, "match.header", {"name", "value"}); !s.ok()) return s;
  std::optional<std::string> name;
  std::optional<std::string> value;
  if (Status s = ReadString(*it, "match.header", "name", &name); !s.ok()) return s;
  if (Status s = ReadString(*it, "match.header", "value", &value); !s.ok()) return s;
  if (!name || name->empty()) return FieldError("match.header.name", "expected a header name");
  if (!value) return FieldError("match.header.value", "expected a string");
  out->header = std::make_pair(*name, *value);
  return Status();
}

Status ReadMatch(const Json& rule, FaultMatch* out) {
  const auto it = rule.find("match");
  if (it == rule.end()) return Status();  // every request
  const Json& m = *it;
  if (Status s =
          OnlyKeys(m, "match", {"operation", "account", "method", "page", "filter", "header"});
      !s.ok()) {
    return s;
  }
  std::optional<std::string> operation;
  if (Status s = ReadString(m, "match", "operation", &operation); !s.ok()) return s;
  if (operation) {
    out->operation = OperationNamed(*operation);
    if (!out->operation) {
      return FieldError("match.operation", "unknown operation \"" + *operation +
                                               "\": expected an operationId such as ListBatchJobs");
    }
  }
  for (const auto& [key, field] :
       {std::make_pair("account", &out->account), std::make_pair("method", &out->method),
        std::make_pair("filter", &out->filter)}) {
    if (Status s = ReadString(m, "match", key, field); !s.ok()) return s;
  }
  if (Status s = ReadInt(m, "match", "page", 1, kMaxCount, &out->page); !s.ok()) return s;
  return ReadHeader(m, out);
}

Status ReadDrop(const Json& response, FaultResponse* out) {
  std::optional<std::string> drop;
  if (Status s = ReadString(response, "response", "drop", &drop); !s.ok()) return s;
  if (!drop) return Status();
  if (*drop == "reset") {
    out->drop = net::Drop::kReset;
  } else if (*drop == "close") {
    out->drop = net::Drop::kClose;
  } else if (*drop == "truncate") {
    out->drop = net::Drop::kTruncate;
  } else {
    return FieldError("response.drop",
                      "expected \"reset\", \"close\" or \"truncate\", got \"" + *drop + "\"");
  }
  return Status();
}

Status ReadResponse(const Json& rule, FaultResponse* out) {
  const auto it = rule.find("response");
  if (it == rule.end()) return FieldError("response", "required");
  const Json& r = *it;
  if (Status s =
          OnlyKeys(r, "response", {"code", "message", "retryAfterSeconds", "delayMs", "drop"});
      !s.ok()) {
    return s;
  }
  std::optional<std::int64_t> code;
  std::optional<std::int64_t> delay;
  std::optional<std::string> message;
  if (Status s = ReadInt(r, "response", "code", 1, 16, &code); !s.ok()) return s;
  if (Status s = ReadString(r, "response", "message", &message); !s.ok()) return s;
  if (Status s = ReadInt(r, "response", "retryAfterSeconds", 0, 86400, &out->retry_after_seconds);
      !s.ok()) {
    return s;
  }
  if (Status s = ReadInt(r, "response", "delayMs", 0, kMaxDelayMs, &delay); !s.ok()) return s;
  if (Status s = ReadDrop(r, out); !s.ok()) return s;
  if (code) out->code = static_cast<aipfilter::StatusCode>(*code);
  out->message = message.value_or("");
  out->delay_ms = delay.value_or(0);
  if (!code && (message || out->retry_after_seconds)) {
    return FieldError(message ? "response.message" : "response.retryAfterSeconds",
                      "needs response.code");
  }
  if (!code && !delay && out->drop == net::Drop::kNone) {
    return FieldError("response", "expected code, delayMs or drop");
  }
  return Status();
}

}  // namespace

Result<FaultRule> ParseFaultRule(const Json& body) {
  if (Status s = OnlyKeys(body, "", {"match", "response", "times", "after"}); !s.ok()) {
    if (!body.is_object()) return InvalidArgumentError("a fault rule must be a JSON object");
    return s;
  }
  FaultRule rule;
  rule.posted = body;
  if (Status s = ReadMatch(body, &rule.match); !s.ok()) return s;
  if (Status s = ReadResponse(body, &rule.response); !s.ok()) return s;
  if (Status s = ReadInt(body, "", "times", 0, kMaxCount, &rule.times); !s.ok()) return s;
  std::optional<std::int64_t> after;
  if (Status s = ReadInt(body, "", "after", 0, kMaxCount, &after); !s.ok()) return s;
  rule.after = after.value_or(0);
  return rule;
}

}  // namespace fwmock
