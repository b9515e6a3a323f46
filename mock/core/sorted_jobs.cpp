#include "sorted_jobs.h"

#include <algorithm>

namespace fwmock {
namespace {

constexpr std::size_t kChunk = 256;  // entries per chunk when built; a chunk splits at 2x

int Sign(int c) { return c < 0 ? -1 : c > 0 ? 1 : 0; }

// The first key of each entry extracted once, so that sorting compares integers first.
struct Keyed {
  bool present;
  std::int64_t number;
  SortedEntry entry;
};

bool NumericFirstKey(const OrderBy& order) {
  using aipfilter::FieldType;
  const FieldType t = order.keys.front().field->type;
  return t != FieldType::kString;
}

}  // namespace

int CompareJobs(const OrderBy& order, const BatchJob& a, const BatchJob& b) {
  for (const OrderKey& k : order.keys) {
    const int c = CompareField(k, k.field->read(a), k.field->read(b));
    if (c != 0) return c;
  }
  return Sign(a.name.compare(b.name));
}

int ComparePosition(const OrderBy& order, const Position& position, const BatchJob& job) {
  for (std::size_t i = 0; i < order.keys.size() && i < position.key.size(); ++i) {
    const OrderKey& k = order.keys[i];
    const int c = CompareField(k, ViewOf(position.key[i]), k.field->read(job));
    if (c != 0) return c;
  }
  return Sign(position.name.compare(job.name));
}

void SortedJobs::Assign(std::vector<SortedEntry> entries) {
  const OrderKey& first = order_.keys.front();
  std::vector<Keyed> keyed;
  keyed.reserve(entries.size());
  for (SortedEntry& e : entries) {
    const FieldValue v = first.field->read(e.job->job);
    keyed.push_back({v.present, v.present ? v.number : 0, e});
  }
  const bool numeric = NumericFirstKey(order_);
  const bool desc = first.descending;
  std::sort(keyed.begin(), keyed.end(), [&](const Keyed& a, const Keyed& b) {
    if (numeric && a.present != b.present) return desc ? a.present : b.present;
    if (numeric && a.number != b.number) return desc ? a.number > b.number : a.number < b.number;
    return CompareJobs(order_, a.entry.job->job, b.entry.job->job) < 0;
  });
  Clear();
  for (const Keyed& k : keyed) Append(k.entry);
}

void SortedJobs::Append(SortedEntry entry) {
  if (chunks_.empty() || chunks_.back().size() == kChunk) {
    chunks_.emplace_back();
    chunks_.back().reserve(kChunk);
  }
  chunks_.back().push_back(entry);
  ++size_;
}

// The chunk that holds, or would hold, `job`: the first whose last entry is not before it.
std::size_t SortedJobs::ChunkFor(const BatchJob& job) const {
  const auto it = std::partition_point(chunks_.begin(), chunks_.end(), [&](const Chunk& c) {
    return CompareJobs(order_, c.back().job->job, job) < 0;
  });
  const auto index = static_cast<std::size_t>(it - chunks_.begin());
  return index == chunks_.size() && index > 0 ? index - 1 : index;
}

void SortedJobs::Insert(SortedEntry entry) {
  ++size_;
  if (chunks_.empty()) {
    chunks_.push_back(Chunk{entry});
    return;
  }
  const std::size_t index = ChunkFor(entry.job->job);
  Chunk& chunk = chunks_[index];
  const auto at = std::partition_point(chunk.begin(), chunk.end(), [&](const SortedEntry& e) {
    return CompareJobs(order_, e.job->job, entry.job->job) < 0;
  });
  chunk.insert(at, entry);
  if (chunk.size() < 2 * kChunk) return;
  Chunk upper(std::make_move_iterator(chunk.begin() + kChunk),
              std::make_move_iterator(chunk.end()));
  chunk.resize(kChunk);
  chunks_.insert(chunks_.begin() + static_cast<std::ptrdiff_t>(index) + 1, std::move(upper));
}

bool SortedJobs::Erase(const BatchJob& job) {
  if (chunks_.empty()) return false;
  const std::size_t index = ChunkFor(job);
  Chunk& chunk = chunks_[index];
  const auto at = std::partition_point(chunk.begin(), chunk.end(), [&](const SortedEntry& e) {
    return CompareJobs(order_, e.job->job, job) < 0;
  });
  if (at == chunk.end() || at->job->job.name != job.name) return false;
  chunk.erase(at);
  --size_;
  if (chunk.empty()) chunks_.erase(chunks_.begin() + static_cast<std::ptrdiff_t>(index));
  return true;
}

std::size_t SortedJobs::bytes() const {
  return sizeof(*this) + chunks_.capacity() * sizeof(Chunk) + size_ * sizeof(SortedEntry);
}

std::vector<JobPtr> SortedJobs::Page(const Position* after, std::size_t limit, bool* more) const {
  std::size_t c = 0;
  std::size_t i = 0;
  if (after != nullptr) {  // the first entry that sorts after the position
    const auto not_after = [&](const SortedEntry& e) {
      return ComparePosition(order_, *after, e.job->job) >= 0;
    };
    const auto chunk = std::partition_point(chunks_.begin(), chunks_.end(),
                                            [&](const Chunk& ch) { return not_after(ch.back()); });
    c = static_cast<std::size_t>(chunk - chunks_.begin());
    if (c < chunks_.size()) {
      const Chunk& ch = chunks_[c];
      i = static_cast<std::size_t>(std::partition_point(ch.begin(), ch.end(), not_after) -
                                   ch.begin());
    }
  }
  std::vector<JobPtr> out;
  for (; c < chunks_.size() && out.size() < limit; ++c, i = 0) {
    for (; i < chunks_[c].size() && out.size() < limit; ++i) {
      out.push_back(chunks_[c][i].job->Share());
    }
    if (out.size() == limit) break;
  }
  if (c < chunks_.size() && i >= chunks_[c].size()) ++c, i = 0;
  *more = c < chunks_.size() && (i < chunks_[c].size() || c + 1 < chunks_.size());
  return out;
}

}  // namespace fwmock
