#include "paging_mode.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

using Catch::Matchers::Contains;

// The paging modes' two syntaxes, their page plans and token ages (paging_mode.h).
namespace fwmock_test {
namespace {

using fwmock::PagePlan;
using fwmock::PagingMode;
using nlohmann::json;

constexpr std::int64_t kSecond = 1000000000;

PagingMode MustParseJson(const std::string& text) {
  const fwmock::Result<PagingMode> mode = fwmock::PagingModeFromJson(json::parse(text));
  INFO(text << ": " << mode.status().message());
  REQUIRE(mode.ok());
  return *mode;
}

PagingMode MustParseSpec(const std::string& text) {
  const fwmock::Result<PagingMode> mode = fwmock::ParsePagingSpec(text);
  INFO(text << ": " << mode.status().message());
  REQUIRE(mode.ok());
  return *mode;
}

TEST_CASE("a paging body sets each key it names and leaves the others off", "[mock][paging]") {
  const PagingMode all = MustParseJson(
      R"({"maxPageSize": 3, "shortPages": true, "seed": 7, "emptyPageEvery": 4,
          "tokenTtlSeconds": 60})");
  CHECK(all.max_page_size == 3);
  CHECK(all.short_pages);
  CHECK(all.seed == 7);
  CHECK(all.empty_page_every == 4);
  CHECK(all.token_ttl_seconds == 60);
  CHECK_FALSE(all.normal());
  const PagingMode one = MustParseJson(R"({"emptyPageEvery": 2})");
  CHECK(one.empty_page_every == 2);
  CHECK(one.max_page_size == 0);
  CHECK_FALSE(one.short_pages);
  CHECK(one.token_ttl_seconds == 0);
  CHECK(MustParseJson("{}").normal());
  CHECK(MustParseJson(R"({"shortPages": false})").normal());
  CHECK(MustParseJson(R"({"maxPageSize": 200, "tokenTtlSeconds": 2147483647})").max_page_size ==
        200);
  CHECK(MustParseJson(R"({"shortPages": true, "seed": 4294967295})").seed == 4294967295);
}

TEST_CASE("a bad paging body is refused naming the field", "[mock][paging]") {
  const auto [body, message] = GENERATE(table<std::string, std::string>({
      {R"({"pageSize": 3})", "unknown field \"pageSize\""},
      {R"({"maxpagesize": 3})", "unknown field \"maxpagesize\""},
      {R"({"maxPageSize": 0})", "field \"maxPageSize\": expected an integer from 1 to 200"},
      {R"({"maxPageSize": -1})", "field \"maxPageSize\": expected an integer from 1 to 200"},
      {R"({"maxPageSize": 201})", "field \"maxPageSize\": expected an integer from 1 to 200"},
      {R"({"maxPageSize": 3.5})", "field \"maxPageSize\": expected an integer from 1 to 200"},
      {R"({"maxPageSize": 3.0})", "field \"maxPageSize\": expected an integer from 1 to 200"},
      {R"({"maxPageSize": "3"})", "field \"maxPageSize\": expected an integer from 1 to 200"},
      {R"({"maxPageSize": null})", "field \"maxPageSize\": expected an integer from 1 to 200"},
      {R"({"maxPageSize": 18446744073709551615})",
       "field \"maxPageSize\": expected an integer from 1 to 200"},
      {R"({"shortPages": 1})", "field \"shortPages\": expected true or false"},
      {R"({"shortPages": "true"})", "field \"shortPages\": expected true or false"},
      {R"({"shortPages": true, "seed": -1})",
       "field \"seed\": expected an integer from 0 to 4294967295"},
      {R"({"shortPages": true, "seed": 4294967296})",
       "field \"seed\": expected an integer from 0 to 4294967295"},
      {R"({"seed": 7})", "field \"seed\": only with \"shortPages\": true"},
      {R"({"shortPages": false, "seed": 7})", "field \"seed\": only with \"shortPages\": true"},
      {R"({"emptyPageEvery": 1})", "field \"emptyPageEvery\": expected an integer from 2 to"},
      {R"({"emptyPageEvery": 0})", "field \"emptyPageEvery\": expected an integer from 2 to"},
      {R"({"emptyPageEvery": 1000001})", "field \"emptyPageEvery\": expected an integer"},
      {R"({"tokenTtlSeconds": 0})", "field \"tokenTtlSeconds\": expected an integer from 1 to"},
      {R"({"tokenTtlSeconds": 2147483648})", "field \"tokenTtlSeconds\": expected an integer"},
      {R"({"tokenTtlSeconds": [60]})", "field \"tokenTtlSeconds\": expected an integer"},
      {R"([])", "expected a JSON object"},
  }));
  CAPTURE(body);
  const fwmock::Result<PagingMode> mode = fwmock::PagingModeFromJson(json::parse(body));
  REQUIRE_FALSE(mode.ok());
  CHECK(mode.status().code() == aipfilter::StatusCode::kInvalidArgument);
  CHECK_THAT(mode.status().message(), Contains(message));
}

TEST_CASE("a mode renders only its keys that are on and reads back the same", "[mock][paging]") {
  const auto [body, rendered] = GENERATE(table<std::string, std::string>({
      {"{}", "{}"},
      {R"({"shortPages": false})", "{}"},
      {R"({"shortPages": true})", R"({"seed":0,"shortPages":true})"},
      {R"({"maxPageSize": 3, "tokenTtlSeconds": 60})", R"({"maxPageSize":3,"tokenTtlSeconds":60})"},
      {R"({"emptyPageEvery": 3, "shortPages": true, "seed": 9})",
       R"({"emptyPageEvery":3,"seed":9,"shortPages":true})"},
  }));
  CAPTURE(body);
  const PagingMode mode = MustParseJson(body);
  CHECK(fwmock::PagingModeJson(mode) == rendered);
  CHECK(MustParseJson(rendered) == mode);
}

TEST_CASE("the flag spec reads the same keys in kebab-case", "[mock][paging]") {
  const PagingMode mode = MustParseSpec(
      "max-page-size=3,short-pages=true,seed=7,empty-page-every=3,token-ttl-seconds=60");
  CHECK(mode == MustParseJson(R"({"maxPageSize": 3, "shortPages": true, "seed": 7,
                                  "emptyPageEvery": 3, "tokenTtlSeconds": 60})"));
  CHECK(MustParseSpec("").normal());
  CHECK(MustParseSpec("short-pages=false").normal());
  CHECK(MustParseSpec("max-page-size=5,").max_page_size == 5);
}

TEST_CASE("a bad flag spec is refused naming the key", "[mock][paging]") {
  const auto [spec, message] = GENERATE(table<std::string, std::string>({
      {"max-page-size", "expected KEY=VALUE, got \"max-page-size\""},
      {"page-size=3", "unknown key \"page-size\""},
      {"maxPageSize=3", "unknown key \"maxPageSize\""},
      {"max-page-size=0", "max-page-size: expected an integer from 1 to 200, got \"0\""},
      {"max-page-size=", "max-page-size: expected an integer from 1 to 200, got \"\""},
      {"max-page-size=3x", "max-page-size: expected an integer from 1 to 200, got \"3x\""},
      {"max-page-size=3,max-page-size=4", "max-page-size: given twice"},
      {"short-pages=yes", "short-pages: expected true or false, got \"yes\""},
      {"short-pages=true,seed=-3", "seed: expected an integer from 0 to 4294967295"},
      {"seed=7", "seed: only with short-pages=true"},
      {"empty-page-every=1", "empty-page-every: expected an integer from 2 to 1000000, got \"1\""},
      {"token-ttl-seconds=0", "token-ttl-seconds: expected an integer from 1 to"},
      {"token-ttl-seconds=99999999999999999999", "token-ttl-seconds: expected an integer"},
  }));
  CAPTURE(spec);
  const fwmock::Result<PagingMode> mode = fwmock::ParsePagingSpec(spec);
  REQUIRE_FALSE(mode.ok());
  CHECK_THAT(mode.status().message(), Contains(message));
}

TEST_CASE("without a mode every page is the request's size", "[mock][paging]") {
  for (std::int64_t page = 1; page < 20; ++page) {
    const PagePlan plan = fwmock::PlanPage(PagingMode(), page, 50);
    CHECK(plan.limit == 50);
    CHECK_FALSE(plan.empty);
  }
}

TEST_CASE("maxPageSize caps pages and never raises them", "[mock][paging]") {
  PagingMode mode;
  mode.max_page_size = 3;
  CHECK(fwmock::PlanPage(mode, 1, 50).limit == 3);
  CHECK(fwmock::PlanPage(mode, 7, 3).limit == 3);
  CHECK(fwmock::PlanPage(mode, 2, 2).limit == 2);
}

TEST_CASE("short pages have seeded sizes from 1 to the capped page size", "[mock][paging]") {
  PagingMode mode;
  mode.short_pages = true;
  mode.seed = 7;
  const std::size_t size = GENERATE(as<std::size_t>(), 1, 2, 7, 50);
  const std::int64_t cap = GENERATE(0, 4);
  mode.max_page_size = cap;
  const std::size_t top = cap == 0 ? size : std::min<std::size_t>(size, 4);
  CAPTURE(size, cap);
  std::set<std::size_t> seen;
  std::vector<std::size_t> first;
  for (std::int64_t page = 1; page <= 400; ++page) {
    const std::size_t limit = fwmock::PlanPage(mode, page, size).limit;
    CHECK(limit >= 1);
    CHECK(limit <= top);
    seen.insert(limit);
    first.push_back(limit);
  }
  CHECK(seen.size() == top);  // every size from 1 to the top comes up in 400 pages
  for (std::int64_t page = 1; page <= 400; ++page) {
    CHECK(fwmock::PlanPage(mode, page, size).limit == first[static_cast<std::size_t>(page - 1)]);
  }
}

TEST_CASE("different seeds give different walks", "[mock][paging]") {
  std::set<std::vector<std::size_t>> walks;
  for (const std::int64_t seed :
       {std::int64_t{0}, std::int64_t{1}, std::int64_t{7}, std::int64_t{4294967295}}) {
    PagingMode mode;
    mode.short_pages = true;
    mode.seed = seed;
    std::vector<std::size_t> sizes;
    for (std::int64_t page = 1; page <= 30; ++page) {
      sizes.push_back(fwmock::PlanPage(mode, page, 10).limit);
    }
    walks.insert(sizes);
  }
  CHECK(walks.size() == 4);
}

TEST_CASE("emptyPageEvery empties every n-th page and never the first", "[mock][paging]") {
  PagingMode mode;
  mode.empty_page_every = GENERATE(2, 3, 5);
  CAPTURE(mode.empty_page_every);
  for (std::int64_t page = 1; page <= 30; ++page) {
    CAPTURE(page);
    CHECK(fwmock::PlanPage(mode, page, 10).empty == (page % mode.empty_page_every == 0));
  }
}

TEST_CASE("a token older than the TTL is expired and one without an age too", "[mock][paging]") {
  PagingMode mode;
  const std::int64_t issued = 1000 * kSecond;
  CHECK(fwmock::CheckTokenAge(mode, 0, issued).ok());  // no TTL: never expires
  mode.token_ttl_seconds = 60;
  CHECK(fwmock::CheckTokenAge(mode, issued, issued).ok());
  CHECK(fwmock::CheckTokenAge(mode, issued, issued + 60 * kSecond).ok());
  for (const std::int64_t now : {issued + 60 * kSecond + 1, issued + 3600 * kSecond}) {
    const fwmock::Status s = fwmock::CheckTokenAge(mode, issued, now);
    CHECK(s.code() == aipfilter::StatusCode::kInvalidArgument);
    CHECK(s.message() == "page token expired");
  }
  CHECK(fwmock::CheckTokenAge(mode, 0, issued).message() == "page token expired");
}

}  // namespace
}  // namespace fwmock_test
