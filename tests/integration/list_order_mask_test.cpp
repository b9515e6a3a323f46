// orderBy and readMask through HTTP: orders computed from the fixtures, projections, errors.
#include <catch2/catch.hpp>
#include <functional>
#include <optional>

#include "api_client.h"
#include "fixture_data.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nlohmann::json;

// One ordering key: the value of a job (nullopt when unset) and the direction.
struct SortKey {
  std::function<std::optional<json>(const json&)> value;
  bool desc = false;
};

int StateRank(const std::string& state) {
  static const std::vector<std::string> kStates = {
      "STATE_UNSPECIFIED", "CREATING", "QUEUED",     "PENDING",   "RUNNING",
      "COMPLETED",         "FAILED",   "CANCELLING", "CANCELLED", "DELETING"};
  return static_cast<int>(std::find(kStates.begin(), kStates.end(), state) - kStates.begin());
}

// -1, 0, 1 for a before, equal to, after b under `key` (unset first ascending, last descending).
int CompareKey(const SortKey& key, const json& a, const json& b) {
  const std::optional<json> va = key.value(a);
  const std::optional<json> vb = key.value(b);
  int c = 0;
  if (va.has_value() != vb.has_value()) {
    c = va.has_value() ? 1 : -1;
  } else if (va && *va != *vb) {
    c = *va < *vb ? -1 : 1;  // json compares strings bytewise, numbers numerically, arrays in order
  }
  return key.desc ? -c : c;
}

std::vector<std::string> ExpectedOrder(std::vector<json> jobs, const std::vector<SortKey>& keys) {
  std::sort(jobs.begin(), jobs.end(), [&keys](const json& a, const json& b) {
    for (const SortKey& key : keys) {
      if (const int c = CompareKey(key, a, b); c != 0) return c < 0;
    }
    return a.at("name").get<std::string>() < b.at("name").get<std::string>();
  });
  std::vector<std::string> names;
  for (const json& job : jobs) names.push_back(job.at("name"));
  return names;
}

SortKey Field(const std::string& field, json fallback, bool desc = false) {
  return {
      [field, fallback](const json& j) -> std::optional<json> { return j.value(field, fallback); },
      desc};
}

SortKey Time(const std::string& field, bool desc = false) {
  return {[field](const json& j) -> std::optional<json> {
            if (!j.contains(field)) return std::nullopt;
            const Instant t = *ParseRfc3339(j[field]);
            return json::array({t.seconds, t.nanos});
          },
          desc};
}

SortKey State(bool desc) {
  return {[](const json& j) -> std::optional<json> {
            return StateRank(j.value("state", "STATE_UNSPECIFIED"));
          },
          desc};
}

SortKey PythonTarget(bool desc) {
  return {[](const json& j) -> std::optional<json> {
            if (!j.contains("pythonExecutor")) return std::nullopt;
            return j.at("pythonExecutor").value("target", "");
          },
          desc};
}

TEST_CASE("orderBy orders as the rules say with name breaking ties", "[list][params][order_by]") {
  const std::vector<std::pair<std::string, std::vector<SortKey>>> cases = {
      {"display_name", {Field("displayName", "")}},
      {"display_name desc", {Field("displayName", "", true)}},
      {"displayName asc", {Field("displayName", "")}},
      {"num_ranks desc", {Field("numRanks", 0, true)}},
      {"num_ranks   desc", {Field("numRanks", 0, true)}},
      {"numRanks desc,name", {Field("numRanks", 0, true)}},
      {"createTime", {Time("createTime")}},
      {"create_time desc", {Time("createTime", true)}},
      {"start_time", {Time("startTime")}},
      {"end_time desc", {Time("endTime", true)}},
      {"state", {State(false)}},
      {"state desc, update_time", {State(true), Time("updateTime")}},
      {"shared, num_ranks desc", {Field("shared", false), Field("numRanks", 0, true)}},
      {"python_executor.target", {PythonTarget(false)}},
      {"pythonExecutor.target desc", {PythonTarget(true)}},
      {"name desc", {Field("name", "", true)}},
  };
  ApiClient client(DefaultServer());
  for (const auto& [order_by, keys] : cases) {
    CAPTURE(order_by);
    const Listing listing = ListAll(client, "acme", Query({{"orderBy", order_by}}), 60);
    REQUIRE(listing.ok);
    CHECK(listing.names == ExpectedOrder(JobsOf("acme"), keys));
  }
}

TEST_CASE("camelCase and snake_case spellings in filter and orderBy are the same request",
          "[list][params][camel_case]") {
  const auto [key, snake, camel] = GENERATE(table<std::string, std::string, std::string>({
      {"filter", "num_ranks >= 2 AND display_name != \"\"",
       "numRanks >= 2 AND displayName != \"\""},
      {"filter", "python_executor.target_type = MODULE", "pythonExecutor.targetType = MODULE"},
      {"filter", "env_vars:WANDB_PROJECT", "envVars:WANDB_PROJECT"},
      {"orderBy", "display_name desc", "displayName desc"},
      {"orderBy", "python_executor.target, create_time", "pythonExecutor.target, createTime"},
  }));
  CAPTURE(key, snake, camel);
  ApiClient client(DefaultServer());
  const HttpResult a = client.List("globex", Query({{key, snake}, {"pageSize", "7"}}));
  const HttpResult b = client.List("globex", Query({{key, camel}, {"pageSize", "7"}}));
  REQUIRE(a.status == 200);
  REQUIRE(b.status == 200);
  CHECK(a.json.at("batchJobs") == b.json.at("batchJobs"));
  CHECK(a.json.at("totalSize") == b.json.at("totalSize"));
}

