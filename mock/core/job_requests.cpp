#include "job_requests.h"

#include "job_body.h"
#include "job_validation.h"

namespace fwmock {

Result<BatchJob> JobFromCreateBody(std::string_view body) {
  return JobFromUpdateBody(BatchJob(), body);
}

Result<BatchJob> JobFromUpdateBody(const BatchJob& current, std::string_view body) {
  Result<JobBody> parsed = ParseJobBody(body);
  if (!parsed.ok()) return parsed.status();
  Result<BatchJob> job = MergeJobBody(current, *parsed);
  if (!job.ok()) return job.status();
  Status valid = ValidateJob(*job);
  if (!valid.ok()) return valid;
  return job;
}

}  // namespace fwmock
