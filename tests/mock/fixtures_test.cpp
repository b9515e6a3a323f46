#include "fixtures.h"

#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "test_support.h"

using Catch::Matchers::Contains;

namespace fwmock_test {
namespace {

using fwmock::IdGenerator;
using fwmock::JobStore;
using fwmock::LoadFixtures;

std::string Jobs(const std::string& elements) { return R"({"batchJobs": [)" + elements + "]}"; }

std::string Named(const std::string& account, const std::string& id, const std::string& more = "") {
  return R"({"name": "accounts/)" + account + "/batchJobs/" + id + "\"" + more + "}";
}

void MustLoad(const std::vector<std::string>& paths, JobStore* store) {
  const fwmock::Status s = LoadFixtures(paths, store);
  INFO(s.message());
  REQUIRE(s.ok());
}

TEST_CASE("a fixture file is loaded", "[mock][fixtures]") {
  JobStore store;
  MustLoad({DataPath("one_job.json")}, &store);
  CHECK(store.size() == 1);
  const std::vector<fwmock::JobPtr> jobs = store.Snapshot("demo");
  REQUIRE(jobs.size() == 1);
  CHECK(jobs[0]->job.name == "accounts/demo/batchJobs/0f3c9a1e5b7d4c2a8e6f1b3d5a7c9e0b");
  CHECK(jobs[0]->job.num_ranks == 8);
}

TEST_CASE("a directory is loaded recursively and only its json files", "[mock][fixtures]") {
  const TempDir dir;
  dir.Write("b.json", Jobs(Named("acme", "b")));
  dir.Write("a.json", Jobs(Named("acme", "a") + "," + Named("globex", "a")));
  dir.Write("sub/c.json", Jobs(Named("acme", "c")));
  dir.Write("sub/deeper/d.json", Jobs(Named("initech", "d")));
  dir.Write("notes.txt", "not json at all {");
  dir.Write("e.json.bak", "not json either");
  JobStore store;
  MustLoad({dir.path()}, &store);
  CHECK(store.size() == 5);
  CHECK(store.Snapshot("acme").size() == 3);
  CHECK(store.Snapshot("globex").size() == 1);
  CHECK(store.Snapshot("initech").size() == 1);
}

TEST_CASE("files of a directory are loaded in name order", "[mock][fixtures]") {
  // Nameless jobs take ids in load order, so the first file loaded gets the first id.
  const TempDir dir;
  dir.Write("b.json", R"({"account": "acme", "batchJobs": [{"displayName": "from b"}]})");
  dir.Write("d/z.json", R"({"account": "acme", "batchJobs": [{"displayName": "from d/z"}]})");
  dir.Write("c.json", R"({"account": "acme", "batchJobs": [{"displayName": "from c"}]})");
  dir.Write("a.json", R"({"account": "acme", "batchJobs": [{"displayName": "from a"}]})");
  JobStore store(42);
  MustLoad({dir.path()}, &store);
  JobStore expected(42);
  std::vector<std::string> order;
  for (int i = 0; i < 4; ++i) {
    const std::string name = "accounts/acme/batchJobs/" + expected.NewId("acme");
    for (const fwmock::JobPtr& j : store.Snapshot("acme")) {
      if (j->job.name == name) order.push_back(j->job.display_name);
    }
  }
  CHECK(order == std::vector<std::string>{"from a", "from b", "from c", "from d/z"});
}

TEST_CASE("several paths are all loaded", "[mock][fixtures]") {
  const TempDir dir;
  const std::string file = dir.Write("one/x.json", Jobs(Named("acme", "x")));
  dir.Write("two/y.json", Jobs(Named("acme", "y")));
  JobStore store;
  MustLoad({file, dir.path() + "/two", DataPath("one_job.json")}, &store);
  CHECK(store.size() == 3);
}

TEST_CASE("an empty batchJobs array loads nothing", "[mock][fixtures]") {
  const TempDir dir;
  JobStore store;
  MustLoad({dir.Write("e.json", R"({"batchJobs": [], "comment": {"x": [1, 2]}})")}, &store);
  CHECK(store.size() == 0);
}

TEST_CASE("nameless jobs get deterministic ids in the file's account", "[mock][fixtures]") {
  const TempDir dir;
  const std::string file =
      dir.Write("n.json", R"({"batchJobs": [{"displayName": "one"}, {"displayName": "two"}],
                    "account": "acme"})");
  JobStore a(7);
  JobStore b(7);
  JobStore c(8);
  MustLoad({file}, &a);
  MustLoad({file}, &b);
  MustLoad({file}, &c);
  const std::regex form("accounts/acme/batchJobs/[0-9a-f]{32}");
  std::vector<std::string> names_a;
  std::vector<std::string> names_b;
  std::vector<std::string> names_c;
  for (const auto& j : a.Snapshot("acme")) names_a.push_back(j->job.name);
  for (const auto& j : b.Snapshot("acme")) names_b.push_back(j->job.name);
  for (const auto& j : c.Snapshot("acme")) names_c.push_back(j->job.name);
  REQUIRE(names_a.size() == 2);
  for (const std::string& n : names_a) {
    CAPTURE(n);
    CHECK(std::regex_match(n, form));
  }
  CHECK(names_a == names_b);
  CHECK(names_a != names_c);
  JobStore fresh(7);
  const std::string first = "accounts/acme/batchJobs/" + fresh.NewId("acme");
  for (const auto& j : a.Snapshot("acme")) {
    if (j->job.name == first) CHECK(j->job.display_name == "one");
  }
}

