#include "order_by.h"

#include "text.h"

namespace fwmock {

using aipfilter::FieldType;
using aipfilter::InvalidArgumentError;

namespace {

Status OrderByError(const std::string& what) {
  return InvalidArgumentError("invalid orderBy: " + what);
}

Result<const JobField*> ResolvePath(std::string_view path) {
  const JobField* field = nullptr;
  for (std::string_view segment : Split(path, '.')) {
    if (field != nullptr && field->type != FieldType::kMessage) {
      return OrderByError("cannot order by " + std::string(FieldTypeName(field->type)) +
                          " field \"" + std::string(path) + "\"");
    }
    const JobField* next = FindJobField(field ? field->id : 0, segment);
    if (next == nullptr) return OrderByError("unknown field \"" + std::string(path) + "\"");
    field = next;
  }
  if (!field->orderable) {
    return OrderByError("cannot order by " + std::string(FieldTypeName(field->type)) + " field \"" +
                        std::string(path) + "\"");
  }
  return field;
}

Result<OrderKey> ParseItem(std::string_view item) {
  const std::vector<std::string_view> words = SplitWords(item);
  if (words.empty()) return OrderByError("empty field name");
  if (words.size() > 2 || (words.size() == 2 && words[1] != "desc" && words[1] != "asc")) {
    return OrderByError("expected \"FIELD\", \"FIELD asc\" or \"FIELD desc\", got \"" +
                        std::string(Trim(item)) + "\"");
  }
  Result<const JobField*> field = ResolvePath(words[0]);
  if (!field.ok()) return field.status();
  return OrderKey{*field, words.size() == 2 && words[1] == "desc"};
}

std::string PathOf(const JobField* field) {
  if (field->parent == 0) return field->name;
  return std::string(JobFields()[static_cast<std::size_t>(field->parent - 1)].name) + "." +
         field->name;
}

int CompareValues(FieldType type, const FieldValue& a, const FieldValue& b) {
  if (a.present != b.present) return a.present ? 1 : -1;  // unset first
  if (type == FieldType::kString) {
    const int c = a.text.compare(b.text);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

}  // namespace

Result<OrderBy> ParseOrderBy(std::string_view text) {
  OrderBy order;
  if (Trim(text).empty()) {
    order.keys.push_back({FindJobField(0, "create_time"), true});
    return order;
  }
  for (std::string_view item : Split(text, ',')) {
    Result<OrderKey> key = ParseItem(item);
    if (!key.ok()) return key.status();
    order.keys.push_back(*key);
  }
  return order;
}

std::string OrderBy::Canonical() const {
  std::string out;
  for (const OrderKey& k : keys) {
    if (!out.empty()) out += ",";
    out += PathOf(k.field) + (k.descending ? " desc" : "");
  }
  return out;
}

std::vector<KeyValue> SortKeyOf(const OrderBy& order, const BatchJob& job) {
  std::vector<KeyValue> out;
  out.reserve(order.keys.size());
  for (const OrderKey& k : order.keys) {
    const FieldValue v = k.field->read(job);
    out.push_back({v.present, v.number, std::string(v.text)});
  }
  return out;
}

FieldValue ViewOf(const KeyValue& key) {
  FieldValue v;
  v.present = key.present;
  v.number = key.number;
  v.text = key.text;
  return v;
}

int CompareField(const OrderKey& key, const FieldValue& a, const FieldValue& b) {
  const int c = CompareValues(key.field->type, a, b);
  return key.descending ? -c : c;
}

}  // namespace fwmock
