#pragma once

// The messages of syntax errors: what the grammar expected after which token, what it did not
// expect, and an unquoted timestamp where either happens at its ':'.

#include <cstddef>
#include <string>
#include <string_view>

#include "aipfilter/status.h"

namespace aipfilter {
namespace internal {

// The grammar expected `what` (a rule name such as "a value") at `at`:
// `expected a value after "="`.
Status ExpectedError(std::string_view filter, std::size_t at, const std::string& what);

// The grammar expected whitespace at `at`, after a keyword. When nothing that can start an
// expression follows (the end, ")", ","...) the message says an expression is expected.
Status ExpectedWhitespaceError(std::string_view filter, std::size_t at);

// The grammar matched what it could and stopped at `at`: `unexpected ")"`.
Status UnexpectedError(std::string_view filter, std::size_t at);

}  // namespace internal
}  // namespace aipfilter
