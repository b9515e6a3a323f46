#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "batch_job.h"

namespace fwmock {

// Reads a query parameter as a non-negative int32, in base 10 as Go's strconv.ParseInt does
// ("010" is 10, "+5" is 5, "+-5" is not a number). Errors are INVALID_ARGUMENT naming the
// parameter: `invalid pageSize: "abc" is not a 32-bit integer`, `invalid pageSize: -1 is
// negative`.
Result<std::int32_t> ParseNonNegativeInt32(std::string_view param, const std::string& text);

}  // namespace fwmock
