#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace fwmock {

// One request as the journal keeps it: copied cheaply on the request path, rendered as JSON only
// when someone asks (control_journal.*).
struct JournalEntry {
  static constexpr std::size_t kMaxBody = 16u << 10;  // bytes of the body kept

  std::uint64_t id = 0;         // set by the journal: 1, 2, 3 ... in arrival order
  std::int64_t time_nanos = 0;  // set by the journal: the real wall clock when it was placed
  std::string method;
  std::string target;  // the path and query as sent
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;            // at most kMaxBody bytes of it
  std::size_t body_bytes = 0;  // as received
  int status = 0;              // 0: the client got no answer (a dropped one)
  double duration_ms = 0;      // from its head to its answer, a fault's delay included
  const char* operation = "";  // OperationName(): "" for a path of no operation
  std::string account;
};

// The last `capacity` requests, oldest first: a ring of shared entries behind one mutex that is
// held only to place a pointer or to copy the pointers out.
class Journal {
 public:
  explicit Journal(std::size_t capacity) : ring_(capacity) {}

  // A journal of capacity 0 keeps nothing and costs nothing: Record is never called.
  bool enabled() const { return !ring_.empty(); }
  // Fills a new entry with `fill(JournalEntry&)` outside the lock, then places it, under the
  // lock, where the oldest was. The entry it displaces, unless a reader still holds it, is kept
  // for this thread's next request with the capacity of its strings: a full journal allocates
  // nothing per request, and threads recording at once wait only for a pointer swap.
  template <typename Fill>
  void Record(Fill&& fill) {
    thread_local std::shared_ptr<JournalEntry> spare;
    std::shared_ptr<JournalEntry> entry = std::move(spare);
    if (!entry) entry = std::make_shared<JournalEntry>();
    fill(*entry);
    Place(&entry);
    if (entry && entry.use_count() == 1) spare = std::move(entry);
  }
  // Every entry kept, oldest first.
  std::vector<std::shared_ptr<const JournalEntry>> Entries() const;
  void Clear();

 private:
  // Puts `*entry` in the ring, numbered and timed, and hands back the one it displaced (or null).
  void Place(std::shared_ptr<JournalEntry>* entry);

  mutable std::mutex mu_;
  std::vector<std::shared_ptr<JournalEntry>> ring_;  // handed out as const
  std::size_t next_ = 0;                             // slot of the next entry
  std::size_t size_ = 0;
  std::uint64_t next_id_ = 1;
};

}  // namespace fwmock
