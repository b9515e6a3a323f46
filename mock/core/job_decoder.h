#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "batch_job.h"

namespace fwmock {

// Decodes one BatchJob from JSON parse events (nlohmann's SAX interface), without building a
// JSON tree: the fixture loader feeds it millions of jobs. Keys are camelCase or snake_case;
// unknown keys are skipped with whatever they hold; null means unset. The first error stops it,
// naming the field: `field "state": unknown value "RUNING"`.
class JobDecoder {
 public:
  // Starts a job: call with the job object's own start_object, then pass every event up to and
  // including its end_object. Each event returns false once there is an error.
  void Begin();
  bool StartObject();
  bool EndObject();
  bool StartArray();
  bool EndArray();
  bool Key(const std::string& key);
  bool String(const std::string& value);
  bool Integer(std::int64_t value);
  bool Unsigned(std::uint64_t value);
  bool Float(double value);
  bool Bool(bool value);
  bool Null();

  // True once the job's opening brace has been passed.
  bool started() const { return started_; }
  // True once the job's closing brace has been passed.
  bool done() const { return started_ && frames_.empty(); }
  const Status& status() const { return status_; }
  // The job's name, once its "name" key has been read.
  const std::string& name() const { return job_.name; }
  // The keys of the job (and of its executors) that name no field, dotted and in the order read:
  // {"numRank", "pythonExecutor.targt"}. What an unknown key holds is not looked into.
  const std::vector<std::string>& unknown_keys() const { return unknown_keys_; }
  BatchJob Take() { return std::move(job_); }

  struct Slot;  // one key of one object: how its value is stored

 private:
  struct Frame {
    enum class Type { kObject, kMap, kStrings, kSkip };
    Type type = Type::kObject;
    const std::vector<Slot>* slots = nullptr;     // kObject
    std::string prefix;                           // "pythonExecutor." for nested objects
    StringMap* map = nullptr;                     // kMap
    std::vector<std::string>* strings = nullptr;  // kStrings
    std::string field;                            // the field a kMap or kStrings frame fills
    int depth = 0;                                // kSkip: open containers
  };

  // A scalar value of the pending slot; `type` names it in errors, `text` is its JSON.
  struct Scalar {
    const char* type;
    std::string text;
    const std::string* string = nullptr;
    bool is_integer = false;
    std::int64_t integer = 0;
    bool boolean = false;
  };
  bool Value(const Scalar& value);
  static std::string Text(const Scalar& value);
  bool PushSkip();
  bool Fail(const std::string& field, const std::string& what);
  std::string FieldName() const;

  BatchJob job_;
  std::vector<Frame> frames_;
  const Slot* pending_ = nullptr;  // the slot whose key was just read; nullptr: skip its value
  std::string key_;
  std::vector<std::string> unknown_keys_;
  bool started_ = false;
  Status status_;
};

// A JSON parser's message without its "[json.exception.parse_error.101] " prefix.
std::string ParseErrorText(const std::string& what);

// Parses one job from JSON text (a request body, a fixture entry).
Result<BatchJob> ParseJob(std::string_view text);

}  // namespace fwmock
