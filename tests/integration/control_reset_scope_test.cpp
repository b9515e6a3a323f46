// What a reset puts back besides the jobs: POST /_fwmock/reset empties the journal and removes
// every fault rule and paging mode; an account's reset removes only the rules and the paging
// mode of that account.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "control_helpers.h"
#include "job_helpers.h"

namespace fwmock_test {
namespace {

using nlohmann::json;

const std::vector<std::string> kAccounts = {"acme", "bob"};

json MustJson(const HttpResult& r) {
  INFO(r.body);
  REQUIRE(r.status == 200);
  return json::parse(r.body);
}

json Call(ApiClient& client, const std::string& method, const std::string& path,
          const json& body = nullptr) {
  return MustJson(client.Send(method, path, {}, body.is_null() ? "" : body.dump(),
                              body.is_null() ? "" : "application/json"));
}

// Posts a rule failing ListBatchJobs with UNAVAILABLE; `account` empty: for every account.
std::string AddListFault(ApiClient& client, const std::string& account) {
  json match = {{"operation", "ListBatchJobs"}};
  if (!account.empty()) match["account"] = account;
  return Call(client, "POST", "/_fwmock/faults", {{"match", match}, {"response", {{"code", 14}}}})
      .at("id");
}

std::set<std::string> FaultIds(ApiClient& client) {
  std::set<std::string> ids;
  const json listed = Call(client, "GET", "/_fwmock/faults");
  for (const json& rule : listed.at("faults")) {
    ids.insert(rule.at("id").get<std::string>());
  }
  return ids;
}

TEST_CASE("POST /_fwmock/reset empties the journal and removes every fault and paging mode",
          "[control][state][reset]") {
  ManualServer server({}, StatesFixture(kAccounts));
  ApiClient client(server.process());
  AddListFault(client, "acme");
  Call(client, "PUT", "/_fwmock/paging", {{"maxPageSize", 1}});
  Call(client, "PUT", "/_fwmock/accounts/bob/paging", {{"maxPageSize", 2}});
  REQUIRE(client.List("acme").status == 503);
  REQUIRE(FaultIds(client).size() == 1);
  REQUIRE(json::parse(client.List("bob", "pageSize=50").body).at("batchJobs").size() == 2);
  REQUIRE_FALSE(Call(client, "GET", "/_fwmock/requests").at("requests").empty());

  CHECK(Call(client, "POST", "/_fwmock/reset") == json::object());
  CHECK(Call(client, "GET", "/_fwmock/requests").at("requests").empty());
  CHECK(FaultIds(client).empty());
  CHECK(Call(client, "GET", "/_fwmock/paging") == json::object());
  CHECK(Call(client, "GET", "/_fwmock/accounts/bob/paging") == json::object());
  for (const std::string& account : kAccounts) {
    CAPTURE(account);
    const HttpResult r = client.List(account, "pageSize=50");
    REQUIRE(r.status == 200);
    CHECK(json::parse(r.body).at("batchJobs").size() == AllStates().size());
  }
}

TEST_CASE("An account's reset removes its own fault rules and paging mode and no other's",
          "[control][state][reset]") {
  ManualServer server({}, StatesFixture(kAccounts));
  ApiClient client(server.process());
  AddListFault(client, "acme");
  const std::string bob_rule = AddListFault(client, "bob");
  const std::string everyone_rule = AddListFault(client, "");
  Call(client, "PUT", "/_fwmock/accounts/acme/paging", {{"maxPageSize", 1}});
  Call(client, "PUT", "/_fwmock/accounts/bob/paging", {{"maxPageSize", 2}});
  client.List("acme");
  const std::size_t journaled = Call(client, "GET", "/_fwmock/requests").at("requests").size();
  REQUIRE(journaled > 0);

  CHECK(Call(client, "POST", "/_fwmock/accounts/acme:reset") == json::object());
  CHECK(FaultIds(client) == std::set<std::string>{bob_rule, everyone_rule});
  CHECK(Call(client, "GET", "/_fwmock/accounts/acme/paging") == json::object());
  CHECK(Call(client, "GET", "/_fwmock/accounts/bob/paging") == json{{"maxPageSize", 2}});
  CHECK(Call(client, "GET", "/_fwmock/requests").at("requests").size() == journaled);
}

}  // namespace
}  // namespace fwmock_test
