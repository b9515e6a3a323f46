#include "field_suggestion.h"

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>

namespace fwmock_test {
namespace {

TEST_CASE("edit distance counts insertions, deletions and substitutions, not case",
          "[mock][field_suggestion]") {
  const auto [a, b, distance] = GENERATE(table<std::string, std::string, std::size_t>({
      {"", "", 0},
      {"", "abc", 3},
      {"abc", "", 3},
      {"numRank", "numRanks", 1},
      {"numranks", "numRanks", 0},
      {"kitten", "sitting", 3},
      {"flaw", "lawn", 2},
  }));
  CAPTURE(a, b);
  CHECK(fwmock::EditDistance(a, b) == distance);
  CHECK(fwmock::EditDistance(b, a) == distance);
}

TEST_CASE("a misspelt key suggests the closest field name at its level",
          "[mock][field_suggestion]") {
  const auto [key, closest] = GENERATE(table<std::string, std::string>({
      {"numRank", "numRanks"},
      {"num_rank", "num_ranks"},
      {"NodePoolID", "nodePoolId"},
      {"displayname", "displayName"},
      {"Statee", "state"},
      {"imageref", "imageRef"},
      {"pythonExecuter", "pythonExecutor"},
      {"pythonExecutor.targt", "pythonExecutor.target"},
      {"python_executor.target_typ", "python_executor.target_type"},
      {"shellExecutor.comand", "shellExecutor.command"},
      {"notebookExecutor.notebook_file", "notebookExecutor.notebook_filename"},
  }));
  CAPTURE(key);
  CHECK(fwmock::ClosestFieldName(key) == closest);
}

TEST_CASE("a key close to no field name suggests nothing", "[mock][field_suggestion]") {
  const std::string key =
      GENERATE(as<std::string>{}, "colour", "foo", "x", "", "priority", "pythonExecutor.command",
               "unknown.numRanks", "numRanks.numRanks", "pythonExecutor.zzzzzz");
  CAPTURE(key);
  CHECK(fwmock::ClosestFieldName(key) == "");
}

}  // namespace
}  // namespace fwmock_test
