#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "aipfilter/status.h"
#include "nlohmann/json_fwd.hpp"

namespace fwmock {

using aipfilter::Result;
using aipfilter::Status;

// Adversarial paging of List Batch Jobs (AIP-158 lets a server return fewer results than
// pageSize while more exist): what a test sets to prove its client pages right. Every key is
// optional; 0 / false means the key is off, and the keys combine.
struct PagingMode {
  std::int64_t max_page_size = 0;      // caps every page (1 to 200)
  bool short_pages = false;            // pages of seeded random sizes from 1 to the page size
  std::int64_t seed = 0;               // of short pages (0 to 4294967295)
  std::int64_t empty_page_every = 0;   // every n-th page of a walk is empty (2 to 1000000)
  std::int64_t token_ttl_seconds = 0;  // older tokens are `page token expired` (1 to 2^31-1)

  // True when no key is on: paging as normal.
  bool normal() const;
  bool operator==(const PagingMode& other) const;
};

// A body of PUT /_fwmock/paging: a JSON object of the keys above in camelCase (maxPageSize,
// shortPages, seed, emptyPageEvery, tokenTtlSeconds). Strict: an unknown key, a wrong type, a
// value out of range or a seed without "shortPages": true is INVALID_ARGUMENT naming the field:
// `field "maxPageSize": expected an integer from 1 to 200`, `unknown field "pageSize"`.
Result<PagingMode> PagingModeFromJson(const nlohmann::json& body);
// The mode as that body, with only the keys that are on (seed whenever shortPages is): `{}`
// for normal paging. Round-trips through PagingModeFromJson.
std::string PagingModeJson(const PagingMode& mode);

// The --paging flag's value: `KEY=VALUE` items separated by ',' with the keys in kebab-case
// (max-page-size, short-pages, seed, empty-page-every, token-ttl-seconds; short-pages takes
// true or false), checked as the JSON body is. Errors name the key:
// `empty-page-every: expected an integer from 2 to 1000000, got "1"`.
Result<PagingMode> ParsePagingSpec(std::string_view spec);

// How one page of a walk is cut under a mode.
struct PagePlan {
  std::size_t limit = 0;  // at most this many jobs
  bool empty = false;     // none at all, with a token that continues where the request was
};

// The plan of page `page` (1: the first, asked without a token) of a walk whose request asks
// for `size` jobs a page (after pageSize's default and maximum). The same mode, page and size
// always give the same plan; page 1 is never empty.
PagePlan PlanPage(const PagingMode& mode, std::int64_t page, std::size_t size);

// OK unless the mode has a token TTL and a token issued at `issued_at` (nanoseconds on the
// server's clock; 0: issued while no TTL was in force) is older than it at `now`:
// INVALID_ARGUMENT `page token expired`.
Status CheckTokenAge(const PagingMode& mode, std::int64_t issued_at, std::int64_t now);

}  // namespace fwmock
