#include "params.h"

namespace fwmock {

aipfilter::Result<const std::string*> SingularParam(const Params& params, std::string_view snake,
                                                    std::string_view camel) {
  const std::string* value = nullptr;
  for (const auto& [key, v] : params) {
    if (key != snake && key != camel) continue;
    if (value != nullptr) {
      return aipfilter::InvalidArgumentError("too many values for field \"" + std::string(snake) +
                                             "\"");
    }
    value = &v;
  }
  return value;
}

}  // namespace fwmock
