#include "aipfilter/schema.h"

#include <cctype>

namespace aipfilter {

std::string SnakeToCamel(std::string_view snake) {
  std::string out;
  out.reserve(snake.size());
  bool upper = false;
  for (char c : snake) {
    if (c == '_') {
      upper = !out.empty();
      continue;
    }
    out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    upper = false;
  }
  return out;
}

const Field* FindField(const std::vector<Field>& fields, std::string_view name) {
  for (const Field& f : fields) {
    if (f.name == name) return &f;
    if (f.json_name.empty() ? SnakeToCamel(f.name) == name : f.json_name == name) return &f;
  }
  return nullptr;
}

const char* FieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kString:
      return "string";
    case FieldType::kInt:
      return "int";
    case FieldType::kFloat:
      return "float";
    case FieldType::kBool:
      return "bool";
    case FieldType::kEnum:
      return "enum";
    case FieldType::kTimestamp:
      return "timestamp";
    case FieldType::kStringMap:
      return "map";
    case FieldType::kRepeatedString:
      return "repeated";
    case FieldType::kMessage:
      return "message";
  }
  return "unknown";
}

}  // namespace aipfilter
