#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "list.h"
#include "list_test_support.h"
#include "paging_mode.h"

using Catch::Matchers::Contains;

// List under the adversarial paging modes (list.h, paging_mode.h): walks against an oracle of
// MakeJob's own fields, the tokens of short and empty pages, token ages, and the cache.
namespace fwmock_test {
namespace {

using fwmock::Lister;
using fwmock::PagingContext;
using fwmock::PagingMode;

constexpr int kJobs = 120;

// The names of MakeJob(0..kJobs) that `keep` keeps, in the default order: create_time desc
// (job i was created i seconds after kBase; every 11th has none and sorts last), then name.
std::vector<std::string> Oracle(const std::function<bool(int)>& keep) {
  std::vector<std::string> timed;
  std::vector<std::string> untimed;
  for (int i = kJobs - 1; i >= 0; --i) {
    if (keep(i)) (i % 11 == 10 ? untimed : timed).push_back(Name("acme", Id(i)));
  }
  std::sort(untimed.begin(), untimed.end());
  timed.insert(timed.end(), untimed.begin(), untimed.end());
  return timed;
}

// One walk from the first page to the last: the jobs of each page.
struct Walk {
  std::vector<std::vector<std::string>> pages;
  std::vector<std::string> all;
};

// Walks `request` under `paging`, checking on every page the invariant of the modes: totalSize
// is `total`, an empty page has a token, the last page has none.
// A List that must succeed, under `paging` (null: normal paging).
ListPage MustList(Lister& lister, const ListRequest& request,
                  const PagingContext* paging = nullptr) {
  fwmock::Result<ListPage> page = lister.List(request, paging);
  INFO(page.status().message());
  REQUIRE(page.ok());
  return std::move(*page);
}

Walk WalkAll(Lister& lister, ListRequest request, const PagingContext& paging, std::int32_t total) {
  Walk walk;
  for (int n = 0; n < 5000; ++n) {
    const fwmock::Result<ListPage> page = lister.List(request, &paging);
    INFO("page " << n + 1 << ": " << page.status().message());
    REQUIRE(page.ok());
    CHECK(page->total_size == total);
    walk.pages.push_back(Names(*page));
    walk.all.insert(walk.all.end(), walk.pages.back().begin(), walk.pages.back().end());
    if (page->next_page_token.empty()) {
      CHECK(walk.all.size() == static_cast<std::size_t>(total));
      return walk;
    }
    request.page_token = page->next_page_token;
  }
  FAIL("paging did not end");
  return walk;
}

PagingMode Mode(std::int64_t max, bool short_pages, std::int64_t seed, std::int64_t every,
                std::int64_t ttl) {
  PagingMode mode;
  mode.max_page_size = max;
  mode.short_pages = short_pages;
  mode.seed = seed;
  mode.empty_page_every = every;
  mode.token_ttl_seconds = ttl;
  return mode;
}

TEST_CASE("every mode walked to the end yields every matching job once in order",
          "[mock][list][paging]") {
  JobStore store;
  Fill(&store, "acme", kJobs);
  Fill(&store, "globex", 30);
  const TokenCodec codec("s");
  Lister lister(store, codec);
  const auto [max, short_pages, seed, every, ttl] =
      GENERATE(table<std::int64_t, bool, std::int64_t, std::int64_t, std::int64_t>({
          {3, false, 0, 0, 0},
          {1, false, 0, 0, 0},
          {0, true, 7, 0, 0},
          {0, true, 4294967295, 0, 0},
          {0, false, 0, 2, 0},
          {0, false, 0, 3, 0},
          {0, false, 0, 0, 60},
          {4, true, 7, 3, 0},
          {5, false, 0, 2, 60},
          {0, true, 1, 2, 60},
          {7, true, 3, 4, 30},
      }));
  const std::int32_t size = GENERATE(0, 1, 10);
  const auto [filter, keep] = GENERATE(table<std::string, std::function<bool(int)>>({
      {"", [](int) { return true; }},
      {"num_ranks >= 2", [](int i) { return i % 5 >= 2; }},
      {"display_name = \"job 3\"", [](int i) { return i % 7 == 3; }},
  }));
  CAPTURE(max, short_pages, seed, every, ttl, size, filter);
  ListRequest request = Request("acme", size);
  request.filter = filter;
  const std::vector<std::string> oracle = Oracle(keep);
  const PagingContext paging{Mode(max, short_pages, seed, every, ttl), 1000 * kSecond};
  const Walk walk = WalkAll(lister, request, paging, static_cast<std::int32_t>(oracle.size()));
  CHECK(walk.all == oracle);
  const std::size_t top = size == 0 ? 50 : static_cast<std::size_t>(size);
  for (std::size_t p = 0; p < walk.pages.size(); ++p) {
    CAPTURE(p + 1);
    CHECK(walk.pages[p].size() <= (max > 0 ? std::min(top, static_cast<std::size_t>(max)) : top));
    const bool empty_turn = every > 0 && (p + 1) % static_cast<std::size_t>(every) == 0;
    if (empty_turn) CHECK(walk.pages[p].empty());
    if (!empty_turn && p + 1 < walk.pages.size()) CHECK_FALSE(walk.pages[p].empty());
  }
}

TEST_CASE("the same seed cuts the same walk and another seed another", "[mock][list][paging]") {
  JobStore store;
  Fill(&store, "acme", kJobs);
  const TokenCodec codec("s");
  Lister lister(store, codec);
  const PagingContext seven{Mode(0, true, 7, 0, 0), 0};
  const PagingContext eight{Mode(0, true, 8, 0, 0), 0};
  const Walk a = WalkAll(lister, Request("acme", 10), seven, kJobs);
  const Walk b = WalkAll(lister, Request("acme", 10), seven, kJobs);
  const Walk c = WalkAll(lister, Request("acme", 10), eight, kJobs);
  CHECK(a.pages == b.pages);
  CHECK(a.pages != c.pages);
  CHECK(c.all == a.all);
  CHECK(a.pages.size() > kJobs / 10);  // some pages were short
}

TEST_CASE("an empty page's token continues where its request started", "[mock][list][paging]") {
  JobStore store;
  Fill(&store, "acme", 20);
  const TokenCodec codec("s");
  Lister lister(store, codec);
  const PagingContext paging{Mode(0, false, 0, 2, 0), 0};
  const ListPage first = MustList(lister, Request("acme", 5), &paging);
  ListRequest second = Request("acme", 5);
  second.page_token = first.next_page_token;
  const ListPage empty = MustList(lister, second, &paging);
  CHECK(empty.jobs.empty());
  REQUIRE_FALSE(empty.next_page_token.empty());
  const fwmock::Result<fwmock::PageToken> asked = codec.Open(first.next_page_token);
  const fwmock::Result<fwmock::PageToken> next = codec.Open(empty.next_page_token);
  REQUIRE(asked.ok());
  REQUIRE(next.ok());
  CHECK(next->last_name == asked->last_name);
  CHECK(next->last_name == first.jobs.back()->job.name);
  CHECK(asked->page == 2);
  CHECK(next->page == 3);
}

TEST_CASE("an empty page at the end of the jobs is the last page", "[mock][list][paging]") {
  JobStore store;
  Fill(&store, "acme", 10);
  const TokenCodec codec("s");
  Lister lister(store, codec);
  const PagingContext paging{Mode(0, false, 0, 2, 0), 0};
  const ListPage first = MustList(lister, Request("acme", 5), &paging);
  REQUIRE_FALSE(first.next_page_token.empty());
  {  // the rest is gone
    const std::shared_ptr<fwmock::Account> account = store.Find("acme");
    std::unique_lock lock(account->lock());
    for (int i = 0; i < 5; ++i) REQUIRE(account->Remove(Id(i)));
  }
  ListRequest second = Request("acme", 5);
  second.page_token = first.next_page_token;
  const ListPage last = MustList(lister, second, &paging);
  CHECK(last.jobs.empty());
  CHECK(last.next_page_token.empty());
  CHECK(last.total_size == 5);
}

TEST_CASE("tokens under a TTL carry their issue time and expire after it", "[mock][list][paging]") {
  JobStore store;
  Fill(&store, "acme", 20);
  const TokenCodec codec("s");
  Lister lister(store, codec);
  const std::int64_t t0 = 5000 * kSecond;
  const PagingMode ttl = Mode(0, false, 0, 0, 60);
  const PagingContext at_t0{ttl, t0};
  const ListPage first = MustList(lister, Request("acme", 5), &at_t0);
  const fwmock::Result<fwmock::PageToken> token = codec.Open(first.next_page_token);
  REQUIRE(token.ok());
  CHECK(token->issued_at == t0);
  ListRequest next = Request("acme", 5);
  next.page_token = first.next_page_token;
  const PagingContext in_time{ttl, t0 + 60 * kSecond};
  const ListPage second = MustList(lister, next, &in_time);
  CHECK(codec.Open(second.next_page_token)->issued_at == t0 + 60 * kSecond);
  const PagingContext late{ttl, t0 + 61 * kSecond};
  const fwmock::Result<ListPage> expired = lister.List(next, &late);
  REQUIRE_FALSE(expired.ok());
  CHECK(expired.status().code() == aipfilter::StatusCode::kInvalidArgument);
  CHECK(expired.status().message() == "page token expired");
  // A token of normal paging has no age: under a TTL it is expired; without one it works.
  const ListPage plain = MustList(lister, Request("acme", 5));
  CHECK(codec.Open(plain.next_page_token)->issued_at == 0);
  next.page_token = plain.next_page_token;
  CHECK(lister.List(next, &at_t0).status().message() == "page token expired");
  CHECK(lister.List(next).ok());
}

TEST_CASE("answers under a mode neither come from nor go into the page cache",
          "[mock][list][paging]") {
  JobStore store;
  Fill(&store, "acme", 20);
  const TokenCodec codec("s");
  Lister lister(store, codec);
  const ListRequest request = Request("acme", 5);
  const auto normal = lister.ListRendered(request);
  REQUIRE(normal.ok());
  CHECK_THAT((*normal)->body, Contains(Name("acme", Id(15))));  // the fifth newest
  const PagingContext capped{Mode(2, false, 0, 0, 0), 0};
  const auto under_mode = lister.ListRendered(request, capped);
  REQUIRE(under_mode.ok());
  CHECK((*under_mode)->body == fwmock::RenderListPage(*lister.List(request, &capped)));
  CHECK_THAT((*under_mode)->body, !Contains(Name("acme", Id(17))));  // only 19 and 18
  CHECK_THAT((*under_mode)->body, Contains(Name("acme", Id(18))));
  const auto again = lister.ListRendered(request);
  REQUIRE(again.ok());
  CHECK((*again)->body == (*normal)->body);
  // Under a TTL, each answer's token has the issue time of its own request.
  const PagingMode ttl = Mode(0, false, 0, 0, 60);
  const auto early = lister.ListRendered(request, PagingContext{ttl, 100 * kSecond});
  const auto later = lister.ListRendered(request, PagingContext{ttl, 150 * kSecond});
  REQUIRE(early.ok());
  REQUIRE(later.ok());
  CHECK((*early)->body != (*later)->body);
  const std::string later_token = nlohmann::json::parse((*later)->body).at("nextPageToken");
  CHECK(codec.Open(later_token)->issued_at == 150 * kSecond);
}

}  // namespace
}  // namespace fwmock_test
