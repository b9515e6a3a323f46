#include "clock.h"

#include <catch2/catch.hpp>

namespace fwmock_test {
namespace {

using aipfilter::StatusCode;
using fwmock::Clock;

TEST_CASE("a manual clock stands still until moved, and never moves back", "[mock][clock]") {
  Clock clock = Clock::Manual(1000);
  CHECK(clock.mode() == Clock::Mode::kManual);
  CHECK(clock.Now() == 1000);
  CHECK(clock.Now() == 1000);
  REQUIRE(clock.Advance(500).ok());
  CHECK(clock.Now() == 1500);
  REQUIRE(clock.Set(2000).ok());
  CHECK(clock.Now() == 2000);
  CHECK(clock.Set(1999).code() == StatusCode::kFailedPrecondition);
  CHECK(clock.Advance(-1).code() == StatusCode::kFailedPrecondition);
  CHECK(clock.Now() == 2000);
  CHECK(clock.Set(2000).ok());  // standing still is not moving back
}

TEST_CASE("a real clock follows the system and cannot be moved", "[mock][clock]") {
  Clock clock = Clock::Real();
  const std::int64_t before = fwmock::SystemNow();
  const std::int64_t now = clock.Now();
  CHECK(now >= before);
  CHECK(clock.Advance(1).code() == StatusCode::kFailedPrecondition);
  CHECK(clock.Set(now + 1000000000).code() == StatusCode::kFailedPrecondition);
}

TEST_CASE("a manual clock refuses to pass the largest instant", "[mock][clock]") {
  Clock clock = Clock::Manual(INT64_MAX - 10);
  CHECK_FALSE(clock.Advance(11).ok());
  CHECK(clock.Advance(10).ok());
  CHECK(clock.Now() == INT64_MAX);
}

}  // namespace
}  // namespace fwmock_test
