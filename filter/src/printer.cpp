#include "aipfilter/printer.h"

#include <string>

namespace aipfilter {
namespace {

void PrintValue(const Value& v, std::string* out) {
  if (!v.quoted) {
    *out += v.text;
    return;
  }
  out->push_back('"');
  for (char c : v.text) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

void PrintPath(const std::vector<Value>& path, std::string* out) {
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (i > 0) out->push_back('.');
    PrintValue(path[i], out);
  }
}

void PrintExpr(const Expr& e, std::string* out) {
  const char* head = nullptr;
  switch (e.kind) {
    case Expr::Kind::kMember:
      PrintPath(e.path, out);
      return;
    case Expr::Kind::kAnd:
      head = "AND";
      break;
    case Expr::Kind::kOr:
      head = "OR";
      break;
    case Expr::Kind::kNot:
      head = "NOT";
      break;
    case Expr::Kind::kCompare:
      head = ComparatorText(e.op);
      break;
    case Expr::Kind::kCall:
      head = "CALL";
      break;
  }
  out->push_back('(');
  *out += head;
  if (e.kind == Expr::Kind::kCall) {
    out->push_back(' ');
    PrintPath(e.path, out);
  }
  for (const Expr& child : e.children) {
    out->push_back(' ');
    PrintExpr(child, out);
  }
  out->push_back(')');
}

}  // namespace

std::string Print(const Expr& expr) {
  std::string out;
  PrintExpr(expr, &out);
  return out;
}

std::string Print(const Ast& ast) { return ast.empty ? std::string() : Print(ast.root); }

}  // namespace aipfilter
