#include "job_decoder.h"

#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>

#include "aipfilter/timestamp.h"

namespace fwmock {

// One key of one object and where its value goes: exactly the pointer that matches `kind` is set.
// Nested fields reach into an executor that the object's start_object has already engaged.
struct JobDecoder::Slot {
  enum class Kind { kString, kInt32, kBool, kTimestamp, kEnum, kMap, kStrings, kObject };
  const char* camel;
  const char* snake;
  Kind kind;
  std::string* (*string)(BatchJob&) = nullptr;
  std::int32_t* (*int32)(BatchJob&) = nullptr;
  bool* (*boolean)(BatchJob&) = nullptr;
  std::optional<std::int64_t>* (*timestamp)(BatchJob&) = nullptr;
  void (*set_enum)(BatchJob&, int) = nullptr;
  const std::vector<std::string>* enum_names = nullptr;
  StringMap* (*map)(BatchJob&) = nullptr;
  std::vector<std::string>* (*strings)(BatchJob&) = nullptr;
  void (*engage)(BatchJob&) = nullptr;  // kObject: creates the message
  const std::vector<Slot>* nested = nullptr;
};

namespace {

using Slot = JobDecoder::Slot;
using Kind = Slot::Kind;
using J = BatchJob&;

Slot Str(const char* camel, const char* snake, std::string* (*f)(J)) {
  Slot s{camel, snake, Kind::kString};
  s.string = f;
  return s;
}
Slot Time(const char* camel, const char* snake, std::optional<std::int64_t>* (*f)(J)) {
  Slot s{camel, snake, Kind::kTimestamp};
  s.timestamp = f;
  return s;
}
Slot Map(const char* camel, const char* snake, StringMap* (*f)(J)) {
  Slot s{camel, snake, Kind::kMap};
  s.map = f;
  return s;
}
Slot Enum(const char* camel, const char* snake, const std::vector<std::string>& names,
          void (*f)(J, int)) {
  Slot s{camel, snake, Kind::kEnum};
  s.set_enum = f;
  s.enum_names = &names;
  return s;
}
Slot Object(const char* camel, const char* snake, void (*engage)(J),
            const std::vector<Slot>& nested) {
  Slot s{camel, snake, Kind::kObject};
  s.engage = engage;
  s.nested = &nested;
  return s;
}

const std::vector<Slot>& PythonSlots() {
  static const std::vector<Slot> kSlots = [] {
    Slot args{"args", "args", Kind::kStrings};
    args.strings = [](J j) { return &j.python_executor->args; };
    return std::vector<Slot>{
        Enum("targetType", "target_type", TargetTypeNames(),
             [](J j, int v) { j.python_executor->target_type = static_cast<TargetType>(v); }),
        Str("target", "target", [](J j) { return &j.python_executor->target; }),
        args,
    };
  }();
  return kSlots;
}

const std::vector<Slot>& NotebookSlots() {
  static const std::vector<Slot> kSlots = {Str("notebookFilename", "notebook_filename", [](J j) {
    return &j.notebook_executor->notebook_filename;
  })};
  return kSlots;
}

const std::vector<Slot>& ShellSlots() {
  static const std::vector<Slot> kSlots = {
      Str("command", "command", [](J j) { return &j.shell_executor->command; })};
  return kSlots;
}

const std::vector<Slot>& JobSlots() {
  static const std::vector<Slot> kSlots = [] {
    Slot num_ranks{"numRanks", "num_ranks", Kind::kInt32};
    num_ranks.int32 = [](J j) { return &j.num_ranks; };
    Slot shared{"shared", "shared", Kind::kBool};
    shared.boolean = [](J j) { return &j.shared; };
    return std::vector<Slot>{
        Str("name", "name", [](J j) { return &j.name; }),
        Str("displayName", "display_name", [](J j) { return &j.display_name; }),
        Time("createTime", "create_time", [](J j) { return &j.create_time; }),
        Time("startTime", "start_time", [](J j) { return &j.start_time; }),
        Time("endTime", "end_time", [](J j) { return &j.end_time; }),
        Str("createdBy", "created_by", [](J j) { return &j.created_by; }),
        Str("nodePoolId", "node_pool_id", [](J j) { return &j.node_pool_id; }),
        Str("environmentId", "environment_id", [](J j) { return &j.environment_id; }),
        Str("snapshotId", "snapshot_id", [](J j) { return &j.snapshot_id; }),
        num_ranks,
        Map("envVars", "env_vars", [](J j) { return &j.env_vars; }),
        Str("role", "role", [](J j) { return &j.role; }),
        Object(
            "pythonExecutor", "python_executor", [](J j) { j.python_executor.emplace(); },
            PythonSlots()),
        Object(
            "notebookExecutor", "notebook_executor", [](J j) { j.notebook_executor.emplace(); },
            NotebookSlots()),
        Object(
            "shellExecutor", "shell_executor", [](J j) { j.shell_executor.emplace(); },
            ShellSlots()),
        Str("imageRef", "image_ref", [](J j) { return &j.image_ref; }),
        Map("annotations", "annotations", [](J j) { return &j.annotations; }),
        Enum("state", "state", JobStateNames(),
             [](J j, int v) { j.state = static_cast<JobState>(v); }),
        Str("status", "status", [](J j) { return &j.status; }),
        shared,
        Time("updateTime", "update_time", [](J j) { return &j.update_time; }),
    };
  }();
  return kSlots;
}

// The slot of `key` among `slots`, by either spelling: a hash lookup, as it runs for every key of
// every job.
const Slot* FindSlot(const std::vector<Slot>& slots, const std::string& key) {
  using Index = std::unordered_map<std::string_view, const Slot*>;
  static const auto* const kIndexes = [] {
    auto* indexes = new std::unordered_map<const std::vector<Slot>*, Index>();
    for (const std::vector<Slot>* list :
         {&JobSlots(), &PythonSlots(), &NotebookSlots(), &ShellSlots()}) {
      Index& index = (*indexes)[list];
      for (const Slot& slot : *list) {
        index[slot.camel] = &slot;
        index[slot.snake] = &slot;
      }
    }
    return indexes;
  }();
  const Index& index = kIndexes->at(&slots);
  const auto it = index.find(key);
  return it == index.end() ? nullptr : it->second;
}

bool ParseInt(const std::string& s, std::int64_t* out) {
  const char* end = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(s.data(), end, *out);
  return !s.empty() && ec == std::errc() && ptr == end;
}

std::string Quoted(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void JobDecoder::Begin() {
  job_ = BatchJob();
  frames_.clear();
  pending_ = nullptr;
  unknown_keys_.clear();
  started_ = false;
  status_ = Status();
}

bool JobDecoder::Fail(const std::string& field, const std::string& what) {
  if (status_.ok()) status_ = aipfilter::InvalidArgumentError("field \"" + field + "\": " + what);
  return false;
}

std::string JobDecoder::FieldName() const {
  const Frame& f = frames_.back();
  return f.type == Frame::Type::kObject ? f.prefix + key_ : f.field;
}

bool JobDecoder::StartObject() {
  if (!started_) {
    started_ = true;
    Frame job;
    job.slots = &JobSlots();
    frames_.push_back(std::move(job));
    return true;
  }
  Frame& top = frames_.back();
  if (top.type == Frame::Type::kSkip) return ++top.depth, true;
  if (top.type == Frame::Type::kObject && pending_ == nullptr) {
    return PushSkip();
  }
  if (top.type != Frame::Type::kObject) return Fail(FieldName(), "expected a string, got object");
  const Slot& slot = *pending_;
  Frame next;
  if (slot.kind == Kind::kMap) {
    next.type = Frame::Type::kMap;
    next.map = slot.map(job_);
    next.map->clear();
  } else if (slot.kind == Kind::kObject) {
    slot.engage(job_);
    next.slots = slot.nested;
    next.prefix = top.prefix + slot.camel + ".";
  } else {
    return Value({"object", "{...}"});
  }
  next.field = top.prefix + slot.camel;
  frames_.push_back(std::move(next));
  pending_ = nullptr;
  return true;
}

bool JobDecoder::PushSkip() {  // an unknown key's object or array: ignored whole
  Frame skip;
  skip.type = Frame::Type::kSkip;
  skip.depth = 1;
  frames_.push_back(std::move(skip));
  return true;
}

bool JobDecoder::EndObject() {
  Frame& top = frames_.back();
  if (top.type == Frame::Type::kSkip && --top.depth > 0) return true;
  frames_.pop_back();
  pending_ = nullptr;
  return true;
}

bool JobDecoder::StartArray() {
  Frame& top = frames_.back();
  if (top.type == Frame::Type::kSkip) return ++top.depth, true;
  if (top.type == Frame::Type::kObject && pending_ == nullptr) {
    return PushSkip();
  }
  if (top.type == Frame::Type::kObject && pending_->kind == Kind::kStrings) {
    Frame next;
    next.type = Frame::Type::kStrings;
    next.strings = pending_->strings(job_);
    next.strings->clear();
    next.field = top.prefix + pending_->camel;
    frames_.push_back(std::move(next));
    pending_ = nullptr;
    return true;
  }
  if (top.type == Frame::Type::kStrings) return Fail(top.field, "expected an array of strings");
  return Value({"array", "[...]"});
}

bool JobDecoder::EndArray() { return EndObject(); }

bool JobDecoder::Key(const std::string& key) {
  Frame& top = frames_.back();
  key_ = key;
  if (top.type != Frame::Type::kObject) return true;
  pending_ = FindSlot(*top.slots, key);
  if (pending_ == nullptr) unknown_keys_.push_back(top.prefix + key);
  return true;
}

bool JobDecoder::String(const std::string& value) {
  Scalar s{"string", ""};  // its JSON text is made only for an error message
  s.string = &value;
  return Value(s);
}

bool JobDecoder::Integer(std::int64_t value) {
  Scalar s{"number", std::to_string(value)};
  s.is_integer = true;
  s.integer = value;
  return Value(s);
}

bool JobDecoder::Unsigned(std::uint64_t value) {
  if (value <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return Integer(static_cast<std::int64_t>(value));
  }
  Scalar s{"number", std::to_string(value)};
  s.is_integer = true;
  s.integer = std::numeric_limits<std::int64_t>::max();
  return Value(s);
}

bool JobDecoder::Float(double value) { return Value({"number", nlohmann::json(value).dump()}); }

bool JobDecoder::Bool(bool value) {
  Scalar s{"boolean", value ? "true" : "false"};
  s.boolean = value;
  return Value(s);
}

bool JobDecoder::Null() {
  const Frame& top = frames_.back();
  if (top.type == Frame::Type::kMap)
    return Fail(top.field, "value of key \"" + key_ + "\": expected a string, got null");
  if (top.type == Frame::Type::kStrings) return Fail(top.field, "expected an array of strings");
  pending_ = nullptr;  // null is unset
  return true;
}

// The value as JSON text, for messages.
std::string JobDecoder::Text(const Scalar& v) { return v.string ? Quoted(*v.string) : v.text; }

bool JobDecoder::Value(const Scalar& v) {
  Frame& top = frames_.back();
  switch (top.type) {
    case Frame::Type::kSkip:
      return true;
    case Frame::Type::kMap:
      if (v.string == nullptr) {
        return Fail(top.field, "value of key \"" + key_ + "\": expected a string, got " + v.type);
      }
      (*top.map)[key_] = *v.string;
      return true;
    case Frame::Type::kStrings:
      if (v.string == nullptr) return Fail(top.field, "expected an array of strings");
      top.strings->push_back(*v.string);
      return true;
    case Frame::Type::kObject:
      break;
  }
  if (pending_ == nullptr) return true;  // an unknown key
  const Slot& slot = *pending_;
  const std::string field = FieldName();
  pending_ = nullptr;
  switch (slot.kind) {
    case Kind::kString:
      if (v.string == nullptr) return Fail(field, std::string("expected a string, got ") + v.type);
      *slot.string(job_) = *v.string;
      return true;
    case Kind::kBool:
      if (std::string_view(v.type) != "boolean") {
        return Fail(field, std::string("expected true or false, got ") + v.type);
      }
      *slot.boolean(job_) = v.boolean;
      return true;
    case Kind::kInt32: {
      std::int64_t n = v.integer;
      if (!v.is_integer &&
          (v.string == nullptr || v.string->size() > 12 || !ParseInt(*v.string, &n))) {
        return Fail(field, std::string("expected an int32, got ") + v.type);
      }
      if (n < std::numeric_limits<std::int32_t>::min() ||
          n > std::numeric_limits<std::int32_t>::max()) {
        return Fail(field, "value " + Text(v) + " is out of the int32 range");
      }
      *slot.int32(job_) = static_cast<std::int32_t>(n);
      return true;
    }
    case Kind::kTimestamp: {
      std::int64_t nanos = 0;
      const aipfilter::TimestampParse parsed =
          v.string == nullptr ? aipfilter::TimestampParse::kMalformed
                              : aipfilter::ParseRfc3339Clamped(*v.string, &nanos);
      if (parsed == aipfilter::TimestampParse::kMalformed) {
        return Fail(field, "expected an RFC 3339 timestamp, got " + Text(v));
      }
      if (parsed != aipfilter::TimestampParse::kOk) {
        return Fail(field, "timestamp " + Text(v) +
                               " is outside 1677-09-21T00:12:43.145224192Z to "
                               "2262-04-11T23:47:16.854775807Z");
      }
      *slot.timestamp(job_) = nanos;
      return true;
    }
    case Kind::kEnum: {
      const auto& names = *slot.enum_names;
      for (std::size_t i = 0; v.string != nullptr && i < names.size(); ++i) {
        if (names[i] == *v.string) return slot.set_enum(job_, static_cast<int>(i)), true;
      }
      if (v.is_integer && v.integer >= 0 && v.integer < static_cast<std::int64_t>(names.size())) {
        return slot.set_enum(job_, static_cast<int>(v.integer)), true;
      }
      return Fail(field, "unknown value " + Text(v));
    }
    case Kind::kMap:
      return Fail(field, std::string("expected an object, got ") + v.type);
    case Kind::kStrings:
      return Fail(field, std::string("expected an array, got ") + v.type);
    case Kind::kObject:
      return Fail(field, std::string("expected an object, got ") + v.type);
  }
  return true;
}

namespace {

// nlohmann's SAX interface over one JobDecoder, for a text that holds one job.
class SingleJobSax : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit SingleJobSax(JobDecoder* decoder) : d_(*decoder) {}
  // Only an object can start the job: any other first value stops the parse.
  bool null() override { return d_.started() && d_.Null(); }
  bool boolean(bool v) override { return d_.started() && d_.Bool(v); }
  bool number_integer(number_integer_t v) override { return d_.started() && d_.Integer(v); }
  bool number_unsigned(number_unsigned_t v) override { return d_.started() && d_.Unsigned(v); }
  bool number_float(number_float_t v, const string_t&) override {
    return d_.started() && d_.Float(v);
  }
  bool string(string_t& v) override { return d_.started() && d_.String(v); }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override { return d_.StartObject(); }
  bool key(string_t& k) override { return d_.Key(k); }
  bool end_object() override { return d_.EndObject(); }
  bool start_array(std::size_t) override { return d_.started() && d_.StartArray(); }
  bool end_array() override { return d_.EndArray(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    error_ = ParseErrorText(e.what());
    return false;
  }
  const std::string& error() const { return error_; }

 private:
  JobDecoder& d_;
  std::string error_;
};

}  // namespace

std::string ParseErrorText(const std::string& what) {
  const std::size_t close = what.find("] ");
  return what.rfind("[json.exception", 0) == 0 && close != std::string::npos
             ? what.substr(close + 2)
             : what;
}

Result<BatchJob> ParseJob(std::string_view text) {
  JobDecoder decoder;
  decoder.Begin();
  SingleJobSax sax(&decoder);
  const bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &sax);
  if (!decoder.status().ok()) return decoder.status();
  if (!sax.error().empty()) {
    return aipfilter::InvalidArgumentError("invalid JSON: " + sax.error());
  }
  if (!ok || !decoder.done()) return aipfilter::InvalidArgumentError("expected a JSON object");
  return decoder.Take();
}

}  // namespace fwmock
