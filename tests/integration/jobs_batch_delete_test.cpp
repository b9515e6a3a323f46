// Batch delete: every named job as Delete does, or none at all.
#include <catch2/catch.hpp>

#include "job_helpers.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

// Four jobs of acme and one of globex, all CREATING at 0 (creating=1s).
struct Jobs {
  std::vector<std::string> acme;
  std::string globex;
};

Jobs CreateFive(ApiClient& client) {
  Jobs jobs;
  for (int i = 0; i < 4; ++i) jobs.acme.push_back(MustCreate(client, "acme").at("name"));
  jobs.globex = MustCreate(client, "globex").at("name");
  return jobs;
}

TEST_CASE("Batch delete answers {} and deletes every named job as Delete does",
          "[jobs][batch_delete]") {
  ManualServer server;
  ApiClient client(server.process());
  const Jobs jobs = CreateFive(client);
  Advance(client, 0.25);
  const HttpResult r = BatchDelete(client, "acme", {{"names", {jobs.acme[0], jobs.acme[2]}}});
  CheckEmptyObject(r);
  for (const std::size_t i : {std::size_t{0}, std::size_t{2}}) {
    const json job = MustGet(client, jobs.acme[i]);
    CHECK(job.value("state", "") == "DELETING");
    CHECK(job.value("status", "") == "deleting");
    CHECK(TimeText(job, "updateTime") == AtText(0.25));
  }
  CHECK(StateOf(client, jobs.acme[1]) == "CREATING");
  CHECK(StateOf(client, jobs.acme[3]) == "CREATING");
  Advance(client, 1);
  CHECK(StateOf(client, jobs.acme[0]) == "<gone>");
  CHECK(StateOf(client, jobs.acme[2]) == "<gone>");
  const Listing listing = ListAll(client, "acme", "orderBy=name", 1);
  REQUIRE(listing.ok);
  std::vector<std::string> left = {jobs.acme[1], jobs.acme[3]};
  std::sort(left.begin(), left.end());
  CHECK(listing.names == left);
  CHECK(listing.pages[0].json.value("totalSize", -1) == 2);
  CHECK(StateOf(client, jobs.globex) == "PENDING");
}

TEST_CASE("A name given twice counts once and a DELETING job is left as it is",
          "[jobs][batch_delete]") {
  ManualServer server;
  ApiClient client(server.process());
  const Jobs jobs = CreateFive(client);
  CheckEmptyObject(DeleteJob(client, jobs.acme[1]));
  Advance(client, 0.5);
  const json deleting = MustGet(client, jobs.acme[1]);
  CheckEmptyObject(
      BatchDelete(client, "acme", {{"names", {jobs.acme[0], jobs.acme[1], jobs.acme[0]}}}));
  CHECK(MustGet(client, jobs.acme[1]) == deleting);
  CHECK(TimeText(MustGet(client, jobs.acme[0]), "updateTime") == AtText(0.5));
  Advance(client, 0.5);
  CHECK(StateOf(client, jobs.acme[1]) == "<gone>");
  CHECK(StateOf(client, jobs.acme[0]) == "DELETING");
  Advance(client, 0.5);
  CHECK(StateOf(client, jobs.acme[0]) == "<gone>");
  CHECK(client.List("acme").json.value("totalSize", -1) == 2);
}

TEST_CASE("Batch delete is all or nothing: a bad or unknown name deletes nothing",
          "[jobs][batch_delete]") {
  ManualServer server;
  ApiClient client(server.process());
  const Jobs jobs = CreateFive(client);
  const std::string& a = jobs.acme[0];
  const std::string& b = jobs.acme[1];
  const std::string unknown = "accounts/acme/batchJobs/0123456789abcdef0123456789abcdef";
  const std::string foreign = "accounts/globex/batchJobs/" + IdOf(jobs.globex);
  struct Row {
    json body;
    int status;
    int code;
    std::string named;  // the message contains it
  };
  const std::vector<Row> rows = {
      {json::object(), 400, 3, "names"},
      {{{"names", json::array()}}, 400, 3, "names"},
      {{{"names", nullptr}}, 400, 3, "names"},
      {{{"names", a}}, 400, 3, "names"},
      {{{"names", {a, 5}}}, 400, 3, "names"},
      {{{"names", {a, "not-a-job-name"}}}, 400, 3, "not-a-job-name"},
      {{{"names", {a, "accounts/acme/batchJobs/"}}}, 400, 3, "accounts/acme/batchJobs/"},
      {{{"names", {a, "accounts/acme/jobs/abc"}}}, 400, 3, "accounts/acme/jobs/abc"},
      {{{"names", {a, "accounts/acme/batchJobs/abc/x"}}}, 400, 3, "accounts/acme/batchJobs/abc/x"},
      {{{"names", {a, "/" + b}}}, 400, 3, "/" + b},
      {{{"names", {a, b, foreign}}}, 400, 3, foreign},
      {{{"names", {foreign}}}, 400, 3, foreign},
      {{{"names", {a, b, unknown}}}, 404, 5, unknown},
      {{{"names", {unknown, a}}}, 404, 5, unknown},
  };
  for (const Row& row : rows) {
    CAPTURE(row.body.dump());
    const HttpResult r = BatchDelete(client, "acme", row.body);
    CheckApiError(r, row.status, row.code);
    CHECK_THAT(r.Message(), Contains(row.named));
  }
  for (const std::string body : {"[]", "{", R"("names")", ""}) {
    CAPTURE(body);
    CheckApiError(
        client.Send("POST", ListPath("acme") + ":batchDelete", {}, body, "application/json"), 400,
        3);
  }
  for (const std::string& name : jobs.acme) CHECK(StateOf(client, name) == "CREATING");
  CHECK(StateOf(client, jobs.globex) == "CREATING");
  const HttpResult deleting = client.List("acme", Query({{"filter", "state = DELETING"}}));
  CHECK(deleting.json.value("totalSize", -1) == 0);
  CHECK(client.List("acme").json.value("totalSize", -1) == 4);
}

}  // namespace
}  // namespace fwmock_test
