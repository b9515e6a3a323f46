#pragma once

#include <cstddef>
#include <string_view>

#include "aipfilter/status.h"
#include "nlohmann/json_fwd.hpp"

namespace fwmock {

// How deep a request body may nest: the top-level object is level 1.
inline constexpr std::size_t kMaxBodyDepth = 64;

// Parses a request body that must be a JSON object. An empty or all-whitespace body counts as
// `{}`, as grpc-gateway reads an empty body as an empty message. Every failure is
// INVALID_ARGUMENT:
//   malformed JSON        `invalid JSON: <what> at offset N` (N: the 0-based byte where the
//                         parser stopped)
//   too deep              `invalid JSON: nesting deeper than 64 levels at offset N` (N: the
//                         bracket that opens level 65)
//   a key twice in one    `invalid JSON: key "a.b" given twice`, naming the key by its path of
//   object                keys and array indices, as protojson rejects duplicate fields
//   not an object         `expected a JSON object, got array`
aipfilter::Result<nlohmann::json> ParseBodyObject(std::string_view text,
                                                  std::size_t max_depth = kMaxBodyDepth);
// Any JSON value, with the same bounds and messages (an empty text is malformed JSON).
aipfilter::Result<nlohmann::json> ParseBoundedJson(std::string_view text,
                                                   std::size_t max_depth = kMaxBodyDepth);

}  // namespace fwmock
