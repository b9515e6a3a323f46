#include "journal.h"

#include <chrono>

namespace fwmock {

std::vector<std::shared_ptr<const JournalEntry>> Journal::Entries() const {
  std::vector<std::shared_ptr<const JournalEntry>> out;
  if (ring_.empty()) return out;
  std::lock_guard<std::mutex> lock(mu_);
  out.reserve(size_);
  const std::size_t first = (next_ + ring_.size() - size_) % ring_.size();
  for (std::size_t i = 0; i < size_; ++i) out.push_back(ring_[(first + i) % ring_.size()]);
  return out;
}

void Journal::Place(std::shared_ptr<JournalEntry>* entry) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  (*entry)->time_nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
  (*entry)->id = next_id_++;
  ring_[next_].swap(*entry);
  next_ = (next_ + 1) % ring_.size();
  if (size_ < ring_.size()) ++size_;
}

void Journal::Clear() {
  std::vector<std::shared_ptr<JournalEntry>> dropped(ring_.size());
  std::lock_guard<std::mutex> lock(mu_);
  ring_.swap(dropped);
  next_ = 0;
  size_ = 0;
}

}  // namespace fwmock
