#include "journal.h"

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

void Journal::Clear() {
  std::vector<std::shared_ptr<JournalEntry>> dropped(ring_.size());
  std::lock_guard<std::mutex> lock(mu_);
  ring_.swap(dropped);
  next_ = 0;
  size_ = 0;
}

}  // namespace fwmock
