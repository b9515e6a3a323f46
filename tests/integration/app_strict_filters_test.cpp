// --strict-filters: a bare word in a List filter is a 400 naming it, where the default reads it
// as a text search.
#include <catch2/catch.hpp>

#include "api_client.h"

namespace fwmock_test {
namespace {

TEST_CASE("Flag --strict-filters and its variable make a bare word a 400 naming it and its offset",
          "[process][filter][strict]") {
  const auto [args, env] =
      GENERATE(table<std::vector<std::string>, std::map<std::string, std::string>>({
          {{"--strict-filters"}, {}},
          {{}, {{"FWMOCK_STRICT_FILTERS", "true"}}},
      }));
  CAPTURE(args, env);
  FwmockProcess server(args, env);
  ApiClient client(server);
  const auto [filter, message] = GENERATE(table<std::string, std::string>({
      {"state = RUNNING and num_ranks >= 2",
       R"(invalid filter: bare word "and": write AND to combine restrictions at offset 16)"},
      {"state = RUNNING or state = FAILED",
       R"(invalid filter: bare word "or": write OR to match either restriction at offset 16)"},
      {"not state = RUNNING",
       R"(invalid filter: bare word "not": write NOT to negate a restriction at offset 0)"},
      {"state = RUNNING training",
       R"(invalid filter: bare word "training": strict filters need a field, a comparator and)"
       R"( a value at offset 16)"},
  }));
  CAPTURE(filter);
  const HttpResult r = client.List("acme", Query({{"filter", filter}}));
  INFO("body: " << r.body);
  CHECK(r.status == 400);
  CHECK(r.Code() == 3);
  CHECK(r.Message() == message);
}

TEST_CASE("Flag --strict-filters answers filters of restrictions as without it",
          "[process][filter][strict]") {
  FwmockProcess strict({"--strict-filters"});
  ApiClient client(strict);
  ApiClient lenient(DefaultServer());
  const std::string filter =
      GENERATE(as<std::string>{}, "", "state = RUNNING AND num_ranks >= 2",
               "state = COMPLETED OR NOT num_ranks > 1", "display_name:eval -state = FAILED");
  CAPTURE(filter);
  const HttpResult r = client.List("acme", Query({{"filter", filter}}));
  REQUIRE(r.status == 200);
  const HttpResult expected = lenient.List("acme", Query({{"filter", filter}}));
  REQUIRE(expected.status == 200);
  CHECK(r.json.at("totalSize") == expected.json.at("totalSize"));
  CHECK(r.json.at("batchJobs") == expected.json.at("batchJobs"));
}

TEST_CASE("Without --strict-filters a bare word is a text search", "[process][filter][strict]") {
  FwmockProcess server({}, {{"FWMOCK_STRICT_FILTERS", "0"}});
  const HttpResult r =
      ApiClient(server).List("acme", Query({{"filter", "state = RUNNING and num_ranks >= 2"}}));
  INFO("body: " << r.body);
  CHECK(r.status == 200);
  CHECK(r.Header("X-Fwmock-Filter") == "(AND (= state RUNNING) and (>= num_ranks 2))");
}

}  // namespace
}  // namespace fwmock_test
