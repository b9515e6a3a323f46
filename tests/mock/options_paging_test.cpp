#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "options.h"

using Catch::Matchers::Contains;

// The --paging flag and FWMOCK_PAGING (options.h, paging_mode.h).
namespace fwmock_test {
namespace {

using Env = std::map<std::string, std::string>;

bool Parse(const std::vector<std::string>& args, const Env& env, fwmock::Options* options,
           std::string* error) {
  std::vector<const char*> argv = {"fwmock"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  return fwmock::ParseOptions(static_cast<int>(argv.size()), argv.data(), env, options, error);
}

TEST_CASE("the --paging flag and its variable set the start-up mode", "[mock][options][paging]") {
  fwmock::Options flag;
  std::string error;
  REQUIRE(Parse({"--paging", "max-page-size=3,short-pages=true,seed=7,empty-page-every=3"}, {},
                &flag, &error));
  CHECK(flag.paging.max_page_size == 3);
  CHECK(flag.paging.short_pages);
  CHECK(flag.paging.seed == 7);
  CHECK(flag.paging.empty_page_every == 3);
  CHECK(flag.paging.token_ttl_seconds == 0);
  fwmock::Options env;
  REQUIRE(Parse({}, {{"FWMOCK_PAGING", "token-ttl-seconds=60"}}, &env, &error));
  CHECK(env.paging.token_ttl_seconds == 60);
  fwmock::Options none;
  REQUIRE(Parse({}, {}, &none, &error));
  CHECK(none.paging.normal());
}

TEST_CASE("a bad --paging value names the flag and the key", "[mock][options][paging]") {
  fwmock::Options options;
  std::string error;
  CHECK_FALSE(Parse({"--paging=max-page-size=0"}, {}, &options, &error));
  CHECK_THAT(error, Contains("--paging: max-page-size: expected an integer from 1 to 200"));
  CHECK_FALSE(Parse({}, {{"FWMOCK_PAGING", "bogus=1"}}, &options, &error));
  CHECK_THAT(error, Contains("FWMOCK_PAGING: --paging: unknown key \"bogus\""));
}

TEST_CASE("the usage text lists the --paging flag and its keys", "[mock][options][paging]") {
  const std::string usage = fwmock::Usage();
  CHECK_THAT(usage, Contains("--paging SPEC"));
  CHECK_THAT(usage, Contains("FWMOCK_PAGING"));
  for (const char* key :
       {"max-page-size", "short-pages", "seed", "empty-page-every", "token-ttl-seconds"}) {
    CHECK_THAT(usage, Contains(key));
  }
}

}  // namespace
}  // namespace fwmock_test
