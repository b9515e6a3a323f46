// Helpers of the control API's state tests: the state routes as a test calls them, and the job
// names an account lists, read by walking every page.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "api_client.h"

namespace fwmock_test {

// POST /_fwmock/reset and POST /_fwmock/accounts/{a}:reset, with an empty JSON body.
HttpResult ResetAll(ApiClient& client);
HttpResult ResetAccount(ApiClient& client, const std::string& account);
// DELETE /_fwmock/accounts/{a}/batchJobs.
HttpResult ClearAccount(ApiClient& client, const std::string& account);
// POST /_fwmock/accounts/{a}/batchJobs:import with `document` as application/json.
HttpResult Import(ApiClient& client, const std::string& account, const std::string& document);
// GET /_fwmock/accounts/{a}/batchJobs:export.
HttpResult Export(ApiClient& client, const std::string& account);

// Import that must answer 200 {"imported": N} with N the document's job count (REQUIRE).
void MustImport(ApiClient& client, const std::string& account, const nlohmann::json& document);
// Export that must answer 200 (REQUIRE); the body as sent.
std::string MustExport(ApiClient& client, const std::string& account);

// Every job name `account` lists (every page walked, pageSize `page_size`); REQUIREs that the
// walk succeeds.
std::set<std::string> ListedNames(ApiClient& client, const std::string& account,
                                  int page_size = 50);
// The names of the jobs of a fixtures document.
std::set<std::string> NamesIn(const nlohmann::json& document);
// {"batchJobs":[{"name":"accounts/{a}/batchJobs/{id}","nodePoolId":"pool"}, ...]}, one per id.
nlohmann::json JobsDocument(const std::string& account, const std::vector<std::string>& ids);

}  // namespace fwmock_test
