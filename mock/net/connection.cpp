#include "connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>

namespace fwmock::net {
namespace {

constexpr int kReadsPerTurn = 16;                // then others get their turn
constexpr std::size_t kHeadBudget = 256u << 10;  // buffered beyond an incomplete head: pipelining
constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";

void Address(const sockaddr_storage& address, std::string* ip, int* port) {
  char text[INET6_ADDRSTRLEN] = "";
  if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    ::inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    *port = ntohs(v6.sin6_port);
  } else if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    ::inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    *port = ntohs(v4.sin_port);
  }
  *ip = text;
}

Peer PeerOf(int fd) {
  Peer peer;
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    Address(address, &peer.remote_ip, &peer.remote_port);
  }
  length = sizeof address;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    Address(address, &peer.local_ip, &peer.local_port);
  }
  return peer;
}

// Where a truncated answer stops: after its head and half its body.
std::size_t TruncatedSize(const std::string& answer) {
  const std::size_t head = answer.find("\r\n\r\n");
  if (head == std::string::npos) return answer.size() / 2;
  const std::size_t body_start = head + 4;
  return body_start + (answer.size() - body_start) / 2;
}

std::string Seconds(Duration d) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

}  // namespace

Connection::Connection(int fd, const ConnectionConfig& config, RequestHandler& handler,
                       TimePoint now)
    : fd_(fd),
      config_(config),
      handler_(handler),
      peer_(PeerOf(fd)),
      output_(fd),
      framer_(config.limits),
      deadline_(now + config.timeouts.header),
      request_began_(now),
      last_input_(now),
      last_output_(now) {}

Connection::~Connection() { ::close(fd_); }

Wait Connection::OnReady(bool stopping, TimePoint now, bool read_to_end) {
  if (phase_ == Phase::kLingering) return Linger(now);
  if (phase_ == Phase::kDelaying) {
    if (now < deadline_ && !stopping) return Wait::kDelay;
    phase_ = Phase::kReceiving;
    Deliver(held_);
    held_ = Delivery();
  } else if (phase_ == Phase::kSending) {
    if (!output_.Flush()) return Wait::kClose;
    if (output_.pending()) return AwaitOutput(now);
    phase_ = Phase::kReceiving;
    if (closing_) return Finish(now);
  }
  // What came while the connection was not reading: its socket will not say so again.
  if (!Receive(now, read_to_end)) return Wait::kClose;
  return Serve(stopping, now);
}

