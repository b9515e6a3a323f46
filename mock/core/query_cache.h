#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace fwmock {

// A thread-safe LRU map from string keys to shared values, bounded by their total cost in
// bytes. GetOrCreate inserts a value before it is computed, so that threads missing the same key
// at once share one value (the caller fills it under the value's own lock: single flight).
// Evicted values are released outside the lock.
template <typename Value>
class LruCache {
 public:
  explicit LruCache(std::size_t capacity) : capacity_(capacity) {}

  std::shared_ptr<Value> Get(const std::string& key) {
    std::lock_guard lock(mu_);
    const auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->value;
  }

  template <typename Make>
  std::shared_ptr<Value> GetOrCreate(const std::string& key, Make make) {
    if (std::shared_ptr<Value> hit = Get(key)) return hit;
    std::shared_ptr<Value> value = make();
    std::vector<std::shared_ptr<Value>> evicted;
    std::lock_guard lock(mu_);
    if (const auto it = index_.find(key); it != index_.end()) return it->second->value;
    Insert(key, value, key.size(), &evicted);
    return value;
  }

  void Put(const std::string& key, std::shared_ptr<Value> value, std::size_t cost) {
    std::vector<std::shared_ptr<Value>> evicted;
    std::lock_guard lock(mu_);
    Erase(key, &evicted);
    if (cost + key.size() <= capacity_) Insert(key, std::move(value), cost + key.size(), &evicted);
  }

  // Sets the cost of `key` (when its value grew or shrank); drops it when over the capacity.
  void Resize(const std::string& key, std::size_t cost) {
    std::vector<std::shared_ptr<Value>> evicted;
    std::lock_guard lock(mu_);
    const auto it = index_.find(key);
    if (it == index_.end()) return;
    used_ = used_ - it->second->cost + cost + key.size();
    it->second->cost = cost + key.size();
    Evict(&evicted);
  }

  std::size_t used() const {
    std::lock_guard lock(mu_);
    return used_;
  }

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<Value> value;
    std::size_t cost;
  };

  void Insert(const std::string& key, std::shared_ptr<Value> value, std::size_t cost,
              std::vector<std::shared_ptr<Value>>* evicted) {
    order_.push_front({key, std::move(value), cost});
    index_[key] = order_.begin();
    used_ += cost;
    Evict(evicted);
  }

  void Erase(const std::string& key, std::vector<std::shared_ptr<Value>>* evicted) {
    const auto it = index_.find(key);
    if (it == index_.end()) return;
    used_ -= it->second->cost;
    evicted->push_back(std::move(it->second->value));
    order_.erase(it->second);
    index_.erase(it);
  }

  void Evict(std::vector<std::shared_ptr<Value>>* evicted) {
    while (used_ > capacity_ && !order_.empty()) {
      used_ -= order_.back().cost;
      evicted->push_back(std::move(order_.back().value));
      index_.erase(order_.back().key);
      order_.pop_back();
    }
  }

  mutable std::mutex mu_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, typename std::list<Entry>::iterator> index_;
  std::size_t capacity_;
  std::size_t used_ = 0;
};

}  // namespace fwmock
