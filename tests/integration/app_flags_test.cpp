// The fwmock binary's conventions: -h, the help text, variables and the flags that replace them.
#include <catch2/catch.hpp>

#include "api_client.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;

TEST_CASE("The flag -h prints the help text of --help and exits 0", "[process][flags]") {
  const ExitResult h = RunToCompletion({"-h"});
  const ExitResult help = RunToCompletion({"--help"});
  CHECK(h.exit_code == 0);
  CHECK(help.exit_code == 0);
  CHECK_THAT(h.out, Contains("--port") && Contains("FWMOCK_PORT"));
  CHECK(h.out == help.out);
  CHECK(h.err.empty());
}

TEST_CASE("A bad variable whose flag is given does not stop fwmock from starting",
          "[process][flags]") {
  FwmockProcess server({"--port", "0", "--log", "none"},
                       {{"FWMOCK_PORT", "abc"}, {"FWMOCK_LOG", "verbose"}});
  CHECK(ApiClient(server).Get("/healthz").status == 200);
  CHECK(server.Stop() == 0);
}

TEST_CASE("A bad variable that is read exits 2 naming the variable, the flag and the value",
          "[process][flags]") {
  const ExitResult r = RunToCompletion({}, {{"FWMOCK_PORT", "abc"}});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("FWMOCK_PORT: --port: not a port: \"abc\""));
  CHECK_THAT(r.out, !Contains("listening"));
}

}  // namespace
}  // namespace fwmock_test
