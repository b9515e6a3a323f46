// --exit-with-parent's kernel request and its check that the parent is still the one seen at
// start-up (parent_watch.h).
#include "parent_watch.h"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <catch2/catch.hpp>

namespace fwmock_test {
namespace {

int DeathSignal() {
  int signal = -1;
  REQUIRE(::prctl(PR_GET_PDEATHSIG, &signal) == 0);
  return signal;
}

// This process's death signal back to none at the end of a test.
struct ResetDeathSignal {
  ~ResetDeathSignal() { ::prctl(PR_SET_PDEATHSIG, 0); }
};

TEST_CASE("ExitWithParent asks for SIGTERM on the parent's death", "[mock][parent_watch]") {
  ResetDeathSignal reset;
  REQUIRE(DeathSignal() == 0);
  CHECK(fwmock::ExitWithParent(::getppid()));
  CHECK(DeathSignal() == SIGTERM);
}

TEST_CASE("ExitWithParent is false once the parent is not the one seen at start-up",
          "[mock][parent_watch]") {
  ResetDeathSignal reset;
  // As after a reparenting: the parent seen at start-up is no longer the parent.
  CHECK_FALSE(fwmock::ExitWithParent(::getpid()));
}

}  // namespace
}  // namespace fwmock_test
