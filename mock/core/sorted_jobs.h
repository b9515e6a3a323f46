#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "order_by.h"
#include "stored_job.h"

namespace fwmock {

// A job in an index. The pointer does not own: the job is kept alive by its account (the table
// holds every current version, the change log every version replaced since the oldest change it
// keeps), and an index is only read once it is caught up from that log, or rebuilt when the log
// no longer reaches back, so every entry read is alive. Not counting references keeps building
// an index over a million jobs free of a cache miss per row.
struct SortedEntry {
  const StoredJob* job;
  std::uint32_t slot;  // the job's slot in its JobTable
};

// A keyset position: the sort key and name of the last job a page showed.
struct Position {
  std::vector<KeyValue> key;
  std::string name;
};

// Jobs kept in the order of an OrderBy (then name ascending), in chunks of a few hundred, so
// that a write inserts or erases in O(log n + chunk) instead of moving the whole sequence, and
// a page seeks by binary search. Not thread-safe.
class SortedJobs {
 public:
  explicit SortedJobs(OrderBy order) : order_(std::move(order)) {}

  // Replaces the contents with `entries`, which are in any order.
  void Assign(std::vector<SortedEntry> entries);
  void Clear() { chunks_.clear(), size_ = 0; }
  // Appends `entry`, which sorts after every entry held (building in order).
  void Append(SortedEntry entry);
  void Insert(SortedEntry entry);
  // Erases the entry of `job` (found by its own position); false if it is not there.
  bool Erase(const BatchJob& job);

  std::size_t size() const { return size_; }
  std::size_t bytes() const;
  const OrderBy& order() const { return order_; }

  // Up to `limit` entries after `after` (from the start when null), in order; `*more` tells
  // whether any remain after them.
  std::vector<JobPtr> Page(const Position* after, std::size_t limit, bool* more) const;

  // Calls `f(entry)` for every entry, in order.
  template <typename F>
  void ForEach(F f) const {
    for (const auto& chunk : chunks_) {
      for (const SortedEntry& e : chunk) f(e);
    }
  }

 private:
  using Chunk = std::vector<SortedEntry>;
  std::size_t ChunkFor(const BatchJob& job) const;

  OrderBy order_;
  std::vector<Chunk> chunks_;
  std::size_t size_ = 0;
};

// <0, 0, >0 as `a` sorts before, with, after `b` under `order`, name ascending breaking ties.
int CompareJobs(const OrderBy& order, const BatchJob& a, const BatchJob& b);
// The same for a remembered position against a job.
int ComparePosition(const OrderBy& order, const Position& position, const BatchJob& job);

}  // namespace fwmock
