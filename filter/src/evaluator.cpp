// Evaluates a compiled Program over a Record.
#include <string_view>

#include "aipfilter/program.h"

namespace aipfilter {

using detail::Node;
using detail::Op;

namespace detail {

bool Pattern::Matches(std::string_view value) const {
  switch (kind) {
    case Kind::kExact:
      return value == text;
    case Kind::kPrefix:
      return value.substr(0, text.size()) == text;
    case Kind::kSuffix:
      return value.size() >= text.size() && value.substr(value.size() - text.size()) == text;
    case Kind::kContains:
      return value.find(text) != std::string_view::npos;
    case Kind::kAny:
      return true;
  }
  return false;
}

}  // namespace detail

namespace {

template <typename T>
bool Holds(Comparator op, const T& a, const T& b) {
  switch (op) {
    case Comparator::kEq:
    case Comparator::kHas:
      return a == b;
    case Comparator::kNe:
      return a != b;
    case Comparator::kLt:
      return a < b;
    case Comparator::kLe:
      return a <= b;
    case Comparator::kGt:
      return a > b;
    case Comparator::kGe:
      return a >= b;
  }
  return false;
}

bool NonDefault(const Node& n, const Record& r) {
  switch (n.type) {
    case FieldType::kString:
      return !r.GetString(n.field).empty();
    case FieldType::kInt:
      return r.GetInt(n.field) != 0;
    case FieldType::kFloat:
      return r.GetFloat(n.field) != 0.0;
    case FieldType::kBool:
      return r.GetBool(n.field);
    case FieldType::kEnum:
      return r.GetEnum(n.field) != 0;
    case FieldType::kTimestamp:
    case FieldType::kMessage:
      return r.IsSet(n.field);
    case FieldType::kStringMap:
    case FieldType::kRepeatedString:
      return r.Size(n.field) > 0;
  }
  return false;
}

bool AnyElement(const Record& r, int field, const detail::Pattern& p) {
  const std::size_t size = r.Size(field);
  for (std::size_t i = 0; i < size; ++i) {
    if (p.Matches(r.Element(field, i))) return true;
  }
  return false;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

bool GuardsHold(const std::vector<int>& guards, const Record& r) {
  for (int g : guards) {
    if (!r.IsSet(g)) return false;
  }
  return true;
}

bool BareWord(const Node& n, const Record& r) {
  for (const detail::Source& s : n.sources) {
    if (!GuardsHold(s.guards, r)) continue;
    if (s.type == FieldType::kString) {
      if (Contains(r.GetString(s.field), n.text)) return true;
      continue;
    }
    const std::size_t size = r.Size(s.field);  // repeated elements, or map values
    for (std::size_t i = 0; i < size; ++i) {
      if (Contains(r.Element(s.field, i), n.text)) return true;
    }
  }
  return false;
}

bool Leaf(const Node& n, const Record& r) {
  std::string_view value;
  switch (n.op) {
    case Op::kStringCompare:
      return Holds(n.cmp, r.GetString(n.field), std::string_view(n.text));
    case Op::kStringMatch:
      return n.pattern.Matches(r.GetString(n.field)) != n.negate;
    case Op::kIntCompare:
      return n.literal_is_float ? Holds(n.cmp, static_cast<long double>(r.GetInt(n.field)),
                                        static_cast<long double>(n.float_value))
                                : Holds(n.cmp, r.GetInt(n.field), n.int_value);
    case Op::kFloatCompare:
      return Holds(n.cmp, r.GetFloat(n.field), n.float_value);
    case Op::kBoolEquals:
      return (r.GetBool(n.field) == n.boolean) != n.negate;
    case Op::kEnumEquals:
      return (r.GetEnum(n.field) == n.int_value) != n.negate;
    case Op::kTimestampCompare:
      return r.IsSet(n.field) && Holds(n.cmp, r.GetTimestamp(n.field), n.int_value);
    case Op::kNonDefault:
      return NonDefault(n, r);
    case Op::kMapHasKey:
      return r.Lookup(n.field, n.text, &value);
    case Op::kMapValueCompare:
      return r.Lookup(n.field, n.text, &value) && Holds(n.cmp, value, std::string_view(n.text2));
    case Op::kMapValueMatch:
      return r.Lookup(n.field, n.text, &value) && n.pattern.Matches(value) != n.negate;
    case Op::kRepeatedContains:
      return AnyElement(r, n.field, n.pattern);
    case Op::kBareWord:
      return BareWord(n, r);
    case Op::kConst:
      return n.boolean;
    case Op::kAnd:
    case Op::kOr:
    case Op::kNot:
      break;
  }
  return false;
}

}  // namespace

bool Program::Eval(int index, const Record& record) const {
  const Node& n = nodes_[static_cast<std::size_t>(index)];
  switch (n.op) {
    case Op::kAnd:
      for (int c : n.children) {
        if (!Eval(c, record)) return false;
      }
      return true;
    case Op::kOr:
      for (int c : n.children) {
        if (Eval(c, record)) return true;
      }
      return false;
    case Op::kNot:
      return !Eval(n.children[0], record);
    default:
      return GuardsHold(n.guards, record) && Leaf(n, record);
  }
}

bool Program::Matches(const Record& record) const { return nodes_.empty() || Eval(root_, record); }

}  // namespace aipfilter
