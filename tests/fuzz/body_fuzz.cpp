// libFuzzer target over Create and Update bodies: any bytes must parse to a body or give an
// INVALID_ARGUMENT; a parsed body must merge onto any job, change no field it does not name,
// merge idempotently and validate to OK or INVALID_ARGUMENT; a merged job rendered and read back
// as a body must give the same job.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "job_body.h"
#include "job_validation.h"

namespace {

using aipfilter::StatusCode;
using fwmock::BatchJob;
using fwmock::JobBody;
using fwmock::JobField;
using nlohmann::json;

void Require(bool condition) {
  if (!condition) std::abort();
}

// A job with every field set, executors included, so merges have something to keep.
const BatchJob& FullJob() {
  static const BatchJob kJob = [] {
    BatchJob job;
    job.name = "accounts/a/batchJobs/j";
    job.display_name = "d";
    job.create_time = 1;
    job.start_time = 2;
    job.end_time = 3;
    job.created_by = "c";
    job.node_pool_id = "p";
    job.environment_id = "e";
    job.snapshot_id = "s";
    job.num_ranks = 4;
    job.env_vars = {{"A", "a"}};
    job.role = "r";
    job.python_executor = fwmock::PythonExecutor{fwmock::TargetType::kModule, "t", {"x"}};
    job.notebook_executor = fwmock::NotebookExecutor{"n"};
    job.shell_executor = fwmock::ShellExecutor{"c"};
    job.image_ref = "i";
    job.annotations = {{"k", "v"}};
    job.state = fwmock::JobState::kRunning;
    job.status = "running";
    job.shared = true;
    job.update_time = 5;
    return job;
  }();
  return kJob;
}

// The value of `f` in a rendered job, or nullptr when it is omitted.
const json* Find(const json& job, const JobField& f) {
  const json* parent = &job;
  if (f.parent != 0) {
    const JobField& message = fwmock::JobFields()[static_cast<std::size_t>(f.parent - 1)];
    const auto it = job.find(message.json_name);
    if (it == job.end()) return nullptr;
    parent = &*it;
  }
  const auto it = parent->find(f.json_name);
  return it == parent->end() ? nullptr : &*it;
}

std::string PathOf(const JobField& f) {
  if (f.parent == 0) return f.name;
  return std::string(fwmock::JobFields()[static_cast<std::size_t>(f.parent - 1)].name) + "." +
         f.name;
}

// Merges `body` onto `base` and checks what the merge may and may not change.
void CheckMerge(const BatchJob& base, const JobBody& body) {
  const fwmock::Result<BatchJob> merged = fwmock::MergeJobBody(base, body);
  Require(merged.ok());
  const json before(base);
  const json after(*merged);
  for (const JobField& f : fwmock::JobFields()) {
    if (body.Names(PathOf(f))) continue;
    const json* was = Find(before, f);
    const json* is = Find(after, f);
    if (f.parent != 0 && was == nullptr) continue;  // a sibling's merge may set the message
    Require((was == nullptr) == (is == nullptr));
    Require(was == nullptr || *was == *is);
  }
  const fwmock::Result<BatchJob> again = fwmock::MergeJobBody(*merged, body);
  Require(again.ok() && json(*again) == after);
  const aipfilter::Status valid = fwmock::ValidateJob(*merged);
  Require(valid.ok() || valid.code() == StatusCode::kInvalidArgument);
}

// A merged job, rendered and read back as a create body, gives itself without its output-only
// fields.
void CheckRoundTrip(const BatchJob& job) {
  const json rendered(job);
  const fwmock::Result<JobBody> body = fwmock::ParseJobBody(rendered.dump());
  Require(body.ok());
  const fwmock::Result<BatchJob> created = fwmock::MergeJobBody(BatchJob(), *body);
  Require(created.ok());
  json expected = rendered;
  const json empty(BatchJob{});
  for (const JobField& f : fwmock::JobFields()) {
    if (!fwmock::IsOutputOnly(f)) continue;
    const auto it = empty.find(f.json_name);
    if (it == empty.end()) {
      expected.erase(f.json_name);
    } else {
      expected[f.json_name] = *it;
    }
  }
  Require(json(*created) == expected);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const fwmock::Result<JobBody> body = fwmock::ParseJobBody(text);
  if (!body.ok()) {
    Require(body.status().code() == StatusCode::kInvalidArgument);
    return 0;
  }
  (void)body->Mask();
  CheckMerge(FullJob(), *body);
  CheckMerge(BatchJob(), *body);
  const fwmock::Result<BatchJob> merged = fwmock::MergeJobBody(FullJob(), *body);
  CheckRoundTrip(*merged);
  return 0;
}
