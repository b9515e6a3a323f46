// Resolves names against the schema, types the literals and compiles a Program.
#include "aipfilter/checker.h"

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <string>
#include <utility>

#include "aipfilter/timestamp.h"

namespace aipfilter {

using detail::Node;
using detail::Op;
using detail::Pattern;

namespace {

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// A literal argument: the segments of a member joined with ".", so `2.5` and `com.google` read
// as written.
struct Literal {
  std::string text;
  bool quoted = false;
  std::size_t offset = 0;
};

// A resolved left-hand side.
struct Target {
  const Field* field = nullptr;
  std::string name;         // canonical dotted snake_case name, for messages
  std::vector<int> guards;  // enclosing messages
  bool has_key = false;     // the path ends in a map key
  std::string key;
};

bool IsNumber(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) ++digits;
  if (i < s.size() && s[i] == '.') {
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t start = i;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    }
    if (i == start) return false;
  }
  return i == s.size();
}

// Sets `*node` to an int or float literal; false when `text` is no number.
bool ParseNumber(const std::string& text, Node* node) {
  if (!IsNumber(text)) return false;
  const char* begin = text.data() + (text[0] == '+' ? 1 : 0);
  const char* end = text.data() + text.size();
  std::int64_t i = 0;
  auto [ptr, ec] = std::from_chars(begin, end, i);
  if (ec == std::errc() && ptr == end) {
    node->int_value = i;
    node->float_value = static_cast<double>(i);
    node->literal_is_float = false;
    return true;
  }
  errno = 0;
  node->float_value = std::strtod(text.c_str(), nullptr);
  node->literal_is_float = true;
  return true;
}

// A timestamp literal beyond int64 nanoseconds is later (or earlier) than every record: compare
// with the edge it was clamped to, by a comparator that answers alike for every instant held.
Comparator BeyondRange(Comparator op, bool late) {
  const bool holds =
      op == Comparator::kNe || (late ? op == Comparator::kLt || op == Comparator::kLe
                                     : op == Comparator::kGt || op == Comparator::kGe);
  if (late) return holds ? Comparator::kLe : Comparator::kGt;
  return holds ? Comparator::kGe : Comparator::kLt;
}

Pattern MakePattern(std::string_view text) {
  Pattern p;
  if (text == "*") {
    p.kind = Pattern::Kind::kAny;
    return p;
  }
  const bool leading = !text.empty() && text.front() == '*';
  const bool trailing = text.size() > 1 && text.back() == '*';
  if (leading) text.remove_prefix(1);
  if (trailing) text.remove_suffix(1);
  p.text = std::string(text);
  if (leading && trailing) {
    p.kind = Pattern::Kind::kContains;
  } else if (leading) {
    p.kind = Pattern::Kind::kSuffix;
  } else if (trailing) {
    p.kind = Pattern::Kind::kPrefix;
  }
  return p;
}

bool IsOrdering(Comparator op) {
  return op == Comparator::kLt || op == Comparator::kLe || op == Comparator::kGt ||
         op == Comparator::kGe;
}

}  // namespace

class Compiler {
 public:
  explicit Compiler(const Schema& schema) : schema_(schema) {}

  Result<Program> Run(const Ast& ast) {
    if (ast.empty) return std::move(program_);
    Result<int> root = Compile(ast.root);
    if (!root.ok()) return root.status();
    program_.root_ = *root;
    return std::move(program_);
  }

 private:
  int Add(Node node) {
    program_.nodes_.push_back(std::move(node));
    return static_cast<int>(program_.nodes_.size() - 1);
  }

