#include "job_validation.h"

#include <string>
#include <string_view>

#include "annotation_syntax.h"
#include "job_fields.h"

namespace fwmock {

using aipfilter::FieldType;
using aipfilter::OkStatus;

namespace {

Status FieldError(const std::string& field, const std::string& what) {
  return aipfilter::InvalidArgumentError("field \"" + field + "\": " + what);
}

std::string Quoted(const JobField& f) { return std::string("\"") + f.json_name + "\""; }

// A top-level field of the table. Each rule looks its fields up once (static): a fixture file
// validates a million jobs.
const JobField& Top(std::string_view name) { return *FindJobField(0, name); }

// True when the field holds something other than its default.
bool IsSet(const JobField& f, const BatchJob& job) {
  const FieldValue v = f.read(job);
  if (!v.present) return false;
  if (v.map != nullptr) return !v.map->empty();
  if (v.list != nullptr) return !v.list->empty();
  return !v.text.empty() || v.number != 0 || f.type == FieldType::kMessage;
}

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

Status CheckNodePool(const BatchJob& job) {
  static const JobField& pool = Top("node_pool_id");
  return IsSet(pool, job) ? OkStatus() : FieldError(pool.json_name, "required");
}

Status CheckImage(const BatchJob& job) {
  static const JobField& image = Top("image_ref");
  static const JobField& environment = Top("environment_id");
  static const JobField& snapshot = Top("snapshot_id");
  if (IsSet(image, job)) {
    for (const JobField* other : {&environment, &snapshot}) {
      if (IsSet(*other, job)) {
        return FieldError(image.json_name, "cannot be set together with " + Quoted(*other));
      }
    }
  }
  if (IsSet(snapshot, job) && !IsSet(environment, job)) {
    return FieldError(snapshot.json_name, "requires " + Quoted(environment));
  }
  return OkStatus();
}

Status CheckDisplayName(const BatchJob& job) {
  constexpr std::size_t kLimit = 64;
  static const JobField& name = Top("display_name");
  const std::size_t length = CodePoints(name.read(job).text);
  if (length < kLimit) return OkStatus();
  return FieldError(name.json_name, "must be fewer than " + std::to_string(kLimit) +
                                        " characters, got " + std::to_string(length));
}

// The executors are the message fields: one at most, with its string and enum fields set.
Status CheckExecutors(const BatchJob& job) {
  const JobField* chosen = nullptr;
  for (const JobField& f : JobFields()) {
    if (f.parent != 0 || f.type != FieldType::kMessage) continue;
    if (!IsSet(f, job)) continue;
    if (chosen != nullptr) {
      return FieldError(f.json_name, "cannot be set together with " + Quoted(*chosen) +
                                         " (at most one executor)");
    }
    chosen = &f;
  }
  if (chosen == nullptr) return OkStatus();
  for (const JobField& f : JobFields()) {
    const bool required = f.type == FieldType::kString || f.type == FieldType::kEnum;
    if (f.parent == chosen->id && required && !IsSet(f, job)) {
      return FieldError(std::string(chosen->json_name) + "." + f.json_name, "required");
    }
  }
  return OkStatus();
}

Status CheckNumRanks(const BatchJob& job) {
  static const JobField& ranks = Top("num_ranks");
  const std::int64_t n = ranks.read(job).number;
  return n >= 0 ? OkStatus()
                : FieldError(ranks.json_name, "must not be negative, got " + std::to_string(n));
}

Status CheckAnnotations(const BatchJob& job) {
  static const JobField& annotations = Top("annotations");
  const std::string problem = AnnotationsProblem(*annotations.read(job).map);
  return problem.empty() ? OkStatus() : FieldError(annotations.json_name, problem);
}

}  // namespace

Status ValidateJob(const BatchJob& job, JobSource source) {
  for (Status (*rule)(const BatchJob&) : {CheckNodePool, CheckImage, CheckDisplayName,
                                          CheckExecutors, CheckNumRanks, CheckAnnotations}) {
    const bool requests_only = rule == CheckNodePool || rule == CheckImage;
    if (requests_only && source == JobSource::kFixture) continue;
    Status status = rule(job);
    if (status.ok()) continue;
    if (source == JobSource::kFixture) return status;
    return aipfilter::InvalidArgumentError("invalid batch job: " + status.message());
  }
  return OkStatus();
}

}  // namespace fwmock