bool Connection::Receive(TimePoint now, bool read_to_end) {
  input_left_ = false;
  for (int reads = 0; reads < kReadsPerTurn && input_.size() < ReadBudget(); ++reads) {
    char* at = input_.Reserve();
    const ssize_t n = ::recv(fd_, at, input_.space(), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;
    if (n == 0) {
      peer_eof_ = true;
      return true;
    }
    if (input_.empty() && answered_ > 0) request_began_ = now;
    const bool drained = static_cast<std::size_t>(n) < input_.space();
    input_.Commit(static_cast<std::size_t>(n));
    last_input_ = now;
    // A short read took all the socket had: asking again would only say so (EAGAIN). Bytes
    // that come later are a new edge, a new event. The end of the stream is not: read to it.
    if (drained && !read_to_end) return true;
  }
  input_left_ = true;  // the turn's share ran out before the socket did
  return true;
}

// How much to buffer: a whole request once its size is known, a little more for pipelining.
std::size_t Connection::ReadBudget() const {
  if (!framer_.head_complete()) return kHeadBudget;
  const RequestHead& head = framer_.head();
  if (head.total_bytes > 0) return std::max(head.total_bytes, kHeadBudget);
  return head.head_bytes + 2 * config_.limits.max_body_bytes + kHeadBudget;  // chunked
}

Wait Connection::Serve(bool stopping, TimePoint now) {
  while (!closing_ && !output_.blocked() && phase_ != Phase::kDelaying) {
    SkipBlankLines();
    const Framing framing = framer_.Scan(input_.view());
    if (framing == Framing::kRefused) {
      const std::string refusal =
          handler_.Refusal(framer_.refusal_status(), framer_.refusal_detail());
      output_.Write(refusal.data(), refusal.size());
      closing_ = true;
    } else if (framing == Framing::kIncomplete) {
      if (framer_.head_complete() && framer_.head().expects_continue && !continue_sent_ &&
          !peer_eof_) {
        output_.Write(kContinue, sizeof kContinue - 1);
        continue_sent_ = true;
      }
      break;
    } else if (!AnswerOne(stopping, now)) {
      closing_ = true;
    }
  }
  if (!output_.Flush()) return Wait::kClose;
  if (phase_ == Phase::kDelaying) return Wait::kDelay;  // what is still queued goes after it
  if (output_.pending()) return AwaitOutput(now);
  if (closing_) return Finish(now);
  if (peer_eof_) return Wait::kClose;  // nothing complete is left to answer
  return AwaitInput(now);
}

bool Connection::AnswerOne(bool stopping, TimePoint now) {
  const RequestHead head = framer_.head();
  Request request;
  request.bytes = input_.view().substr(0, head.total_bytes);
  request.peer = &peer_;
  request.close = stopping || !head.keep_alive || head.must_close;
  request.http10 = head.http10;
  Delivery held;
  const bool parsed = handler_.Answer(request, output_, &held);
  if (held.delay > Duration::zero()) {
    phase_ = Phase::kDelaying;
    deadline_ = now + held.delay;
    held_ = std::move(held);
  } else if (held.held()) {
    Deliver(held);
  }
  input_.Consume(head.total_bytes);
  framer_.Reset();
  continue_sent_ = false;
  ++answered_;
  request_began_ = now;
  return parsed && !request.close && !output_.failed();
}

void Connection::Deliver(const Delivery& held) {
  switch (held.drop) {
    case Drop::kNone:
      output_.Write(held.answer.data(), held.answer.size());
      return;
    case Drop::kTruncate:
      output_.Write(held.answer.data(), TruncatedSize(held.answer));
      break;
    case Drop::kReset:
      reset_ = true;
      break;
    case Drop::kClose:
      break;
  }
  closing_ = true;
}

// RFC 9112 §2.2: empty lines before a request line are ignored.
void Connection::SkipBlankLines() {
  std::size_t blank = 0;
  const std::string_view bytes = input_.view();
  while (blank < bytes.size() && (bytes[blank] == '\r' || bytes[blank] == '\n')) ++blank;
  if (blank > 0 && !framer_.head_complete()) input_.Consume(blank);
}

// The last answer is sent: stop sending and read what the client still sends until it closes
// (or the linger time is over), so that closing does not reset the answer on its way.
Wait Connection::Finish(TimePoint now) {
  if (reset_) {
    const linger abort{1, 0};  // close() sends a reset
    ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
    return Wait::kClose;
  }
  ::shutdown(fd_, SHUT_WR);
  phase_ = Phase::kLingering;
  input_.Consume(input_.size());
  input_.ReleaseIfEmpty();
  deadline_ = now + config_.timeouts.linger;
  return peer_eof_ ? Wait::kClose : Linger(now);
}

Wait Connection::Linger(TimePoint now) {
  char dropped[16384];
  int reads = 0;
  for (; reads < kReadsPerTurn; ++reads) {
    const ssize_t n = ::recv(fd_, dropped, sizeof dropped, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    if (n <= 0) return Wait::kClose;
  }
  input_left_ = reads == kReadsPerTurn;  // the turn's share ran out before the socket did
  return now >= deadline_ ? Wait::kClose : Wait::kRead;
}

Wait Connection::AwaitOutput(TimePoint now) {
  if (phase_ != Phase::kSending || output_.sent_total() != sent_at_last_output_) {
    last_output_ = now;
    sent_at_last_output_ = output_.sent_total();
  }
  phase_ = Phase::kSending;
  deadline_ = last_output_ + config_.timeouts.io;
  return Wait::kWrite;
}

Wait Connection::AwaitInput(TimePoint now) {
  const Timeouts& t = config_.timeouts;
  if (input_.empty()) {
    input_.ReleaseIfEmpty();
    output_.ReleaseIfSent();
    deadline_ = answered_ == 0 ? request_began_ + t.header : now + t.idle;
  } else if (!framer_.head_complete()) {
    deadline_ = request_began_ + t.header;
  } else {
    deadline_ = last_input_ + t.io;
  }
  return Wait::kRead;
}

void Connection::OnTimeout() {
  if (phase_ != Phase::kReceiving || input_.empty()) return;
  const Timeouts& t = config_.timeouts;
  const std::string detail =
      framer_.head_complete()
          ? "request body stalled: nothing received for " + Seconds(t.io)
          : "request head not received within the header timeout of " + Seconds(t.header);
  const std::string refusal = handler_.Refusal(408, detail);
  output_.Write(refusal.data(), refusal.size());
  output_.Flush();
}

}  // namespace fwmock::net