  Result<int> Compile(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::kAnd:
      case Expr::Kind::kOr:
      case Expr::Kind::kNot:
        return Junction(e);
      case Expr::Kind::kCall:
        return UnknownFunction(e);
      case Expr::Kind::kMember:
        return BareWord(e);
      case Expr::Kind::kCompare:
        return Compare(e);
    }
    return InvalidArgumentError("unsupported expression", e.offset);
  }

  Result<int> Junction(const Expr& e) {
    Node node;
    node.op = e.kind == Expr::Kind::kAnd  ? Op::kAnd
              : e.kind == Expr::Kind::kOr ? Op::kOr
                                          : Op::kNot;
    for (const Expr& child : e.children) {
      Result<int> c = Compile(child);
      if (!c.ok()) return c;
      node.children.push_back(*c);
    }
    return Add(std::move(node));
  }

  static Status UnknownFunction(const Expr& call) {
    std::string name;
    for (const Value& v : call.path) name += (name.empty() ? "" : ".") + v.text;
    return InvalidArgumentError("unknown function " + Quote(name), call.offset);
  }

  // A bare word: a substring of any string value of the record.
  Result<int> BareWord(const Expr& e) {
    Node node;
    node.op = Op::kBareWord;
    node.text = ToLiteral(e).text;
    CollectStrings(schema_.fields, {}, &node.sources);
    return Add(std::move(node));
  }

  static void CollectStrings(const std::vector<Field>& fields, const std::vector<int>& guards,
                             std::vector<detail::Source>* out) {
    for (const Field& f : fields) {
      if (f.type == FieldType::kString || f.type == FieldType::kRepeatedString ||
          f.type == FieldType::kStringMap) {
        out->push_back({f.id, f.type, guards});
      } else if (f.type == FieldType::kMessage) {
        std::vector<int> inner = guards;
        inner.push_back(f.id);
        CollectStrings(f.fields, inner, out);
      }
    }
  }

  static Literal ToLiteral(const Expr& member) {
    Literal lit;
    lit.offset = member.offset;
    lit.quoted = member.path.size() == 1 && member.path[0].quoted;
    for (std::size_t i = 0; i < member.path.size(); ++i) {
      if (i > 0) lit.text.push_back('.');
      lit.text += member.path[i].text;
    }
    return lit;
  }

  Result<Literal> Argument(const Expr& arg) {
    if (arg.parenthesized || arg.kind != Expr::Kind::kMember) {
      if (arg.kind == Expr::Kind::kCall && !arg.parenthesized) return UnknownFunction(arg);
      return InvalidArgumentError("a parenthesized argument is not supported", arg.offset);
    }
    return ToLiteral(arg);
  }

  Result<Target> Resolve(const Expr& lhs, Comparator op) {
    if (lhs.kind == Expr::Kind::kCall) return UnknownFunction(lhs);
    if (lhs.parenthesized || lhs.kind != Expr::Kind::kMember) {
      return InvalidArgumentError(
          std::string("expected a field on the left of \"") + ComparatorText(op) + "\"",
          lhs.offset);
    }
    const Value& head = lhs.path[0];
    Target t;
    t.field = FindField(schema_.fields, head.text);
    if (t.field == nullptr || head.quoted) {
      if (head.quoted || IsNumber(head.text) || head.text == "true" || head.text == "false") {
        return InvalidArgumentError(std::string("expected a field on the left of \"") +
                                        ComparatorText(op) + "\", found the literal " +
                                        Quote(ToLiteral(lhs).text),
                                    lhs.offset);
      }
      return InvalidArgumentError("unknown field " + Quote(head.text), head.offset);
    }
    t.name = t.field->name;
    for (std::size_t i = 1; i < lhs.path.size(); ++i) {
      if (Status s = Step(lhs.path, i, &t); !s.ok()) return s;
    }
    return t;
  }

  // Moves `t` one segment down the path: into a message's field or a map's key.
  static Status Step(const std::vector<Value>& path, std::size_t i, Target* t) {
    const Value& seg = path[i];
    if (t->has_key) {
      return InvalidArgumentError("cannot traverse into the value of map field " + Quote(t->name),
                                  seg.offset);
    }
    switch (t->field->type) {
      case FieldType::kMessage: {
        const Field* sub = FindField(t->field->fields, seg.text);
        if (sub == nullptr) {
          return InvalidArgumentError("unknown field " + Quote(t->name + "." + seg.text),
                                      seg.offset);
        }
        t->guards.push_back(t->field->id);
        t->field = sub;
        t->name += "." + sub->name;
        return OkStatus();
      }
      case FieldType::kStringMap:
        t->has_key = true;
        t->key = seg.text;
        return OkStatus();
      case FieldType::kRepeatedString:
        return InvalidArgumentError("cannot traverse repeated field " + Quote(t->name), seg.offset);
      default:
        return InvalidArgumentError("unknown field " + Quote(t->name + "." + seg.text), seg.offset);
    }
  }

  Result<int> Compare(const Expr& e) {
    Result<Target> target = Resolve(e.children[0], e.op);
    if (!target.ok()) return target.status();
    Result<Literal> lit = Argument(e.children[1]);
    if (!lit.ok()) return lit.status();
    Node node;
    node.cmp = e.op;
    node.field = target->field->id;
    node.guards = target->guards;
    node.type = target->field->type;
    Status s = target->has_key ? MapValue(e, *target, *lit, &node) : Typed(e, *target, *lit, &node);
    if (!s.ok()) return s;
    return Add(std::move(node));
  }

  static Status NotDefined(const Expr& e, const Target& t, const char* what = nullptr) {
    return InvalidArgumentError(Quote(ComparatorText(e.op)) + " is not defined for " +
                                    (what ? what : FieldTypeName(t.field->type)) + " field " +
                                    Quote(t.name),
                                e.op_offset);
  }

  // `m.key <op> literal`: the value under a map key, a string.
  static Status MapValue(const Expr& e, const Target& t, const Literal& lit, Node* node) {
    node->text = t.key;
    if (e.op == Comparator::kHas && lit.text == "*") {
      node->op = Op::kMapHasKey;
    } else if (e.op == Comparator::kEq || e.op == Comparator::kNe || e.op == Comparator::kHas) {
      node->op = Op::kMapValueMatch;
      node->pattern = MakePattern(lit.text);
      node->negate = e.op == Comparator::kNe;
    } else {
      node->op = Op::kMapValueCompare;
      node->text2 = lit.text;
    }
    (void)t;
    return OkStatus();
  }

  // Presence (`x:*`) on any type, then the comparison by the field's type.
  static Status Typed(const Expr& e, const Target& t, const Literal& lit, Node* node) {
    if (e.op == Comparator::kHas && lit.text == "*") {
      node->op = Op::kNonDefault;
      return OkStatus();
    }
    switch (t.field->type) {
      case FieldType::kString:
        return String(e, lit, node);
      case FieldType::kInt:
      case FieldType::kFloat:
        return Number(e, t, lit, node);
      case FieldType::kBool:
        return Bool(e, t, lit, node);
      case FieldType::kEnum:
        return Enum(e, t, lit, node);
      case FieldType::kTimestamp:
        return Timestamp(e, t, lit, node);
      case FieldType::kStringMap:
        if (e.op != Comparator::kHas) return NotDefined(e, t);
        node->op = Op::kMapHasKey;
        node->text = lit.text;
        return OkStatus();
      case FieldType::kRepeatedString:
        if (e.op != Comparator::kHas) return NotDefined(e, t);
        node->op = Op::kRepeatedContains;
        node->pattern = MakePattern(lit.text);
        return OkStatus();
      case FieldType::kMessage:
        return Message(e, t, lit, node);
    }
    return NotDefined(e, t);
  }

  static Status String(const Expr& e, const Literal& lit, Node* node) {
    if (IsOrdering(e.op)) {
      node->op = Op::kStringCompare;
      node->text = lit.text;
    } else {
      node->op = Op::kStringMatch;
      node->pattern = MakePattern(lit.text);
      node->negate = e.op == Comparator::kNe;
    }
    return OkStatus();
  }

  static Status Number(const Expr& e, const Target& t, const Literal& lit, Node* node) {
    if (!ParseNumber(lit.text, node)) {
      return InvalidArgumentError(
          "field " + Quote(t.name) + " expects a number, got " + Quote(lit.text), lit.offset);
    }
    node->op = t.field->type == FieldType::kInt ? Op::kIntCompare : Op::kFloatCompare;
    if (e.op == Comparator::kHas) node->cmp = Comparator::kEq;
    return OkStatus();
  }

  static Status Bool(const Expr& e, const Target& t, const Literal& lit, Node* node) {
    if (IsOrdering(e.op)) return NotDefined(e, t);
    if (lit.text != "true" && lit.text != "false") {
      return InvalidArgumentError(
          "field " + Quote(t.name) + " expects true or false, got " + Quote(lit.text), lit.offset);
    }
    node->op = Op::kBoolEquals;
    node->boolean = lit.text == "true";
    node->negate = e.op == Comparator::kNe;
    return OkStatus();
  }

  static Status Enum(const Expr& e, const Target& t, const Literal& lit, Node* node) {
    if (IsOrdering(e.op)) return NotDefined(e, t);
    const auto& values = t.field->enum_values;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i] == lit.text) {
        node->op = Op::kEnumEquals;
        node->int_value = static_cast<std::int64_t>(i);
        node->negate = e.op == Comparator::kNe;
        return OkStatus();
      }
    }
    return InvalidArgumentError("enum field " + Quote(t.name) + " has no value " + Quote(lit.text),
                                lit.offset);
  }

  static Status Timestamp(const Expr& e, const Target& t, const Literal& lit, Node* node) {
    if (e.op == Comparator::kHas) {
      return InvalidArgumentError("\":\" with a value is not defined for timestamp field " +
                                      Quote(t.name) + " (use \":*\" for presence)",
                                  e.op_offset);
    }
    if (!lit.quoted) {
      return InvalidArgumentError(
          "field " + Quote(t.name) + " expects a quoted RFC 3339 timestamp, got " + Quote(lit.text),
          lit.offset);
    }
    const TimestampParse parsed = ParseRfc3339Clamped(lit.text, &node->int_value);
    if (parsed == TimestampParse::kMalformed) {
      return InvalidArgumentError(
          "field " + Quote(t.name) + " expects an RFC 3339 timestamp, got " + Quote(lit.text),
          lit.offset);
    }
    if (parsed != TimestampParse::kOk) {
      node->cmp = BeyondRange(e.op, parsed == TimestampParse::kTooLate);
    }
    node->op = Op::kTimestampCompare;
    return OkStatus();
  }

  // `m:sub`: the subfield has a non-default value.
  static Status Message(const Expr& e, const Target& t, const Literal& lit, Node* node) {
    if (e.op != Comparator::kHas) return NotDefined(e, t);
    const Field* sub = FindField(t.field->fields, lit.text);
    if (sub == nullptr) {
      return InvalidArgumentError("unknown field " + Quote(t.name + "." + lit.text), lit.offset);
    }
    node->guards.push_back(t.field->id);
    node->op = Op::kNonDefault;
    node->field = sub->id;
    node->type = sub->type;
    return OkStatus();
  }

  const Schema& schema_;
  Program program_;
};

Result<Program> Check(const Ast& ast, const Schema& schema) { return Compiler(schema).Run(ast); }

Result<Program> Compile(std::string_view filter, const Schema& schema,
                        const ParseOptions& options) {
  Result<Ast> ast = Parse(filter, options);
  if (!ast.ok()) return ast.status();
  return Check(*ast, schema);
}

}  // namespace aipfilter
