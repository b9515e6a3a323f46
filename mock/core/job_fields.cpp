#include "job_fields.h"

#include <iterator>

namespace fwmock {

using aipfilter::FieldType;

namespace {

enum : int {
  kName = 1,
  kDisplayName,
  kCreateTime,
  kStartTime,
  kEndTime,
  kCreatedBy,
  kNodePoolId,
  kEnvironmentId,
  kSnapshotId,
  kNumRanks,
  kEnvVars,
  kRole,
  kPythonExecutor,
  kPythonTargetType,
  kPythonTarget,
  kPythonArgs,
  kNotebookExecutor,
  kNotebookFilename,
  kShellExecutor,
  kShellCommand,
  kImageRef,
  kAnnotations,
  kState,
  kStatus,
  kShared,
  kUpdateTime,
};

FieldValue Text(const std::string& s) {
  FieldValue v;
  v.text = s;
  return v;
}
FieldValue Number(std::int64_t n) {
  FieldValue v;
  v.number = n;
  return v;
}
FieldValue Time(const std::optional<std::int64_t>& t) {
  FieldValue v;
  v.present = t.has_value();
  v.number = t.value_or(0);
  return v;
}
FieldValue Map(const StringMap& m) {
  FieldValue v;
  v.map = &m;
  return v;
}
FieldValue Unset() {
  FieldValue v;
  v.present = false;
  return v;
}

// A field of an optional message: unset when the message is.
template <typename Message, typename Get>
FieldValue In(const std::optional<Message>& message, Get get) {
  return message ? get(*message) : Unset();
}

std::vector<JobField> BuildTable() {
  const auto* states = &JobStateNames();
  const auto* targets = &TargetTypeNames();
  using J = const BatchJob&;
  // clang-format off
  return {
    {kName, 0, "name", "name", FieldType::kString, nullptr,
     [](J j) { return Text(j.name); }, true, true},
    {kDisplayName, 0, "display_name", "displayName", FieldType::kString, nullptr,
     [](J j) { return Text(j.display_name); }, true},
    {kCreateTime, 0, "create_time", "createTime", FieldType::kTimestamp, nullptr,
     [](J j) { return Time(j.create_time); }, true, true},
    {kStartTime, 0, "start_time", "startTime", FieldType::kTimestamp, nullptr,
     [](J j) { return Time(j.start_time); }, true, true},
    {kEndTime, 0, "end_time", "endTime", FieldType::kTimestamp, nullptr,
     [](J j) { return Time(j.end_time); }, true, true},
    {kCreatedBy, 0, "created_by", "createdBy", FieldType::kString, nullptr,
     [](J j) { return Text(j.created_by); }, true, true},
    {kNodePoolId, 0, "node_pool_id", "nodePoolId", FieldType::kString, nullptr,
     [](J j) { return Text(j.node_pool_id); }, true},
    {kEnvironmentId, 0, "environment_id", "environmentId", FieldType::kString, nullptr,
     [](J j) { return Text(j.environment_id); }, true},
    {kSnapshotId, 0, "snapshot_id", "snapshotId", FieldType::kString, nullptr,
     [](J j) { return Text(j.snapshot_id); }, true},
    {kNumRanks, 0, "num_ranks", "numRanks", FieldType::kInt, nullptr,
     [](J j) { return Number(j.num_ranks); }, true},
    {kEnvVars, 0, "env_vars", "envVars", FieldType::kStringMap, nullptr,
     [](J j) { return Map(j.env_vars); }, false},
    {kRole, 0, "role", "role", FieldType::kString, nullptr,
     [](J j) { return Text(j.role); }, true},
    {kPythonExecutor, 0, "python_executor", "pythonExecutor", FieldType::kMessage, nullptr,
     [](J j) { return j.python_executor ? FieldValue() : Unset(); }, false},
    {kPythonTargetType, kPythonExecutor, "target_type", "targetType", FieldType::kEnum, targets,
     [](J j) { return In(j.python_executor, [](const PythonExecutor& p) {
                 return Number(static_cast<std::int64_t>(p.target_type)); }); }, true},
    {kPythonTarget, kPythonExecutor, "target", "target", FieldType::kString, nullptr,
     [](J j) { return In(j.python_executor, [](const PythonExecutor& p) {
                 return Text(p.target); }); }, true},
    {kPythonArgs, kPythonExecutor, "args", "args", FieldType::kRepeatedString, nullptr,
     [](J j) { return In(j.python_executor, [](const PythonExecutor& p) {
                 FieldValue v; v.list = &p.args; return v; }); }, false},
    {kNotebookExecutor, 0, "notebook_executor", "notebookExecutor", FieldType::kMessage, nullptr,
     [](J j) { return j.notebook_executor ? FieldValue() : Unset(); }, false},
    {kNotebookFilename, kNotebookExecutor, "notebook_filename", "notebookFilename",
     FieldType::kString, nullptr,
     [](J j) { return In(j.notebook_executor, [](const NotebookExecutor& n) {
                 return Text(n.notebook_filename); }); }, true},
    {kShellExecutor, 0, "shell_executor", "shellExecutor", FieldType::kMessage, nullptr,
     [](J j) { return j.shell_executor ? FieldValue() : Unset(); }, false},
    {kShellCommand, kShellExecutor, "command", "command", FieldType::kString, nullptr,
     [](J j) { return In(j.shell_executor, [](const ShellExecutor& s) {
                 return Text(s.command); }); }, true},
    {kImageRef, 0, "image_ref", "imageRef", FieldType::kString, nullptr,
     [](J j) { return Text(j.image_ref); }, true},
    {kAnnotations, 0, "annotations", "annotations", FieldType::kStringMap, nullptr,
     [](J j) { return Map(j.annotations); }, false},
    {kState, 0, "state", "state", FieldType::kEnum, states,
     [](J j) { return Number(static_cast<std::int64_t>(j.state)); }, true, true},
    {kStatus, 0, "status", "status", FieldType::kString, nullptr,
     [](J j) { return Text(j.status); }, true, true},
    {kShared, 0, "shared", "shared", FieldType::kBool, nullptr,
     [](J j) { return Number(j.shared ? 1 : 0); }, true},
    {kUpdateTime, 0, "update_time", "updateTime", FieldType::kTimestamp, nullptr,
     [](J j) { return Time(j.update_time); }, true, true},
  };
  // clang-format on
}

std::vector<aipfilter::Field> SchemaFields(int parent) {
  std::vector<aipfilter::Field> out;
  for (const JobField& f : JobFields()) {
    if (f.parent != parent) continue;
    aipfilter::Field field;
    field.name = f.name;
    field.json_name = f.json_name;
    field.type = f.type;
    field.id = f.id;
    if (f.enum_values != nullptr) field.enum_values = *f.enum_values;
    if (f.type == FieldType::kMessage) field.fields = SchemaFields(f.id);
    out.push_back(std::move(field));
  }
  return out;
}

}  // namespace

const std::vector<JobField>& JobFields() {
  static const std::vector<JobField> kTable = BuildTable();
  return kTable;
}

const JobField* FindJobField(int parent, std::string_view name) {
  for (const JobField& f : JobFields()) {
    if (f.parent == parent && (name == f.name || name == f.json_name)) return &f;
  }
  return nullptr;
}

const aipfilter::Schema& JobSchema() {
  static const aipfilter::Schema kSchema{SchemaFields(0)};
  return kSchema;
}

// Ids are dense from 1, so the row of id `field` is JobFields()[field - 1].
FieldValue JobRecord::Read(int field) const {
  return JobFields()[static_cast<std::size_t>(field - 1)].read(*job_);
}

bool JobRecord::IsSet(int field) const { return Read(field).present; }
std::string_view JobRecord::GetString(int field) const { return Read(field).text; }
std::int64_t JobRecord::GetInt(int field) const { return Read(field).number; }
bool JobRecord::GetBool(int field) const { return Read(field).number != 0; }
int JobRecord::GetEnum(int field) const { return static_cast<int>(Read(field).number); }
std::int64_t JobRecord::GetTimestamp(int field) const { return Read(field).number; }

std::size_t JobRecord::Size(int field) const {
  const FieldValue v = Read(field);
  return v.map ? v.map->size() : v.list ? v.list->size() : 0;
}

std::string_view JobRecord::Element(int field, std::size_t index) const {
  const FieldValue v = Read(field);
  if (v.list) return (*v.list)[index];
  auto it = v.map->begin();
  std::advance(it, static_cast<std::ptrdiff_t>(index));
  return it->second;
}

bool JobRecord::Lookup(int field, std::string_view key, std::string_view* value) const {
  const StringMap& map = *Read(field).map;
  const auto it = map.find(key);
  if (it == map.end()) return false;
  *value = it->second;
  return true;
}

}  // namespace fwmock
