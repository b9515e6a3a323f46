// Get logs parameters: ranks, startTime, filter, readMask and page tokens.
#include <catch2/catch.hpp>
#include <set>

#include "job_helpers.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

// A ManualServer with one job of 3 ranks that ran from 2 to 62 (12 lines per rank), now 100.
struct LogServer {
  ManualServer server{{"--lifecycle",
                       "creating=1s,pending=1s,running=10s,cancelling=1s,"
                       "deleting=1s"}};
  ApiClient client{server.process()};
  std::string name;
  std::string other;
  LogServer() {
    const json body = {
        {"nodePoolId", "p"}, {"numRanks", 3}, {"annotations", {{"fwmock.dev/run-seconds", "60"}}}};
    name = MustCreate(client, "acme", body).at("name");
    other = MustCreate(client, "acme", body).at("name");
    Advance(client, 100);
  }
};

// Every entry of `name` under `query` (oldest first unless the query says otherwise).
std::vector<json> All(ApiClient& client, const std::string& name, const std::string& query,
                      int page_size = 4) {
  std::vector<json> entries;
  std::string token;
  for (int i = 0; i < 1000; ++i) {
    std::string q = query + "&pageSize=" + std::to_string(page_size);
    if (!token.empty()) q += "&pageToken=" + UrlEncode(token);
    const HttpResult page = GetLogs(client, name, q);
    INFO(q << " -> " << page.status << " " << page.body.substr(0, 300));
    REQUIRE(page.status == 200);
    for (const json& e : page.json.at("entries")) entries.push_back(e);
    token = page.json.at("nextPageToken").get<std::string>();
    if (token.empty()) return entries;
  }
  FAIL("the walk did not end");
  return entries;
}

std::multiset<int> RanksOf(const std::vector<json>& entries) {
  std::multiset<int> ranks;
  for (const json& e : entries) ranks.insert(e.value("rank", -1));
  return ranks;
}

TEST_CASE("ranks selects ranks by repeated keys and refuses others", "[jobs][logs][ranks]") {
  LogServer s;
  const auto count = [](const std::multiset<int>& ranks, int r) {
    return static_cast<int>(ranks.count(r));
  };
  const std::multiset<int> two =
      RanksOf(All(s.client, s.name, "startFromHead=true&ranks=0&ranks=2"));
  CHECK(two.size() == 24);
  CHECK(count(two, 0) == 12);
  CHECK(count(two, 2) == 12);
  const std::multiset<int> one = RanksOf(All(s.client, s.name, "ranks=1"));
  CHECK(one == std::multiset<int>(std::initializer_list<int>{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}));
  CHECK(RanksOf(All(s.client, s.name, "ranks=1&ranks=1")) == one);
  const HttpResult joined = GetLogs(s.client, s.name, "ranks=0,1");
  CheckApiError(joined, 400, 3);
  CHECK_THAT(joined.Message(), Contains("repeat"));
  for (const std::string bad : {"ranks=3", "ranks=-1", "ranks=x", "ranks=0&ranks=7"}) {
    CAPTURE(bad);
    CheckApiError(GetLogs(s.client, s.name, bad), 400, 3);
  }
}

TEST_CASE("startTime leaves out every entry before it", "[jobs][logs][start_time]") {
  LogServer s;
  for (const auto& [start, lines] : std::vector<std::pair<double, int>>{
           {0, 12}, {2, 12}, {32, 6}, {33, 5}, {57, 1}, {57.5, 0}, {1000, 0}}) {
    for (const bool head : {true, false}) {
      CAPTURE(start, head);
      const std::vector<json> entries = All(
          s.client, s.name,
          Query({{"startTime", Canonical(At(start))}, {"startFromHead", head ? "true" : "false"}}));
      CHECK(entries.size() == static_cast<std::size_t>(lines * 3));
      for (const json& e : entries) CHECK(TimeText(e, "logTime") >= AtText(start));
    }
  }
  CheckApiError(GetLogs(s.client, s.name, "startTime=yesterday"), 400, 3);
}

// A substring of some messages but not all, preferring longer ones; "" if none.
std::string SomeButNotAll(const std::vector<std::string>& messages) {
  for (std::size_t len = 8; len >= 2; --len) {
    for (const std::string& m : messages) {
      for (std::size_t at = 0; at + len <= m.size(); ++at) {
        const std::string part = m.substr(at, len);
        const auto hits = std::count_if(messages.begin(), messages.end(), [&](const auto& x) {
          return x.find(part) != std::string::npos;
        });
        if (hits > 0 && static_cast<std::size_t>(hits) < messages.size() / 2) return part;
      }
    }
  }
  return "";
}

TEST_CASE("filter keeps the entries whose message contains it, case-sensitively",
          "[jobs][logs][filter]") {
  LogServer s;
  const std::vector<json> everything = All(s.client, s.name, "startFromHead=true", 10);
  REQUIRE(everything.size() == 36);
  std::vector<std::string> messages;
  for (const json& e : everything) messages.push_back(e.value("message", ""));
  const std::string part = SomeButNotAll(messages);
  REQUIRE(!part.empty());
  std::string upper = part;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string lower = part;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const std::string& needle : {part, upper, lower, std::string("\x01no such text\x02")}) {
    CAPTURE(needle);
    std::vector<json> want;
    for (const json& e : everything)
      if (e.value("message", "").find(needle) != std::string::npos) want.push_back(e);
    for (const int page_size : {1, 5, 100}) {
      CAPTURE(page_size);
      CHECK(All(s.client, s.name, Query({{"filter", needle}, {"startFromHead", "true"}}),
                page_size) == want);
    }
  }
}

