#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "aipfilter/program.h"
#include "job_fields.h"
#include "stored_job.h"

namespace fwmock {

// One account's jobs in slots, with a column per numeric, enum, bool and timestamp field (and a
// presence column per timestamp and message), so that a filter scans compact arrays instead of
// jobs. A write changes one slot in place; a removed job leaves its slot free for the next one.
// Not thread-safe: the Account that owns it locks.
class JobTable {
 public:
  JobTable();

  // The slot of the job with id `id`, or -1.
  std::int64_t Find(std::string_view id) const;
  // Stores `job` under `id`: in its slot if the id is known, else in a free or a new slot.
  std::uint32_t Put(const std::string& id, JobPtr job);
  // Frees the slot of `id`; returns the job that was there (nullptr if none).
  JobPtr Remove(std::string_view id);

  std::size_t size() const { return ids_.size(); }  // live jobs
  std::uint32_t slots() const { return static_cast<std::uint32_t>(jobs_.size()); }
  const JobPtr& job(std::uint32_t slot) const { return jobs_[slot]; }  // nullptr: free slot

  // The slots whose job matches `program`, one flag per slot (free slots never match).
  std::vector<bool> Match(const aipfilter::Program& program) const;

 private:
  class SlotRecord;
  struct Column {
    std::vector<std::int64_t> numbers;
    std::vector<std::uint8_t> present;
  };
  void Fill(std::uint32_t slot, const BatchJob* job);

  std::vector<JobPtr> jobs_;
  std::vector<Column> columns_;  // by field id; empty for fields without a column
  std::vector<const JobField*> column_fields_;
  std::unordered_map<std::string, std::uint32_t> ids_;  // id -> slot
  std::vector<std::uint32_t> free_;
};

}  // namespace fwmock
