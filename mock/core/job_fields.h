#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "aipfilter/record.h"
#include "aipfilter/schema.h"
#include "batch_job.h"

namespace fwmock {

// One field of one job, as the table reads it.
struct FieldValue {
  bool present = true;      // false: an unset timestamp or message (or one inside an unset one)
  std::string_view text;    // string
  std::int64_t number = 0;  // int, bool (0/1), enum (index), timestamp (nanoseconds)
  const StringMap* map = nullptr;
  const std::vector<std::string>* list = nullptr;
};

// The one description of the batch-job fields. The filter schema, orderBy and readMask are all
// derived from it.
struct JobField {
  int id;                 // unique; also the filter's field id
  int parent;             // id of the enclosing message, 0 at the top level
  const char* name;       // snake_case
  const char* json_name;  // camelCase
  aipfilter::FieldType type;
  const std::vector<std::string>* enum_values;  // kEnum
  FieldValue (*read)(const BatchJob& job);
  bool orderable;            // scalars and timestamps; maps, repeated fields and messages are not
  bool output_only = false;  // written by the server; Create and Update ignore it
};

const std::vector<JobField>& JobFields();

// The field `name` (snake or camel) among the children of `parent` (0: top level), or nullptr.
const JobField* FindJobField(int parent, std::string_view name);

// The filter schema of batch jobs, built from JobFields().
const aipfilter::Schema& JobSchema();

// A job seen through the filter's Record interface.
class JobRecord : public aipfilter::Record {
 public:
  explicit JobRecord(const BatchJob* job = nullptr) : job_(job) {}
  void Point(const BatchJob* job) { job_ = job; }

  bool IsSet(int field) const override;
  std::string_view GetString(int field) const override;
  std::int64_t GetInt(int field) const override;
  bool GetBool(int field) const override;
  int GetEnum(int field) const override;
  std::int64_t GetTimestamp(int field) const override;
  std::size_t Size(int field) const override;
  std::string_view Element(int field, std::size_t index) const override;
  bool Lookup(int field, std::string_view key, std::string_view* value) const override;

 private:
  FieldValue Read(int field) const;
  const BatchJob* job_;
};

}  // namespace fwmock
