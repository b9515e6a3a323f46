#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "aipfilter/ast.h"
#include "aipfilter/record.h"
#include "aipfilter/schema.h"

namespace aipfilter {

namespace detail {

// How a string literal with wildcards matches: `*` at the start and/or end of the literal makes
// it a suffix, prefix or substring match; "*" alone matches anything.
struct Pattern {
  enum class Kind : std::uint8_t { kExact, kPrefix, kSuffix, kContains, kAny };
  Kind kind = Kind::kExact;
  std::string text;  // the literal without its leading/trailing '*'
  bool Matches(std::string_view value) const;
};

enum class Op : std::uint8_t {
  kAnd,
  kOr,
  kNot,
  kConst,             // constant `boolean`
  kStringCompare,     // cmp against `text` (bytewise, no wildcards)
  kStringMatch,       // `pattern`; `negate` for !=
  kIntCompare,        // cmp against `int_value` (or `float_value` when `literal_is_float`)
  kFloatCompare,      // cmp against `float_value`
  kBoolEquals,        // == `boolean`, `negate` for !=
  kEnumEquals,        // == `int_value`, `negate` for !=
  kTimestampCompare,  // cmp against `int_value` nanoseconds; false when unset
  kNonDefault,        // the field has a non-default value (set, non-empty, non-zero)
  kMapHasKey,         // `text` is the key
  kMapValueCompare,   // value under key `text` cmp `text2`; false when missing
  kMapValueMatch,     // value under key `text` matches `pattern`; false when missing
  kRepeatedContains,  // some element matches `pattern`
  kBareWord,          // some string value among `sources` contains `text`
};

struct Source {
  int field;
  FieldType type;  // kString, kRepeatedString or kStringMap
  std::vector<int> guards;
};

struct Node {
  Op op = Op::kConst;
  Comparator cmp = Comparator::kEq;
  FieldType type = FieldType::kString;  // kNonDefault: the type of `field`
  bool negate = false;
  bool boolean = false;
  bool literal_is_float = false;
  int field = -1;
  std::int64_t int_value = 0;
  double float_value = 0.0;
  std::string text;
  std::string text2;
  Pattern pattern;
  std::vector<int> guards;    // enclosing messages that must be set for the node to hold
  std::vector<int> children;  // kAnd, kOr, kNot: indices into Program::nodes_
  std::vector<Source> sources;
};

}  // namespace detail

// A checked filter, compiled against a schema: names resolved to field ids and literals parsed
// into typed values, so evaluation re-resolves and re-parses nothing.
class Program {
 public:
  // Whether the record satisfies the filter. An empty filter matches everything.
  bool Matches(const Record& record) const;
  bool matches_everything() const { return nodes_.empty(); }

 private:
  friend class Compiler;
  bool Eval(int node, const Record& record) const;

  std::vector<detail::Node> nodes_;
  int root_ = -1;
};

}  // namespace aipfilter
