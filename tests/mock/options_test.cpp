#include "options.h"

#include <catch2/catch.hpp>

#include <map>
#include <sstream>
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
  CHECK(o.threads == 0);        // one per core, decided at start
  CHECK(o.busy_poll_us == -1);  // by the CPUs, decided at start
  CHECK(o.header_timeout == 10'000'000'000);
  CHECK(o.idle_timeout == 60'000'000'000);
  CHECK(o.io_timeout == 30'000'000'000);
  CHECK(o.max_body_bytes == 4u << 20);
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

TEST_CASE("the connection timeouts take a duration with its unit", "[mock][options]") {
  const Options flags = MustParse({"--header-timeout", "500ms", "--idle-timeout=1.5s",
                                   "--io-timeout", "2m", "--max-body-mb", "16"});
  CHECK(flags.header_timeout == 500'000'000);
  CHECK(flags.idle_timeout == 1'500'000'000);
  CHECK(flags.io_timeout == 120'000'000'000);
  CHECK(flags.max_body_bytes == 16u << 20);
  const Parsed env = Parse({}, {{"FWMOCK_HEADER_TIMEOUT", "1s"},
                                {"FWMOCK_IDLE_TIMEOUT", "1h"},
                                {"FWMOCK_IO_TIMEOUT", "1ms"},
                                {"FWMOCK_MAX_BODY_MB", "1"}});
  REQUIRE(env.ok);
  CHECK(env.options.header_timeout == 1'000'000'000);
  CHECK(env.options.idle_timeout == 3'600'000'000'000);
  CHECK(env.options.io_timeout == 1'000'000);
  CHECK(env.options.max_body_bytes == 1u << 20);
}

TEST_CASE("a timeout must be a positive duration of at most an hour", "[mock][options]") {
  const auto [args, fragment] = GENERATE(table<std::vector<std::string>, std::string>({
      {{"--header-timeout", "0s"}, "--header-timeout: expected a duration from 1ms to 1h"},
      {{"--idle-timeout", "10"}, "--idle-timeout: expected a duration"},
      {{"--io-timeout", "61m"}, "--io-timeout: expected a duration"},
      {{"--io-timeout", "-1s"}, "--io-timeout: expected a duration"},
      {{"--max-body-mb", "0"}, "--max-body-mb: expected 1 to 1024"},
      {{"--threads", "257"}, "--threads: expected 1 to 256"},
      {{"--busy-poll-us", "10001"}, "--busy-poll-us: expected 0 to 10000"},
      {{"--busy-poll-us", "-1"}, "--busy-poll-us: expected 0 to 10000"},
  }));
  CAPTURE(args);
  const Parsed p = Parse(args);
  CHECK_FALSE(p.ok);
  CHECK_THAT(p.error, Contains(fragment));
}

TEST_CASE("the usage text lists every flag", "[mock][options]") {
  const std::string usage = fwmock::Usage();
  for (const char* flag : {"--host",
                           "--port",
                           "--fixtures",
                           "--token-secret",
                           "--api-key",
                           "--log",
                           "--threads",
                           "--seed",
                           "--help",
                           "-h",
                           "--version",
                           "--log-file",
                           "--cors",
                           "FWMOCK_LOG_FILE",
                           "FWMOCK_CORS",
                           "--header-timeout",
                           "--idle-timeout",
                           "--io-timeout",
                           "--max-body-mb",
                           "FWMOCK_HEADER_TIMEOUT",
                           "FWMOCK_IDLE_TIMEOUT",
                           "FWMOCK_IO_TIMEOUT",
                           "FWMOCK_MAX_BODY_MB"}) {
    CAPTURE(flag);
    CHECK_THAT(usage, Contains(flag));
  }
}

TEST_CASE("the --busy-poll-us flag takes microseconds, 0 turning it off, or its variable",
          "[mock][options]") {
  CHECK(MustParse({"--busy-poll-us", "0"}).busy_poll_us == 0);
  CHECK(MustParse({"--busy-poll-us=10000"}).busy_poll_us == 10000);
  CHECK(MustParse({}, {{"FWMOCK_BUSY_POLL_US", "75"}}).busy_poll_us == 75);
  CHECK(MustParse({"--busy-poll-us", "5"}, {{"FWMOCK_BUSY_POLL_US", "75"}}).busy_poll_us == 5);
}

TEST_CASE("the -h flag is --help", "[mock][options]") {
  CHECK(MustParse({"-h"}).help);
  CHECK_FALSE(MustParse({}).help);
}

TEST_CASE("a variable whose flag is given is not read, even a bad one", "[mock][options]") {
  const auto [args, name, value] =
      GENERATE(table<std::vector<std::string>, std::string, std::string>({
          {{"--port", "0"}, "FWMOCK_PORT", "abc"},
          {{"--port=0"}, "FWMOCK_PORT", "abc"},
          {{"--log", "none"}, "FWMOCK_LOG", "verbose"},
          {{"--threads", "2"}, "FWMOCK_THREADS", "0"},
          {{"--allow-anonymous"}, "FWMOCK_ALLOW_ANONYMOUS", "maybe"},
          {{"--fixtures", "a.json"}, "FWMOCK_FIXTURES", "x.json"},
      }));
  CAPTURE(args, name, value);
  const Parsed p = Parse(args, {{name, value}});
  INFO(p.error);
  CHECK(p.ok);
}

TEST_CASE("a bad variable that is read names the variable, the flag and the value",
          "[mock][options]") {
  CHECK(Parse({}, {{"FWMOCK_PORT", "abc"}}).error == "FWMOCK_PORT: --port: not a port: \"abc\"");
  CHECK(Parse({}, {{"FWMOCK_ALLOW_ANONYMOUS", "maybe"}}).error ==
        "FWMOCK_ALLOW_ANONYMOUS: --allow-anonymous: expected 1, true, 0 or false, got \"maybe\"");
  // A flag given for another variable does not make this one unread.
  CHECK_THAT(Parse({"--host", "h"}, {{"FWMOCK_PORT", "abc"}}).error, Contains("FWMOCK_PORT"));
}

TEST_CASE("boolean variables accept 1, true, 0 and false", "[mock][options]") {
  const auto [value, on] = GENERATE(
      table<std::string, bool>({{"1", true}, {"true", true}, {"0", false}, {"false", false}}));
  CAPTURE(value);
  CHECK(MustParse({}, {{"FWMOCK_ALLOW_ANONYMOUS", value}}).allow_anonymous == on);
  CHECK(MustParse({}, {{"FWMOCK_CORS", value}}).cors == on);
  CHECK(MustParse({}, {{"FWMOCK_STRICT_FILTERS", value}}).strict_filters == on);
  CHECK(MustParse({}, {{"FWMOCK_EXIT_WITH_PARENT", value}}).exit_with_parent == on);
}

TEST_CASE("the --strict-filters and --exit-with-parent flags are off unless given",
          "[mock][options]") {
  const Options none = MustParse({});
  CHECK_FALSE(none.strict_filters);
  CHECK_FALSE(none.exit_with_parent);
  const Options both = MustParse({"--strict-filters", "--exit-with-parent"});
  CHECK(both.strict_filters);
  CHECK(both.exit_with_parent);
  CHECK_THAT(Parse({"--strict-filters=1"}).error, Contains("--strict-filters: takes no value"));
  CHECK_THAT(Parse({}, {{"FWMOCK_EXIT_WITH_PARENT", "yes"}}).error,
             Contains("FWMOCK_EXIT_WITH_PARENT: --exit-with-parent: expected 1, true, 0 or false"));
}

// The rows of the usage text that name a flag, each with the rows below it up to the next flag.
std::vector<std::vector<std::string>> FlagBlocks(const std::string& usage) {
  std::vector<std::vector<std::string>> blocks;
  std::istringstream in(usage);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("  -", 0) == 0) {
      blocks.push_back({line});
    } else if (!blocks.empty() && line.rfind("   ", 0) == 0) {
      blocks.back().push_back(line);
    } else if (!blocks.empty() && line.empty()) {
      break;
    }
  }
  return blocks;
}

// The column of the first word after a run of two or more spaces at or after `from`, or npos.
std::size_t NextColumn(const std::string& line, std::size_t from) {
  const std::size_t gap = line.find("  ", from);
  if (gap == std::string::npos) return gap;
  return line.find_first_not_of(' ', gap);
}

TEST_CASE("the usage text has one column each for flags, descriptions and variables",
          "[mock][options]") {
  const std::vector<std::vector<std::string>> blocks = FlagBlocks(fwmock::Usage());
  REQUIRE(blocks.size() >= 15);
  const std::size_t help_column = NextColumn(blocks[0][0], 2);
  const std::size_t env_column = blocks[0][0].find("FWMOCK_");
  REQUIRE(help_column != std::string::npos);
  REQUIRE(env_column != std::string::npos);
  CHECK(help_column < env_column);
  for (const std::vector<std::string>& block : blocks) {
    for (const std::string& row : block) {
      CAPTURE(row);
      CHECK(row.size() <= 100);
      // Every description starts in the description column, after spaces.
      if (row.size() > help_column && row[help_column] != ' ') {
        CHECK(row.substr(help_column - 2, 2) == "  ");
      }
      const std::size_t env = row.find("FWMOCK_");
      if (env != std::string::npos) CHECK(env == env_column);
    }
    CAPTURE(block[0]);
    CHECK(block[0].size() > help_column);
    CHECK(block[0][help_column] != ' ');
  }
}

TEST_CASE("the usage text says which values each boolean variable accepts", "[mock][options]") {
  for (const char* flag :
       {"--allow-anonymous", "--cors", "--strict-filters", "--exit-with-parent"}) {
    CAPTURE(flag);
    bool found = false;
    for (const std::vector<std::string>& block : FlagBlocks(fwmock::Usage())) {
      if (block[0].rfind(std::string("  ") + flag + " ", 0) != 0) continue;
      found = true;
      std::string text;
      for (const std::string& row : block) text += row + "\n";
      CHECK_THAT(text, Contains("(1, true, 0 or false)"));
    }
    CHECK(found);
  }
}

}  // namespace
}  // namespace fwmock_test
