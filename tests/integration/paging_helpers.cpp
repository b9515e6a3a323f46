#include "paging_helpers.h"

#include <catch2/catch.hpp>
#include <set>

namespace fwmock_test {

using nlohmann::json;

std::string PagingPath(const std::string& account) {
  return account.empty() ? "/_fwmock/paging" : "/_fwmock/accounts/" + account + "/paging";
}

HttpResult PutPaging(ApiClient& client, const std::string& account, const std::string& body) {
  return client.Send("PUT", PagingPath(account), {}, body, "application/json");
}

HttpResult GetPaging(ApiClient& client, const std::string& account) {
  return client.Get(PagingPath(account));
}

HttpResult DeletePaging(ApiClient& client, const std::string& account) {
  return client.Send("DELETE", PagingPath(account));
}

json MustPutPaging(ApiClient& client, const std::string& account, const std::string& body) {
  const HttpResult r = PutPaging(client, account, body);
  INFO("PUT " << PagingPath(account) << " " << body << " -> " << r.status << " " << r.body);
  REQUIRE(r.status == 200);
  REQUIRE(r.json.is_object());
  return r.json;
}

std::vector<std::size_t> PageSizes(const Listing& listing) {
  std::vector<std::size_t> sizes;
  for (const HttpResult& page : listing.pages) sizes.push_back(page.json.at("batchJobs").size());
  return sizes;
}

void CheckWalk(const Listing& listing, const std::vector<std::string>& expected,
               std::size_t max_page) {
  REQUIRE(listing.ok);
  CHECK(listing.names == expected);
  CHECK(std::set<std::string>(listing.names.begin(), listing.names.end()).size() ==
        listing.names.size());
  for (std::size_t i = 0; i < listing.pages.size(); ++i) {
    CAPTURE(i + 1);
    const json& page = listing.pages[i].json;
    CHECK(page.value("totalSize", -1) == static_cast<int>(expected.size()));
    const bool last = i + 1 == listing.pages.size();
    const bool has_token = !page.at("nextPageToken").get<std::string>().empty();
    CHECK(has_token == !last);
    if (page.at("batchJobs").empty() && !expected.empty()) CHECK(has_token);
    CHECK(page.at("batchJobs").size() <= max_page);
  }
}

}  // namespace fwmock_test
