// Helpers of the adversarial paging tests: the paging control routes, and the invariant every
// walk must keep whatever the mode.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api_client.h"

namespace fwmock_test {

// "/_fwmock/paging" for "", else "/_fwmock/accounts/ACCOUNT/paging".
std::string PagingPath(const std::string& account = "");

HttpResult PutPaging(ApiClient& client, const std::string& account, const std::string& body);
HttpResult GetPaging(ApiClient& client, const std::string& account = "");
HttpResult DeletePaging(ApiClient& client, const std::string& account = "");
// PUT that must succeed and answer the mode it set; returns that answer.
nlohmann::json MustPutPaging(ApiClient& client, const std::string& account,
                             const std::string& body);

// A walk's page sizes, page by page.
std::vector<std::size_t> PageSizes(const Listing& listing);

// Checks what every walk must keep under any mode: it ends, yields `expected` exactly (every
// matching job once, in order), each page has totalSize = expected.size(), an empty page has a
// nextPageToken and the last page has none; no page is bigger than `max_page`.
void CheckWalk(const Listing& listing, const std::vector<std::string>& expected,
               std::size_t max_page);

}  // namespace fwmock_test
