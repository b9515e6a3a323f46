#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "aipfilter/status.h"
#include "request_handler.h"
#include "route.h"

namespace fwmock {

// Which requests a fault rule changes: every key given must match.
struct FaultMatch {
  std::optional<Operation> operation;
  std::optional<std::string> account;
  std::optional<std::string> method;
  std::optional<std::int64_t> page;   // 1: no pageToken, 2: the first token's page ...
  std::optional<std::string> filter;  // the filter parameter, exactly as sent (decoded)
  std::optional<std::pair<std::string, std::string>> header;  // name (any case), exact value
};

// How it changes them.
struct FaultResponse {
  std::optional<aipfilter::StatusCode> code;  // absent: the normal answer
  std::string message;                        // "": "fault <id> injected by fwmock"
  std::optional<std::int64_t> retry_after_seconds;
  std::int64_t delay_ms = 0;
  net::Drop drop = net::Drop::kNone;
};

struct FaultRule {
  nlohmann::json posted;  // the rule as given, shown back
  FaultMatch match;
  FaultResponse response;
  std::optional<std::int64_t> times;  // fires this often, then expires; absent: forever
  std::int64_t after = 0;             // matching requests let through first
};

// Reads a rule as POST /_fwmock/faults and --faults take it. Unknown keys, wrong types and values
// out of range are INVALID_ARGUMENT naming the field: `field "response.code": expected an integer
// from 1 to 16`.
aipfilter::Result<FaultRule> ParseFaultRule(const nlohmann::json& body);

}  // namespace fwmock
