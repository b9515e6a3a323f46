#include "batch_job.h"

#include <limits>
#include <nlohmann/json.hpp>
#include <utility>

#include "aipfilter/timestamp.h"

namespace fwmock {

using nlohmann::json;

const std::vector<std::string>& JobStateNames() {
  static const std::vector<std::string> kNames = {
      "STATE_UNSPECIFIED", "CREATING", "QUEUED",     "PENDING",   "RUNNING",
      "COMPLETED",         "FAILED",   "CANCELLING", "CANCELLED", "DELETING"};
  return kNames;
}

const std::vector<std::string>& TargetTypeNames() {
  static const std::vector<std::string> kNames = {"TARGET_TYPE_UNSPECIFIED", "MODULE", "FILENAME"};
  return kNames;
}

namespace {

void PutTimestamp(json& out, const char* key, const std::optional<std::int64_t>& t) {
  if (t) out[key] = aipfilter::FormatRfc3339(*t);
}

json MapJson(const StringMap& m) {
  json out = json::object();
  for (const auto& [k, v] : m) out[k] = v;
  return out;
}

// Reads one JSON object's fields, by camelCase or snake_case key, recording the first error.
class Reader {
 public:
  Reader(const json& object, std::string prefix) : object_(object), prefix_(std::move(prefix)) {}

  const Status& status() const { return status_; }

  // The value under `camel` or `snake`, or nullptr when absent or null.
  const json* Find(const char* camel, const char* snake) const {
    for (const char* key : {camel, snake}) {
      const auto it = object_.find(key);
      if (it != object_.end() && !it->is_null()) return &*it;
    }
    return nullptr;
  }

  void String(const char* camel, const char* snake, std::string* out) {
    const json* v = Find(camel, snake);
    if (!v) return;
    if (!v->is_string()) return Fail(camel, "expected a string, got " + Type(*v));
    *out = v->get<std::string>();
  }

  void Bool(const char* camel, const char* snake, bool* out) {
    const json* v = Find(camel, snake);
    if (!v) return;
    if (!v->is_boolean()) return Fail(camel, "expected true or false, got " + Type(*v));
    *out = v->get<bool>();
  }

  void Int32(const char* camel, const char* snake, std::int32_t* out) {
    const json* v = Find(camel, snake);
    if (!v) return;
    std::int64_t n = 0;
    if (v->is_number_integer()) {
      n = v->is_number_unsigned() &&
                  v->get<std::uint64_t>() > std::numeric_limits<std::uint32_t>::max()
              ? std::numeric_limits<std::int64_t>::max()
              : v->get<std::int64_t>();
    } else if (!v->is_string() || !ParseInt(v->get<std::string>(), &n)) {
      return Fail(camel, "expected an int32, got " + Type(*v));
    }
    if (n < std::numeric_limits<std::int32_t>::min() ||
        n > std::numeric_limits<std::int32_t>::max()) {
      return Fail(camel, "value " + v->dump() + " is out of the int32 range");
    }
    *out = static_cast<std::int32_t>(n);
  }

  template <typename Enum>
  void EnumValue(const char* camel, const char* snake, const std::vector<std::string>& names,
                 Enum* out) {
    const json* v = Find(camel, snake);
    if (!v) return;
    if (v->is_string()) {
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == v->get_ref<const std::string&>()) {
          *out = static_cast<Enum>(i);
          return;
        }
      }
      return Fail(camel, "unknown value " + v->dump());
    }
    if (v->is_number_integer() && v->get<std::int64_t>() >= 0 &&
        v->get<std::int64_t>() < static_cast<std::int64_t>(names.size())) {
      *out = static_cast<Enum>(v->get<std::int64_t>());
      return;
    }
    Fail(camel, "unknown value " + v->dump());
  }

  void Timestamp(const char* camel, const char* snake, std::optional<std::int64_t>* out) {
    const json* v = Find(camel, snake);
    if (!v) return;
    std::int64_t nanos = 0;
    if (!v->is_string() || !aipfilter::ParseRfc3339(v->get<std::string>(), &nanos)) {
      return Fail(camel, "expected an RFC 3339 timestamp, got " + v->dump());
    }
    if (nanos == std::numeric_limits<std::int64_t>::min() ||
        nanos == std::numeric_limits<std::int64_t>::max()) {
      return Fail(camel, "timestamp " + v->dump() + " is outside 1678-2261");
    }
    *out = nanos;
  }

  void Map(const char* camel, const char* snake, StringMap* out) {
    const json* v = Find(camel, snake);
    if (!v) return;
    if (!v->is_object()) return Fail(camel, "expected an object, got " + Type(*v));
    for (const auto& [key, value] : v->items()) {
      if (!value.is_string()) {
        return Fail(camel, "value of key \"" + key + "\": expected a string, got " + Type(value));
      }
      (*out)[key] = value.get<std::string>();
    }
  }

  void Strings(const char* camel, const char* snake, std::vector<std::string>* out) {
    const json* v = Find(camel, snake);
    if (!v) return;
    if (!v->is_array()) return Fail(camel, "expected an array, got " + Type(*v));
    for (const json& e : *v) {
      if (!e.is_string()) return Fail(camel, "expected an array of strings");
      out->push_back(e.get<std::string>());
    }
  }

