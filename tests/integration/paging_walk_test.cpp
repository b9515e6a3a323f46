// Adversarial paging through the real binary: every mode and combination walked to the end
// against the fixtures read independently, seeded short pages, per-account modes, DELETE.
#include <catch2/catch.hpp>
#include <functional>

#include "api_client.h"
#include "fixture_data.h"
#include "fwmock_process.h"
#include "paging_helpers.h"

namespace fwmock_test {
namespace {

using nlohmann::json;

// A mode as PUT sends it, and the biggest page it allows for a request of `size` jobs.
struct ModeCase {
  std::string body;
  std::size_t cap;          // 0: none
  std::size_t empty_every;  // 0: no empty pages
};

const std::vector<ModeCase>& Modes() {
  static const std::vector<ModeCase> kModes = {
      {R"({"maxPageSize": 3})", 3, 0},
      {R"({"shortPages": true, "seed": 7})", 0, 0},
      {R"({"emptyPageEvery": 3})", 0, 3},
      {R"({"tokenTtlSeconds": 60})", 0, 0},
      {R"({"maxPageSize": 1, "emptyPageEvery": 2})", 1, 2},
      {R"({"maxPageSize": 4, "shortPages": true, "seed": 9, "emptyPageEvery": 2,
           "tokenTtlSeconds": 3600})",
       4, 2},
  };
  return kModes;
}

// An account and query, and the names a walk must yield, from the fixture file itself.
struct QueryCase {
  std::string account;
  std::string query;
  std::vector<std::string> expected;
};

std::vector<nlohmann::json> InState(const std::string& account, const std::string& state) {
  std::vector<nlohmann::json> out;
  for (const json& job : JobsOf(account)) {
    if (job.value("state", "") == state) out.push_back(job);
  }
  return out;
}

std::vector<QueryCase> Queries() {
  return {
      {"acme", "", NamesByCreateTimeDesc(JobsOf("acme"))},
      {"acme", Query({{"filter", "state = COMPLETED"}}),
       NamesByCreateTimeDesc(InState("acme", "COMPLETED"))},
      {"globex", Query({{"orderBy", "name"}}), SortedNames(JobsOf("globex"))},
      {"initech", Query({{"filter", "state = RUNNING"}, {"orderBy", "name desc"}}),
       [] {
         std::vector<std::string> names = SortedNames(InState("initech", "RUNNING"));
         std::reverse(names.begin(), names.end());
         return names;
       }()},
  };
}

TEST_CASE("Every paging mode and combination walked to the end yields every job once in order",
          "[paging][control]") {
  FwmockProcess server;
  ApiClient client(server);
  const std::vector<QueryCase> queries = Queries();
  REQUIRE(queries[0].expected.size() > 100);
  REQUIRE(queries[3].expected.size() >= 2);
  for (const ModeCase& mode : Modes()) {
    MustPutPaging(client, "", mode.body);
    for (const QueryCase& q : queries) {
      for (const int page_size : {0, 7, 200}) {
        CAPTURE(mode.body, q.account, q.query, page_size);
        const Listing listing = ListAll(client, q.account, q.query, page_size);
        const std::size_t size = page_size == 0 ? 50 : static_cast<std::size_t>(page_size);
        CheckWalk(listing, q.expected, mode.cap == 0 ? size : std::min(size, mode.cap));
        const std::vector<std::size_t> sizes = PageSizes(listing);
        for (std::size_t p = 1; p <= sizes.size(); ++p) {
          CAPTURE(p);
          const bool empty_turn = mode.empty_every > 0 && p % mode.empty_every == 0;
          CHECK((sizes[p - 1] == 0) == empty_turn);
        }
      }
    }
  }
}

TEST_CASE("Short pages with one seed cut the same walk, in another process too",
          "[paging][control]") {
  const std::vector<std::string> expected = NamesByCreateTimeDesc(JobsOf("acme"));
  std::vector<std::size_t> first;
  {
    FwmockProcess server;
    ApiClient client(server);
    MustPutPaging(client, "", R"({"shortPages": true, "seed": 7})");
    const Listing a = ListAll(client, "acme", "", 10);
    const Listing b = ListAll(client, "acme", "", 10);
    CheckWalk(a, expected, 10);
    first = PageSizes(a);
    CHECK(PageSizes(b) == first);
    CHECK(first.size() > expected.size() / 10 + 1);  // some pages were short
    MustPutPaging(client, "", R"({"shortPages": true, "seed": 8})");
    const Listing other = ListAll(client, "acme", "", 10);
    CheckWalk(other, expected, 10);
    CHECK(PageSizes(other) != first);
  }
  FwmockProcess flagged({"--paging", "short-pages=true,seed=7"});
  ApiClient client(flagged);
  const Listing again = ListAll(client, "acme", "", 10);
  CheckWalk(again, expected, 10);
  CHECK(PageSizes(again) == first);
}

