#include <catch2/catch.hpp>

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "list.h"
#include "list_test_support.h"

using Catch::Matchers::Contains;

// Paging, page tokens and keyset continuation of List (list.h), through ListJobs and Lister.
namespace fwmock_test {
namespace {

TEST_CASE("the default order is newest first with unset times last", "[mock][list]") {
  JobStore store;
  Fill(&store, "acme", 40);
  std::vector<std::string> expected;
  for (int i = 39; i >= 0; --i) {
    if (i % 11 != 10) expected.push_back(Name("acme", Id(i)));
  }
  for (int i : {10, 21, 32}) expected.push_back(Name("acme", Id(i)));
  CHECK(Names(MustList(Request("acme", 0), store, TokenCodec("s"))) == expected);
}

TEST_CASE("paging to the end equals one big page", "[mock][list]") {
  JobStore store;
  Fill(&store, "acme", 150);
  Fill(&store, "globex", 20);
  const TokenCodec codec("s");
  const auto [filter, order_by, total] = GENERATE(table<std::string, std::string, std::int32_t>({
      {"", "", 150},
      {"", "display_name", 150},
      {"", "state desc, num_ranks", 150},
      {"", "python_executor.target desc, display_name", 150},
      {"", "create_time", 150},
      {"num_ranks >= 2", "", 90},
      {"num_ranks >= 2", "display_name desc", 90},
      {"python_executor:*", "shared, num_ranks desc", 50},
  }));
  const std::int32_t size = GENERATE(1, 7, 50, 200);
  CAPTURE(filter, order_by, size);
  ListRequest big = Request("acme", 200);
  big.filter = filter;
  big.order_by = order_by;
  const ListPage whole = MustList(big, store, codec);
  CHECK(whole.total_size == total);
  CHECK(whole.jobs.size() == static_cast<std::size_t>(total));
  CHECK(whole.next_page_token.empty());
  ListRequest paged = big;
  paged.page_size = size;
  const std::vector<std::string> all = PageAll(paged, store, codec, total);
  CHECK(all == Names(whole));
  CHECK(std::set<std::string>(all.begin(), all.end()).size() == all.size());
}

TEST_CASE("the same request gives the same token", "[mock][list]") {
  JobStore store;
  Fill(&store, "acme", 20);
  const TokenCodec codec("s");
  ListRequest request = Request("acme", 5);
  request.filter = "num_ranks > 0";
  const std::string token = MustList(request, store, codec).next_page_token;
  CHECK_FALSE(token.empty());
  CHECK(MustList(request, store, codec).next_page_token == token);
  CHECK(MustList(request, store, TokenCodec("s")).next_page_token == token);
}

TEST_CASE("each page's token names the page it asks for", "[mock][list]") {
  JobStore store;
  Fill(&store, "acme", 23);
  const TokenCodec codec("s");
  ListRequest request = Request("acme", 5);
  CHECK(codec.PageOf("") == 1);
  CHECK(codec.PageOf("not-a-token") == 0);
  int pages = 1;  // 23 jobs by 5: pages 1 to 5, and four tokens naming pages 2 to 5
  for (;;) {
    const ListPage page = MustList(request, store, codec);
    if (page.next_page_token.empty()) break;
    ++pages;
    CHECK(codec.PageOf(page.next_page_token) == pages);
    request.page_token = page.next_page_token;
  }
  CHECK(pages == 5);
}

TEST_CASE("a token only continues the request that produced it", "[mock][list]") {
  JobStore store;
  Fill(&store, "acme", 30);
  Fill(&store, "globex", 30);
  const TokenCodec codec("s");
  ListRequest first = Request("acme", 5);
  first.filter = "num_ranks >= 1";
  first.order_by = "num_ranks desc";
  first.read_mask = "name,state";
  const std::string token = MustList(first, store, codec).next_page_token;
  REQUIRE_FALSE(token.empty());
  const auto [what, value, ok] = GENERATE(table<std::string, std::string, bool>({
      {"filter", "num_ranks >= 2", false},
      {"filter", "", false},
      {"order_by", "num_ranks", false},
      {"order_by", "", false},
      {"order_by", "numRanks  desc", true},
      {"order_by", " num_ranks desc ", true},
      {"read_mask", "name", false},
      {"read_mask", "", false},
      {"read_mask", "state,name", true},
      {"read_mask", "name, state", true},
      {"page_size", "7", true},
      {"account", "globex", false},
  }));
  CAPTURE(what, value);
  ListRequest next = first;
  next.page_token = token;
  if (what == "filter") next.filter = value;
  if (what == "order_by") next.order_by = value;
  if (what == "read_mask") next.read_mask = value;
  if (what == "page_size") next.page_size = std::stoi(value);
  if (what == "account") next.account = value;
  if (ok) {
    const ListPage page = MustList(next, store, codec);
    CHECK(page.jobs.size() == static_cast<std::size_t>(next.page_size));
  } else {
    CheckListError(next, store, codec, "invalid page token");
  }
}

TEST_CASE("forged and foreign tokens are rejected", "[mock][list]") {
  JobStore store;
  Fill(&store, "acme", 30);
  ListRequest request = Request("acme", 5);
  const std::string token = MustList(request, store, TokenCodec("s")).next_page_token;
  request.page_token = GENERATE_COPY(as<std::string>{}, "garbage", "abc", token + "A",
                                     token.substr(0, token.size() - 2));
  CheckListError(request, store, TokenCodec("s"), "invalid page token");
  request.page_token = token;
  CheckListError(request, store, TokenCodec("another secret"), "invalid page token");
}

TEST_CASE("bad parameters are errors naming the parameter", "[mock][list]") {
  JobStore store;
  Fill(&store, "acme", 3);
  ListRequest request = Request("acme", 0);
  const auto [what, value, fragment] = GENERATE(table<std::string, std::string, std::string>({
      {"filter", "colour = red", "invalid filter: unknown field \"colour\" at offset 0"},
      {"filter", "state = (", "invalid filter: "},
      {"order_by", "colour", "invalid orderBy: "},
      {"order_by", "env_vars", "invalid orderBy: "},
      {"read_mask", "colour", "invalid readMask: "},
      {"read_mask", "*,name", "invalid readMask: "},
  }));
  CAPTURE(what, value);
  if (what == "filter") request.filter = value;
  if (what == "order_by") request.order_by = value;
  if (what == "read_mask") request.read_mask = value;
  CheckListError(request, store, TokenCodec("s"), fragment);
}

// Continues `token` against `store` and returns everything up to the end.
std::vector<std::string> Continue(const std::string& token, const JobStore& store,
                                  const TokenCodec& codec, std::int32_t total) {
  ListRequest request = Request("acme", 4);
  request.page_token = token;
  return PageAll(request, store, codec, total);
}

BatchJob TimedJob(const std::string& id, std::int64_t seconds) {
  BatchJob job;
  job.name = Name("acme", id);
  job.create_time = kBase + seconds * kSecond;
  return job;
}

TEST_CASE("paging is by keyset when jobs come and go between pages", "[mock][list]") {
  // 30 jobs, job-00NN created at 10 * NN seconds; newest first, so page 1 of 10 ends at job 20.
  JobStore before;
  for (int i = 0; i < 30; ++i) REQUIRE(before.Add(TimedJob(Id(i), 10 * i)).ok());
  const TokenCodec codec("s");
  const ListPage first = MustList(Request("acme", 10), before, codec);
  REQUIRE(first.jobs.size() == 10);
  REQUIRE(first.jobs.back()->job.name == Name("acme", Id(20)));

  // Gone: job 25 (already listed), job 20 (the last one listed) and job 15 (not yet listed).
  // New: job-new-22 (sorts before the cursor), job-new-17 (after it), and two jobs created at
  // the same instant as job 20, one named before it and one after it.
  JobStore after;
  for (int i = 0; i < 30; ++i) {
    if (i != 25 && i != 20 && i != 15) REQUIRE(after.Add(TimedJob(Id(i), 10 * i)).ok());
  }
  REQUIRE(after.Add(TimedJob("job-new-22", 225)).ok());
  REQUIRE(after.Add(TimedJob("job-new-17", 175)).ok());
  REQUIRE(after.Add(TimedJob("job-0019z", 200)).ok());
  REQUIRE(after.Add(TimedJob("job-0020a", 200)).ok());

  std::vector<std::string> expected = {Name("acme", "job-0020a"), Name("acme", Id(19)),
                                       Name("acme", Id(18)), Name("acme", "job-new-17")};
  for (int i = 17; i >= 0; --i) {
    if (i != 15) expected.push_back(Name("acme", Id(i)));
  }
  CHECK(Continue(first.next_page_token, after, codec, 31) == expected);
}

TEST_CASE("a token past every remaining job gives an empty last page", "[mock][list]") {
  JobStore before;
  for (int i = 0; i < 10; ++i) REQUIRE(before.Add(TimedJob(Id(i), i)).ok());
  const TokenCodec codec("s");
  const ListPage first = MustList(Request("acme", 5), before, codec);
  REQUIRE_FALSE(first.next_page_token.empty());
  JobStore after;
  for (int i = 5; i < 10; ++i) REQUIRE(after.Add(TimedJob(Id(i), i)).ok());
  ListRequest request = Request("acme", 5);
  request.page_token = first.next_page_token;
  const ListPage page = MustList(request, after, codec);
  CHECK(page.jobs.empty());
  CHECK(page.next_page_token.empty());
  CHECK(page.total_size == 5);
}

TEST_CASE("a list page renders with its mask", "[mock][list]") {
  JobStore store;
  BatchJob job;
  job.name = Name("acme", "x");
  job.state = fwmock::JobState::kRunning;
  REQUIRE(store.Add(job).ok());
  ListRequest request = Request("acme", 0);
  request.read_mask = "state,name";
  const ListPage page = MustList(request, store, TokenCodec("s"));
  CHECK(fwmock::RenderListPage(page) ==
        R"({"batchJobs":[{"name":"accounts/acme/batchJobs/x","state":"RUNNING"}],)"
        R"("nextPageToken":"","totalSize":1})");
  CHECK(fwmock::RenderListPage(MustList(Request("none", 0), store, TokenCodec("s"))) ==
        R"({"batchJobs":[],"nextPageToken":"","totalSize":0})");
}

TEST_CASE("a Lister continues by keyset after jobs are added to its store", "[mock][list]") {
  JobStore store;
  for (int i = 0; i < 30; ++i) REQUIRE(store.Add(TimedJob(Id(i), 10 * i)).ok());
  const TokenCodec codec("s");
  fwmock::Lister lister(store, codec);
  const fwmock::Result<ListPage> first = lister.List(Request("acme", 10));
  REQUIRE(first.ok());
  REQUIRE(first->jobs.back()->job.name == Name("acme", Id(20)));
  REQUIRE(store.Add(TimedJob("job-new-22", 225)).ok());
  REQUIRE(store.Add(TimedJob("job-new-17", 175)).ok());
  REQUIRE(store.Add(TimedJob("job-0019z", 200)).ok());
  REQUIRE(store.Add(TimedJob("job-0020a", 200)).ok());

  std::vector<std::string> expected = {Name("acme", "job-0020a"), Name("acme", Id(19)),
                                       Name("acme", Id(18)), Name("acme", "job-new-17")};
  for (int i = 17; i >= 0; --i) expected.push_back(Name("acme", Id(i)));
  std::vector<std::string> rest;
  ListRequest request = Request("acme", 4);
  request.page_token = first->next_page_token;
  for (int pages = 0; pages < 100 && !request.page_token.empty(); ++pages) {
    const fwmock::Result<ListPage> page = lister.List(request);
    REQUIRE(page.ok());
    CHECK(page->total_size == 34);
    for (const fwmock::JobPtr& j : page->jobs) rest.push_back(j->job.name);
    request.page_token = page->next_page_token;
  }
  CHECK(rest == expected);
}

TEST_CASE("a Lister answers like an uncached List", "[mock][list]") {
  JobStore store;
  Fill(&store, "acme", 120);
  Fill(&store, "globex", 7);
  const TokenCodec codec("s");
  fwmock::Lister lister(store, codec);
  lister.Warm();
  const auto [filter, order_by, read_mask] = GENERATE(table<std::string, std::string, std::string>({
      {"", "", ""},
      {"num_ranks >= 2", "display_name desc", "name,state"},
      {"python_executor:*", "python_executor.target", "python_executor.target"},
      {"state = RUNNING OR state = FAILED", "state, create_time", ""},
  }));
  CAPTURE(filter, order_by, read_mask);
  ListRequest request = Request("acme", 13);
  request.filter = filter;
  request.order_by = order_by;
  request.read_mask = read_mask;
  for (int pages = 0; pages < 100; ++pages) {
    const fwmock::Result<ListPage> cached = lister.List(request);
    const ListPage direct = MustList(request, store, codec);
    REQUIRE(cached.ok());
    CHECK(Names(*cached) == Names(direct));
    CHECK(cached->next_page_token == direct.next_page_token);
    CHECK(cached->total_size == direct.total_size);
    const fwmock::Result<std::shared_ptr<const fwmock::RenderedPage>> rendered =
        lister.ListRendered(request);
    REQUIRE(rendered.ok());
    CHECK((*rendered)->body == fwmock::RenderListPage(direct));
    if (direct.next_page_token.empty()) break;
    request.page_token = direct.next_page_token;
  }
}

TEST_CASE("a rendered page follows changes to the store", "[mock][list]") {
  JobStore store;
  Fill(&store, "acme", 3);
  const TokenCodec codec("s");
  fwmock::Lister lister(store, codec);
  ListRequest request = Request("acme", 0);
  request.read_mask = "name";
  const auto before = lister.ListRendered(request);
  REQUIRE(before.ok());
  CHECK_THAT((*before)->body, Contains("\"totalSize\":3}"));
  REQUIRE(store.Add(MakeJob("acme", 3)).ok());
  const auto after = lister.ListRendered(request);
  REQUIRE(after.ok());
  CHECK_THAT((*after)->body, Contains("\"totalSize\":4}"));
  CHECK_THAT((*after)->body, Contains(Name("acme", Id(3))));
  const fwmock::Result<ListPage> page = lister.List(request);
  REQUIRE(page.ok());
  CHECK(page->total_size == 4);
}

}  // namespace
}  // namespace fwmock_test