TEST_CASE("A filter scans at most 100000 lines a request and says where to go on",
          "[jobs][logs][filter]") {
  ManualServer server({"--lifecycle",
                       "creating=1s,pending=1s,running=10s,cancelling=1s,"
                       "deleting=1s"});
  ApiClient client(server.process());
  // 8 ranks for 100000 s: 20000 lines each, 160000 in all.
  const std::string name = MustCreate(client, "acme",
                                      {{"nodePoolId", "p"},
                                       {"numRanks", 8},
                                       {"annotations", {{"fwmock.dev/run-seconds", "100000"}}}})
                               .at("name");
  Advance(client, 200000);
  for (const std::string head : {"true", "false"}) {
    CAPTURE(head);
    const std::string query = Query({{"filter", "\x01no such text"}, {"startFromHead", head}});
    const HttpResult first = GetLogs(client, name, query);
    INFO("body: " << first.body.substr(0, 300));
    REQUIRE(first.status == 200);
    CHECK(first.json.at("entries") == json::array());
    const std::string token = first.json.at("nextPageToken");
    REQUIRE(!token.empty());
    const HttpResult second = GetLogs(client, name, query + "&pageToken=" + UrlEncode(token));
    REQUIRE(second.status == 200);
    CHECK(second.json.at("entries") == json::array());
    CHECK(second.json.at("nextPageToken") == "");
  }
}

TEST_CASE("readMask selects the fields of each entry", "[jobs][logs][read_mask]") {
  LogServer s;
  for (const auto& [mask, fields] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"rank", {"rank"}},
           {"log_time,message", {"logTime", "message"}},
           {"logTime", {"logTime"}},
           {"message,rank,log_time", {"logTime", "message", "rank"}},
           {"*", {"logTime", "message", "rank"}}}) {
    CAPTURE(mask);
    const HttpResult r = GetLogs(s.client, s.name, Query({{"readMask", mask}, {"pageSize", "5"}}));
    INFO("body: " << r.body);
    REQUIRE(r.status == 200);
    REQUIRE(r.json.at("entries").size() == 5);
    for (const json& e : r.json.at("entries")) {
      std::vector<std::string> keys;
      for (const auto& [k, v] : e.items()) keys.push_back(k);
      CHECK(keys == fields);
    }
  }
  for (const std::string bad : {"colour", "rank,", "name"}) {
    CAPTURE(bad);
    CheckApiError(GetLogs(s.client, s.name, Query({{"readMask", bad}})), 400, 3);
  }
}

TEST_CASE("A logs page token is bound to its request and job", "[jobs][logs][token]") {
  LogServer s;
  const std::string base = "startFromHead=true&ranks=1&filter=&readMask=rank,log_time";
  const HttpResult first = GetLogs(s.client, s.name, base + "&pageSize=2");
  REQUIRE(first.status == 200);
  const std::string token = first.json.at("nextPageToken");
  REQUIRE(!token.empty());
  const std::string with = "&pageToken=" + UrlEncode(token);
  const HttpResult resized = GetLogs(s.client, s.name, base + "&pageSize=3" + with);
  REQUIRE(resized.status == 200);
  REQUIRE(resized.json.at("entries").size() == 3);
  CHECK(TimeText(resized.json["entries"][0], "logTime") == AtText(12));
  CHECK(resized.json["entries"][0].value("rank", -1) == 1);
  CHECK(!resized.json["entries"][0].contains("message"));
  const std::vector<std::pair<std::string, std::string>> rebound = {
      {s.name, "startFromHead=false&ranks=1&readMask=rank,log_time"},
      {s.name, "startFromHead=true&ranks=2&readMask=rank,log_time"},
      {s.name, "startFromHead=true&ranks=1&ranks=2&readMask=rank,log_time"},
      {s.name, "startFromHead=true&ranks=1&filter=x&readMask=rank,log_time"},
      {s.name, "startFromHead=true&ranks=1&readMask=rank"},
      {s.name, "startFromHead=true&ranks=1&readMask=rank,log_time&startTime=" +
                   UrlEncode(Canonical(At(3)))},
      {s.other, base},
  };
  for (const auto& [job, query] : rebound) {
    CAPTURE(job, query);
    const HttpResult r = GetLogs(s.client, job, query + with);
    CheckApiError(r, 400, 3);
    CHECK_THAT(r.Message(), Contains("page token"));
  }
  for (const std::string& bad :
       std::vector<std::string>{"garbage", "AAAA", token.substr(1), token + "A"}) {
    CAPTURE(bad);
    CheckApiError(GetLogs(s.client, s.name, base + "&pageToken=" + UrlEncode(bad)), 400, 3);
  }
  const HttpResult list = s.client.List("acme", "pageSize=1");
  REQUIRE(list.status == 200);
  const std::string list_token = list.json.at("nextPageToken");
  CheckApiError(GetLogs(s.client, s.name, "pageToken=" + UrlEncode(list_token)), 400, 3);
  CheckApiError(s.client.List("acme", "pageToken=" + UrlEncode(token)), 400, 3);
}

}  // namespace
}  // namespace fwmock_test
