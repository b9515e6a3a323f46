#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aipfilter {

enum class FieldType {
  kString,
  kInt,  // any integer width; read as int64
  kFloat,
  kBool,
  kEnum,            // values in declaration order; read as the index of the value
  kTimestamp,       // read as nanoseconds since the Unix epoch; has presence
  kStringMap,       // map<string, string>
  kRepeatedString,  // repeated string
  kMessage,         // has presence and subfields
};

// One field the filter may name. `id` is how the record is asked for its value: unique over the
// whole schema, nested fields included. Nested fields are read from the record by their own id;
// the evaluator checks that every enclosing message is set before it reads them.
struct Field {
  std::string name;       // snake_case, as in the resource
  std::string json_name;  // camelCase; derived from `name` when left empty
  FieldType type = FieldType::kString;
  int id = 0;
  std::vector<std::string> enum_values;  // kEnum
  std::vector<Field> fields;             // kMessage
};

struct Schema {
  std::vector<Field> fields;
};

// "python_executor" -> "pythonExecutor".
std::string SnakeToCamel(std::string_view snake);

// The field named `name` (snake or camel spelling) among `fields`, or nullptr.
const Field* FindField(const std::vector<Field>& fields, std::string_view name);

const char* FieldTypeName(FieldType type);

}  // namespace aipfilter
