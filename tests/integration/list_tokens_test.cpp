// Page tokens: opaque, authenticated, bound to the request and the account, shared by replicas.
#include <catch2/catch.hpp>

#include "api_client.h"
#include "fixture_data.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using nlohmann::json;

// The nextPageToken of the first page of `account` under `query`.
std::string FirstToken(ApiClient& client, const std::string& account, const std::string& query) {
  const HttpResult page = client.List(account, query);
  INFO("body: " << page.body);
  REQUIRE(page.status == 200);
  const std::string token = page.json.at("nextPageToken");
  REQUIRE(!token.empty());
  return token;
}

void CheckBadToken(const HttpResult& r) {
  INFO("body: " << r.body);
  CHECK(r.status == 400);
  CHECK(r.Code() == 3);
  CHECK_THAT(r.Message(), Contains("page token"));
}

char OtherBase64UrlChar(char c) { return c == 'A' ? 'B' : 'A'; }

TEST_CASE("Tokens are URL-safe and the same request gives the same token", "[list][token]") {
  ApiClient client(DefaultServer());
  const std::string token = FirstToken(client, "acme", "pageSize=5");
  CHECK(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
      std::string::npos);
  CHECK(FirstToken(client, "acme", "pageSize=5") == token);
  CHECK_THAT(token, !Contains("acme") && !Contains("batchJobs"));
}

TEST_CASE("A tampered or truncated or garbage token is 400 invalid page token", "[list][token]") {
  ApiClient client(DefaultServer());
  const std::string token = FirstToken(client, "acme", "pageSize=5");
  std::vector<std::string> bad = {"garbage",
                                  "AAAA",
                                  "!!!!",
                                  "%%",
                                  "x",
                                  " ",
                                  "0",
                                  token + "A",
                                  token + "=",
                                  token.substr(0, token.size() - 1),
                                  token.substr(0, token.size() / 2),
                                  token.substr(1)};
  for (const std::size_t at :
       {std::size_t{0}, token.size() / 3, token.size() / 2, token.size() - 2, token.size() - 1}) {
    std::string edited = token;
    edited[at] = OtherBase64UrlChar(edited[at]);
    bad.push_back(edited);
  }
  std::string swapped = token;
  std::swap(swapped[4], swapped[5]);
  if (swapped != token) bad.push_back(swapped);
  for (const std::string& t : bad) {
    CAPTURE(t);
    CheckBadToken(client.List("acme", "pageSize=5&pageToken=" + UrlEncode(t)));
  }
}

TEST_CASE("An empty pageToken starts from the first page", "[list][token]") {
  ApiClient client(DefaultServer());
  const HttpResult empty = client.List("acme", "pageSize=5&pageToken=");
  const HttpResult none = client.List("acme", "pageSize=5");
  REQUIRE(empty.status == 200);
  CHECK(empty.body == none.body);
}

TEST_CASE("A token from a server with another secret is rejected", "[list][token][replicas]") {
  const auto [secret_a, secret_b] = GENERATE(table<std::string, std::string>({
      {"secret-one", "secret-two"},
      {"", ""},  // both draw a random secret
      {"secret-one", ""},
  }));
  CAPTURE(secret_a, secret_b);
  const auto args = [](const std::string& s) {
    return s.empty() ? std::vector<std::string>{} : std::vector<std::string>{"--token-secret", s};
  };
  FwmockProcess a(args(secret_a));
  FwmockProcess b(args(secret_b));
  ApiClient to_a(a);
  ApiClient to_b(b);
  const std::string token = FirstToken(to_a, "globex", "pageSize=3");
  CheckBadToken(to_b.List("globex", "pageSize=3&pageToken=" + UrlEncode(token)));
}

TEST_CASE("Replicas with the same --token-secret accept each other's tokens",
          "[list][token][replicas]") {
  const bool by_env = GENERATE(false, true);
  CAPTURE(by_env);
  const std::vector<std::string> flags = {"--token-secret", "shared-secret"};
  const std::map<std::string, std::string> env = {{"FWMOCK_TOKEN_SECRET", "shared-secret"}};
  FwmockProcess a(by_env ? std::vector<std::string>{} : flags, by_env ? env : decltype(env){});
  FwmockProcess b(flags);
  ApiClient to_a(a);
  ApiClient to_b(b);
  const std::string query = Query({{"orderBy", "num_ranks desc"}, {"filter", "shared = true"}});
  std::string token = FirstToken(to_a, "globex", query + "&pageSize=4");
  CHECK(FirstToken(to_b, "globex", query + "&pageSize=4") == token);
  const HttpResult from_b =
      to_b.List("globex", query + "&pageSize=4&pageToken=" + UrlEncode(token));
  const HttpResult from_a =
      to_a.List("globex", query + "&pageSize=4&pageToken=" + UrlEncode(token));
  REQUIRE(from_b.status == 200);
  CHECK(from_b.body == from_a.body);
}

