#include "options.h"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

using Catch::Matchers::Contains;

namespace fwmock_test {
namespace {

// The account each key is bound to.
std::map<std::string, std::string> Accounts(const std::map<std::string, fwmock::ApiKey>& keys) {
  std::map<std::string, std::string> out;
  for (const auto& [key, bound] : keys) out[key] = bound.account;
  return out;
}

using fwmock::Options;
using Env = std::map<std::string, std::string>;

struct Parsed {
  bool ok = false;
  Options options;
  std::string error;
};

Parsed Parse(const std::vector<std::string>& args, const Env& env = {}) {
  std::vector<const char*> argv = {"fwmock"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  Parsed p;
  p.ok =
      fwmock::ParseOptions(static_cast<int>(argv.size()), argv.data(), env, &p.options, &p.error);
  return p;
}

Options MustParse(const std::vector<std::string>& args, const Env& env = {}) {
  const Parsed p = Parse(args, env);
  INFO(p.error);
  REQUIRE(p.ok);
  return p.options;
}

TEST_CASE("without flags or environment the defaults apply", "[mock][options]") {
  const Options o = MustParse({});
  CHECK(o.host == "127.0.0.1");
  CHECK(o.port == 8080);
  CHECK(o.fixtures.empty());
  CHECK(o.token_secret.empty());
  CHECK(o.api_keys.empty());
  CHECK_FALSE(o.log_requests);
  CHECK(o.threads == 64);
  CHECK(o.seed == 0);
  CHECK_FALSE(o.help);
  CHECK_FALSE(o.version);
}

void CheckAllSet(const Options& o) {
  CHECK(o.host == "0.0.0.0");
  CHECK(o.port == 9000);
  CHECK(o.fixtures == std::vector<std::string>{"a.json"});
  CHECK(o.token_secret == "s3cret");
  CHECK(Accounts(o.api_keys) == std::map<std::string, std::string>{{"k1", ""}});
  CHECK(o.log_requests);
  CHECK(o.threads == 8);
  CHECK(o.seed == 42);
}

TEST_CASE("every flag takes a separate value", "[mock][options]") {
  CheckAllSet(MustParse({"--host", "0.0.0.0", "--port", "9000", "--fixtures", "a.json",
                         "--token-secret", "s3cret", "--api-key", "k1", "--log", "requests",
                         "--threads", "8", "--seed", "42"}));
}

TEST_CASE("every flag takes a value after an equals sign", "[mock][options]") {
  CheckAllSet(
      MustParse({"--host=0.0.0.0", "--port=9000", "--fixtures=a.json", "--token-secret=s3cret",
                 "--api-key=k1", "--log=requests", "--threads=8", "--seed=42"}));
}

TEST_CASE("every flag has an environment variable", "[mock][options]") {
  CheckAllSet(MustParse({}, {{"FWMOCK_HOST", "0.0.0.0"},
                             {"FWMOCK_PORT", "9000"},
                             {"FWMOCK_FIXTURES", "a.json"},
                             {"FWMOCK_TOKEN_SECRET", "s3cret"},
                             {"FWMOCK_API_KEYS", "k1"},
                             {"FWMOCK_LOG", "requests"},
                             {"FWMOCK_THREADS", "8"},
                             {"FWMOCK_SEED", "42"}}));
}

TEST_CASE("flags beat environment variables", "[mock][options]") {
  const Options o = MustParse({"--port", "9001", "--host=h2", "--log", "none", "--seed", "2"},
                              {{"FWMOCK_PORT", "9000"},
                               {"FWMOCK_HOST", "h1"},
                               {"FWMOCK_LOG", "requests"},
                               {"FWMOCK_SEED", "1"}});
  CHECK(o.port == 9001);
  CHECK(o.host == "h2");
  CHECK_FALSE(o.log_requests);
  CHECK(o.seed == 2);
}

TEST_CASE("the --fixtures flag repeats and replaces the environment's list", "[mock][options]") {
  CHECK(MustParse({}, {{"FWMOCK_FIXTURES", "x.json:dir:y.json"}}).fixtures ==
        std::vector<std::string>{"x.json", "dir", "y.json"});
  CHECK(MustParse({"--fixtures", "a", "--fixtures=b"}).fixtures ==
        std::vector<std::string>{"a", "b"});
  CHECK(MustParse({"--fixtures", "a", "--fixtures", "b"}, {{"FWMOCK_FIXTURES", "x:y"}}).fixtures ==
        std::vector<std::string>{"a", "b"});
}

TEST_CASE("the --api-key flag binds keys to accounts", "[mock][options]") {
  CHECK(Accounts(MustParse({"--api-key", "KEY=ACC"}).api_keys) ==
        std::map<std::string, std::string>{{"KEY", "ACC"}});
  CHECK(Accounts(MustParse({"--api-key", "k1=acme", "--api-key", "k2"}).api_keys) ==
        std::map<std::string, std::string>{{"k1", "acme"}, {"k2", ""}});
  CHECK(Accounts(MustParse({}, {{"FWMOCK_API_KEYS", "k1=acme,k2=globex,k3"}}).api_keys) ==
        std::map<std::string, std::string>{{"k1", "acme"}, {"k2", "globex"}, {"k3", ""}});
}

TEST_CASE("the --api-key flag binds an e-mail after the account", "[mock][options]") {
  const Options o = MustParse({"--api-key", "k1=acme:ann@example.com", "--api-key", "k2=:bo@x.io"});
  CHECK(o.api_keys.at("k1").account == "acme");
  CHECK(o.api_keys.at("k1").email == "ann@example.com");
  CHECK(o.api_keys.at("k2").account.empty());
  CHECK(o.api_keys.at("k2").email == "bo@x.io");
}

TEST_CASE("the --lifecycle, --clock and --start-time flags are read", "[mock][options]") {
  const Options o = MustParse({"--lifecycle", "creating=500ms,running=2m", "--clock", "manual",
                               "--start-time", "2026-01-01T00:00:00Z"});
  CHECK(o.lifecycle.creating == 500'000'000);
  CHECK(o.lifecycle.running == 120'000'000'000);
  CHECK(o.lifecycle.pending == 2'000'000'000);
  CHECK(o.manual_clock);
  CHECK(o.start_time == 1767225600'000'000'000);
  const Parsed bad = Parse({"--lifecycle", "walking=1s"});
  CHECK_FALSE(bad.ok);
  CHECK_THAT(bad.error, Catch::Contains("walking"));
  CHECK_FALSE(Parse({"--clock", "fast"}).ok);
  CHECK_FALSE(Parse({"--start-time", "yesterday"}).ok);
}

TEST_CASE("the --api-key flag replaces the environment's keys", "[mock][options]") {
  // Flags win over the environment, and a repeatable flag replaces the environment's list as
  // --fixtures does: a key revoked on the command line must not stay valid.
  CHECK(Accounts(
            MustParse({"--api-key", "new=acme"}, {{"FWMOCK_API_KEYS", "old=globex"}}).api_keys) ==
        std::map<std::string, std::string>{{"new", "acme"}});
}

TEST_CASE("port 0 and the edges of the port range are accepted", "[mock][options]") {
  CHECK(MustParse({"--port", "0"}).port == 0);
  CHECK(MustParse({"--port=65535"}).port == 65535);
  CHECK(MustParse({"--port", "1"}).port == 1);
}

TEST_CASE("the --help and --version flags take no value", "[mock][options]") {
  CHECK(MustParse({"--help"}).help);
  CHECK(MustParse({"--version"}).version);
  const Parsed p = Parse({"--help=yes"});
  CHECK_FALSE(p.ok);
  CHECK_THAT(p.error, Contains("--help"));
}

TEST_CASE("bad flags and values are errors naming them", "[mock][options]") {
  const auto [args, fragment] = GENERATE(table<std::vector<std::string>, std::string>({
      {{"--port", "abc"}, "--port"},
      {{"--port", "-1"}, "--port"},
      {{"--port", "65536"}, "--port"},
      {{"--port", "80x"}, "--port"},
      {{"--port", "1.5"}, "--port"},
      {{"--port="}, "--port"},
      {{"--port"}, "missing value"},
      {{"--host"}, "--host"},
      {{"--host="}, "--host"},
      {{"--fixtures"}, "missing value"},
      {{"--bogus"}, "--bogus"},
      {{"--bogus=1"}, "--bogus"},
      {{"-p", "80"}, "-p"},
      {{"serve"}, "serve"},
      {{"--log", "all"}, "--log"},
      {{"--threads", "0"}, "--threads"},
      {{"--threads", "lots"}, "--threads"},
      {{"--seed", "-1"}, "--seed"},
      {{"--api-key", "=acme"}, "--api-key"},
      {{"--token-secret="}, "--token-secret"},
  }));
  CAPTURE(args);
  const Parsed p = Parse(args);
  CHECK_FALSE(p.ok);
  CHECK_THAT(p.error, Contains(fragment));
}

TEST_CASE("bad environment values are errors naming the variable", "[mock][options]") {
  const auto [name, value] = GENERATE(table<std::string, std::string>({
      {"FWMOCK_PORT", "abc"},
      {"FWMOCK_PORT", "70000"},
      {"FWMOCK_LOG", "verbose"},
      {"FWMOCK_THREADS", "0"},
      {"FWMOCK_SEED", "x"},
  }));
  CAPTURE(name, value);
  const Parsed p = Parse({}, {{name, value}});
  CHECK_FALSE(p.ok);
  CHECK_THAT(p.error, Contains(name));
}

TEST_CASE("the usage text lists every flag", "[mock][options]") {
  const std::string usage = fwmock::Usage();
  for (const char* flag : {"--host", "--port", "--fixtures", "--token-secret", "--api-key", "--log",
                           "--threads", "--seed", "--help", "--version"}) {
    CAPTURE(flag);
    CHECK_THAT(usage, Contains(flag));
  }
}

}  // namespace
}  // namespace fwmock_test