TEST_CASE("an account's ids do not depend on other accounts", "[mock][fixtures]") {
  JobStore busy(7);
  for (int i = 0; i < 5; ++i) busy.NewId("globex");
  JobStore quiet(7);
  CHECK(busy.NewId("acme") == quiet.NewId("acme"));
  CHECK(busy.NewId("acme") == quiet.NewId("acme"));
  CHECK(JobStore(7).NewId("acme") != JobStore(7).NewId("initech"));
}

TEST_CASE("the id generator gives 32 lowercase hex characters", "[mock][fixtures]") {
  IdGenerator a(1);
  IdGenerator b(1);
  const std::regex hex("[0-9a-f]{32}");
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string id = a.Next();
    CHECK(std::regex_match(id, hex));
    CHECK(b.Next() == id);
    seen.insert(id);
  }
  CHECK(seen.size() == 100);
  a.Seed(1);
  IdGenerator c(1);
  CHECK(a.Next() == c.Next());
}

void CheckLoadError(const TempDir& dir, const std::vector<std::string>& paths,
                    const std::string& file, const std::vector<std::string>& fragments) {
  JobStore store;
  const fwmock::Status s = LoadFixtures(paths, &store);
  REQUIRE_FALSE(s.ok());
  CHECK(s.code() == aipfilter::StatusCode::kInvalidArgument);
  CHECK_THAT(s.message(), Contains(file));
  for (const std::string& f : fragments) CHECK_THAT(s.message(), Contains(f));
  (void)dir;
}

TEST_CASE("fixture errors name the file and where in it", "[mock][fixtures]") {
  const auto [text, fragments] = GENERATE(table<std::string, std::vector<std::string>>({
      {"{\n  \"batchJobs\": [\n    {\"name\": }\n  ]\n}\n", {"invalid JSON", "line 3, column 14"}},
      {"", {"invalid JSON"}},
      {"[]", {"object"}},
      {"\"jobs\"", {"object"}},
      {"{}", {"\"batchJobs\""}},
      {R"({"jobs": []})", {"\"batchJobs\""}},
      {R"({"batchJobs": {}})", {"\"batchJobs\"", "array"}},
      {R"({"batchJobs": 5})", {"\"batchJobs\"", "array"}},
      {R"({"batchJobs": null})", {"\"batchJobs\"", "array"}},
      {Jobs(Named("a", "1") + ", 5"), {"batchJobs[1]", "expected an object"}},
      {Jobs("[]"), {"batchJobs[0]", "expected an object"}},
      {Jobs(Named("a", "1") + "," + Named("a", "1")),
       {"batchJobs[1]", "duplicate", "a/batchJobs/1"}},
      {Jobs(Named("a", "1",
                  R"(, "pythonExecutor": {"targetType": "MODULE", "target": "t", "args": ["x"]},)"
                  R"( "envVars": {"A": "b"})") +
            "," + Named("a", "2", R"(, "state": "BOGUS")")),
       {"batchJobs[1]", "field \"state\"", "BOGUS"}},
      {Jobs(Named("a", "1", R"(, "createTime": "2026-02-30T00:00:00Z")")),
       {"batchJobs[0]", "field \"createTime\""}},
      {Jobs(Named("a", "1", R"(, "numRanks": "many")")), {"batchJobs[0]", "field \"numRanks\""}},
      {Jobs(Named("a", "1") + R"(, {"displayName": "x"})"), {"batchJobs[1]", "account"}},
      {Jobs(R"({"name": "projects/a/jobs/1"})"), {"batchJobs[0]", "projects/a/jobs/1"}},
      {Jobs(Named("a", "1", R"(, "shellExecutor": {"command": "c"}, "notebookExecutor": {})")),
       {R"(batchJobs[0] (accounts/a/batchJobs/1): field "shellExecutor": cannot be set together)"
        R"( with "notebookExecutor" (at most one executor))"}},
      {Jobs(Named("a", "1") + "," + Named("a", "2", R"(, "pythonExecutor": {"target": "t"})")),
       {R"(batchJobs[1] (accounts/a/batchJobs/2): field "pythonExecutor.targetType": required)"}},
      {R"({"account": "a", "batchJobs": [{"annotations": {"a/b/c": ""}}]})",
       {R"(batchJobs[0]: field "annotations": key "a/b/c": must be a name)"}},
      {Jobs(Named("a", "1", R"(, "numRanks": -2)")),
       {R"(batchJobs[0] (accounts/a/batchJobs/1): field "numRanks": must not be negative)"}},
      {R"({"account": 5, "batchJobs": []})", {"account"}},
      {R"({"account": ["acme"], "batchJobs": []})", {"account"}},
      {R"({"account": {"id": "acme"}, "batchJobs": []})", {"account"}},
  }));
  CAPTURE(text);
  const TempDir dir;
  const std::string file = dir.Write("bad.json", text);
  CheckLoadError(dir, {file}, file, fragments);
}