TEST_CASE("A token reused with another filter or orderBy or readMask is 400", "[list][token]") {
  const auto [original, changed, parameter] =
      GENERATE(table<std::string, std::string, std::string>({
          {"", "filter=state%20%3D%20RUNNING", "filter"},
          {"filter=num_ranks%20%3E%3D%202", "filter=num_ranks%20%3E%3D%203", "filter"},
          {"filter=num_ranks%20%3E%3D%202", "", "filter"},
          {"", "orderBy=name", "orderBy"},
          {"orderBy=display_name", "orderBy=display_name%20desc", "orderBy"},
          {"orderBy=display_name", "", "orderBy"},
          {"", "readMask=name", "readMask"},
          {"readMask=name", "readMask=name,state", "readMask"},
          {"readMask=name,state", "", "readMask"},
      }));
  CAPTURE(original, changed);
  ApiClient client(DefaultServer());
  const std::string sep_o = original.empty() ? "" : "&";
  const std::string sep_c = changed.empty() ? "" : "&";
  const std::string token = FirstToken(client, "acme", original + sep_o + "pageSize=3");
  const HttpResult r =
      client.List("acme", changed + sep_c + "pageSize=3&pageToken=" + UrlEncode(token));
  CheckBadToken(r);
  CHECK_THAT(r.Message(),
             Catch::Contains("the " + parameter + " differs from the request that returned it"));
}

TEST_CASE("A token binds the filter as parsed, not as spelled", "[list][token][filter]") {
  const auto [original, respelled] = GENERATE(table<std::string, std::string>({
      {"state = RUNNING", "state=RUNNING"},
      {"num_ranks >= 2 AND state = RUNNING", "num_ranks>=2   AND state =RUNNING"},
      {"(display_name:\"a*\")", "display_name : \"a*\""},
  }));
  CAPTURE(original, respelled);
  ApiClient client(DefaultServer());
  const std::string token =
      FirstToken(client, "acme", Query({{"filter", original}}) + "&pageSize=1");
  const HttpResult r =
      client.List("acme", Query({{"filter", respelled}, {"pageSize", "1"}, {"pageToken", token}}));
  INFO("body: " << r.body);
  CHECK(r.status == 200);
}

TEST_CASE("Every List answer names its filter as parsed in X-Fwmock-Filter", "[list][filter]") {
  const auto [filter, canonical] = GENERATE(table<std::string, std::string>({
      {"state = RUNNING", "(= state RUNNING)"},
      {"state = RUNNING and num_ranks >= 2", "(AND (= state RUNNING) and (>= num_ranks 2))"},
      {"a OR b c", "(AND (OR a b) c)"},
  }));
  CAPTURE(filter);
  ApiClient client(DefaultServer());
  const HttpResult r = client.List("acme", Query({{"filter", filter}, {"pageSize", "1"}}));
  REQUIRE(r.status == 200);
  REQUIRE(r.HasHeader("X-Fwmock-Filter"));
  CHECK(r.Header("X-Fwmock-Filter") == canonical);
  const HttpResult again = client.List("acme", Query({{"filter", filter}, {"pageSize", "1"}}));
  CHECK(again.Header("X-Fwmock-Filter") == canonical);  // a cached answer carries it too
}

TEST_CASE("orderBy is compared after normalisation when a token is reused", "[list][token]") {
  const auto [original, respelled] = GENERATE(table<std::string, std::string>({
      {"num_ranks desc", "num_ranks  desc"},
      {"num_ranks desc,name", "num_ranks desc, name"},
      {"display_name", "display_name asc"},
      {"displayName desc", "display_name desc"},
  }));
  CAPTURE(original, respelled);
  ApiClient client(DefaultServer());
  const std::string token =
      FirstToken(client, "acme", Query({{"orderBy", original}}) + "&pageSize=3");
  const HttpResult r =
      client.List("acme", Query({{"orderBy", respelled}, {"pageSize", "3"}, {"pageToken", token}}));
  INFO("body: " << r.body);
  CHECK(r.status == 200);
}

TEST_CASE("pageSize may change between pages and the new size is honoured", "[list][token]") {
  const auto [first_size, next_size] =
      GENERATE(table<int, int>({{5, 7}, {7, 5}, {1, 200}, {50, 1}}));
  CAPTURE(first_size, next_size);
  ApiClient client(DefaultServer());
  const std::vector<std::string> expected = NamesByCreateTimeDesc(JobsOf("acme"));
  const std::string token = FirstToken(client, "acme", "pageSize=" + std::to_string(first_size));
  const HttpResult page = client.List(
      "acme", "pageSize=" + std::to_string(next_size) + "&pageToken=" + UrlEncode(token));
  REQUIRE(page.status == 200);
  const std::size_t start = static_cast<std::size_t>(first_size);
  const std::size_t want = std::min(static_cast<std::size_t>(next_size), expected.size() - start);
  REQUIRE(page.json.at("batchJobs").size() == want);
  for (std::size_t i = 0; i < want; ++i) {
    CHECK(page.json.at("batchJobs")[i].at("name") == expected[start + i]);
  }
  CHECK(page.json.at("totalSize") == expected.size());
}

TEST_CASE("A token of one account is 400 on another", "[list][token]") {
  const auto [from, to] = GENERATE(table<std::string, std::string>({
      {"acme", "globex"},
      {"globex", "acme"},
      {"initech", "nobody"},
  }));
  CAPTURE(from, to);
  ApiClient client(DefaultServer());
  const std::string token = FirstToken(client, from, "pageSize=2");
  CheckBadToken(client.List(to, "pageSize=2&pageToken=" + UrlEncode(token)));
}

}  // namespace
}  // namespace fwmock_test
