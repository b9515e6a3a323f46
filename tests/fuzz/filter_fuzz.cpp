// libFuzzer target over the whole filter pipeline: parse, print, check against the test schema,
// evaluate over records that are unset, empty and full. Crashes, sanitizer reports, misuse of the
// Record contract and errors without a sane offset are findings.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "aipfilter/checker.h"
#include "aipfilter/parser.h"
#include "aipfilter/printer.h"
#include "test_schema.h"

namespace {

using aipfilter_test::TestRecord;

std::vector<TestRecord> MakeRecords() {
  std::vector<TestRecord> records(3);
  TestRecord& empty = records[1];
  empty.owner = aipfilter_test::TestOwner{};
  TestRecord& full = records[2];
  full.title = "nightly run \xC3\xA9t\xC3\xA9";
  full.display_name = "Nightly";
  full.count = 3;
  full.ratio = 0.5;
  full.active = true;
  full.phase = aipfilter_test::kLive;
  full.created = aipfilter_test::kT0;
  full.labels = {{"team", "ml"}, {"example.com/owner", "ada"}};
  full.tags = {"--epochs=3", "fast"};
  full.owner = aipfilter_test::TestOwner{"ada@example.com", 2, aipfilter_test::kJune2023, ""};
  return records;
}

void Require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<TestRecord> records = MakeRecords();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const aipfilter::Result<aipfilter::Ast> ast = aipfilter::Parse(text);
  if (!ast.ok()) {
    Require(ast.status().code() == aipfilter::StatusCode::kInvalidArgument);
    Require(ast.status().offset() <= size);
    return 0;
  }
  Require(ast->empty == aipfilter::Print(*ast).empty());
  const aipfilter::Result<aipfilter::Program> program =
      aipfilter::Check(*ast, aipfilter_test::TestSchema());
  if (!program.ok()) {
    Require(program.status().code() == aipfilter::StatusCode::kInvalidArgument);
    Require(program.status().offset() <= size);
    return 0;
  }
  for (const TestRecord& record : records) {
    (void)program->Matches(record);
    Require(record.misuse == 0);
  }
  return 0;
}
