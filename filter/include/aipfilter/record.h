#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace aipfilter {

// What the evaluator reads a record through. Every call names a field by its Field::id and is
// made only for a field of the matching type, and for a nested field only when every enclosing
// message is set. The defaults describe an all-unset record.
class Record {
 public:
  virtual ~Record() = default;

  // kMessage and kTimestamp: whether the field is set.
  virtual bool IsSet(int /*field*/) const { return false; }
  virtual std::string_view GetString(int /*field*/) const { return {}; }
  virtual std::int64_t GetInt(int /*field*/) const { return 0; }
  virtual double GetFloat(int /*field*/) const { return 0.0; }
  virtual bool GetBool(int /*field*/) const { return false; }
  // kEnum: the index of the value in Field::enum_values.
  virtual int GetEnum(int /*field*/) const { return 0; }
  // kTimestamp: nanoseconds since the Unix epoch; asked only when IsSet.
  virtual std::int64_t GetTimestamp(int /*field*/) const { return 0; }
  // kRepeatedString and kStringMap: the number of elements (entries).
  virtual std::size_t Size(int /*field*/) const { return 0; }
  // kRepeatedString: element `index`; kStringMap: the value of entry `index`, in any fixed order.
  virtual std::string_view Element(int /*field*/, std::size_t /*index*/) const { return {}; }
  // kStringMap: the value under `key`, if there is one.
  virtual bool Lookup(int /*field*/, std::string_view /*key*/, std::string_view* /*value*/) const {
    return false;
  }
};

}  // namespace aipfilter
