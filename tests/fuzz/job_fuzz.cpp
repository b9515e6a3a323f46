// libFuzzer target over job decoding (the decoder fixtures and request bodies share): any bytes
// must give a job or an INVALID_ARGUMENT, and a decoded job must render and decode to itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "job_decoder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const fwmock::Result<fwmock::BatchJob> job = fwmock::ParseJob(text);
  if (!job.ok()) {
    if (job.status().code() != aipfilter::StatusCode::kInvalidArgument) std::abort();
    return 0;
  }
  const std::string rendered = nlohmann::json(*job).dump();
  const fwmock::Result<fwmock::BatchJob> again = fwmock::ParseJob(rendered);
  if (!again.ok() || nlohmann::json(*again).dump() != rendered) std::abort();
  return 0;
}
