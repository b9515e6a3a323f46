#pragma once

#include <cstddef>
#include <string>

namespace fwmock::net {

// The bytes a connection has to send, in order, on a non-blocking socket. Small writes gather
// (a head, a small body, pipelined answers) and leave in one send; a large one (a list page's
// body) leaves at once with what is gathered before it, straight from the caller's memory, and
// only what the socket does not take is copied.
class OutputQueue {
 public:
  static constexpr std::size_t kGather = 64u << 10;  // gathered at most
  static constexpr std::size_t kDirect = 4u << 10;   // a write this large is not gathered

  explicit OutputQueue(int fd) : fd_(fd) {}

  // Queues `size` bytes, sending at once when large or over kGather. False once the peer is gone.
  bool Write(const char* data, std::size_t size);
  // Sends what it can; false once the peer is gone.
  bool Flush();
  // Bytes waiting for the socket to take them.
  bool pending() const { return sent_ < bytes_.size(); }
  // A send stopped short since the last Flush that emptied the queue: later answers wait.
  bool blocked() const { return blocked_; }
  // Total bytes the socket took: progress of a slow reader.
  std::size_t sent_total() const { return sent_total_; }
  bool failed() const { return failed_; }
  // Gives the memory back once everything is sent: an idle connection holds none.
  void ReleaseIfSent() {
    if (pending()) return;
    std::string().swap(bytes_);
    sent_ = 0;
  }

 private:
  // Sends the queue and then `extra`; keeps what the socket did not take.
  bool Send(const char* extra, std::size_t extra_size);
  void Compact();

  int fd_;
  std::string bytes_;
  std::size_t sent_ = 0;  // of bytes_
  std::size_t sent_total_ = 0;
  bool blocked_ = false;
  bool failed_ = false;
};

}  // namespace fwmock::net
