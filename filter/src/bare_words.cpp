#include "aipfilter/bare_words.h"

#include <string>
#include <vector>

namespace aipfilter {
namespace {

// The bare words of `e` in text order: members standing alone, not under a comparison or a
// call (whose arguments the checker rejects anyway).
void CollectBareWords(const Expr& e, std::vector<const Expr*>* out) {
  switch (e.kind) {
    case Expr::Kind::kMember:
      out->push_back(&e);
      return;
    case Expr::Kind::kAnd:
    case Expr::Kind::kOr:
    case Expr::Kind::kNot:
      for (const Expr& child : e.children) CollectBareWords(child, out);
      return;
    case Expr::Kind::kCompare:
    case Expr::Kind::kCall:
      return;
  }
}

std::string WordText(const Expr& member) {
  std::string text;
  for (const Value& v : member.path) text += (text.empty() ? "" : ".") + v.text;
  return text;
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// What to write instead of a keyword typed in lower case, or "" when `member` is no keyword.
const char* KeywordHint(const Expr& member) {
  if (member.path.size() != 1 || member.path[0].quoted) return "";
  const std::string word = Lower(member.path[0].text);
  if (word == "and") return "write AND to combine restrictions";
  if (word == "or") return "write OR to match either restriction";
  if (word == "not") return "write NOT to negate a restriction";
  return "";
}

Status BareWordError(const Expr& member, const char* hint) {
  return InvalidArgumentError("bare word \"" + WordText(member) + "\": " + hint, member.offset);
}

}  // namespace

Status RejectBareWords(const Ast& ast) {
  if (ast.empty) return OkStatus();
  std::vector<const Expr*> words;
  CollectBareWords(ast.root, &words);
  for (const Expr* word : words) {
    if (const char* hint = KeywordHint(*word); *hint) return BareWordError(*word, hint);
  }
  if (words.empty()) return OkStatus();
  return BareWordError(*words.front(), "strict filters need a field, a comparator and a value");
}

}  // namespace aipfilter
