#include "job_body.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <utility>

#include "aipfilter/timestamp.h"
#include "body_json.h"
#include "text.h"

namespace fwmock {

using aipfilter::FieldType;
using aipfilter::OkStatus;
using nlohmann::json;

bool IsOutputOnly(const JobField& field) { return field.output_only; }

namespace {

Status FieldError(const std::string& field, const std::string& what) {
  return aipfilter::InvalidArgumentError("invalid batch job: field \"" + field + "\": " + what);
}

std::string Got(const json& value) { return std::string("got ") + value.type_name(); }

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// An int32 as JSON: a number, or a string of at most 12 characters holding one (protojson
// accepts both), exactly as the job decoder reads it.
Status CheckInt32(const json& v, const std::string& name) {
  std::int64_t n = 0;
  if (v.is_number_unsigned()) {
    n = static_cast<std::int64_t>(
        std::min<std::uint64_t>(v.get<std::uint64_t>(), std::numeric_limits<std::int64_t>::max()));
  } else if (v.is_number_integer()) {
    n = v.get<std::int64_t>();
  } else if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    const char* end = s.data() + s.size();
    const auto [ptr, ec] = std::from_chars(s.data(), end, n);
    if (s.empty() || s.size() > 12 || ec != std::errc() || ptr != end) {
      return FieldError(name, "expected an int32, " + Got(v));
    }
  } else {
    return FieldError(name, "expected an int32, " + Got(v));
  }
  if (n < std::numeric_limits<std::int32_t>::min() ||
      n > std::numeric_limits<std::int32_t>::max()) {
    return FieldError(name, "value " + Dump(v) + " is out of the int32 range");
  }
  return OkStatus();
}

// An enum as JSON: the name of a value, or its number.
Status CheckEnum(const JobField& f, const json& v, const std::string& name) {
  const std::vector<std::string>& names = *f.enum_values;
  if (v.is_string() &&
      std::find(names.begin(), names.end(), v.get_ref<const std::string&>()) != names.end()) {
    return OkStatus();
  }
  if (v.is_number_integer() && v.get<std::int64_t>() >= 0 &&
      v.get<std::int64_t>() < static_cast<std::int64_t>(names.size())) {
    return OkStatus();
  }
  return FieldError(name, "unknown value " + Dump(v));
}

Status CheckTimestamp(const json& v, const std::string& name) {
  std::int64_t nanos = 0;
  if (!v.is_string() || !aipfilter::ParseRfc3339(v.get_ref<const std::string&>(), &nanos)) {
    return FieldError(name, "expected an RFC 3339 timestamp, got " + Dump(v));
  }
  return OkStatus();
}

Status CheckMap(const json& v, const std::string& name) {
  if (!v.is_object()) return FieldError(name, "expected an object, " + Got(v));
  for (const auto& [key, value] : v.items()) {
    if (!value.is_string()) {
      return FieldError(name, "value of key " + Dump(key) + ": expected a string, " + Got(value));
    }
  }
  return OkStatus();
}

Status CheckList(const json& v, const std::string& name) {
  if (!v.is_array()) return FieldError(name, "expected an array, " + Got(v));
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) {
      return FieldError(name + "[" + std::to_string(i) + "]", "expected a string, " + Got(v[i]));
    }
  }
  return OkStatus();
}

// Whether `v` (not null) is a value of the field's type.
Status CheckValue(const JobField& f, const json& v, const std::string& name) {
  switch (f.type) {
    case FieldType::kString:
      return v.is_string() ? OkStatus() : FieldError(name, "expected a string, " + Got(v));
    case FieldType::kBool:
      return v.is_boolean() ? OkStatus() : FieldError(name, "expected true or false, " + Got(v));
    case FieldType::kInt:
      return CheckInt32(v, name);
    case FieldType::kFloat:
      return v.is_number() ? OkStatus() : FieldError(name, "expected a number, " + Got(v));
    case FieldType::kEnum:
      return CheckEnum(f, v, name);
    case FieldType::kTimestamp:
      return CheckTimestamp(v, name);
    case FieldType::kStringMap:
      return CheckMap(v, name);
    case FieldType::kRepeatedString:
      return CheckList(v, name);
    case FieldType::kMessage:
      return FieldError(name, "expected an object, " + Got(v));
  }
  return OkStatus();
}

}  // namespace

