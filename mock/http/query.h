#pragma once

#include <string_view>

#include "list.h"

namespace fwmock {

// The query parameters of a request target ("/path?a=1&b=x+y"), in order and with repeats kept
// (the HTTP library drops repeated identical pairs, which would hide "too many values").
// '+' is a space and %XX a byte, as in form encoding; a malformed escape is INVALID_ARGUMENT.
Result<Params> ParseQuery(std::string_view target);
// The same pairs for showing a request (the log line, the journal): a malformed escape is kept as
// it is.
Params QueryPairs(std::string_view target);

}  // namespace fwmock
