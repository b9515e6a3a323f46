// List query parameters through HTTP: spellings, encodings, filter, orderBy, readMask.
#include <catch2/catch.hpp>
#include <functional>

#include "api_client.h"
#include "fixture_data.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using nlohmann::json;

// The body without the token, to compare listings of requests that differ in spelling only.
json Page(ApiClient& client, const std::string& account, const std::string& query) {
  HttpResult r = client.List(account, query);
  INFO("query: " << query << " body: " << r.body);
  REQUIRE(r.status == 200);
  return r.json;
}

void CheckInvalid(const HttpResult& r, const std::string& message) {
  INFO("body: " << r.body);
  CHECK(r.status == 400);
  CHECK(r.Code() == 3);
  CHECK_THAT(r.Message(), Contains(message));
}

TEST_CASE("Both spellings of every parameter give the same answer", "[list][params]") {
  const auto [camel, snake] = GENERATE(table<std::string, std::string>({
      {"pageSize=3", "page_size=3"},
      {"orderBy=display_name%20desc&pageSize=4", "order_by=display_name%20desc&pageSize=4"},
      {"readMask=name,state&pageSize=5", "read_mask=name,state&pageSize=5"},
      {"pageSize=2&orderBy=num_ranks&readMask=numRanks",
       "page_size=2&order_by=num_ranks&read_mask=numRanks"},
  }));
  CAPTURE(camel, snake);
  ApiClient client(DefaultServer());
  CHECK(Page(client, "acme", camel) == Page(client, "acme", snake));
}

TEST_CASE("pageToken and page_token continue the same listing", "[list][params][token]") {
  ApiClient client(DefaultServer());
  const json first = Page(client, "globex", "pageSize=4");
  const std::string token = UrlEncode(first.at("nextPageToken").get<std::string>());
  const json camel = Page(client, "globex", "pageSize=4&pageToken=" + token);
  const json snake = Page(client, "globex", "pageSize=4&page_token=" + token);
  CHECK(camel == snake);
  CHECK(camel.at("batchJobs")[0].at("name") == NamesByCreateTimeDesc(JobsOf("globex"))[4]);
}

TEST_CASE("'+' and '%20' both decode to a space", "[list][params][encoding]") {
  const auto [key, value] = GENERATE(table<std::string, std::string>({
      {"orderBy", "display_name desc"},
      {"orderBy", "num_ranks desc, name"},
      {"filter", "state = RUNNING AND num_ranks >= 2"},
      {"filter", "display_name = \"fine-tune \u2728 v2\""},
  }));
  CAPTURE(key, value);
  ApiClient client(DefaultServer());
  const HttpResult form = client.List("acme", key + "=" + FormEncode(value) + "&pageSize=5");
  const HttpResult url = client.List("acme", key + "=" + UrlEncode(value) + "&pageSize=5");
  REQUIRE(form.status == 200);
  CHECK(form.body == url.body);
  CHECK(form.json.at("totalSize").get<int>() > 0);
}

TEST_CASE("Unknown query parameters are ignored", "[list][params]") {
  const std::string extra =
      GENERATE(as<std::string>{}, "foo=bar", "fields=name", "alt=json&$x=1", "PageSize=1",
               "pagesize=1", "pageSize2=1", "filter2=colour%3D1");
  CAPTURE(extra);
  ApiClient client(DefaultServer());
  CHECK(Page(client, "initech", extra + "&pageSize=6") == Page(client, "initech", "pageSize=6"));
}

TEST_CASE("A singular parameter given twice is 400 too many values", "[list][params][error]") {
  const auto [query, field] = GENERATE(table<std::string, std::string>({
      {"pageSize=1&pageSize=2", "page_size"},
      {"pageSize=1&pageSize=1", "page_size"},
      {"pageSize=1&page_size=1", "page_size"},
      {"orderBy=name&order_by=name", "order_by"},
      {"readMask=name&readMask=state", "read_mask"},
      {"read_mask=name&readMask=name", "read_mask"},
      {"filter=state%3DRUNNING&filter=state%3DRUNNING", "filter"},
      {"pageToken=a&page_token=b", "page_token"},
  }));
  CAPTURE(query);
  ApiClient client(DefaultServer());
  CheckInvalid(client.List("acme", query), "too many values for field \"" + field + "\"");
}

