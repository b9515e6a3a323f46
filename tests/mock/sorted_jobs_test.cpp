#include "sorted_jobs.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <optional>
#include <random>
#include <string>
#include <vector>

// SortedJobs against a plain sorted vector: random inserts and erases, then every page walk.
namespace fwmock_test {
namespace {

using fwmock::BatchJob;
using fwmock::JobPtr;
using fwmock::OrderBy;
using fwmock::SortedEntry;
using fwmock::SortedJobs;

OrderBy MustParse(const std::string& text) {
  auto order = fwmock::ParseOrderBy(text);
  REQUIRE(order.ok());
  return *order;
}

JobPtr RandomJob(std::mt19937* rng, int i) {
  BatchJob job;
  job.name = "accounts/a/batchJobs/j" + std::to_string(1000000 + i);
  job.num_ranks = static_cast<std::int32_t>((*rng)() % 4);  // many ties
  if ((*rng)() % 5 != 0) job.create_time = static_cast<std::int64_t>((*rng)() % 50);
  job.display_name = std::string(1, static_cast<char>('a' + (*rng)() % 3));
  return fwmock::MakeStoredJob(std::move(job));
}

// The oracle: the test's own comparator, independent of CompareJobs. Keys of this test only:
// num_ranks, create_time (unset first ascending) and display_name, then name.
bool Before(const std::string& order_by, const BatchJob& a, const BatchJob& b) {
  const auto time = [](const BatchJob& j) {
    return j.create_time ? std::make_pair(1, *j.create_time) : std::make_pair(0, std::int64_t{0});
  };
  if (order_by == "num_ranks desc, create_time") {
    if (a.num_ranks != b.num_ranks) return a.num_ranks > b.num_ranks;
    if (time(a) != time(b)) return time(a) < time(b);
  } else if (order_by == "create_time desc") {
    if (time(a) != time(b)) return time(a) > time(b);
  } else if (order_by == "display_name, num_ranks") {
    if (a.display_name != b.display_name) return a.display_name < b.display_name;
    if (a.num_ranks != b.num_ranks) return a.num_ranks < b.num_ranks;
  }
  return a.name < b.name;
}

std::vector<std::string> Walk(const SortedJobs& rows, std::size_t page_size) {
  std::vector<std::string> names;
  std::optional<fwmock::Position> after;
  for (;;) {
    bool more = false;
    const std::vector<JobPtr> page = rows.Page(after ? &*after : nullptr, page_size, &more);
    for (const JobPtr& j : page) names.push_back(j->job.name);
    if (!more) return names;
    REQUIRE(!page.empty());
    const BatchJob& last = page.back()->job;
    after = fwmock::Position{fwmock::SortKeyOf(rows.order(), last), last.name};
  }
}

TEST_CASE("random inserts and erases keep the order a sorted vector has", "[mock][sorted_jobs]") {
  const std::string order_by = GENERATE(as<std::string>{}, "create_time desc",
                                        "num_ranks desc, create_time", "display_name, num_ranks");
  const int seed = GENERATE(1, 2, 3);
  CAPTURE(order_by, seed);
  std::mt19937 rng(static_cast<unsigned>(seed));
  SortedJobs rows(MustParse(order_by));
  std::vector<JobPtr> initial;
  for (int i = 0; i < 700; ++i) initial.push_back(RandomJob(&rng, i));
  std::vector<SortedEntry> entries;
  for (const JobPtr& j : initial) entries.push_back({j.get(), 0});
  rows.Assign(entries);
  std::vector<JobPtr> oracle = initial;
  std::vector<JobPtr> owners = initial;      // the index does not own its jobs
  for (int step = 0; step < 3000; ++step) {  // chunks split and empty out along the way
    if (rng() % 2 == 0 || oracle.empty()) {
      JobPtr j = RandomJob(&rng, 700 + step);
      owners.push_back(j);
      rows.Insert({j.get(), 0});
      oracle.push_back(j);
    } else {
      const std::size_t at = rng() % oracle.size();
      REQUIRE(rows.Erase(oracle[at]->job));
      oracle.erase(oracle.begin() + static_cast<std::ptrdiff_t>(at));
    }
  }
  std::sort(oracle.begin(), oracle.end(),
            [&](const JobPtr& a, const JobPtr& b) { return Before(order_by, a->job, b->job); });
  std::vector<std::string> expected;
  for (const JobPtr& j : oracle) expected.push_back(j->job.name);
  CHECK(rows.size() == expected.size());
  for (std::size_t page_size : {1u, 7u, 200u, 100000u}) {
    CAPTURE(page_size);
    CHECK(Walk(rows, page_size) == expected);
  }
}

TEST_CASE("erasing a job that is not there changes nothing", "[mock][sorted_jobs]") {
  std::mt19937 rng(9);
  SortedJobs rows(MustParse("create_time desc"));
  CHECK_FALSE(rows.Erase(RandomJob(&rng, 1)->job));
  const JobPtr held = RandomJob(&rng, 2);
  rows.Insert({held.get(), 0});
  CHECK_FALSE(rows.Erase(RandomJob(&rng, 3)->job));
  CHECK(rows.size() == 1);
}

TEST_CASE("a page after the last position is empty and has no more", "[mock][sorted_jobs]") {
  std::mt19937 rng(4);
  SortedJobs rows(MustParse("create_time desc"));
  std::vector<JobPtr> owners;
  std::vector<SortedEntry> entries;
  for (int i = 0; i < 10; ++i) {
    owners.push_back(RandomJob(&rng, i));
    entries.push_back({owners.back().get(), 0});
  }
  rows.Assign(entries);
  const std::vector<std::string> all = Walk(rows, 100);
  REQUIRE(all.size() == 10);
  bool more = true;
  const fwmock::Position end{{{false, 0, ""}}, "accounts/a/batchJobs/zzz"};  // unset sorts last
  CHECK(rows.Page(&end, 5, &more).empty());
  CHECK_FALSE(more);
}

}  // namespace
}  // namespace fwmock_test