TEST_CASE("An account's mode replaces the global one for it and leaves the others normal",
          "[paging][control]") {
  FwmockProcess server;
  ApiClient client(server);
  const std::vector<std::string> acme = NamesByCreateTimeDesc(JobsOf("acme"));
  const std::vector<std::string> globex = NamesByCreateTimeDesc(JobsOf("globex"));
  MustPutPaging(client, "acme", R"({"maxPageSize": 2})");
  CHECK(GetPaging(client, "acme").json == json::parse(R"({"maxPageSize": 2})"));
  CHECK(GetPaging(client, "globex").json == json::object());
  CHECK(GetPaging(client).json == json::object());
  const Listing capped = ListAll(client, "acme", "", 10);
  CheckWalk(capped, acme, 2);
  const Listing normal = ListAll(client, "globex", "", 10);
  CheckWalk(normal, globex, 10);
  for (std::size_t i = 0; i + 1 < normal.pages.size(); ++i) CHECK(PageSizes(normal)[i] == 10);

  MustPutPaging(client, "", R"({"maxPageSize": 5})");
  MustPutPaging(client, "acme", R"({"emptyPageEvery": 2})");
  CHECK(GetPaging(client, "acme").json == json::parse(R"({"emptyPageEvery": 2})"));
  CHECK(GetPaging(client, "globex").json == json::parse(R"({"maxPageSize": 5})"));
  const Listing own = ListAll(client, "acme", "", 10);
  CheckWalk(own, acme, 10);
  CHECK(PageSizes(own)[0] == 10);  // the global cap does not apply: replaced, not merged
  CHECK(PageSizes(own)[1] == 0);
  CheckWalk(ListAll(client, "globex", "", 10), globex, 5);

  MustPutPaging(client, "globex", "{}");  // exempt from the global mode
  const Listing exempt = ListAll(client, "globex", "", 10);
  CheckWalk(exempt, globex, 10);
  CHECK(PageSizes(exempt)[0] == 10);
  CHECK(GetPaging(client, "globex").json == json::object());
}

TEST_CASE("DELETE restores normal paging and its answers byte for byte", "[paging][control]") {
  FwmockProcess server;
  ApiClient client(server);
  const std::vector<std::string> acme = NamesByCreateTimeDesc(JobsOf("acme"));
  const Listing before = ListAll(client, "acme", "", 20);
  CheckWalk(before, acme, 20);
  MustPutPaging(client, "", R"({"maxPageSize": 3, "emptyPageEvery": 2})");
  MustPutPaging(client, "acme", R"({"shortPages": true})");
  const Listing under = ListAll(client, "acme", "", 20);
  CheckWalk(under, acme, 20);
  CHECK(under.pages[0].body != before.pages[0].body);

  REQUIRE(DeletePaging(client, "acme").status == 200);  // the global mode applies again
  CHECK(GetPaging(client, "acme").json == json::parse(R"({"emptyPageEvery":2,"maxPageSize":3})"));
  CheckWalk(ListAll(client, "acme", "", 20), acme, 3);

  const HttpResult deleted = DeletePaging(client);
  REQUIRE(deleted.status == 200);
  CHECK(deleted.json == json::object());
  CHECK(GetPaging(client).json == json::object());
  CHECK(GetPaging(client, "acme").json == json::object());
  const Listing after = ListAll(client, "acme", "", 20);
  CheckWalk(after, acme, 20);
  REQUIRE(after.pages.size() == before.pages.size());
  for (std::size_t i = 0; i < after.pages.size(); ++i) {
    CAPTURE(i);
    CHECK(after.pages[i].body == before.pages[i].body);
  }
}

TEST_CASE("A DELETE of the global mode removes the accounts' own modes too", "[paging][control]") {
  FwmockProcess server;
  ApiClient client(server);
  MustPutPaging(client, "acme", R"({"maxPageSize": 2})");
  MustPutPaging(client, "globex", R"({"emptyPageEvery": 2})");
  REQUIRE(DeletePaging(client).status == 200);
  CHECK(GetPaging(client, "acme").json == json::object());
  CHECK(GetPaging(client, "globex").json == json::object());
  const Listing acme = ListAll(client, "acme", "", 10);
  CheckWalk(acme, NamesByCreateTimeDesc(JobsOf("acme")), 10);
  CHECK(PageSizes(acme)[0] == 10);
}

}  // namespace
}  // namespace fwmock_test