TEST_CASE("Bad pageSize values are 400 naming pageSize", "[list][params][page_size][error]") {
  const std::string value = GENERATE(as<std::string>{}, "-1", "-200", "abc", "1.5", "99999999999",
                                     "2147483648", "-2147483649", "1e3", "0x10", "5abc");
  CAPTURE(value);
  ApiClient client(DefaultServer());
  CheckInvalid(client.List("acme", "pageSize=" + UrlEncode(value)), "invalid pageSize: ");
}

struct FilterCase {
  std::string filter;
  std::function<bool(const json&)> matches;
};

int NumRanks(const json& job) { return job.value("numRanks", 0); }

TEST_CASE("Filters select the jobs the rules say in default order", "[list][params][filter]") {
  const std::vector<FilterCase> cases = {
      {"state = RUNNING", [](const json& j) { return j.value("state", "") == "RUNNING"; }},
      {"numRanks >= 2", [](const json& j) { return NumRanks(j) >= 2; }},
      {"num_ranks >= 2", [](const json& j) { return NumRanks(j) >= 2; }},
      {"state = RUNNING AND num_ranks >= 2",
       [](const json& j) { return j.value("state", "") == "RUNNING" && NumRanks(j) >= 2; }},
      {"state = FAILED OR state = CANCELLED",
       [](const json& j) {
         const std::string s = j.value("state", "");
         return s == "FAILED" || s == "CANCELLED";
       }},
      {"python_executor.target_type = FILENAME",
       [](const json& j) {
         return j.contains("pythonExecutor") &&
                j.at("pythonExecutor").value("targetType", "") == "FILENAME";
       }},
      {"pythonExecutor.targetType = MODULE",
       [](const json& j) {
         return j.contains("pythonExecutor") &&
                j.at("pythonExecutor").value("targetType", "") == "MODULE";
       }},
      {"create_time >= \"2026-01-01T00:00:00Z\"",
       [](const json& j) {
         return !(*ParseRfc3339(j.at("createTime")) < *ParseRfc3339("2026-01-01T00:00:00Z"));
       }},
      {"shared = false", [](const json& j) { return !j.value("shared", false); }},
      {"annotations.team = \"research\"",
       [](const json& j) {
         return j.value("annotations", json::object()).value("team", "") == "research";
       }},
      {"start_time:*", [](const json& j) { return j.contains("startTime"); }},
      {"displayName = \"\"", [](const json& j) { return j.value("displayName", "").empty(); }},
  };
  ApiClient client(DefaultServer());
  for (const std::string account : {"acme", "globex"}) {
    for (const FilterCase& c : cases) {
      CAPTURE(account, c.filter);
      std::vector<json> matching;
      for (const json& job : JobsOf(account)) {
        if (c.matches(job)) matching.push_back(job);
      }
      const Listing listing = ListAll(client, account, Query({{"filter", c.filter}}), 200);
      REQUIRE(listing.ok);
      CHECK(listing.names == NamesByCreateTimeDesc(matching));
      CHECK(listing.pages[0].json.at("totalSize") == matching.size());
    }
  }
}

TEST_CASE("Bad filters are 400 with the parameter and the offset in the message",
          "[list][params][filter][error]") {
  const auto [filter, message] = GENERATE(table<std::string, std::string>({
      {"colour = \"red\"", "invalid filter: unknown field \"colour\" at offset 0"},
      {"state = RUNNING AND colour = 1", "invalid filter: unknown field \"colour\" at offset 20"},
      {"x = 1 OR bogus = 2", "invalid filter: unknown field \"x\" at offset 0"},
      {"num_ranks = hello", "invalid filter: "},
      {"state = RUNING", "invalid filter: "},
      {"state > RUNNING", "invalid filter: "},
      {"create_time > 2026", "invalid filter: "},
      {"create_time > \"yesterday\"", "invalid filter: "},
      {"state =", "invalid filter: "},
      {"(state = RUNNING", "invalid filter: "},
      {"NOT(state = RUNNING)", "invalid filter: "},
      {"python_executor.args = \"x\"", "invalid filter: "},
      {"python_executor.args.0 = \"x\"", "invalid filter: "},
      {"1 > 0", "invalid filter: "},
      {"foo(1)", "invalid filter: "},
  }));
  CAPTURE(filter);
  ApiClient client(DefaultServer());
  CheckInvalid(client.List("acme", Query({{"filter", filter}})), message);
}

}  // namespace
}  // namespace fwmock_test
