#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "batch_job.h"
#include "job_fields.h"
#include "nlohmann/json.hpp"

namespace fwmock {

// The fields a client may not write: Create and Update ignore them whatever they hold.
bool IsOutputOnly(const JobField& field);

// A Create or Update body (a BatchJob in JSON): the input fields it names and the values it
// gives them. Which fields it names is what grpc-gateway's implied field mask of a PATCH would
// say: a path ends at a scalar, a map, a list, a `null`, or at a message given as an object
// that names none of its fields (`{"pythonExecutor": {}}`); otherwise the message's own fields
// are the paths. Unknown keys and output-only fields name nothing.
class JobBody {
 public:
  // The named paths in snake_case, sorted: {"num_ranks", "python_executor.target"}.
  std::vector<std::string> Mask() const;
  // True when the body names `path` (dotted, snake or camel), a field inside it, or the message
  // around it: after {"pythonExecutor": {"target": "b"}} both "python_executor" and
  // "python_executor.target" are named, "python_executor.args" is not.
  bool Names(std::string_view path) const;
  // The input fields as the body gives them, under their camelCase names; `null` means clear.
  const nlohmann::json& fields() const { return fields_; }

 private:
  using Path = std::vector<const JobField*>;
  friend Result<JobBody> ParseJobBody(std::string_view text);
  friend Result<BatchJob> MergeJobBody(const BatchJob& base, const JobBody& body);
  friend class BodyWalker;

  std::vector<Path> paths_;
  nlohmann::json fields_ = nlohmann::json::object();
};

// Parses a Create or Update body, walking it with the field table: keys camelCase or
// snake_case, the JSON type of every input field checked (`invalid batch job: field
// "pythonExecutor.args[2]": expected a string, got number`), a field given under both spellings
// rejected, unknown keys and output-only fields ignored. JSON errors are ParseBodyObject's.
Result<JobBody> ParseJobBody(std::string_view text);

// `base` with every field the body names set to the body's value: messages field by field,
// maps and lists whole, `null` back to the default (an executor to unset). Naming a field of an
// unset executor sets the executor. The rest of `base`, output-only fields included, is kept.
// Does not validate (see ValidateJob).
Result<BatchJob> MergeJobBody(const BatchJob& base, const JobBody& body);

}  // namespace fwmock
