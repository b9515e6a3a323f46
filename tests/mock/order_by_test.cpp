#include "order_by.h"

#include "sorted_jobs.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

using Catch::Matchers::Contains;

namespace fwmock_test {
namespace {

using fwmock::BatchJob;
using fwmock::JobState;
using fwmock::OrderBy;
using fwmock::ParseOrderBy;

OrderBy MustParse(const std::string& text) {
  fwmock::Result<OrderBy> order = ParseOrderBy(text);
  INFO(order.status().message());
  REQUIRE(order.ok());
  return *order;
}

BatchJob Job(const std::string& id) {
  BatchJob job;
  job.name = "accounts/a/batchJobs/" + id;
  return job;
}

std::string IdOf(const BatchJob& job) { return job.name.substr(job.name.rfind('/') + 1); }

// The ids of `jobs` in the order List serves them under `order_by`: sorted as the Lister sorts
// an account (SortedJobs::Assign), then walked as pages walk it.
std::vector<std::string> Sorted(const std::string& order_by, std::vector<BatchJob> jobs) {
  std::vector<fwmock::JobPtr> owners;  // the index does not own its jobs
  std::vector<fwmock::SortedEntry> entries;
  for (BatchJob& j : jobs) {
    const auto slot = static_cast<std::uint32_t>(entries.size());
    owners.push_back(fwmock::MakeStoredJob(std::move(j)));
    entries.push_back({owners.back().get(), slot});
  }
  fwmock::SortedJobs rows(MustParse(order_by));
  rows.Assign(std::move(entries));
  std::vector<std::string> ids;
  rows.ForEach([&](const fwmock::SortedEntry& e) { ids.push_back(IdOf(e.job->job)); });
  return ids;
}

TEST_CASE("orderBy parses to a canonical form", "[mock][order_by]") {
  const auto [text, canonical] = GENERATE(table<std::string, std::string>({
      {"", "create_time desc"},
      {"   ", "create_time desc"},
      {"display_name", "display_name"},
      {"display_name asc", "display_name"},
      {"display_name desc", "display_name desc"},
      {"displayName desc", "display_name desc"},
      {"  display_name   desc ,  num_ranks ", "display_name desc,num_ranks"},
      {"display_name  desc", "display_name desc"},
      {"state desc,create_time", "state desc,create_time"},
      {"state desc, create_time asc, name", "state desc,create_time,name"},
      {"python_executor.target", "python_executor.target"},
      {"pythonExecutor.targetType desc", "python_executor.target_type desc"},
      {"notebook_executor.notebook_filename", "notebook_executor.notebook_filename"},
      {"shellExecutor.command desc", "shell_executor.command desc"},
      {"update_time", "update_time"},
      {"shared desc", "shared desc"},
  }));
  CAPTURE(text);
  CHECK(MustParse(text).Canonical() == canonical);
}

TEST_CASE("orderBy keys keep their fields and directions", "[mock][order_by]") {
  const OrderBy order = MustParse("state desc, numRanks, python_executor.target asc");
  REQUIRE(order.keys.size() == 3);
  CHECK(order.keys[0].field == fwmock::FindJobField(0, "state"));
  CHECK(order.keys[0].descending);
  CHECK(order.keys[1].field == fwmock::FindJobField(0, "num_ranks"));
  CHECK_FALSE(order.keys[1].descending);
  CHECK(std::string(order.keys[2].field->name) == "target");
  CHECK_FALSE(order.keys[2].descending);
}

TEST_CASE("bad orderBy values are INVALID_ARGUMENT", "[mock][order_by]") {
  const auto [text, fragment] = GENERATE(table<std::string, std::string>({
      {"colour", R"(unknown field "colour")"},
      {"display_name,", "empty"},
      {",display_name", "empty"},
      {"display_name,,state", "empty"},
      {",", "empty"},
      {"display_name DESC", "DESC"},
      {"display_name ASC", "ASC"},
      {"display_name desc x", "display_name desc x"},
      {"display_name descending", "descending"},
      {"desc", R"(unknown field "desc")"},
      {"-create_time", "-create_time"},
      {"env_vars", "env_vars"},
      {"annotations desc", "annotations"},
      {"python_executor", "python_executor"},
      {"pythonExecutor", "pythonExecutor"},
      {"python_executor.args", "python_executor.args"},
      {"env_vars.FOO", "env_vars.FOO"},
      {"state.foo", "state.foo"},
      {"python_executor.bogus", "python_executor.bogus"},
      {"python_executor.", "python_executor."},
      {"target", R"(unknown field "target")"},
  }));
  CAPTURE(text);
  const fwmock::Result<OrderBy> order = ParseOrderBy(text);
  REQUIRE_FALSE(order.ok());
  CHECK(order.status().code() == aipfilter::StatusCode::kInvalidArgument);
  CHECK_THAT(order.status().message(), Contains("invalid orderBy: "));
  CHECK_THAT(order.status().message(), Contains(fragment));
}

TEST_CASE("equivalent orderBy spellings have the same canonical form", "[mock][order_by]") {
  CHECK(MustParse("display_name asc").Canonical() == MustParse("displayName").Canonical());
  CHECK(MustParse("num_ranks  desc").Canonical() == MustParse("numRanks desc").Canonical());
  CHECK(MustParse("").Canonical() == MustParse("create_time desc").Canonical());
  CHECK(MustParse("state").Canonical() != MustParse("state desc").Canonical());
}

TEST_CASE("strings compare bytewise", "[mock][order_by]") {
  std::vector<BatchJob> jobs;
  for (const auto& [id, text] :
       std::vector<std::pair<std::string, std::string>>{{"lower-a", "a"},
                                                        {"upper-b", "B"},
                                                        {"empty", ""},
                                                        {"e-acute", "\xC3\xA9"},
                                                        {"z", "z"},
                                                        {"ab", "ab"}}) {
    jobs.push_back(Job(id));
    jobs.back().display_name = text;
  }
  CHECK(Sorted("display_name", jobs) ==
        std::vector<std::string>{"empty", "upper-b", "lower-a", "ab", "z", "e-acute"});
  CHECK(Sorted("display_name desc", jobs) ==
        std::vector<std::string>{"e-acute", "z", "ab", "lower-a", "upper-b", "empty"});
}

TEST_CASE("numbers compare numerically", "[mock][order_by]") {
  std::vector<BatchJob> jobs;
  for (const auto& [id, n] : std::vector<std::pair<std::string, int>>{
           {"ten", 10}, {"nine", 9}, {"minus", -1}, {"zero", 0}, {"big", 2147483647}}) {
    jobs.push_back(Job(id));
    jobs.back().num_ranks = n;
  }
  CHECK(Sorted("num_ranks", jobs) ==
        std::vector<std::string>{"minus", "zero", "nine", "ten", "big"});
  CHECK(Sorted("numRanks desc", jobs) ==
        std::vector<std::string>{"big", "ten", "nine", "zero", "minus"});
}

TEST_CASE("enums compare in declaration order", "[mock][order_by]") {
  std::vector<BatchJob> jobs;
  for (const auto& [id, s] :
       std::vector<std::pair<std::string, JobState>>{{"running", JobState::kRunning},
                                                     {"completed", JobState::kCompleted},
                                                     {"unspecified", JobState::kUnspecified},
                                                     {"failed", JobState::kFailed},
                                                     {"creating", JobState::kCreating},
                                                     {"deleting", JobState::kDeleting}}) {
    jobs.push_back(Job(id));
    jobs.back().state = s;
  }
  CHECK(Sorted("state", jobs) == std::vector<std::string>{"unspecified", "creating", "running",
                                                          "completed", "failed", "deleting"});
  std::vector<BatchJob> targets;
  for (const auto& [id, t] : std::vector<std::pair<std::string, fwmock::TargetType>>{
           {"filename", fwmock::TargetType::kFilename},
           {"module", fwmock::TargetType::kModule},
           {"unspecified", fwmock::TargetType::kUnspecified}}) {
    targets.push_back(Job(id));
    targets.back().python_executor = fwmock::PythonExecutor{t, "", {}};
  }
  CHECK(Sorted("python_executor.target_type", targets) ==
        std::vector<std::string>{"unspecified", "module", "filename"});
}

TEST_CASE("false sorts before true", "[mock][order_by]") {
  std::vector<BatchJob> jobs = {Job("t"), Job("f")};
  jobs[0].shared = true;
  CHECK(Sorted("shared", jobs) == std::vector<std::string>{"f", "t"});
  CHECK(Sorted("shared desc", jobs) == std::vector<std::string>{"t", "f"});
}

TEST_CASE("timestamps compare as instants with unset first ascending", "[mock][order_by]") {
  std::vector<BatchJob> jobs = {Job("late"), Job("unset"), Job("early"), Job("epoch"),
                                Job("before-epoch")};
  jobs[0].start_time = std::int64_t{1773480413} * 1000000000;
  jobs[2].start_time = std::int64_t{1773480413} * 1000000000 - 1;
  jobs[3].start_time = 0;
  jobs[4].start_time = -1000000000;
  CHECK(Sorted("start_time", jobs) ==
        std::vector<std::string>{"unset", "before-epoch", "epoch", "early", "late"});
  CHECK(Sorted("start_time desc", jobs) ==
        std::vector<std::string>{"late", "early", "epoch", "before-epoch", "unset"});
}

TEST_CASE("fields of unset executors sort first ascending and last descending",
          "[mock][order_by]") {
  std::vector<BatchJob> jobs = {Job("b"), Job("none"), Job("a"), Job("empty")};
  jobs[0].python_executor = fwmock::PythonExecutor{fwmock::TargetType::kModule, "b", {}};
  jobs[2].python_executor = fwmock::PythonExecutor{fwmock::TargetType::kModule, "a", {}};
  jobs[3].python_executor = fwmock::PythonExecutor{};
  CHECK(Sorted("python_executor.target", jobs) ==
        std::vector<std::string>{"none", "empty", "a", "b"});
  CHECK(Sorted("python_executor.target desc", jobs) ==
        std::vector<std::string>{"b", "a", "empty", "none"});
}

TEST_CASE("name ascending breaks every tie", "[mock][order_by]") {
  std::vector<BatchJob> jobs = {Job("c"), Job("a"), Job("d"), Job("b")};
  jobs[2].num_ranks = 1;
  CHECK(Sorted("num_ranks", jobs) == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(Sorted("num_ranks desc", jobs) == std::vector<std::string>{"d", "a", "b", "c"});
  CHECK(Sorted("", jobs) == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(Sorted("name desc", jobs) == std::vector<std::string>{"d", "c", "b", "a"});
  const OrderBy order = MustParse("state desc");
  const fwmock::Position self{fwmock::SortKeyOf(order, jobs[0]), jobs[0].name};
  CHECK(fwmock::ComparePosition(order, self, jobs[0]) == 0);
}

TEST_CASE("later keys order the ties of earlier ones", "[mock][order_by]") {
  std::vector<BatchJob> jobs = {Job("r1"), Job("r8"), Job("c2"), Job("c4")};
  jobs[0].state = jobs[1].state = JobState::kRunning;
  jobs[2].state = jobs[3].state = JobState::kCompleted;
  jobs[0].num_ranks = 1;
  jobs[1].num_ranks = 8;
  jobs[2].num_ranks = 2;
  jobs[3].num_ranks = 4;
  CHECK(Sorted("state, num_ranks desc", jobs) == std::vector<std::string>{"r8", "r1", "c4", "c2"});
  CHECK(Sorted("state desc, num_ranks", jobs) == std::vector<std::string>{"c2", "c4", "r1", "r8"});
}

TEST_CASE("the default order is newest first", "[mock][order_by]") {
  std::vector<BatchJob> jobs = {Job("old"), Job("new"), Job("unset")};
  jobs[0].create_time = 1;
  jobs[1].create_time = 2;
  CHECK(Sorted("", jobs) == std::vector<std::string>{"new", "old", "unset"});
}

TEST_CASE("a remembered position compares like the job it came from", "[mock][order_by]") {
  std::vector<BatchJob> jobs = {Job("a"), Job("b"), Job("c"), Job("d"), Job("e")};
  jobs[0].start_time = 5;
  jobs[1].start_time = 5;
  jobs[3].start_time = -5;
  jobs[0].display_name = "x";
  jobs[2].display_name = "y";
  jobs[4].python_executor = fwmock::PythonExecutor{fwmock::TargetType::kModule, "t", {}};
  const std::string text = GENERATE(as<std::string>{}, "", "start_time", "display_name desc",
                                    "python_executor.target desc, start_time desc");
  CAPTURE(text);
  const OrderBy order = MustParse(text);
  const std::vector<std::string> sorted = Sorted(text, jobs);
  const auto rank = [&](const BatchJob& job) {
    return std::find(sorted.begin(), sorted.end(), IdOf(job)) - sorted.begin();
  };
  for (const BatchJob& a : jobs) {
    const fwmock::Position position{fwmock::SortKeyOf(order, a), a.name};
    for (const BatchJob& b : jobs) {
      CAPTURE(a.name, b.name);
      const int got = fwmock::ComparePosition(order, position, b);
      CHECK((got < 0) == (rank(a) < rank(b)));
      CHECK((got > 0) == (rank(a) > rank(b)));
    }
  }
}

}  // namespace
}  // namespace fwmock_test
