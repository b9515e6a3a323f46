#pragma once

#include <string_view>

#include "batch_job.h"

namespace fwmock {

// The job a Create body describes (ParseJobBody, MergeJobBody onto an empty job, ValidateJob).
// Output-only fields are left at their defaults for the server to assign.
Result<BatchJob> JobFromCreateBody(std::string_view body);

// `current` changed as an Update body says and validated as a whole. Output-only fields keep
// `current`'s values: the caller moves updateTime.
Result<BatchJob> JobFromUpdateBody(const BatchJob& current, std::string_view body);

}  // namespace fwmock
