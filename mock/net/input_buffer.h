#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

namespace fwmock::net {

// The bytes received on a connection and not yet consumed by a request. Grows as a request
// needs (its size is bounded by the request limits) and gives its memory back once empty: to
// the thread, which keeps one first block for the next connection it serves, so that a
// keep-alive connection between requests holds no memory and a request costs no allocation.
class InputBuffer {
 public:
  static constexpr std::size_t kReadSize = 64u << 10;

  std::string_view view() const { return {data_.get() + begin_, end_ - begin_}; }
  bool empty() const { return begin_ == end_; }
  std::size_t size() const { return end_ - begin_; }

  // Room for at least kReadSize more bytes; space() says how many.
  char* Reserve() {
    if (capacity_ - end_ >= kReadSize) return data_.get() + end_;
    if (capacity_ == 0 && Spare() != nullptr) {
      data_ = std::move(Spare());
      capacity_ = kReadSize;
      return data_.get();
    }
    const std::size_t used = size();
    const std::size_t wanted = used + kReadSize;
    if (capacity_ >= wanted && begin_ > 0) {
      std::memmove(data_.get(), data_.get() + begin_, used);
    } else {
      std::unique_ptr<char[]> bigger(new char[std::max(wanted, 2 * capacity_)]);
      if (used > 0) std::memcpy(bigger.get(), data_.get() + begin_, used);
      capacity_ = std::max(wanted, 2 * capacity_);
      data_ = std::move(bigger);
    }
    begin_ = 0;
    end_ = used;
    return data_.get() + end_;
  }
  std::size_t space() const { return capacity_ - end_; }
  void Commit(std::size_t bytes) { end_ += bytes; }

  void Consume(std::size_t bytes) {
    begin_ += bytes;
    if (begin_ == end_) begin_ = end_ = 0;
  }
  // Gives the memory back if nothing is buffered: an idle connection holds none.
  void ReleaseIfEmpty() {
    if (!empty()) return;
    if (capacity_ == kReadSize && Spare() == nullptr) Spare() = std::move(data_);
    data_.reset();
    capacity_ = begin_ = end_ = 0;
  }

 private:
  static std::unique_ptr<char[]>& Spare() {
    thread_local std::unique_ptr<char[]> spare;  // kReadSize bytes, or none
    return spare;
  }

  std::unique_ptr<char[]> data_;
  std::size_t capacity_ = 0;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

}  // namespace fwmock::net
