#pragma once

#include <string>
#include <string_view>

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

// What turns requests into answers, above the connection layer (the HTTP library's parsing and
// routing). Called from any of the loop's threads, one request of a connection at a time.
class RequestHandler {
 public:
  virtual ~RequestHandler() = default;

  // Writes the whole answer to `request` into `out`. False when the connection must close after
  // it: the request could not be parsed, so where the next one starts is not known.
  virtual bool Answer(const Request& request, OutputQueue& out) = 0;
  // A whole answer, Connection: close, refusing a request the connection layer would not take:
  // 400, 408, 413, 414, 431 or 501. `detail` says what was wrong; it is empty for 413 and 414.
  virtual std::string Refusal(int status, const std::string& detail) = 0;
};

}  // namespace fwmock::net
