#include "account_view.h"

#include <algorithm>
#include <numeric>

namespace fwmock {

using aipfilter::FieldType;

namespace {

bool HasNumberColumn(FieldType t) {
  return t == FieldType::kInt || t == FieldType::kEnum || t == FieldType::kBool ||
         t == FieldType::kTimestamp;
}

bool HasColumn(FieldType t) { return HasNumberColumn(t) || t == FieldType::kMessage; }

const JobField& FieldById(int id) { return JobFields()[static_cast<std::size_t>(id - 1)]; }

}  // namespace

// A row seen through the filter's Record interface.
class AccountView::RowRecord : public aipfilter::Record {
 public:
  explicit RowRecord(const AccountView& view) : view_(view) {}
  void Point(std::uint32_t row) { row_ = row; }

  bool IsSet(int field) const override { return view_.columns_[Id(field)].present[row_] != 0; }
  std::string_view GetString(int field) const override { return Slow(field).text; }
  std::int64_t GetInt(int field) const override { return Number(field); }
  bool GetBool(int field) const override { return Number(field) != 0; }
  int GetEnum(int field) const override { return static_cast<int>(Number(field)); }
  std::int64_t GetTimestamp(int field) const override { return Number(field); }
  std::size_t Size(int field) const override {
    const FieldValue v = Slow(field);
    return v.map ? v.map->size() : v.list ? v.list->size() : 0;
  }
  std::string_view Element(int field, std::size_t index) const override {
    return JobRecord(&view_.jobs_[row_]->job).Element(field, index);
  }
  bool Lookup(int field, std::string_view key, std::string_view* value) const override {
    return JobRecord(&view_.jobs_[row_]->job).Lookup(field, key, value);
  }

 private:
  static std::size_t Id(int field) { return static_cast<std::size_t>(field); }
  std::int64_t Number(int field) const { return view_.columns_[Id(field)].numbers[row_]; }
  FieldValue Slow(int field) const { return FieldById(field).read(view_.jobs_[row_]->job); }

  const AccountView& view_;
  std::uint32_t row_ = 0;
};

AccountView::AccountView(std::vector<JobPtr> jobs, std::uint64_t version)
    : jobs_(std::move(jobs)), columns_(JobFields().size() + 1), version_(version) {
  std::vector<const JobField*> fields;
  for (const JobField& f : JobFields()) {
    if (!HasColumn(f.type)) continue;
    fields.push_back(&f);
    Column& c = columns_[static_cast<std::size_t>(f.id)];
    c.present.resize(jobs_.size());
    if (HasNumberColumn(f.type)) c.numbers.resize(jobs_.size());
  }
  for (std::size_t row = 0; row < jobs_.size(); ++row) {  // one pass: each job read once
    const BatchJob& job = jobs_[row]->job;
    for (const JobField* f : fields) {
      const FieldValue v = f->read(job);
      Column& c = columns_[static_cast<std::size_t>(f->id)];
      c.present[row] = v.present ? 1 : 0;
      if (!c.numbers.empty()) c.numbers[row] = v.number;
    }
  }
}

FieldValue AccountView::Read(const JobField& field, std::uint32_t row) const {
  if (!HasNumberColumn(field.type)) return field.read(jobs_[row]->job);
  const Column& c = columns_[static_cast<std::size_t>(field.id)];
  FieldValue v;
  v.present = c.present[row] != 0;
  v.number = c.numbers[row];
  return v;
}

Rows AccountView::Sorted(const OrderBy& order) const {
  if (order.keys.size() == 1 && HasNumberColumn(order.keys[0].field->type)) {
    return SortedByColumn(order.keys[0]);
  }
  Rows rows(jobs_.size());
  std::iota(rows.begin(), rows.end(), 0U);
  std::sort(rows.begin(), rows.end(), [&](std::uint32_t a, std::uint32_t b) {
    for (const OrderKey& k : order.keys) {
      const int c = CompareField(k, Read(*k.field, a), Read(*k.field, b));
      if (c != 0) return c < 0;
    }
    return a < b;  // rows are in name order: the final tie-break
  });
  return rows;
}

// The common case (create_time desc, num_ranks ...): one key with a column, sorted as plain
// integers. Same order as the general path: unset first, reversed when descending, rows (names)
// ascending on ties.
Rows AccountView::SortedByColumn(const OrderKey& key) const {
  const Column& c = columns_[static_cast<std::size_t>(key.field->id)];
  struct Entry {
    std::uint8_t present;
    std::int64_t number;
    std::uint32_t row;
  };
  std::vector<Entry> entries(jobs_.size());
  for (std::uint32_t row = 0; row < jobs_.size(); ++row) {
    entries[row] = {c.present[row], c.present[row] ? c.numbers[row] : 0, row};
  }
  const bool desc = key.descending;
  std::sort(entries.begin(), entries.end(), [desc](const Entry& a, const Entry& b) {
    if (a.present != b.present) return desc ? a.present > b.present : a.present < b.present;
    if (a.number != b.number) return desc ? a.number > b.number : a.number < b.number;
    return a.row < b.row;
  });
  Rows rows(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) rows[i] = entries[i].row;
  return rows;
}

Rows AccountView::Filter(const aipfilter::Program& program, const Rows& ordered) const {
  if (program.matches_everything()) return ordered;
  std::vector<bool> match(jobs_.size());
  RowRecord record(*this);
  for (std::uint32_t row = 0; row < jobs_.size(); ++row) {  // storage order: sequential reads
    record.Point(row);
    match[row] = program.Matches(record);
  }
  Rows out;
  for (std::uint32_t row : ordered) {
    if (match[row]) out.push_back(row);
  }
  return out;
}

int AccountView::ComparePosition(const OrderBy& order, const std::vector<KeyValue>& key,
                                 const std::string& name, std::uint32_t row) const {
  for (std::size_t i = 0; i < order.keys.size() && i < key.size(); ++i) {
    const OrderKey& k = order.keys[i];
    const int c = CompareField(k, ViewOf(key[i]), Read(*k.field, row));
    if (c != 0) return c;
  }
  const int c = std::string_view(name).compare(jobs_[row]->job.name);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace fwmock
