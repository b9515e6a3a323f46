// Paging through List: sizes, coercion, the end of the collection, ties.
#include <catch2/catch.hpp>
#include <set>
#include <sstream>

#include "api_client.h"
#include "fixture_data.h"

namespace fwmock_test {
namespace {

using nlohmann::json;

// Checks what AIP-158 requires of every page of a complete listing of `expected` names.
void CheckPages(const Listing& listing, const std::vector<std::string>& expected, int page_size) {
  REQUIRE(listing.ok);
  CHECK(listing.names == expected);
  CHECK(std::set<std::string>(listing.names.begin(), listing.names.end()).size() ==
        listing.names.size());
  const std::size_t size = static_cast<std::size_t>(page_size);
  const std::size_t want_pages = expected.empty() ? 1 : (expected.size() + size - 1) / size;
  CHECK(listing.pages.size() == want_pages);
  for (std::size_t i = 0; i < listing.pages.size(); ++i) {
    CAPTURE(i);
    const json& page = listing.pages[i].json;
    CHECK(page.value("totalSize", -1) == static_cast<int>(expected.size()));
    const bool last = i + 1 == listing.pages.size();
    CHECK(page.at("nextPageToken").get<std::string>().empty() == last);
    const std::size_t want = last ? expected.size() - i * size : size;
    CHECK(page.at("batchJobs").size() == want);
  }
}

// `count` jobs of account "bulk", every three sharing a createTime; names not in index order.
std::string BulkFixture(int count) {
  std::ostringstream out;
  out << "{\"batchJobs\":[\n";
  for (unsigned i = 0; i < static_cast<unsigned>(count); ++i) {
    char id[33];
    std::snprintf(id, sizeof id, "%024x%08x", i % 7, i * 2654435761U);
    char time[40];
    std::snprintf(time, sizeof time, "2025-05-%02dT%02d:%02d:00.5Z", 1 + i / 3 / 60 % 28,
                  i / 3 / 60 % 24, i / 3 % 60);
    out << (i ? ",\n" : "") << "{\"name\":\"accounts/bulk/batchJobs/" << id
        << "\",\"createTime\":\"" << time << "\",\"nodePoolId\":\"pool\"}";
  }
  out << "]}\n";
  return out.str();
}

TEST_CASE("Paging to the end returns every job once in create_time desc then name order",
          "[list][paging]") {
  const auto [account, page_size] = GENERATE(table<std::string, int>({
      {"acme", 1},
      {"acme", 7},
      {"acme", 50},
      {"acme", 200},
      {"globex", 7},
      {"globex", 50},
      {"initech", 1},
      {"initech", 200},
  }));
  CAPTURE(account, page_size);
  ApiClient client(DefaultServer());
  const std::vector<std::string> expected = NamesByCreateTimeDesc(JobsOf(account));
  REQUIRE(!expected.empty());
  const Listing listing = ListAll(client, account, "", page_size);
  CheckPages(listing, expected, page_size);
  const Listing whole = ListAll(client, account, "", 200);
  REQUIRE(whole.ok);
  CHECK(listing.names == whole.names);
}

TEST_CASE("A page size that divides the total exactly ends without an empty page",
          "[list][paging]") {
  const auto [account, page_size] = GENERATE(table<std::string, int>({
      {"initech", 48},
      {"initech", 24},
      {"initech", 12},
      {"acme", 52},
      {"acme", 78},
      {"acme", 156},
      {"globex", 96},
      {"globex", 32},
  }));
  CAPTURE(account, page_size);
  REQUIRE(JobsOf(account).size() % static_cast<std::size_t>(page_size) == 0);
  ApiClient client(DefaultServer());
  CheckPages(ListAll(client, account, "", page_size), NamesByCreateTimeDesc(JobsOf(account)),
             page_size);
}

TEST_CASE("pageSize absent or 0 means 50", "[list][paging][page_size]") {
  const std::string query = GENERATE(as<std::string>{}, "", "pageSize=0", "page_size=0");
  CAPTURE(query);
  ApiClient client(DefaultServer());
  const HttpResult page = client.List("acme", query);
  REQUIRE(page.status == 200);
  const std::vector<std::string> expected = NamesByCreateTimeDesc(JobsOf("acme"));
  REQUIRE(page.json.at("batchJobs").size() == 50);
  for (std::size_t i = 0; i < 50; ++i)
    CHECK(page.json.at("batchJobs")[i].at("name") == expected[i]);
  CHECK(!page.json.at("nextPageToken").get<std::string>().empty());
  CHECK(page.json.at("totalSize") == expected.size());
}

TEST_CASE("pageSize above 200 is coerced to 200 and paging still covers everything",
          "[list][paging][page_size]") {
  TempDir dir;
  const std::string file = dir.Write("bulk.json", BulkFixture(450));
  FwmockProcess server({"--fixtures", file});
  ApiClient client(server);
  const std::vector<json> jobs = ReadJsonFile(file).at("batchJobs");
  const std::vector<std::string> expected = NamesByCreateTimeDesc(jobs);
  const int page_size = GENERATE(201, 1000, 2147483647);
  CAPTURE(page_size);
  const HttpResult first = client.List("bulk", "pageSize=" + std::to_string(page_size));
  REQUIRE(first.status == 200);
  CHECK(first.json.at("batchJobs").size() == 200);
  CHECK(first.json.at("totalSize") == 450);
  const Listing listing = ListAll(client, "bulk", "", page_size);
  CheckPages(listing, expected, 200);
}

TEST_CASE("Exact multiples of 200 end on a full last page with an empty token",
          "[list][paging][page_size]") {
  TempDir dir;
  const std::string file = dir.Write("bulk.json", BulkFixture(400));
  FwmockProcess server({"--fixtures", file});
  ApiClient client(server);
  const std::vector<std::string> expected =
      NamesByCreateTimeDesc(ReadJsonFile(file).at("batchJobs").get<std::vector<json>>());
  const int page_size = GENERATE(200, 100, 300);
  CAPTURE(page_size);
  CheckPages(ListAll(client, "bulk", "", page_size), expected, std::min(page_size, 200));
}

TEST_CASE("Jobs with the same createTime come in name order in both directions",
          "[list][paging][order]") {
  const auto [account, order_by] = GENERATE(table<std::string, std::string>({
      {"acme", ""},
      {"acme", "create_time desc"},
      {"acme", "create_time"},
      {"globex", "create_time asc"},
      {"initech", ""},
  }));
  CAPTURE(account, order_by);
  std::map<std::string, std::vector<std::string>> by_time;  // the fixture's exact createTime text
  for (const json& job : JobsOf(account)) by_time[job.at("createTime")].push_back(job.at("name"));
  ApiClient client(DefaultServer());
  const std::string query = order_by.empty() ? "" : Query({{"orderBy", order_by}});
  const Listing listing = ListAll(client, account, query, 3);
  REQUIRE(listing.ok);
  int ties = 0;
  for (auto& [time, names] : by_time) {
    if (names.size() < 2) continue;
    ++ties;
    std::sort(names.begin(), names.end());
    const auto at = std::find(listing.names.begin(), listing.names.end(), names[0]);
    REQUIRE(at != listing.names.end());
    CAPTURE(time);
    CHECK(std::vector<std::string>(
              at, at + std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(names.size()),
                                                listing.names.end() - at)) == names);
  }
  CHECK(ties > 0);
}

TEST_CASE("An account with no jobs lists empty on one page", "[list][paging]") {
  ApiClient client(DefaultServer());
  const std::string query = GENERATE(as<std::string>{}, "", "pageSize=1", "filter=state%3DRUNNING");
  CAPTURE(query);
  const HttpResult page = client.List("nobody", query);
  REQUIRE(page.status == 200);
  CHECK(page.json == json::parse(R"({"batchJobs":[],"nextPageToken":"","totalSize":0})"));
}

TEST_CASE("A filter matching nothing lists empty with an empty token", "[list][paging]") {
  ApiClient client(DefaultServer());
  const HttpResult page = client.List("acme", Query({{"filter", "num_ranks > 1000000"}}));
  REQUIRE(page.status == 200);
  CHECK(page.json == json::parse(R"({"batchJobs":[],"nextPageToken":"","totalSize":0})"));
}

}  // namespace
}  // namespace fwmock_test
