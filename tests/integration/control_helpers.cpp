#include "control_helpers.h"

#include <catch2/catch.hpp>

namespace fwmock_test {

namespace {

std::string AccountPath(const std::string& account) {
  return "/_fwmock/accounts/" + UrlEncode(account);
}

}  // namespace

HttpResult ResetAll(ApiClient& client) {
  return client.Send("POST", "/_fwmock/reset", {}, "{}", "application/json");
}

HttpResult ResetAccount(ApiClient& client, const std::string& account) {
  return client.Send("POST", AccountPath(account) + ":reset", {}, "{}", "application/json");
}

HttpResult ClearAccount(ApiClient& client, const std::string& account) {
  return client.Send("DELETE", AccountPath(account) + "/batchJobs");
}

HttpResult Import(ApiClient& client, const std::string& account, const std::string& document) {
  return client.Send("POST", AccountPath(account) + "/batchJobs:import", {}, document,
                     "application/json");
}

HttpResult Export(ApiClient& client, const std::string& account) {
  return client.Get(AccountPath(account) + "/batchJobs:export");
}

void MustImport(ApiClient& client, const std::string& account, const nlohmann::json& document) {
  const HttpResult r = Import(client, account, document.dump());
  INFO("import: " << r.status << " " << r.body);
  REQUIRE(r.status == 200);
  REQUIRE(r.json == nlohmann::json{{"imported", document["batchJobs"].size()}});
}

std::string MustExport(ApiClient& client, const std::string& account) {
  const HttpResult r = Export(client, account);
  INFO("export: " << r.status << " " << r.body);
  REQUIRE(r.status == 200);
  return r.body;
}

std::set<std::string> ListedNames(ApiClient& client, const std::string& account, int page_size) {
  const Listing listing = ListAll(client, account, "", page_size);
  REQUIRE(listing.ok);
  const std::set<std::string> names(listing.names.begin(), listing.names.end());
  REQUIRE(names.size() == listing.names.size());  // no job shown twice
  return names;
}

std::set<std::string> NamesIn(const nlohmann::json& document) {
  std::set<std::string> names;
  for (const nlohmann::json& job : document.at("batchJobs")) names.insert(job.value("name", ""));
  return names;
}

nlohmann::json JobsDocument(const std::string& account, const std::vector<std::string>& ids) {
  nlohmann::json jobs = nlohmann::json::array();
  for (const std::string& id : ids) {
    jobs.push_back({{"name", "accounts/" + account + "/batchJobs/" + id}, {"nodePoolId", "pool"}});
  }
  return {{"batchJobs", jobs}};
}

}  // namespace fwmock_test
