#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "aipfilter/checker.h"
#include "test_schema.h"

namespace aipfilter_test {
namespace {

// Five records, named a to e. Every expected result below is the string of the names of the
// records that match, worked out by hand from README.md and AIP.md.
//
//      title        count ratio active phase  created   labels                  tags
//   a  "Alpha run"      3  2.5  true   LIVE   T0        env=prod team=core      nightly gpu
//   b  "beta"          -1  0    false  DRAFT  T0+1ns    env=dev                 -
//   c  ""               0  0    false  UNSPEC unset     -                       -
//   d  "gamma*star"    10  3    true   DONE   T0-1h     example.com/owner=dan   alpha be*ta
//                                                       env="" display_name=x
//   e  "Zeta"           2 -0.25 false  LIVE   T0+1d     team=core-ml            nightly-build
//
//      owner (email, level, since, full_name)            display_name  retry_count
//   a  ann@example.com, 2, 2023-06-01T00:00Z, Ann Lee   "First Job"   4
//   b  "", 0, unset, ""                                 ""            0
//   c  unset                                            ""            0
//   d  dan@corp.io, 5, T0, ""                           "Gamma"       0
//   e  unset                                            "zeta"        0
//
// T0 is 2024-01-02T03:04:05Z.
std::vector<TestRecord> Dataset() {
  std::vector<TestRecord> records(5);
  TestRecord& a = records[0];
  a.id = 'a';
  a.title = "Alpha run";
  a.count = 3;
  a.ratio = 2.5;
  a.active = true;
  a.phase = kLive;
  a.created = kT0;
  a.labels = {{"env", "prod"}, {"team", "core"}};
  a.tags = {"nightly", "gpu"};
  a.owner = TestOwner{"ann@example.com", 2, kJune2023, "Ann Lee"};
  a.display_name = "First Job";
  a.retry_count = 4;

  TestRecord& b = records[1];
  b.id = 'b';
  b.title = "beta";
  b.count = -1;
  b.phase = kDraft;
  b.created = kT0 + 1;
  b.labels = {{"env", "dev"}};
  b.owner = TestOwner{};

  records[2].id = 'c';

  TestRecord& d = records[3];
  d.id = 'd';
  d.title = "gamma*star";
  d.count = 10;
  d.ratio = 3.0;
  d.active = true;
  d.phase = kDone;
  d.created = kT0 - 3600 * kSecond;
  d.labels = {{"example.com/owner", "dan"}, {"env", ""}, {"display_name", "x"}};
  d.tags = {"alpha", "be*ta"};
  d.owner = TestOwner{"dan@corp.io", 5, kT0, ""};
  d.display_name = "Gamma";

  TestRecord& e = records[4];
  e.id = 'e';
  e.title = "Zeta";
  e.count = 2;
  e.ratio = -0.25;
  e.phase = kLive;
  e.created = kT0 + 86400 * kSecond;
  e.labels = {{"team", "core-ml"}};
  e.tags = {"nightly-build"};
  e.display_name = "zeta";
  return records;
}

// The names of the records of Dataset() that `filter` matches, in order.
std::string Matching(const std::string& filter) {
  const aipfilter::Result<aipfilter::Program> program = aipfilter::Compile(filter, TestSchema());
  INFO(program.status().Describe());
  REQUIRE(program.ok());
  std::string ids;
  for (const TestRecord& record : Dataset()) {
    if (program->Matches(record)) ids += record.id;
    INFO("record " << record.id << " was read against the Record contract");
    CHECK(record.misuse == 0);
  }
  return ids;
}

TEST_CASE("an empty filter matches every record", "[filter][evaluator]") {
  const std::string filter = GENERATE(values<std::string>({"", "   ", "\t\n"}));
  CAPTURE(filter);
  const aipfilter::Result<aipfilter::Program> program = aipfilter::Compile(filter, TestSchema());
  REQUIRE(program.ok());
  CHECK(program->matches_everything());
  CHECK(program->Matches(TestRecord()));
  CHECK(Matching(filter) == "abcde");
}

TEST_CASE("OR binds tighter than AND and a sequence means AND", "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"active = true OR count = 0 AND phase = LIVE", "a"},
      {"phase = LIVE AND active = true OR count = 0", "a"},
      {"count = 2 OR count = 10 phase = DONE", "d"},
      {"count = 3 OR count = 2 phase = LIVE OR phase = DONE", "ae"},
      {"(count = 3 OR count = 2) (phase = LIVE OR phase = DONE)", "ae"},
      {"active = true AND (count = 0 OR phase = DONE)", "d"},
      {"nightly AND gpu", "a"},
      {"nightly OR corp", "ade"},
      {"nightly and gpu", ""},  // "and" is a word no record contains
      {"nightly or corp", ""},
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

TEST_CASE("NOT and minus negate a single term", "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"NOT active = true OR count = 10", "bcde"},
      {"-active = true OR count = 10", "bcde"},
      {"NOT (active = true OR count = 10)", "bce"},
      {"active = true AND NOT phase = LIVE", "d"},
      {"active = true -phase = LIVE", "d"},
      {"NOT count > 0", "bc"},
      {"-count > 0", "bc"},
      {"count > -1", "acde"},
      {"count != 3 AND NOT (phase = LIVE OR phase = DONE)", "bc"},
      {"NOT title:*", "c"},
      {"-nightly", "bcd"},
      {"nightly -gpu", "e"},
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

TEST_CASE("every comparator works on strings in bytewise order", "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"title = beta", "b"},
      {"title != beta", "acde"},
      {"title < beta", "ace"},
      {"title <= beta", "abce"},
      {"title > beta", "d"},
      {"title >= beta", "bd"},
      {"title:beta", "b"},
      {"title = \"Alpha run\"", "a"},
      {"title = alpha", ""},
      {"title:Beta", ""},
      {"title = \"\"", "c"},
      {"title > Zeta", "bd"},
      {"title < a", "ace"},
      {"displayName = Gamma", "d"},
      {"display_name >= a", "e"},
      {"owner.fullName = \"Ann Lee\"", "a"},
      {"owner.full_name != \"Ann Lee\"", "bd"},
      {"retryCount > 3", "a"},
      {"retry_count = 0", "bcde"},
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

TEST_CASE("every comparator works on ints", "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"count = 3", "a"},
      {"count != 3", "bcde"},
      {"count < 2", "bc"},
      {"count <= 2", "bce"},
      {"count > 2", "ad"},
      {"count >= 2", "ade"},
      {"count:3", "a"},
      {"count = -1", "b"},
      {"count = \"10\"", "d"},
      {"count=3", "a"},
      {"count =3", "a"},
      {"owner.level > 2", "d"},
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

TEST_CASE("numbers compare by value whether the literal is an int or a float",
          "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"count > 2.5", "ad"},
      {"count < 2.5", "bce"},
      {"count = 3.0", "a"},
      {"count = 2.5", ""},
      {"count != 2.5", "abcde"},
      {"count >= 3e0", "ad"},
      {"count = 1e1", "d"},
      {"count <= -0.5", "b"},
      {"ratio = 3", "d"},
      {"ratio > 2", "ad"},
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

TEST_CASE("every comparator works on floats", "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"ratio = 2.5", "a"},
      {"ratio != 2.5", "bcde"},
      {"ratio < 0", "e"},
      {"ratio <= 0", "bce"},
      {"ratio > 2.5", "d"},
      {"ratio >= 2.5", "ad"},
      {"ratio:0", "bc"},
      {"ratio = -0.25", "e"},
      {"ratio < -0.2", "e"},
      {"ratio > 2.5e-1", "ad"},
      {"ratio = '2.5'", "a"},
      {"ratio = 0.025e2", "a"},
      {"ratio = 25e-1", "a"},
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

TEST_CASE("bools and enums take equality, quoted or not", "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"active = true", "ad"},
      {"active != true", "bce"},
      {"active = false", "bce"},
      {"active != false", "ad"},
      {"active:true", "ad"},
      {"active = \"false\"", "bce"},
      {"phase = LIVE", "ae"},
      {"phase != LIVE", "bcd"},
      {"phase = \"LIVE\"", "ae"},
      {"phase:DRAFT", "b"},
      {"phase = PHASE_UNSPECIFIED", "c"},
      {"phase = 'DONE'", "d"},
      {"phase != \"DONE\"", "abce"},
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

TEST_CASE("every comparator works on timestamps", "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"created = \"2024-01-02T03:04:05Z\"", "a"},
      {"created != \"2024-01-02T03:04:05Z\"", "bde"},
      {"created < \"2024-01-02T03:04:05Z\"", "d"},
      {"created <= \"2024-01-02T03:04:05Z\"", "ad"},
      {"created > \"2024-01-02T03:04:05Z\"", "be"},
      {"created >= \"2024-01-02T03:04:05Z\"", "abe"},
      {"created < '2024-01-02T03:04:05Z'", "d"},
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

TEST_CASE("timestamps with different UTC offsets name the same instant", "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"created = \"2024-01-02T05:04:05+02:00\"", "a"},
      {"created = \"2024-01-01T22:34:05-04:30\"", "a"},
      {"created = \"2024-01-02T03:04:05+00:00\"", "a"},
      {"created = \"2024-01-02T04:04:05+02:00\"", "d"},
      {"created < \"2024-01-02T05:04:05+02:00\"", "d"},
      {"created >= \"2024-01-03T00:04:05-03:00\"", "e"},
      {"owner.since = \"2024-01-02T05:04:05+02:00\"", "d"},
      {"owner.since = \"2023-05-31T20:00:00-04:00\"", "a"},
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

TEST_CASE("timestamps compare to the nanosecond", "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"created = \"2024-01-02T03:04:05.000000001Z\"", "b"},
      {"created < \"2024-01-02T03:04:05.000000001Z\"", "ad"},
      {"created <= \"2024-01-02T03:04:05.000000001Z\"", "abd"},
      {"created != \"2024-01-02T03:04:05.000000001Z\"", "ade"},
      {"created > \"2024-01-02T03:04:04.999999999Z\"", "abe"},
      {"created = \"2024-01-02T03:04:05.000Z\"", "a"},
      {"created = \"2024-01-02T05:04:05.000000001+02:00\"", "b"},
      {"created = \"2024-01-02T03:04:05.0000000019Z\"", "b"},  // truncated, per timestamp.h
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

TEST_CASE("wildcards at the ends of a string match prefixes, suffixes and substrings",
          "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"title = \"*\"", "abcde"},
      {"display_name = \"*\"", "abcde"},
      {"title = \"gamma*\"", "d"},
      {"title = gamma*", "d"},
      {"title = \"*run\"", "a"},
      {"title = \"*et*\"", "be"},
      {"title = \"*ta\"", "be"},
      {"title = \"Al*run\"", ""},  // an interior * is literal
      {"title = \"gamma*star\"", "d"},
      {"title = \"gamma*s*\"", "d"},
      {"title != \"*ta\"", "acd"},
      {"title != \"*\"", ""},
      {"title:\"be*\"", "b"},
      {"title:\"*eta\"", "be"},
      {"title < \"*\"", "c"},  // ordering takes * literally
      {"owner.email = \"*@corp.io\"", "d"},
      {"owner.email != \"*@corp.io\"", "ab"},
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

TEST_CASE("wildcards apply to map values and repeated elements", "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"tags:nightly", "a"},
      {"tags:\"nightly*\"", "ae"},
      {"tags:\"*build\"", "e"},
      {"tags:\"*igh*\"", "ae"},
      {"tags:\"be*ta\"", "d"},
      {"tags:\"b*a\"", ""},
      {"tags:\"be*\"", "d"},
      {"tags:\"*a\"", "d"},
      {"tags:\"*u\"", "a"},
      {"tags:gp", ""},
      {"labels.env:prod", "a"},
      {"labels.env:\"pr*\"", "a"},
      {"labels.env = \"*ev\"", "b"},
      {"labels.team = \"core*\"", "ae"},
      {"labels.team = \"*ml\"", "e"},
      {"labels.team = core-ml", "e"},  // a - inside a word is part of it
      {"tags:nightly-build", "e"},
      {"labels.team != \"core*\"", ""},
      {"labels.team != \"*ml\"", "a"},
      {"labels.env = \"*\"", "abd"},
      {"labels.env != \"*\"", ""},
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

TEST_CASE("the has operator works on maps, repeated fields, messages and strings",
          "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"labels:env", "abd"},
      {"labels:team", "ae"},
      {"labels:prod", ""},
      {"labels:\"example.com/owner\"", "d"},
      {"labels.\"example.com/owner\" = dan", "d"},
      {"labels.\"example.com/owner\":*", "d"},
      {"labels.env:*", "abd"},
      {"labels:display_name", "d"},
      {"labels:displayName", ""},  // map keys are never converted
      {"labels.displayName:*", ""},
      {"labels.display_name = x", "d"},
      {"tags:alpha", "d"},
      {"owner:email", "ad"},
      {"owner:level", "ad"},
      {"owner:since", "ad"},
      {"owner:fullName", "a"},
      {"owner:full_name", "a"},
      {"title:\"Alpha run\"", "a"},
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

TEST_CASE("every comparator works on map values", "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"labels.env = prod", "a"},
      {"labels.env != prod", "bd"},
      {"labels.env < prod", "bd"},
      {"labels.env <= dev", "bd"},
      {"labels.env > dev", "a"},
      {"labels.env >= dev", "ab"},
      {"labels.env = \"\"", "d"},
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

TEST_CASE("presence means set, non-empty or non-default for each type", "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"title:*", "abde"},       {"count:*", "abde"},      {"ratio:*", "ade"},
      {"active:*", "ad"},        {"phase:*", "abde"},      {"created:*", "abde"},
      {"labels:*", "abde"},      {"tags:*", "ade"},        {"owner:*", "abd"},
      {"display_name:*", "ade"}, {"displayName:*", "ade"}, {"owner.email:*", "ad"},
      {"owner.level:*", "ad"},   {"owner.since:*", "ad"},  {"owner.fullName:*", "a"},
      {"retryCount:*", "a"},     {"NOT tags:*", "bc"},     {"NOT labels:*", "c"},
      {"NOT owner:*", "ce"},     {"NOT created:*", "c"},
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

TEST_CASE("an unset message on the path fails every comparison even not-equals",
          "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"owner.email = \"\"", "b"},
      {"NOT owner.email = \"\"", "acde"},
      {"owner.email != \"ann@example.com\"", "bd"},
      {"NOT owner.email != \"ann@example.com\"", "ace"},
      {"owner.email < \"~\"", "abd"},
      {"NOT owner.email < \"~\"", "ce"},
      {"owner.email = \"*\"", "abd"},
      {"owner.email != \"*\"", ""},
      {"NOT owner.email != \"*\"", "abcde"},
      {"owner.level = 0", "b"},
      {"NOT owner.level = 0", "acde"},
      {"owner.level != 2", "bd"},
      {"NOT owner.level != 2", "ace"},
      {"owner.level >= 0", "abd"},
      {"NOT owner.level >= 0", "ce"},
      {"owner.level < 100", "abd"},
      {"owner.level:0", "b"},
      {"owner.level:2", "a"},
      {"NOT owner.email:*", "bce"},
      {"owner.level != 2 OR count = 0", "bcd"},
      {"-owner.level = 2", "bcde"},
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

TEST_CASE("an unset timestamp fails every comparison even not-equals", "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"created = \"1970-01-01T00:00:00Z\"", ""},
      {"NOT created = \"1970-01-01T00:00:00Z\"", "abcde"},
      {"created != \"1970-01-01T00:00:00Z\"", "abde"},
      {"NOT created != \"1970-01-01T00:00:00Z\"", "c"},
      {"created < \"2200-01-01T00:00:00Z\"", "abde"},
      {"NOT created < \"2200-01-01T00:00:00Z\"", "c"},
      {"created > \"1900-01-01T00:00:00Z\"", "abde"},
      {"created >= \"1970-01-01T00:00:00Z\"", "abde"},
      {"created <= \"1970-01-01T00:00:00Z\"", ""},
      {"owner.since != \"2024-01-02T03:04:05Z\"", "a"},
      {"owner.since = \"2024-01-02T03:04:05Z\"", "d"},
      {"owner.since > \"2000-01-01T00:00:00Z\"", "ad"},
      {"NOT owner.since > \"2000-01-01T00:00:00Z\"", "bce"},
      {"owner.since < \"2000-01-01T00:00:00Z\"", ""},
      {"NOT owner.since:*", "bce"},
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

TEST_CASE("a missing map key fails every comparison", "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"labels.team = \"\"", ""},
      {"NOT labels.team = \"\"", "abcde"},
      {"labels.team != x", "ae"},
      {"NOT labels.team != x", "bcd"},
      {"labels.team < zzz", "ae"},
      {"labels.team >= \"\"", "ae"},
      {"labels.team:*", "ae"},
      {"NOT labels.team:*", "bcd"},
      {"labels.team = \"*\"", "ae"},
      {"labels.team != \"*\"", ""},
      {"NOT labels.env != prod", "ace"},
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

TEST_CASE("a bare word matches a case-sensitive substring of any string value",
          "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"nightly", "ae"},  // repeated elements
      {"Alpha", "a"},     // a string field
      {"alpha", "d"},     // case-sensitive
      {"prod", "a"},      // a map value
      {"core", "ae"},
      {"dan", "d"},
      {"ann", "a"},  // a string in a set message
      {"corp", "d"},
      {"Lee", "a"},
      {"example.com", "a"},  // a member is the literal "example.com"; map keys
                             // do not count
      {"ta", "bde"},
      {"\"First Job\"", "a"},
      {"\"irst J\"", "a"},
      {"'@'", "ad"},
      {"Zeta zeta", "e"},
      {"NOT nightly", "bcd"},
      {"env", ""},  // only a map key
      {"team", ""},
      {"LIVE", ""},  // enums do not count
      {"DRAFT", ""},
      {"2024", ""},      // timestamps do not count
      {"\"a*s\"", "d"},  // * is literal
      {"\"be*t\"", "d"},
      {"\"ta*\"", ""},
      {"\"*eta\"", ""},
  }));
  CAPTURE(filter);
  CHECK(Matching(filter) == expected);
}

// Records at the edges of int64 nanoseconds: l at the minimum (1677-09-21T00:12:43.145224192Z),
// m at 1677-09-21T00:12:43.5Z, h at the maximum (2262-04-11T23:47:16.854775807Z), a at T0, u
// unset.
std::string MatchingEdges(const std::string& filter) {
  const aipfilter::Result<aipfilter::Program> program = aipfilter::Compile(filter, TestSchema());
  INFO(program.status().Describe());
  REQUIRE(program.ok());
  const std::pair<char, std::optional<std::int64_t>> records[] = {
      {'l', std::numeric_limits<std::int64_t>::min()},
      {'m', -9223372036 * kSecond - 500000000},
      {'a', kT0},
      {'h', std::numeric_limits<std::int64_t>::max()},
      {'u', std::nullopt}};
  std::string ids;
  for (const auto& [id, created] : records) {
    TestRecord record;
    record.created = created;
    if (program->Matches(record)) ids += id;
  }
  return ids;
}

TEST_CASE("timestamp literals at and beyond the int64 nanosecond range compare exactly",
          "[filter][evaluator]") {
  // A literal beyond the range is later (or earlier) than every record, so it is never equal to
  // the record at the edge; an unset timestamp still fails every comparison.
  auto [filter, expected] = GENERATE(table<std::string, std::string>({
      {"created < \"2262-04-11T23:47:16.854775808Z\"", "lmah"},
      {"created <= \"2262-04-11T23:47:16.854775808Z\"", "lmah"},
      {"created != \"2262-04-11T23:47:16.854775808Z\"", "lmah"},
      {"created > \"2262-04-11T23:47:16.854775808Z\"", ""},
      {"created >= \"2262-04-11T23:47:16.854775808Z\"", ""},
      {"created = \"2262-04-11T23:47:16.854775808Z\"", ""},
      {"created > \"1677-09-21T00:12:43.145224191Z\"", "lmah"},
      {"created >= \"1677-09-21T00:12:43.145224191Z\"", "lmah"},
      {"created != \"1677-09-21T00:12:43.145224191Z\"", "lmah"},
      {"created < \"1677-09-21T00:12:43.145224191Z\"", ""},
      {"created <= \"1677-09-21T00:12:43.145224191Z\"", ""},
      {"created = \"1677-09-21T00:12:43.145224191Z\"", ""},
      {"created = \"2262-04-11T23:47:16.854775807Z\"", "h"},
      {"created >= \"2262-04-11T23:47:16.854775807Z\"", "h"},
      {"created < \"2262-04-11T23:47:16.854775807Z\"", "lma"},
      {"created = \"1677-09-21T00:12:43.145224192Z\"", "l"},
      {"created <= \"1677-09-21T00:12:43.145224192Z\"", "l"},
      {"created > \"1677-09-21T00:12:43.145224192Z\"", "mah"},
      {"created = \"1677-09-21T00:12:43.5Z\"", "m"},
      {"created < \"1677-09-21T00:12:43.5Z\"", "l"},
      {"created > \"0001-01-01T00:00:00Z\"", "lmah"},
      {"NOT created > \"0001-01-01T00:00:00Z\"", "u"},
      {"created < \"9999-12-31T23:59:59Z\"", "lmah"},
      {"NOT created = \"9999-12-31T23:59:59Z\"", "lmahu"},
  }));
  CAPTURE(filter);
  CHECK(MatchingEdges(filter) == expected);
}

TEST_CASE("int literals compare exactly with int fields beyond double precision",
          "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, bool>({
      {"count = 9007199254740993", true},
      {"count = 9007199254740992", false},
      {"count > 9007199254740992", true},
      {"count != 9007199254740992", true},
      {"count <= 9007199254740992", false},
  }));
  CAPTURE(filter);
  TestRecord record;
  record.count = 9007199254740993;  // 2^53 + 1, not a double
  const aipfilter::Result<aipfilter::Program> program = aipfilter::Compile(filter, TestSchema());
  REQUIRE(program.ok());
  CHECK(program->Matches(record) == expected);
}

TEST_CASE("escapes and UTF-8 in literals reach the comparison", "[filter][evaluator]") {
  auto [filter, expected] = GENERATE(table<std::string, bool>({
      {"title = \"caf\u00e9 \\\"q\\\"\\ttab\"", true},
      {"title = 'caf\u00e9 \"q\"\\ttab'", true},
      {"title = \"caf\\u00e9*\"", true},
      {"title:\"*\u00e9*\"", true},
      {"title:\"*\\\"q\\\"*\"", true},
      {"caf\u00e9", true},
      {"\"\\u00e9\"", true},
      {"title = \"cafe*\"", false},
      {"\"\\t\"", true},
      {"\"\\n\"", false},
  }));
  CAPTURE(filter);
  TestRecord record;
  record.title = "caf\u00e9 \"q\"\ttab";
  const aipfilter::Result<aipfilter::Program> program = aipfilter::Compile(filter, TestSchema());
  INFO(program.status().Describe());
  REQUIRE(program.ok());
  CHECK(program->Matches(record) == expected);
}

}  // namespace
}  // namespace aipfilter_test