  // A nested message: `read` fills it from a Reader over the nested object.
  template <typename Message, typename ReadFn>
  void Object(const char* camel, const char* snake, std::optional<Message>* out, ReadFn read) {
    const json* v = Find(camel, snake);
    if (!v) return;
    if (!v->is_object()) return Fail(camel, "expected an object, got " + Type(*v));
    Reader inner(*v, prefix_ + camel + ".");
    Message m;
    read(inner, &m);
    if (!inner.status_.ok()) {
      if (status_.ok()) status_ = inner.status_;
      return;
    }
    *out = std::move(m);
  }

 private:
  static std::string Type(const json& v) { return v.type_name(); }

  static bool ParseInt(const std::string& s, std::int64_t* out) {
    if (s.empty() || s.size() > 12) return false;
    std::size_t used = 0;
    try {
      *out = std::stoll(s, &used);
    } catch (const std::exception&) {
      return false;
    }
    return used == s.size();
  }

  void Fail(const char* field, const std::string& what) {
    if (status_.ok()) {
      status_ = aipfilter::InvalidArgumentError("field \"" + prefix_ + field + "\": " + what);
    }
  }

  const json& object_;
  std::string prefix_;
  Status status_;
};

void ReadPython(Reader& r, PythonExecutor* p) {
  r.EnumValue("targetType", "target_type", TargetTypeNames(), &p->target_type);
  r.String("target", "target", &p->target);
  r.Strings("args", "args", &p->args);
}

}  // namespace

void to_json(json& out, const BatchJob& job) {
  out = json::object();
  out["name"] = job.name;
  out["displayName"] = job.display_name;
  PutTimestamp(out, "createTime", job.create_time);
  PutTimestamp(out, "startTime", job.start_time);
  PutTimestamp(out, "endTime", job.end_time);
  out["createdBy"] = job.created_by;
  out["nodePoolId"] = job.node_pool_id;
  out["environmentId"] = job.environment_id;
  out["snapshotId"] = job.snapshot_id;
  out["numRanks"] = job.num_ranks;
  out["envVars"] = MapJson(job.env_vars);
  out["role"] = job.role;
  if (const auto& p = job.python_executor) {
    out["pythonExecutor"] = {
        {"targetType", TargetTypeNames()[static_cast<std::size_t>(p->target_type)]},
        {"target", p->target},
        {"args", p->args}};
  }
  if (const auto& n = job.notebook_executor) {
    out["notebookExecutor"] = {{"notebookFilename", n->notebook_filename}};
  }
  if (const auto& s = job.shell_executor) out["shellExecutor"] = {{"command", s->command}};
  out["imageRef"] = job.image_ref;
  out["annotations"] = MapJson(job.annotations);
  out["state"] = JobStateNames()[static_cast<std::size_t>(job.state)];
  out["status"] = job.status;
  out["shared"] = job.shared;
  PutTimestamp(out, "updateTime", job.update_time);
}

Result<BatchJob> JobFromJson(const json& in) {
  if (!in.is_object()) {
    return aipfilter::InvalidArgumentError(std::string("expected an object, got ") +
                                           in.type_name());
  }
  BatchJob job;
  Reader r(in, "");
  r.String("name", "name", &job.name);
  r.String("displayName", "display_name", &job.display_name);
  r.Timestamp("createTime", "create_time", &job.create_time);
  r.Timestamp("startTime", "start_time", &job.start_time);
  r.Timestamp("endTime", "end_time", &job.end_time);
  r.String("createdBy", "created_by", &job.created_by);
  r.String("nodePoolId", "node_pool_id", &job.node_pool_id);
  r.String("environmentId", "environment_id", &job.environment_id);
  r.String("snapshotId", "snapshot_id", &job.snapshot_id);
  r.Int32("numRanks", "num_ranks", &job.num_ranks);
  r.Map("envVars", "env_vars", &job.env_vars);
  r.String("role", "role", &job.role);
  r.Object("pythonExecutor", "python_executor", &job.python_executor, ReadPython);
  r.Object("notebookExecutor", "notebook_executor", &job.notebook_executor,
           [](Reader& nr, NotebookExecutor* n) {
             nr.String("notebookFilename", "notebook_filename", &n->notebook_filename);
           });
  r.Object("shellExecutor", "shell_executor", &job.shell_executor,
           [](Reader& sr, ShellExecutor* s) { sr.String("command", "command", &s->command); });
  r.String("imageRef", "image_ref", &job.image_ref);
  r.Map("annotations", "annotations", &job.annotations);
  r.EnumValue("state", "state", JobStateNames(), &job.state);
  r.String("status", "status", &job.status);
  r.Bool("shared", "shared", &job.shared);
  r.Timestamp("updateTime", "update_time", &job.update_time);
  if (!r.status().ok()) return r.status();
  return job;
}

bool SplitJobName(const std::string& name, std::string* account, std::string* id) {
  static const std::string kAccounts = "accounts/";
  static const std::string kJobs = "/batchJobs/";
  if (name.compare(0, kAccounts.size(), kAccounts) != 0) return false;
  const std::size_t jobs = name.find(kJobs, kAccounts.size());
  if (jobs == std::string::npos || jobs == kAccounts.size()) return false;
  const std::string acc = name.substr(kAccounts.size(), jobs - kAccounts.size());
  const std::string rest = name.substr(jobs + kJobs.size());
  if (acc.find('/') != std::string::npos || rest.empty() || rest.find('/') != std::string::npos) {
    return false;
  }
  *account = acc;
  *id = rest;
  return true;
}

std::string JobName(const std::string& account, const std::string& id) {
  return "accounts/" + account + "/batchJobs/" + id;
}

}  // namespace fwmock
