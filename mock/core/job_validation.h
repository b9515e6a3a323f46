#pragma once

#include "batch_job.h"

namespace fwmock {

// Checks the input fields of a job as a Create or an Update must leave them, reading them
// through the field table. The first rule broken is INVALID_ARGUMENT naming the field in
// camelCase: `invalid batch job: field "nodePoolId": required`. The rules, in the order they
// are checked:
//   - nodePoolId is required and non-empty;
//   - imageRef excludes environmentId and snapshotId; snapshotId requires environmentId;
//   - displayName has fewer than 64 characters (code points);
//   - at most one executor (the message fields of the table) is set, and every string and enum
//     field of it is set (pythonExecutor.targetType, .target; notebookExecutor.notebookFilename;
//     shellExecutor.command), as the spec's `required` lists say;
//   - numRanks is not negative;
//   - annotations follow Kubernetes' syntax and size limit (annotation_syntax.h).
// Output-only fields are not looked at.
//
// A fixture job is a stored job, not a request: the rules on what a request must choose do not
// apply to it (nodePoolId may be left out, so that a minimal fixture names a job and its state;
// imageRef may stand beside environmentId and snapshotId), the others do, and its message has
// no "invalid batch job: " in front:
// `field "shellExecutor": cannot be set together with "pythonExecutor" (at most one executor)`.
enum class JobSource { kRequest, kFixture };
Status ValidateJob(const BatchJob& job, JobSource source = JobSource::kRequest);

}  // namespace fwmock
