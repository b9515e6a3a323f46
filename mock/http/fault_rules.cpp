#include "fault_rules.h"

#include <algorithm>

namespace fwmock {
namespace {

bool HasHeader(const httplib::Headers& headers, const std::pair<std::string, std::string>& want) {
  const auto [first, last] = headers.equal_range(want.first);
  return std::any_of(first, last, [&](const auto& h) { return h.second == want.second; });
}

bool Matches(const FaultMatch& m, const FaultProbe& p) {
  return (!m.operation || *m.operation == p.operation) && (!m.account || *m.account == p.account) &&
         (!m.method || *m.method == p.method) && (!m.header || HasHeader(p.headers, *m.header)) &&
         (!m.filter || p.filter() == m.filter) && (!m.page || p.page() == *m.page);
}

}  // namespace

std::string FaultRules::Add(FaultRule rule) {
  std::lock_guard<std::mutex> lock(mu_);
  Entry entry{std::to_string(next_id_++), std::move(rule)};
  rules_.push_back(std::move(entry));
  any_.store(true);
  return rules_.back().id;
}

bool FaultRules::Remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it =
      std::find_if(rules_.begin(), rules_.end(), [&](const Entry& e) { return e.id == id; });
  if (it == rules_.end()) return false;
  rules_.erase(it);
  any_.store(!rules_.empty());
  return true;
}

void FaultRules::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  rules_.clear();
  any_.store(false);
}

void FaultRules::ClearAccount(const std::string& account) {
  std::lock_guard<std::mutex> lock(mu_);
  rules_.erase(std::remove_if(rules_.begin(), rules_.end(),
                              [&](const Entry& e) { return e.rule.match.account == account; }),
               rules_.end());
  any_.store(!rules_.empty());
}

nlohmann::json FaultRules::ToJson() const {
  nlohmann::json list = nlohmann::json::array();
  std::lock_guard<std::mutex> lock(mu_);
  for (const Entry& e : rules_) {
    nlohmann::json rule = e.rule.posted;
    rule["id"] = e.id;
    rule["fired"] = e.fired;
    list.push_back(std::move(rule));
  }
  return {{"faults", std::move(list)}};
}

std::optional<FiredFault> FaultRules::Fire(const FaultProbe& probe) {
  if (!any_.load(std::memory_order_relaxed)) return std::nullopt;
  std::lock_guard<std::mutex> lock(mu_);
  for (Entry& e : rules_) {
    if (e.rule.times && e.fired >= *e.rule.times) continue;  // expired
    if (!Matches(e.rule.match, probe)) continue;
    if (++e.matched <= e.rule.after) continue;
    ++e.fired;
    return FiredFault{e.id, e.rule.response};
  }
  return std::nullopt;
}

}  // namespace fwmock
