#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "batch_job.h"
#include "job_fields.h"

namespace fwmock {

struct OrderKey {
  const JobField* field;
  bool descending = false;
};

// A parsed orderBy: its keys, then `name` ascending as the final tie-break.
struct OrderBy {
  std::vector<OrderKey> keys;
  // "create_time desc,name": the keys spelled in snake_case, for binding page tokens.
  std::string Canonical() const;
};

// Parses an AIP-132 orderBy ("display_name desc, python_executor.target"). Empty means
// "create_time desc". Unknown fields, empty items, a direction other than "asc"/"desc", and
// fields that cannot be ordered (maps, repeated fields, messages) are INVALID_ARGUMENT.
Result<OrderBy> ParseOrderBy(std::string_view text);

// One sort-key value, owned: what a page token remembers of the last job of a page.
struct KeyValue {
  bool present = true;
  std::int64_t number = 0;
  std::string text;
};

std::vector<KeyValue> SortKeyOf(const OrderBy& order, const BatchJob& job);

// A FieldValue viewing a remembered KeyValue.
FieldValue ViewOf(const KeyValue& key);

// <0, 0, >0 as `a` sorts before, with, after `b` under `key`: unset first, then by type, then
// reversed for descending keys.
int CompareField(const OrderKey& key, const FieldValue& a, const FieldValue& b);

// <0, 0, >0 as `a` sorts before, with, after `b` (0 only for the same name).
int CompareJobs(const OrderBy& order, const BatchJob& a, const BatchJob& b);
// The same, for a remembered position (sort key and name) against a job.
int ComparePosition(const OrderBy& order, const std::vector<KeyValue>& key, const std::string& name,
                    const BatchJob& job);

// The same against any job whose key values `read(field)` gives and whose name is `job_name`.
template <typename Read>
int ComparePositionWith(const OrderBy& order, const std::vector<KeyValue>& key,
                        std::string_view name, std::string_view job_name, Read read) {
  for (std::size_t i = 0; i < order.keys.size() && i < key.size(); ++i) {
    const OrderKey& k = order.keys[i];
    const int c = CompareField(k, ViewOf(key[i]), read(*k.field));
    if (c != 0) return c;
  }
  const int c = name.compare(job_name);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace fwmock
