#include "job_table.h"

namespace fwmock {

using aipfilter::FieldType;

namespace {

bool HasNumberColumn(FieldType t) {
  return t == FieldType::kInt || t == FieldType::kEnum || t == FieldType::kBool ||
         t == FieldType::kTimestamp;
}

bool HasColumn(FieldType t) { return HasNumberColumn(t) || t == FieldType::kMessage; }

const JobField& FieldById(int id) { return JobFields()[static_cast<std::size_t>(id - 1)]; }

std::size_t Index(int field) { return static_cast<std::size_t>(field); }

}  // namespace

// A slot seen through the filter's Record interface: numbers and presence from the columns,
// strings, maps and lists from the job.
class JobTable::SlotRecord : public aipfilter::Record {
 public:
  explicit SlotRecord(const JobTable& table) : table_(table) {}
  void Point(std::uint32_t slot) { slot_ = slot; }

  bool IsSet(int field) const override { return table_.columns_[Index(field)].present[slot_] != 0; }
  std::string_view GetString(int field) const override { return Slow(field).text; }
  std::int64_t GetInt(int field) const override { return Number(field); }
  bool GetBool(int field) const override { return Number(field) != 0; }
  int GetEnum(int field) const override { return static_cast<int>(Number(field)); }
  std::int64_t GetTimestamp(int field) const override { return Number(field); }
  std::size_t Size(int field) const override { return Job().Size(field); }
  std::string_view Element(int field, std::size_t index) const override {
    return Job().Element(field, index);
  }
  bool Lookup(int field, std::string_view key, std::string_view* value) const override {
    return Job().Lookup(field, key, value);
  }

 private:
  std::int64_t Number(int field) const { return table_.columns_[Index(field)].numbers[slot_]; }
  FieldValue Slow(int field) const { return FieldById(field).read(table_.jobs_[slot_]->job); }
  JobRecord Job() const { return JobRecord(&table_.jobs_[slot_]->job); }

  const JobTable& table_;
  std::uint32_t slot_ = 0;
};

JobTable::JobTable() : columns_(JobFields().size() + 1) {
  for (const JobField& f : JobFields()) {
    if (HasColumn(f.type)) column_fields_.push_back(&f);
  }
}

std::int64_t JobTable::Find(std::string_view id) const {
  const auto it = ids_.find(std::string(id));
  return it == ids_.end() ? -1 : static_cast<std::int64_t>(it->second);
}

void JobTable::Fill(std::uint32_t slot, const BatchJob* job) {
  for (const JobField* f : column_fields_) {
    Column& c = columns_[Index(f->id)];
    if (c.present.size() <= slot) {
      c.present.resize(jobs_.size());
      if (HasNumberColumn(f->type)) c.numbers.resize(jobs_.size());
    }
    const FieldValue v = job ? f->read(*job) : FieldValue();
    c.present[slot] = job && v.present ? 1 : 0;
    if (!c.numbers.empty()) c.numbers[slot] = job ? v.number : 0;
  }
}

std::uint32_t JobTable::Put(const std::string& id, JobPtr job) {
  std::uint32_t slot = 0;
  if (const auto it = ids_.find(id); it != ids_.end()) {
    slot = it->second;
  } else if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
    ids_.emplace(id, slot);
  } else {
    slot = static_cast<std::uint32_t>(jobs_.size());
    jobs_.emplace_back();
    ids_.emplace(id, slot);
  }
  jobs_[slot] = std::move(job);
  Fill(slot, &jobs_[slot]->job);
  return slot;
}

JobPtr JobTable::Remove(std::string_view id) {
  const auto it = ids_.find(std::string(id));
  if (it == ids_.end()) return nullptr;
  const std::uint32_t slot = it->second;
  ids_.erase(it);
  JobPtr old = std::move(jobs_[slot]);
  jobs_[slot] = nullptr;
  Fill(slot, nullptr);
  free_.push_back(slot);
  return old;
}

std::vector<bool> JobTable::Match(const aipfilter::Program& program) const {
  std::vector<bool> match(jobs_.size());
  SlotRecord record(*this);
  for (std::uint32_t slot = 0; slot < jobs_.size(); ++slot) {  // sequential column reads
    if (!jobs_[slot]) continue;
    record.Point(slot);
    match[slot] = program.matches_everything() || program.Matches(record);
  }
  return match;
}

}  // namespace fwmock
