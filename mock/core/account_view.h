#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "aipfilter/program.h"
#include "job_store.h"
#include "order_by.h"

namespace fwmock {

using Rows = std::vector<std::uint32_t>;

// One account's jobs at one store version, laid out for fast listing: rows in name order, and
// a column per numeric, enum, bool and timestamp field (and a presence column per timestamp and
// message), so a filter or a sort over those fields scans compact arrays instead of jobs.
class AccountView {
 public:
  AccountView(std::vector<JobPtr> jobs, std::uint64_t version);

  std::size_t size() const { return jobs_.size(); }
  std::uint64_t version() const { return version_; }
  const JobPtr& job(std::uint32_t row) const { return jobs_[row]; }

  // The value of `field` in `row`, from its column when it has one.
  FieldValue Read(const JobField& field, std::uint32_t row) const;

  // Every row, in `order` (ties broken by name).
  Rows Sorted(const OrderBy& order) const;
  // The rows of `ordered` that match `program`, in the same order.
  Rows Filter(const aipfilter::Program& program, const Rows& ordered) const;

  // <0, 0, >0 as a remembered position sorts before, with, after `row`.
  int ComparePosition(const OrderBy& order, const std::vector<KeyValue>& key,
                      const std::string& name, std::uint32_t row) const;

 private:
  class RowRecord;
  Rows SortedByColumn(const OrderKey& key) const;
  struct Column {
    std::vector<std::int64_t> numbers;
    std::vector<std::uint8_t> present;
  };

  std::vector<JobPtr> jobs_;
  std::vector<Column> columns_;  // by field id; empty for fields without a column
  std::uint64_t version_;
};

}  // namespace fwmock
