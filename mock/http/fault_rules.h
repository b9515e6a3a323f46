#pragma once

#include <httplib.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "fault_rule.h"

namespace fwmock {

// What a request shows the fault rules. The page number and the filter are worked out only if a
// rule asks for them.
struct FaultProbe {
  Operation operation;
  const std::string& account;
  const std::string& method;
  const httplib::Headers& headers;
  std::function<std::int64_t()> page;                  // 0: not a page of a walk
  std::function<std::optional<std::string>()> filter;  // absent: no filter parameter
};

// The rule that fired on a request.
struct FiredFault {
  std::string id;
  FaultResponse response;
};

// The fault rules, in the order they were added. Thread-safe; with no rule, Fire costs one
// atomic load.
class FaultRules {
 public:
  // Adds `rule` last; returns its id ("1", "2" ...).
  std::string Add(FaultRule rule);
  // False for an unknown id.
  bool Remove(const std::string& id);
  void Clear();
  // Removes the rules whose match.account is `account`.
  void ClearAccount(const std::string& account);
  // {"faults": [each rule as posted, plus "id" and "fired"]}.
  nlohmann::json ToJson() const;
  // The first rule, in order, that matches `probe` and is past its `after` and within its
  // `times`; it counts the request as fired. Rules before it that matched but were still letting
  // requests through count it as let through; rules after it do not see it.
  std::optional<FiredFault> Fire(const FaultProbe& probe);

 private:
  struct Entry {
    std::string id;
    FaultRule rule;
    std::int64_t matched = 0;
    std::int64_t fired = 0;
  };

  mutable std::mutex mu_;
  std::vector<Entry> rules_;
  std::uint64_t next_id_ = 1;
  std::atomic<bool> any_{false};
};

}  // namespace fwmock
