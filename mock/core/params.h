#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aipfilter/status.h"

namespace fwmock {

// Query parameters in the order received, already percent-decoded, repeats kept.
using Params = std::vector<std::pair<std::string, std::string>>;

// The value of a singular parameter given as `snake` or `camel` (nullptr when absent). Given
// more than once, under either spelling, it is INVALID_ARGUMENT
// `too many values for field "page_size"`, as grpc-gateway says.
aipfilter::Result<const std::string*> SingularParam(const Params& params, std::string_view snake,
                                                    std::string_view camel);

}  // namespace fwmock
