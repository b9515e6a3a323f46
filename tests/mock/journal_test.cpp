// The journal's ring: the newest entries in order, ids that keep growing across Clear.
#include "journal.h"

#include <catch2/catch.hpp>

namespace fwmock {
namespace {

void Record(Journal& journal, const std::string& account) {
  journal.Record([&](JournalEntry& e) { e.account = account; });
}

std::vector<std::string> Accounts(const Journal& journal) {
  std::vector<std::string> out;
  for (const auto& e : journal.Entries()) out.push_back(e->account);
  return out;
}

TEST_CASE("The journal keeps the newest entries oldest first as the ring wraps", "[journal]") {
  Journal journal(3);
  CHECK(journal.enabled());
  CHECK(journal.Entries().empty());
  Record(journal, "a");
  Record(journal, "b");
  CHECK(Accounts(journal) == std::vector<std::string>{"a", "b"});
  for (const std::string account : {"c", "d", "e", "f", "g"}) Record(journal, account);
  CHECK(Accounts(journal) == std::vector<std::string>{"e", "f", "g"});
  const auto entries = journal.Entries();
  CHECK(entries[0]->id == 5);
  CHECK(entries[2]->id == 7);
}

TEST_CASE("Clearing the journal empties it and ids go on", "[journal]") {
  Journal journal(2);
  Record(journal, "a");
  Record(journal, "b");
  Record(journal, "c");
  journal.Clear();
  CHECK(journal.Entries().empty());
  Record(journal, "d");
  REQUIRE(journal.Entries().size() == 1);
  CHECK(journal.Entries()[0]->id == 4);
  CHECK(Accounts(journal) == std::vector<std::string>{"d"});
}

TEST_CASE("Entries a reader holds are never reused for newer requests", "[journal]") {
  Journal journal(2);
  Record(journal, "a");
  Record(journal, "b");
  const auto held = journal.Entries();
  for (const std::string account : {"c", "d", "e"}) Record(journal, account);
  CHECK(held[0]->account == "a");
  CHECK(held[1]->account == "b");
  CHECK(held[1]->id == 2);
  CHECK(Accounts(journal) == std::vector<std::string>{"d", "e"});
}

TEST_CASE("A journal of size 0 is disabled", "[journal]") {
  CHECK_FALSE(Journal(0).enabled());
  CHECK(Journal(0).Entries().empty());
}

}  // namespace
}  // namespace fwmock
