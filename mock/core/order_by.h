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

}  // namespace fwmock