TEST_CASE("Bad orderBy values are 400 naming orderBy", "[list][params][order_by][error]") {
  const auto [order_by, message] = GENERATE(table<std::string, std::string>({
      {"bogus", "invalid orderBy: unknown field \"bogus\""},
      {"name DESC", "invalid orderBy: "},
      {"name,", "invalid orderBy: "},
      {",name", "invalid orderBy: "},
      {"name desc desc", "invalid orderBy: "},
      {"env_vars", "invalid orderBy: "},
      {"annotations", "invalid orderBy: "},
      {"python_executor.args", "invalid orderBy: "},
      {"python_executor", "invalid orderBy: "},
      {"env_vars.FOO", "invalid orderBy: "},
  }));
  CAPTURE(order_by);
  ApiClient client(DefaultServer());
  const HttpResult r = client.List("acme", Query({{"orderBy", order_by}}));
  INFO("body: " << r.body);
  CHECK(r.status == 400);
  CHECK(r.Code() == 3);
  CHECK_THAT(r.Message(), StartsWith(message));
}

TEST_CASE("readMask keeps exactly the named fields", "[list][params][read_mask]") {
  const auto [mask, fields] = GENERATE(table<std::string, std::vector<std::string>>({
      {"name", {"name"}},
      {"name,state", {"name", "state"}},
      {"display_name,numRanks", {"displayName", "numRanks"}},
      {"envVars,annotations,shared", {"envVars", "annotations", "shared"}},
      {"start_time,end_time", {"startTime", "endTime"}},
      {"shell_executor", {"shellExecutor"}},
  }));
  CAPTURE(mask);
  ApiClient client(DefaultServer());
  const Listing listing = ListAll(client, "acme", Query({{"readMask", mask}}), 200);
  REQUIRE(listing.ok);
  const std::vector<std::string> expected = NamesByCreateTimeDesc(JobsOf("acme"));
  REQUIRE(listing.jobs.size() == expected.size());
  std::map<std::string, json> fixture;
  for (const json& job : JobsOf("acme")) fixture[job.at("name")] = job;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const json& want_full = fixture[expected[i]];
    json want = json::object();
    for (const std::string& f : fields) {
      const bool optional = f == "startTime" || f == "endTime" || f == "shellExecutor";
      if (!optional || want_full.contains(f)) want[f] = nullptr;  // present, value checked below
    }
    const json& got = listing.jobs[i];
    CAPTURE(i, got.dump());
    for (const auto& [k, v] : got.items()) CHECK(want.contains(k));
    for (const auto& [k, v] : want.items()) CHECK(got.contains(k));
    if (got.contains("name")) CHECK(got.at("name") == expected[i]);
    if (got.contains("startTime"))
      CHECK(*ParseRfc3339(got.at("startTime")) == *ParseRfc3339(want_full.at("startTime")));
  }
}

TEST_CASE("A nested readMask path keeps only that subfield", "[list][params][read_mask]") {
  const std::string mask =
      GENERATE(as<std::string>{}, "python_executor.target", "pythonExecutor.target");
  CAPTURE(mask);
  ApiClient client(DefaultServer());
  const Listing listing = ListAll(client, "globex", Query({{"readMask", mask}}), 100);
  REQUIRE(listing.ok);
  const std::vector<std::string> order = NamesByCreateTimeDesc(JobsOf("globex"));
  std::map<std::string, json> fixture;
  for (const json& job : JobsOf("globex")) fixture[job.at("name")] = job;
  REQUIRE(listing.jobs.size() == order.size());
  int with_executor = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const json& job = fixture[order[i]];
    json want = json::object();
    if (job.contains("pythonExecutor")) {
      want["pythonExecutor"] = {{"target", job.at("pythonExecutor").value("target", "")}};
      ++with_executor;
    }
    CAPTURE(order[i]);
    CHECK(listing.jobs[i] == want);
  }
  CHECK(with_executor > 0);
}

TEST_CASE("An empty readMask or '*' returns every field", "[list][params][read_mask]") {
  const std::string query = GENERATE(as<std::string>{}, "readMask=", "readMask=*", "readMask=%2A");
  CAPTURE(query);
  ApiClient client(DefaultServer());
  const HttpResult masked = client.List("initech", query + "&pageSize=20");
  const HttpResult plain = client.List("initech", "pageSize=20");
  REQUIRE(masked.status == 200);
  CHECK(masked.json.at("batchJobs") == plain.json.at("batchJobs"));
}

TEST_CASE("Bad readMask values are 400 naming readMask", "[list][params][read_mask][error]") {
  const std::string mask =
      GENERATE(as<std::string>{}, "bogus", "name,bogus", "*,name", "name,*", "name,,state", "name,",
               ".name", "python_executor.", "python_executor.bogus", "env_vars.FOO",
               "annotations.team", "python_executor.args.0", "name.first");
  CAPTURE(mask);
  ApiClient client(DefaultServer());
  const HttpResult r = client.List("acme", Query({{"readMask", mask}}));
  INFO("body: " << r.body);
  CHECK(r.status == 400);
  CHECK(r.Code() == 3);
  CHECK_THAT(r.Message(), StartsWith("invalid readMask: "));
}

}  // namespace
}  // namespace fwmock_test
