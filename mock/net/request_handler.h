#pragma once

#include <string>
#include <string_view>

#include "connection_config.h"
#include "output_queue.h"

namespace fwmock::net {

// The two ends of a connection, as the HTTP library reports them to handlers.
struct Peer {
  std::string remote_ip;
  int remote_port = 0;
  std::string local_ip;
  int local_port = 0;
};

// One complete request, as received: head and body, nothing more and nothing less.
struct Request {
  std::string_view bytes;
  const Peer* peer = nullptr;
  bool close = false;   // the connection closes after this answer
  bool http10 = false;  // an HTTP/1.0 request
};

// How the connection ends an answer that a test asked to misbehave (mock/http's fault rules).
enum class Drop {
  kNone,
  kReset,     // earlier answers sent, then a TCP reset (SO_LINGER 0) instead of this one
  kClose,     // earlier answers sent, then the connection closed before any byte of this one
  kTruncate,  // this answer's head and half its body, then closed: Content-Length promised more
};

// An answer the handler held back from the output queue: sent `delay` after it was made (the
// connection's later answers wait behind it; no thread waits), then as `drop` says.
struct Delivery {
  Duration delay{};
  Drop drop = Drop::kNone;
  std::string answer;  // the whole answer, head and body

  bool held() const { return delay > Duration::zero() || drop != Drop::kNone; }
};

// What turns requests into answers, above the connection layer (the HTTP library's parsing and
// routing). Called from any of the loop's threads, one request of a connection at a time.
class RequestHandler {
 public:
  virtual ~RequestHandler() = default;

  // Writes the whole answer to `request` into `out`, or into `held->answer` after setting its
  // delay or drop (then nothing goes to `out`). False when the connection must close after it:
  // the request could not be parsed, so where the next one starts is not known.
  virtual bool Answer(const Request& request, OutputQueue& out, Delivery* held) = 0;
  // A whole answer, Connection: close, refusing a request the connection layer would not take:
  // 400, 408, 413, 414, 431 or 501. `detail` says what was wrong; it is empty for 413 and 414.
  virtual std::string Refusal(int status, const std::string& detail) = 0;
};

}  // namespace fwmock::net
