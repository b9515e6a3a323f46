#include "field_suggestion.h"

#include <algorithm>
#include <vector>

#include "job_fields.h"

namespace fwmock {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The id of the message that `prefix` (dotted camel or snake names, "" for the top) names, or -1.
int MessageId(std::string_view prefix) {
  int parent = 0;
  while (!prefix.empty()) {
    const std::size_t dot = prefix.find('.');
    const JobField* field = FindJobField(parent, prefix.substr(0, dot));
    if (field == nullptr || field->type != aipfilter::FieldType::kMessage) return -1;
    parent = field->id;
    prefix = dot == std::string_view::npos ? std::string_view() : prefix.substr(dot + 1);
  }
  return parent;
}

}  // namespace

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t substitute = diagonal + (Lower(a[i - 1]) == Lower(b[j - 1]) ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string ClosestFieldName(std::string_view key) {
  const std::size_t dot = key.rfind('.');
  const std::string_view prefix = dot == std::string_view::npos ? "" : key.substr(0, dot);
  const std::string_view name = dot == std::string_view::npos ? key : key.substr(dot + 1);
  const int parent = MessageId(prefix);
  if (parent < 0) return "";
  std::size_t best = std::max<std::size_t>(1, name.size() / 3) + 1;
  const char* closest = nullptr;
  for (const JobField& f : JobFields()) {
    if (f.parent != parent) continue;
    for (const char* spelling : {f.json_name, f.name}) {
      const std::size_t d = EditDistance(name, spelling);
      if (d < best) {
        best = d;
        closest = spelling;
      }
    }
  }
  if (closest == nullptr) return "";
  return prefix.empty() ? std::string(closest) : std::string(prefix) + "." + closest;
}

}  // namespace fwmock
