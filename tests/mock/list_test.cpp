#include "list.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "list_test_support.h"

using Catch::Matchers::Contains;

namespace fwmock_test {
namespace {

TEST_CASE("list parameters are read under both spellings", "[mock][list]") {
  const auto [snake, camel] = GENERATE(table<std::string, std::string>({
      {"page_size", "pageSize"},
      {"page_token", "pageToken"},
      {"order_by", "orderBy"},
      {"read_mask", "readMask"},
      {"filter", "filter"},
  }));
  for (const std::string& key : {snake, camel}) {
    CAPTURE(key);
    const std::string value = snake == "page_size" ? "17" : "v-" + snake;
    const fwmock::Result<ListRequest> r = fwmock::ParseListRequest("acme", {{key, value}});
    REQUIRE(r.ok());
    CHECK(r->account == "acme");
    CHECK(r->page_size == (snake == "page_size" ? 17 : 0));
    CHECK(r->page_token == (snake == "page_token" ? value : ""));
    CHECK(r->order_by == (snake == "order_by" ? value : ""));
    CHECK(r->read_mask == (snake == "read_mask" ? value : ""));
    CHECK(r->filter == (snake == "filter" ? value : ""));
  }
}

TEST_CASE("unknown list parameters are ignored", "[mock][list]") {
  const fwmock::Result<ListRequest> r =
      fwmock::ParseListRequest("acme", {{"foo", "bar"},
                                        {"PageSize", "x"},
                                        {"ranks", "1"},
                                        {"ranks", "2"},
                                        {"filter", "state = RUNNING"},
                                        {"$alt", "json"}});
  REQUIRE(r.ok());
  CHECK(r->page_size == 0);
  CHECK(r->filter == "state = RUNNING");
}

TEST_CASE("a parameter given twice under either spelling is an error", "[mock][list]") {
  const auto [first, second, canonical] = GENERATE(table<std::string, std::string, std::string>({
      {"pageSize", "page_size", "page_size"},
      {"pageSize", "pageSize", "page_size"},
      {"page_size", "page_size", "page_size"},
      {"pageToken", "page_token", "page_token"},
      {"orderBy", "order_by", "order_by"},
      {"readMask", "readMask", "read_mask"},
      {"read_mask", "readMask", "read_mask"},
      {"filter", "filter", "filter"},
  }));
  CAPTURE(first, second);
  const fwmock::Result<ListRequest> r =
      fwmock::ParseListRequest("acme", {{first, "1"}, {"other", "x"}, {second, "1"}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == aipfilter::StatusCode::kInvalidArgument);
  CHECK(r.status().message() == "too many values for field \"" + canonical + "\"");
}

TEST_CASE("pageSize must be a non-negative int32", "[mock][list]") {
  const auto [text, ok, expected] = GENERATE(table<std::string, bool, std::int32_t>({
      {"0", true, 0},
      {"1", true, 1},
      {"200", true, 200},
      {"201", true, 201},
      {"2147483647", true, 2147483647},
      {"010", true, 10},
      {"+5", true, 5},
      {"abc", false, 0},
      {"1.5", false, 0},
      {"99999999999", false, 0},
      {"2147483648", false, 0},
      {"-1", false, 0},
      {"-2147483648", false, 0},
      {"", false, 0},
      {" 5", false, 0},
      {"5 ", false, 0},
      {"0x10", false, 0},
      {"1e2", false, 0},
      {"5abc", false, 0},
  }));
  CAPTURE(text);
  const fwmock::Result<ListRequest> r = fwmock::ParseListRequest("acme", {{"pageSize", text}});
  INFO(r.status().message());
  REQUIRE(r.ok() == ok);
  if (ok) {
    CHECK(r->page_size == expected);
  } else {
    CHECK(r.status().code() == aipfilter::StatusCode::kInvalidArgument);
    CHECK_THAT(r.status().message(), Contains("invalid pageSize"));
  }
}

TEST_CASE("pageSize is coerced into 1 to 200 with 50 by default", "[mock][list]") {
  JobStore store;
  Fill(&store, "acme", 300);
  const TokenCodec codec("s");
  const auto [size, expected] = GENERATE(table<std::int32_t, std::size_t>({{0, 50},
                                                                           {1, 1},
                                                                           {50, 50},
                                                                           {199, 199},
                                                                           {200, 200},
                                                                           {201, 200},
                                                                           {500, 200},
                                                                           {2147483647, 200}}));
  CAPTURE(size);
  const ListPage page = MustList(Request("acme", size), store, codec);
  CHECK(page.jobs.size() == expected);
  CHECK(page.total_size == 300);
  CHECK_FALSE(page.next_page_token.empty());
}

TEST_CASE("a negative pageSize in a request is an error", "[mock][list]") {
  JobStore store;
  CheckListError(Request("acme", -1), store, TokenCodec("s"), "invalid pageSize");
}

TEST_CASE("an account without jobs lists empty", "[mock][list]") {
  JobStore store;
  Fill(&store, "acme", 5);
  const TokenCodec codec("s");
  const ListPage page = MustList(Request("globex", 0), store, codec);
  CHECK(page.jobs.empty());
  CHECK(page.next_page_token.empty());
  CHECK(page.total_size == 0);
  ListRequest none = Request("acme", 0);
  none.filter = "num_ranks > 100";
  const ListPage filtered = MustList(none, store, codec);
  CHECK(filtered.jobs.empty());
  CHECK(filtered.next_page_token.empty());
  CHECK(filtered.total_size == 0);
}

TEST_CASE("the last page has an empty token even at an exact multiple", "[mock][list]") {
  JobStore store;
  Fill(&store, "acme", 100);
  const TokenCodec codec("s");
  ListRequest request = Request("acme", 50);
  const ListPage first = MustList(request, store, codec);
  CHECK(first.jobs.size() == 50);
  REQUIRE_FALSE(first.next_page_token.empty());
  request.page_token = first.next_page_token;
  const ListPage second = MustList(request, store, codec);
  CHECK(second.jobs.size() == 50);
  CHECK(second.next_page_token.empty());
  CHECK(second.total_size == 100);
  const ListPage whole = MustList(Request("acme", 100), store, codec);
  CHECK(whole.jobs.size() == 100);
  CHECK(whole.next_page_token.empty());
}

}  // namespace
}  // namespace fwmock_test
