#pragma once

#include <string>
#include <utility>
#include <vector>

namespace fwmock {

// Query parameters in the order received, already percent-decoded, repeats kept.
using Params = std::vector<std::pair<std::string, std::string>>;

}  // namespace fwmock
