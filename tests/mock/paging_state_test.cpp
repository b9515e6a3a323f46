#include "paging_state.h"

#include <catch2/catch.hpp>

#include <optional>

// Which mode is in force for an account (paging_state.h).
namespace fwmock_test {
namespace {

using fwmock::PagingMode;
using fwmock::PagingState;

PagingMode Capped(std::int64_t max) {
  PagingMode mode;
  mode.max_page_size = max;
  return mode;
}

TEST_CASE("no mode is in force until one is set", "[mock][paging]") {
  const PagingState state;
  CHECK_FALSE(state.In("acme").has_value());
  CHECK(state.Global().normal());
}

TEST_CASE("the start-up mode applies to every account", "[mock][paging]") {
  const PagingState state(Capped(3));
  REQUIRE(state.In("acme").has_value());
  CHECK(*state.In("acme") == Capped(3));
  CHECK(*state.In("globex") == Capped(3));
}

TEST_CASE("an account's own mode replaces the global one for it alone", "[mock][paging]") {
  PagingState state;
  state.SetGlobal(Capped(3));
  PagingMode own;
  own.empty_page_every = 2;
  state.SetAccount("acme", own);
  CHECK(*state.In("acme") == own);  // replaced, not merged: no cap
  CHECK(*state.In("globex") == Capped(3));
  state.SetAccount("globex", PagingMode());  // a normal mode of its own exempts it
  CHECK_FALSE(state.In("globex").has_value());
  CHECK(*state.In("initech") == Capped(3));
  state.ClearAccount("acme");
  CHECK(*state.In("acme") == Capped(3));
  state.SetGlobal(PagingMode());
  CHECK_FALSE(state.In("acme").has_value());
}

TEST_CASE("an account's mode works without a global one", "[mock][paging]") {
  PagingState state;
  state.SetAccount("acme", Capped(2));
  CHECK(*state.In("acme") == Capped(2));
  CHECK_FALSE(state.In("globex").has_value());
  CHECK(state.Global().normal());
}

TEST_CASE("Clear removes every mode and ClearAccount only that account's", "[mock][paging]") {
  PagingState state;
  state.SetGlobal(Capped(3));
  state.SetAccount("acme", Capped(1));
  state.SetAccount("globex", Capped(2));
  state.ClearAccount("globex");
  CHECK(*state.In("globex") == Capped(3));
  CHECK(*state.In("acme") == Capped(1));
  state.Clear();
  CHECK_FALSE(state.In("acme").has_value());
  CHECK_FALSE(state.In("globex").has_value());
  CHECK(state.Global().normal());
}

}  // namespace
}  // namespace fwmock_test
