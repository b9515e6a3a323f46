#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include "connection.h"

namespace fwmock::net {

// A connection's place, found by its socket's number. The generation tells a connection from an
// earlier one that had the same number, whose events may still be in flight.
struct Slot {
  std::mutex mu;
  std::uint32_t generation = 0;
  bool busy = false;             // a thread is serving it; nobody else touches it
  bool pending = false;          // an event came while busy or delaying: look again when done
  bool watching_output = false;  // EPOLLOUT is in its events (once a send fell short)
  std::unique_ptr<Connection> connection;
};

// Slots for socket numbers below kCapacity, allocated a block at a time as numbers are used.
class ConnectionTable {
 public:
  static constexpr int kBlockBits = 10;
  static constexpr int kCapacity = 1 << 20;

  ConnectionTable() = default;
  ~ConnectionTable() {
    for (auto& block : blocks_) delete[] block.load();
  }
  ConnectionTable(const ConnectionTable&) = delete;
  ConnectionTable& operator=(const ConnectionTable&) = delete;

  // The slot of `fd`, made if need be; null past the capacity.
  Slot* Make(int fd) {
    if (fd < 0 || fd >= kCapacity) return nullptr;
    auto& block = blocks_[static_cast<std::size_t>(fd >> kBlockBits)];
    if (block.load(std::memory_order_acquire) == nullptr) {
      std::lock_guard<std::mutex> lock(grow_mu_);
      if (block.load() == nullptr)
        block.store(new Slot[1 << kBlockBits], std::memory_order_release);
    }
    int seen = highest_.load();
    while (fd > seen && !highest_.compare_exchange_weak(seen, fd)) {
    }
    return Find(fd);
  }
  // The slot of `fd` if it was ever made.
  Slot* Find(int fd) const {
    if (fd < 0 || fd >= kCapacity) return nullptr;
    Slot* block =
        blocks_[static_cast<std::size_t>(fd >> kBlockBits)].load(std::memory_order_acquire);
    return block == nullptr ? nullptr : &block[fd & ((1 << kBlockBits) - 1)];
  }
  // The highest socket number ever made a slot.
  int highest() const { return highest_.load(); }

 private:
  std::array<std::atomic<Slot*>, (kCapacity >> kBlockBits)> blocks_{};
  std::mutex grow_mu_;
  std::atomic<int> highest_{-1};
};

}  // namespace fwmock::net
