#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "id_generator.h"
#include "job_table.h"
#include "rw_lock.h"

namespace fwmock {

// One write to an account: the job before and after it (nullptr: created / removed).
struct Change {
  JobPtr before;
  JobPtr after;
  std::uint32_t slot;  // of `after` in the table
};

// A lifecycle transition waiting for its time.
struct Timer {
  std::int64_t due;
  std::uint64_t generation;  // stale once the job's state changed by other means
  std::string id;
  JobState next;
};

// One account: its jobs, the log of recent changes that lets cached results catch up instead of
// being recomputed, the lifecycle timers, and the account's own id generator. Readers hold
// lock() shared, writers exclusively; next_due() may be read without it.
class Account {
 public:
  Account(std::string name, std::uint64_t seed);

  RwLock& lock() const { return lock_; }
  const std::string& name() const { return name_; }
  // Bumped by every change; safe to read without the lock.
  std::uint64_t seq() const { return seq_.load(std::memory_order_acquire); }
  const JobTable& table() const { return table_; }
  std::size_t size() const { return table_.size(); }

  // The job with id `id`, or nullptr.
  JobPtr Find(std::string_view id) const;
  // Inserts or replaces the job of that name (its id is the last name segment).
  void Put(JobPtr job);
  // Removes the job; returns it, or nullptr when there was none.
  JobPtr Remove(std::string_view id);
  // Removes every job, each by Remove: the change log records every removal, so cached results
  // catch up (or rebuild) and never read a job that is gone.
  void RemoveAll();
  // An id no job of the account has, from the account's generator.
  std::string NewId();
  // The generator's position (after the start-up fixtures), a return to one, and a return to
  // the account's very first: the ids drawn next are those drawn then.
  std::mt19937_64 SaveIds() const { return ids_.Save(); }
  void RestoreIds(const std::mt19937_64& state) { ids_.Restore(state); }
  void RestartIds() { ids_.Seed(id_seed_); }

  // The changes after `seq`, oldest first. False when the log no longer reaches back that far.
  bool ChangesSince(std::uint64_t seq, std::vector<const Change*>* out) const;

  // Timers: Schedule replaces any pending one of the same job; Cancel drops it.
  void Schedule(const std::string& id, std::int64_t due, JobState next);
  void CancelTimer(const std::string& id);
  bool HasTimer(const std::string& id) const { return generations_.count(id) > 0; }
  // The earliest due time, or INT64_MAX. Safe without the lock.
  std::int64_t next_due() const { return next_due_.load(std::memory_order_acquire); }
  // Pops the earliest live timer due at or before `now`.
  bool PopDue(std::int64_t now, Timer* out);

 private:
  struct Later {
    bool operator()(const Timer& a, const Timer& b) const {
      return a.due != b.due ? a.due > b.due : a.generation > b.generation;
    }
  };
  void PublishNextDue();

  std::string name_;
  mutable RwLock lock_;
  JobTable table_;
  std::uint64_t id_seed_;
  IdGenerator ids_;
  std::atomic<std::uint64_t> seq_{0};
  std::deque<Change> log_;  // the changes seq_ - log_.size() + 1 ... seq_
  std::priority_queue<Timer, std::vector<Timer>, Later> timers_;
  std::unordered_map<std::string, std::uint64_t> generations_;  // id -> live timer
  std::uint64_t generation_ = 0;
  std::atomic<std::int64_t> next_due_;
};

// The id of a job name "accounts/{a}/batchJobs/{id}" (whatever follows the last '/').
std::string_view JobIdOf(std::string_view name);

}  // namespace fwmock
