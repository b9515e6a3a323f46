// The JSON of List answers: camelCase, sorted keys, defaults, omitted unset values, timestamps.
#include <catch2/catch.hpp>
#include <regex>

#include "api_client.h"
#include "fixture_data.h"

namespace fwmock_test {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

const std::regex kCamelCase("[a-z][a-zA-Z0-9]*");
const std::regex kUtcTimestamp(
    R"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{3}|\.[0-9]{6}|\.[0-9]{9})?Z)");

// Problems with key order, key spelling and nulls anywhere in `value` (keys of the maps
// envVars and annotations are data: sorted, but any spelling).
void CheckShape(const ordered_json& value, const std::string& path, bool map_keys,
                std::vector<std::string>* problems) {
  if (value.is_null()) problems->push_back(path + ": null");
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      CheckShape(value[i], path + "[" + std::to_string(i) + "]", false, problems);
    }
  }
  if (!value.is_object()) return;
  std::string previous;
  bool first = true;
  for (const auto& [key, item] : value.items()) {
    if (!first && !(previous < key)) problems->push_back(path + "." + key + ": not sorted");
    if (!map_keys && !std::regex_match(key, kCamelCase)) {
      problems->push_back(path + "." + key + ": not camelCase");
    }
    CheckShape(item, path + "." + key, key == "envVars" || key == "annotations", problems);
    previous = key;
    first = false;
  }
}

std::vector<HttpResult> AllPages(const std::string& query) {
  ApiClient client(DefaultServer());
  std::vector<HttpResult> pages;
  for (const std::string account : {"acme", "globex", "initech", "nobody"}) {
    const Listing listing = ListAll(client, account, query, 37);
    REQUIRE(listing.ok);
    pages.insert(pages.end(), listing.pages.begin(), listing.pages.end());
  }
  return pages;
}

TEST_CASE("Keys are camelCase and sorted at every level with no null anywhere", "[json][shape]") {
  const std::string query =
      GENERATE(as<std::string>{}, "", "readMask=name,python_executor.target,envVars",
               "orderBy=state&filter=state%20%3D%20FAILED");
  CAPTURE(query);
  for (const HttpResult& page : AllPages(query)) {
    std::vector<std::string> problems;
    CheckShape(ordered_json::parse(page.body), "$", false, &problems);
    CAPTURE(page.body.substr(0, 300));
    CHECK(problems == std::vector<std::string>{});
  }
}

TEST_CASE("Every job is rendered as its fixture with defaults and equal instants",
          "[json][shape][fixtures]") {
  std::map<std::string, json> fixture;
  for (const json& job : DefaultJobs()) fixture[job.at("name")] = job;
  std::size_t seen = 0;
  for (const HttpResult& page : AllPages("")) {
    for (const json& job : page.json.at("batchJobs")) {
      const std::string name = job.value("name", "");
      CAPTURE(name);
      REQUIRE(fixture.count(name) == 1);
      CHECK(JobDifferences(job, fixture[name]) == std::vector<std::string>{});
      ++seen;
    }
  }
  CHECK(seen == DefaultJobs().size());
}

TEST_CASE("Timestamps are RFC 3339 UTC with 0 3 6 or 9 fractional digits ending in Z",
          "[json][shape][timestamps]") {
  int count = 0;
  for (const HttpResult& page : AllPages("")) {
    for (const json& job : page.json.at("batchJobs")) {
      for (const char* field : {"createTime", "startTime", "endTime", "updateTime"}) {
        if (!job.contains(field)) continue;
        CAPTURE(field, job[field].dump());
        CHECK(std::regex_match(job[field].get<std::string>(), kUtcTimestamp));
        ++count;
      }
    }
  }
  CHECK(count > 600);
}

TEST_CASE("Defaults are emitted and unset timestamps and executors are omitted",
          "[json][shape][defaults]") {
  int unset_start = 0;
  int empty_maps = 0;
  int unspecified = 0;
  for (const HttpResult& page : AllPages("")) {
    for (const json& job : page.json.at("batchJobs")) {
      CAPTURE(job.dump());
      for (const char* field : {"name", "displayName", "createdBy", "nodePoolId", "environmentId",
                                "snapshotId", "numRanks", "envVars", "role", "imageRef",
                                "annotations", "state", "status", "shared"}) {
        CHECK(job.contains(field));
      }
      CHECK(job.at("numRanks").is_number_integer());
      CHECK(job.at("shared").is_boolean());
      int executors = 0;
      for (const char* field : {"pythonExecutor", "notebookExecutor", "shellExecutor"}) {
        executors += job.contains(field) ? 1 : 0;
      }
      CHECK(executors == 1);
      unset_start += job.contains("startTime") ? 0 : 1;
      empty_maps += job.at("envVars").empty() && job.at("annotations").empty() ? 1 : 0;
      unspecified += job.at("state") == "STATE_UNSPECIFIED" ? 1 : 0;
    }
  }
  CHECK(unset_start > 0);
  CHECK(empty_maps > 0);
  CHECK(unspecified > 0);
}

TEST_CASE("totalSize and nextPageToken are always present", "[json][shape]") {
  const auto [account, query] = GENERATE(table<std::string, std::string>({
      {"acme", ""},
      {"acme", "pageSize=200"},
      {"acme", "readMask=name"},
      {"acme", "filter=num_ranks%20%3E%201000000"},
      {"nobody", ""},
      {"initech", "pageSize=48"},
  }));
  CAPTURE(account, query);
  ApiClient client(DefaultServer());
  const HttpResult r = client.List(account, query);
  REQUIRE(r.status == 200);
  CHECK(r.json.at("totalSize").is_number_integer());
  CHECK(r.json.at("nextPageToken").is_string());
  CHECK(r.json.at("batchJobs").is_array());
  std::vector<std::string> keys;
  for (const auto& [k, v] : r.json.items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"batchJobs", "nextPageToken", "totalSize"});
}

}  // namespace
}  // namespace fwmock_test
