#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace fwmock {

// A small thread-safe LRU map from string keys to shared immutable values, bounded by a total
// cost (entries, bytes ...). Values are computed outside the lock; two threads missing the same
// key at once may both compute it, and the last one stored wins.
template <typename Value>
class LruCache {
 public:
  explicit LruCache(std::size_t capacity) : capacity_(capacity) {}

  std::shared_ptr<const Value> Get(const std::string& key) {
    std::lock_guard lock(mu_);
    const auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->value;
  }

  void Put(const std::string& key, std::shared_ptr<const Value> value, std::size_t cost = 1) {
    if (cost > capacity_) return;
    std::lock_guard lock(mu_);
    if (const auto it = index_.find(key); it != index_.end()) {
      used_ -= it->second->cost;
      order_.erase(it->second);
      index_.erase(it);
    }
    order_.push_front({key, std::move(value), cost});
    index_[key] = order_.begin();
    used_ += cost;
    while (used_ > capacity_) {
      used_ -= order_.back().cost;
      index_.erase(order_.back().key);
      order_.pop_back();
    }
  }

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const Value> value;
    std::size_t cost;
  };
  std::mutex mu_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, typename std::list<Entry>::iterator> index_;
  std::size_t capacity_;
  std::size_t used_ = 0;
};

}  // namespace fwmock
