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
  std::int64_t time_nanos = 0;  // the real wall clock when the answer was made
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
  // Fills the next entry in place with `fill(JournalEntry&)`, under the lock (a few short
  // copies). The slot's old entry is reused, with the capacity of its strings, unless a reader
  // still holds it: a full journal allocates nothing per request.
  template <typename Fill>
  void Record(Fill&& fill) {
    std::lock_guard<std::mutex> lock(mu_);
    std::shared_ptr<JournalEntry>& slot = ring_[next_];
    if (!slot || slot.use_count() > 1) slot = std::make_shared<JournalEntry>();
    fill(*slot);
    slot->id = next_id_++;
    next_ = (next_ + 1) % ring_.size();
    if (size_ < ring_.size()) ++size_;
  }
  // Every entry kept, oldest first.
  std::vector<std::shared_ptr<const JournalEntry>> Entries() const;
  void Clear();

 private:
  mutable std::mutex mu_;
  std::vector<std::shared_ptr<JournalEntry>> ring_;  // handed out as const
  std::size_t next_ = 0;                             // slot of the next entry
  std::size_t size_ = 0;
  std::uint64_t next_id_ = 1;
};

}  // namespace fwmock