// Walks a parsed body along the field table, filling a JobBody.
class BodyWalker {
 public:
  using Path = JobBody::Path;
  explicit BodyWalker(JobBody* body) : body_(*body) {}

  Status Object(const json& in, const Path& at, json* out);

 private:
  Status Field(const json& value, const Path& path, json* out);
  static std::string Name(const Path& path);

  JobBody& body_;
};

std::string BodyWalker::Name(const Path& path) {
  std::string out;
  for (const JobField* f : path) out += (out.empty() ? "" : ".") + std::string(f->json_name);
  return out;
}

Status BodyWalker::Object(const json& in, const Path& at, json* out) {
  const int parent = at.empty() ? 0 : at.back()->id;
  for (const auto& [key, value] : in.items()) {
    const JobField* f = FindJobField(parent, key);
    if (f == nullptr || IsOutputOnly(*f)) continue;
    Path path = at;
    path.push_back(f);
    if (out->contains(f->json_name)) {
      return FieldError(Name(path), std::string("given twice, as \"") + f->json_name +
                                        "\" and as \"" + f->name + "\"");
    }
    Status status = Field(value, path, &(*out)[f->json_name]);
    if (!status.ok()) return status;
  }
  return OkStatus();
}

Status BodyWalker::Field(const json& value, const Path& path, json* out) {
  const JobField& f = *path.back();
  if (f.type == FieldType::kMessage && value.is_object()) {
    *out = json::object();
    const std::size_t named = body_.paths_.size();
    Status status = Object(value, path, out);
    if (!status.ok()) return status;
    if (body_.paths_.size() == named) body_.paths_.push_back(path);  // the message whole
    return OkStatus();
  }
  if (!value.is_null()) {
    Status status = CheckValue(f, value, Name(path));
    if (!status.ok()) return status;
  }
  *out = value;
  body_.paths_.push_back(path);
  return OkStatus();
}

Result<JobBody> ParseJobBody(std::string_view text) {
  Result<json> parsed = ParseBodyObject(text);
  if (!parsed.ok()) return parsed.status();
  JobBody body;
  BodyWalker walker(&body);
  Status status = walker.Object(*parsed, {}, &body.fields_);
  if (!status.ok()) return status;
  return body;
}

std::vector<std::string> JobBody::Mask() const {
  std::vector<std::string> out;
  for (const Path& path : paths_) {
    std::string name;
    for (const JobField* f : path) name += (name.empty() ? "" : ".") + std::string(f->name);
    out.push_back(std::move(name));
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool JobBody::Names(std::string_view path) const {
  Path fields;
  for (std::string_view segment : Split(path, '.')) {
    const JobField* f = FindJobField(fields.empty() ? 0 : fields.back()->id, segment);
    if (f == nullptr) return false;
    fields.push_back(f);
  }
  for (const Path& named : paths_) {
    const std::size_t n = std::min(named.size(), fields.size());
    if (std::equal(named.begin(), named.begin() + static_cast<std::ptrdiff_t>(n), fields.begin())) {
      return true;
    }
  }
  return false;
}

Result<BatchJob> MergeJobBody(const BatchJob& base, const JobBody& body) {
  json out = base;
  for (const JobBody::Path& path : body.paths_) {
    const json* from = &body.fields_;
    json* to = &out;
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
      from = &from->at(path[i]->json_name);
      json& next = (*to)[path[i]->json_name];
      if (!next.is_object()) next = json::object();  // naming a field sets its message
      to = &next;
    }
    const json& value = from->at(path.back()->json_name);
    if (value.is_null()) {
      to->erase(path.back()->json_name);
    } else {
      (*to)[path.back()->json_name] = value;
    }
  }
  return JobFromJson(out);
}

}  // namespace fwmock
