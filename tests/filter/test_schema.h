#pragma once

// The filter library's own test fixture: a schema with one field of every type and a record
// that holds its values in plain members. It knows nothing of batch jobs.

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aipfilter/record.h"
#include "aipfilter/schema.h"

namespace aipfilter_test {

// Field ids, unique over the whole schema (nested fields included).
constexpr int kTitle = 1;           // string
constexpr int kCount = 2;           // int
constexpr int kRatio = 3;           // float
constexpr int kActive = 4;          // bool
constexpr int kPhase = 5;           // enum
constexpr int kCreated = 6;         // timestamp
constexpr int kLabels = 7;          // map<string, string>
constexpr int kTags = 8;            // repeated string
constexpr int kOwner = 9;           // message
constexpr int kOwnerEmail = 10;     // owner.email, string
constexpr int kOwnerLevel = 11;     // owner.level, int
constexpr int kOwnerSince = 12;     // owner.since, timestamp
constexpr int kDisplayName = 13;    // string; json name displayName
constexpr int kRetryCount = 14;     // int; json name derived: retryCount
constexpr int kOwnerFullName = 15;  // owner.full_name, string; json name derived: fullName

// Indices into the values of `phase`.
constexpr int kPhaseUnspecified = 0;
constexpr int kDraft = 1;
constexpr int kLive = 2;
constexpr int kDone = 3;

constexpr std::int64_t kSecond = 1000000000;
// 2024-01-02T03:04:05Z in nanoseconds since the Unix epoch (`date -u -d ... +%s`).
constexpr std::int64_t kT0 = 1704164645 * kSecond;
// 2023-06-01T00:00:00Z.
constexpr std::int64_t kJune2023 = 1685577600 * kSecond;

inline aipfilter::Field MakeField(std::string name, aipfilter::FieldType type, int id) {
  aipfilter::Field field;
  field.name = std::move(name);
  field.type = type;
  field.id = id;
  return field;
}

inline aipfilter::Schema BuildTestSchema() {
  using aipfilter::FieldType;
  aipfilter::Field phase = MakeField("phase", FieldType::kEnum, kPhase);
  phase.enum_values = {"PHASE_UNSPECIFIED", "DRAFT", "LIVE", "DONE"};
  aipfilter::Field owner = MakeField("owner", FieldType::kMessage, kOwner);
  owner.fields = {MakeField("email", FieldType::kString, kOwnerEmail),
                  MakeField("level", FieldType::kInt, kOwnerLevel),
                  MakeField("since", FieldType::kTimestamp, kOwnerSince),
                  MakeField("full_name", FieldType::kString, kOwnerFullName)};
  aipfilter::Field display_name = MakeField("display_name", FieldType::kString, kDisplayName);
  display_name.json_name = "displayName";

  aipfilter::Schema schema;
  schema.fields = {MakeField("title", FieldType::kString, kTitle),
                   MakeField("count", FieldType::kInt, kCount),
                   MakeField("ratio", FieldType::kFloat, kRatio),
                   MakeField("active", FieldType::kBool, kActive),
                   std::move(phase),
                   MakeField("created", FieldType::kTimestamp, kCreated),
                   MakeField("labels", FieldType::kStringMap, kLabels),
                   MakeField("tags", FieldType::kRepeatedString, kTags),
                   std::move(owner),
                   std::move(display_name),
                   MakeField("retry_count", FieldType::kInt, kRetryCount)};
  return schema;
}

// The schema, built once.
inline const aipfilter::Schema& TestSchema() {
  static const aipfilter::Schema* const schema = new aipfilter::Schema(BuildTestSchema());
  return *schema;
}

struct TestOwner {
  std::string email;
  std::int64_t level = 0;
  std::optional<std::int64_t> since;
  std::string full_name;
};

// A record of the test schema. Unset timestamps and messages are empty optionals; maps and
// repeated fields have no presence. `misuse` counts calls the Record contract forbids: a read
// of a field through the wrong accessor, of an unset timestamp, or of a field of an unset owner.
struct TestRecord : aipfilter::Record {
  char id = '?';  // names the record in expected results; not a field
  std::string title;
  std::int64_t count = 0;
  double ratio = 0.0;
  bool active = false;
  int phase = kPhaseUnspecified;
  std::optional<std::int64_t> created;
  std::map<std::string, std::string> labels;
  std::vector<std::string> tags;
  std::optional<TestOwner> owner;
  std::string display_name;
  std::int64_t retry_count = 0;
  mutable int misuse = 0;

  bool IsSet(int field) const override {
    if (field == kCreated) return created.has_value();
    if (field == kOwner) return owner.has_value();
    if (field == kOwnerSince) return Owner().since.has_value();
    return Misuse(false);
  }
  std::string_view GetString(int field) const override {
    if (field == kTitle) return title;
    if (field == kDisplayName) return display_name;
    if (field == kOwnerEmail) return Owner().email;
    if (field == kOwnerFullName) return Owner().full_name;
    return Misuse(std::string_view());
  }
  std::int64_t GetInt(int field) const override {
    if (field == kCount) return count;
    if (field == kOwnerLevel) return Owner().level;
    if (field == kRetryCount) return retry_count;
    return Misuse(std::int64_t{0});
  }
  double GetFloat(int field) const override { return field == kRatio ? ratio : Misuse(0.0); }
  bool GetBool(int field) const override { return field == kActive ? active : Misuse(false); }
  int GetEnum(int field) const override { return field == kPhase ? phase : Misuse(0); }
  std::int64_t GetTimestamp(int field) const override {
    const std::optional<std::int64_t>* value = nullptr;
    if (field == kCreated) value = &created;
    if (field == kOwnerSince) value = &Owner().since;
    if (value == nullptr || !value->has_value()) return Misuse(std::int64_t{0});
    return **value;
  }
  std::size_t Size(int field) const override {
    if (field == kTags) return tags.size();
    if (field == kLabels) return labels.size();
    return Misuse(std::size_t{0});
  }
  std::string_view Element(int field, std::size_t index) const override {
    if (field == kTags && index < tags.size()) return tags[index];
    if (field == kLabels && index < labels.size()) {
      auto it = labels.begin();
      std::advance(it, static_cast<std::ptrdiff_t>(index));
      return it->second;
    }
    return Misuse(std::string_view());
  }
  bool Lookup(int field, std::string_view key, std::string_view* value) const override {
    if (field != kLabels) return Misuse(false);
    const auto it = labels.find(std::string(key));
    if (it == labels.end()) return false;
    *value = it->second;
    return true;
  }

 private:
  const TestOwner& Owner() const {
    static const TestOwner* const kUnset = new TestOwner();
    if (owner.has_value()) return *owner;
    ++misuse;
    return *kUnset;
  }
  template <typename T>
  T Misuse(T value) const {
    ++misuse;
    return value;
  }
};

}  // namespace aipfilter_test
