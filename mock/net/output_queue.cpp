#include "output_queue.h"

#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <cerrno>

namespace fwmock::net {

bool OutputQueue::Write(const char* data, std::size_t size) {
  if (failed_) return false;
  const bool gather = size < kDirect && bytes_.size() - sent_ + size <= kGather;
  if (blocked_ || gather) {
    bytes_.append(data, size);
    return true;
  }
  return Send(data, size);
}

bool OutputQueue::Flush() {
  if (failed_) return false;
  if (!pending()) {
    blocked_ = false;
    return true;
  }
  blocked_ = false;
  return Send(nullptr, 0);
}

bool OutputQueue::Send(const char* extra, std::size_t extra_size) {
  for (;;) {
    iovec parts[2] = {{bytes_.data() + sent_, bytes_.size() - sent_},
                      {const_cast<char*>(extra), extra_size}};
    msghdr message{};
    message.msg_iov = parts;
    message.msg_iovlen = 2;
    if (parts[0].iov_len + extra_size == 0) break;
    const ssize_t n = ::sendmsg(fd_, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      blocked_ = true;
      break;
    }
    if (n < 0) {
      failed_ = true;
      return false;
    }
    auto taken = static_cast<std::size_t>(n);
    sent_total_ += taken;
    const std::size_t from_queue = std::min(taken, parts[0].iov_len);
    sent_ += from_queue;
    taken -= from_queue;
    extra += taken;
    extra_size -= taken;
  }
  if (extra_size > 0) {
    Compact();
    bytes_.append(extra, extra_size);
  }
  if (!pending()) {
    bytes_.clear();
    sent_ = 0;
    if (bytes_.capacity() > 4 * kGather) std::string().swap(bytes_);
  }
  return true;
}

void OutputQueue::Compact() {
  bytes_.erase(0, sent_);
  sent_ = 0;
}

}  // namespace fwmock::net
