#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "batch_job.h"
#include "job_fields.h"
#include "nlohmann/json_fwd.hpp"

namespace fwmock {

// A parsed readMask: the field paths to keep, or everything.
struct ReadMask {
  bool all = true;
  std::vector<std::vector<const JobField*>> paths;
  // The paths in snake_case, sorted and comma-joined ("" for all): for binding page tokens.
  std::string Canonical() const;
};

// Parses a readMask ("name,state,python_executor.target"; snake or camel). Empty or "*" keeps
// everything. An unknown path, "*" among other paths, an empty segment or a path into a map
// key or a repeated field is INVALID_ARGUMENT.
Result<ReadMask> ParseReadMask(std::string_view text);

// The rendered job `full` with only the fields the mask names.
nlohmann::json Project(const ReadMask& mask, const nlohmann::json& full);

}  // namespace fwmock