TEST_CASE("a fixture job keeps its output-only fields and may leave out its node pool",
          "[mock][fixtures]") {
  const TempDir dir;
  const std::string file =
      dir.Write("jobs.json", Jobs(Named("a", "1", R"(, "state": "RUNNING", "createdBy": "x@y")")));
  JobStore store;
  MustLoad({file}, &store);
  const std::vector<fwmock::JobPtr> jobs = store.Snapshot("a");
  REQUIRE(jobs.size() == 1);
  CHECK(jobs[0]->job.state == fwmock::JobState::kRunning);
  CHECK(jobs[0]->job.created_by == "x@y");
  CHECK(jobs[0]->job.node_pool_id.empty());
}

TEST_CASE("unknown keys load with one warning each, naming the first job and the closest field",
          "[mock][fixtures]") {
  const TempDir dir;
  const std::string file =
      dir.Write("typos.json", R"({"account": "a", "batchJobs": [)" +
                                  Named("a", "1", R"(, "numRank": 2, "colour": {"x": [1]})") +
                                  R"(, {"numRank": 3, "shellExecutor": {"comand": "c",)"
                                  R"( "command": "c"}}]})");
  JobStore store;
  std::vector<std::string> warnings;
  const fwmock::Status s = LoadFixtures({file}, &store, &warnings);
  INFO(s.message());
  REQUIRE(s.ok());
  CHECK(store.size() == 2);
  CHECK(warnings == std::vector<std::string>{
                        file + R"(: batchJobs[0] (accounts/a/batchJobs/1): unknown field "numRank")"
                               R"( ignored (in 2 jobs); did you mean "numRanks"?)",
                        file + R"(: batchJobs[0] (accounts/a/batchJobs/1): unknown field "colour")"
                               R"( ignored)",
                        file + R"(: batchJobs[1]: unknown field "shellExecutor.comand" ignored;)"
                               R"( did you mean "shellExecutor.command"?)",
                    });
}

TEST_CASE("the test data loads without warnings", "[mock][fixtures]") {
  JobStore store;
  std::vector<std::string> warnings;
  REQUIRE(LoadFixtures({DataPath("one_job.json")}, &store, &warnings).ok());
  CHECK(warnings.empty());
}

TEST_CASE("a duplicate name across files names the second file", "[mock][fixtures]") {
  const TempDir dir;
  dir.Write("a.json", Jobs(Named("acme", "same")));
  const std::string second =
      dir.Write("b.json", Jobs(Named("acme", "other") + "," + Named("acme", "same")));
  CheckLoadError(dir, {dir.path()}, second,
                 {"batchJobs[1]", "duplicate", "accounts/acme/batchJobs/same"});
}

TEST_CASE("a missing path is an error naming it", "[mock][fixtures]") {
  const TempDir dir;
  const std::string missing = dir.path() + "/nope.json";
  CheckLoadError(dir, {DataPath("one_job.json"), missing}, missing, {"no such file"});
}

}  // namespace
}  // namespace fwmock_test
