// Fault rules: which rule fires when several match, after and times, removal by account.
#include "fault_rules.h"

#include <catch2/catch.hpp>

namespace fwmock {
namespace {

FaultRule Rule(const nlohmann::json& body) {
  aipfilter::Result<FaultRule> rule = ParseFaultRule(body);
  INFO(body.dump() << ": " << rule.status().message());
  REQUIRE(rule.ok());
  return *rule;
}

// The id of the rule that fires on a List of `account`, "" if none.
std::string FireOn(FaultRules& rules, const std::string& account) {
  const httplib::Headers headers;
  const std::string method = "GET";
  const FaultProbe probe{Operation::kListJobs,       account, method, headers, [] { return 1; },
                         [] { return std::nullopt; }};
  const std::optional<FiredFault> fired = rules.Fire(probe);
  return fired ? fired->id : "";
}

TEST_CASE("The first rule past its after fires and later rules do not see the request",
          "[faults]") {
  FaultRules rules;
  const std::string a = rules.Add(Rule({{"response", {{"code", 14}}}, {"after", 1}, {"times", 1}}));
  const std::string b = rules.Add(Rule({{"response", {{"code", 8}}}, {"times", 2}}));
  // a lets the first through (b fires), fires on the second, then has expired (b fires again).
  CHECK(FireOn(rules, "acme") == b);
  CHECK(FireOn(rules, "acme") == a);
  CHECK(FireOn(rules, "acme") == b);
  CHECK(FireOn(rules, "acme") == "");
  CHECK(rules.ToJson()["faults"][0]["fired"] == 1);
  CHECK(rules.ToJson()["faults"][1]["fired"] == 2);
}

TEST_CASE("ClearAccount removes the rules of that account only", "[faults]") {
  FaultRules rules;
  rules.Add(Rule({{"match", {{"account", "acme"}}}, {"response", {{"code", 14}}}}));
  const std::string beta =
      rules.Add(Rule({{"match", {{"account", "beta"}}}, {"response", {{"code", 14}}}}));
  const std::string any = rules.Add(Rule({{"response", {{"code", 8}}}, {"times", 1}}));
  rules.ClearAccount("acme");
  CHECK(rules.ToJson()["faults"].size() == 2);
  CHECK(FireOn(rules, "acme") == any);
  CHECK(FireOn(rules, "beta") == beta);
  rules.Clear();
  CHECK(rules.ToJson()["faults"].empty());
  CHECK(FireOn(rules, "beta") == "");
}

}  // namespace
}  // namespace fwmock
