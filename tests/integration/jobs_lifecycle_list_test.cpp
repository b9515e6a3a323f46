// State changes of the lifecycle seen through List: filters, orderBy and page tokens.
#include <catch2/catch.hpp>
#include <map>

#include "job_helpers.h"

namespace fwmock_test {
namespace {

using nlohmann::json;

std::size_t StateIndex(const std::string& state) {
  const auto& states = AllStates();
  return static_cast<std::size_t>(std::find(states.begin(), states.end(), state) - states.begin());
}

// The names of `expected` (name -> state) ordered by state, then name ascending.
std::vector<std::string> ByState(const std::map<std::string, std::string>& expected,
                                 bool descending) {
  std::vector<std::pair<std::string, std::string>> rows(expected.begin(), expected.end());
  std::sort(rows.begin(), rows.end(), [descending](const auto& a, const auto& b) {
    const std::size_t sa = StateIndex(a.second);
    const std::size_t sb = StateIndex(b.second);
    if (sa != sb) return descending ? sa > sb : sa < sb;
    return a.first < b.first;
  });
  std::vector<std::string> names;
  for (const auto& row : rows) names.push_back(row.first);
  return names;
}

void CheckListing(ApiClient& client, const std::map<std::string, std::string>& expected) {
  for (const std::string& state : AllStates()) {
    CAPTURE(state);
    std::vector<std::string> want;
    for (const auto& [name, s] : expected)
      if (s == state) want.push_back(name);
    const Listing l =
        ListAll(client, "acme", Query({{"filter", "state = " + state}, {"orderBy", "name"}}), 2);
    REQUIRE(l.ok);
    CHECK(l.names == want);
    CHECK(l.pages[0].json.value("totalSize", -1) == static_cast<int>(want.size()));
  }
  for (const bool descending : {false, true}) {
    CAPTURE(descending);
    const Listing l =
        ListAll(client, "acme", Query({{"orderBy", descending ? "state desc" : "state"}}), 2);
    REQUIRE(l.ok);
    CHECK(l.names == ByState(expected, descending));
    for (const json& job : l.jobs) CHECK(job.value("state", "") == expected.at(job.at("name")));
  }
}

TEST_CASE("Lifecycle states are visible at once to filters and orderBy",
          "[jobs][lifecycle][list]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::string slow = MustCreate(client, "acme").at("name");
  const std::string fails =
      MustCreate(
          client, "acme",
          {{"nodePoolId", "p"},
           {"annotations", {{"fwmock.dev/outcome", "FAILED"}, {"fwmock.dev/run-seconds", "2"}}}})
          .at("name");
  const std::string cancelled = MustCreate(client, "acme").at("name");
  const std::string forever =
      MustCreate(client, "acme",
                 {{"nodePoolId", "p"}, {"annotations", {{"fwmock.dev/outcome", "RUNNING"}}}})
          .at("name");
  Advance(client, 4);
  CheckEmptyObject(CancelJob(client, cancelled));
  Advance(client, 2);
  const std::string later = MustCreate(client, "acme").at("name");  // created at 6
  Advance(client, 1.5);
  const std::string newest = MustCreate(client, "acme").at("name");  // created at 7.5
  Advance(client, 0.5);                                              // now 8
  const std::string deleted = MustCreate(client, "acme").at("name");
  CheckEmptyObject(DeleteJob(client, deleted));
  CheckListing(client, {{slow, "RUNNING"},
                        {fails, "FAILED"},
                        {cancelled, "CANCELLED"},
                        {forever, "RUNNING"},
                        {later, "PENDING"},
                        {newest, "CREATING"},
                        {deleted, "DELETING"}});
  Advance(client, 12);  // now 20
  CheckListing(client, {{slow, "COMPLETED"},
                        {fails, "FAILED"},
                        {cancelled, "CANCELLED"},
                        {forever, "RUNNING"},
                        {later, "COMPLETED"},
                        {newest, "RUNNING"}});
}

TEST_CASE("A page token taken before transitions stays valid after them",
          "[jobs][lifecycle][list][token]") {
  ManualServer server({"--lifecycle",
                       "creating=100s,pending=100s,running=10s,cancelling=1s,"
                       "deleting=1s"});
  ApiClient client(server.process());
  std::vector<std::string> newest_first;  // created at 0, 1, ..., 5
  for (int i = 0; i < 6; ++i) {
    if (i > 0) Advance(client, 1);
    newest_first.insert(newest_first.begin(),
                        MustCreate(client, "acme").at("name").get<std::string>());
  }
  const std::string filter = Query({{"filter", "state = CREATING"}});
  const HttpResult first = client.List("acme", filter + "&pageSize=2");
  REQUIRE(first.status == 200);
  CHECK(first.json.value("totalSize", -1) == 6);
  REQUIRE(first.json.at("batchJobs").size() == 2);
  CHECK(first.json["batchJobs"][0].at("name") == newest_first[0]);
  CHECK(first.json["batchJobs"][1].at("name") == newest_first[1]);
  const std::string filtered_token = first.json.at("nextPageToken");
  REQUIRE(!filtered_token.empty());
  const HttpResult plain = client.List("acme", "pageSize=2");
  REQUIRE(plain.status == 200);
  const std::string plain_token = plain.json.at("nextPageToken");

  Advance(client, 97.5);  // now 102.5: the jobs created at 0, 1, 2 are PENDING
  const HttpResult second =
      client.List("acme", filter + "&pageSize=2&pageToken=" + UrlEncode(filtered_token));
  INFO("body: " << second.body);
  REQUIRE(second.status == 200);
  REQUIRE(second.json.at("batchJobs").size() == 1);
  CHECK(second.json["batchJobs"][0].at("name") == newest_first[2]);
  CHECK(second.json.at("nextPageToken") == "");
  CHECK(second.json.value("totalSize", -1) == 3);

  std::vector<std::string> names = {newest_first[0], newest_first[1]};
  std::vector<std::string> states = {"CREATING", "CREATING"};
  std::string token = plain_token;
  while (!token.empty()) {
    const HttpResult page = client.List("acme", "pageSize=2&pageToken=" + UrlEncode(token));
    REQUIRE(page.status == 200);
    for (const json& job : page.json.at("batchJobs")) {
      names.push_back(job.at("name"));
      states.push_back(job.at("state"));
    }
    token = page.json.at("nextPageToken");
    Advance(client, 1);  // 103.5: created at 3 is PENDING too
  }
  CHECK(names == newest_first);
  CHECK(states == std::vector<std::string>{"CREATING", "CREATING", "CREATING", "PENDING", "PENDING",
                                           "PENDING"});
}

}  // namespace
}  // namespace fwmock_test
