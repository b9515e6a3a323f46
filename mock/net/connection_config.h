#pragma once

#include <chrono>
#include <cstddef>

namespace fwmock::net {

using Duration = std::chrono::steady_clock::duration;

// What one request may be: the sizes beyond which the connection layer refuses it itself.
struct RequestLimits {
  std::size_t max_request_line = 8192;    // CRLF included; 414 beyond
  std::size_t max_header_bytes = 8192;    // the fields after the request line; 431 beyond
  std::size_t max_body_bytes = 4u << 20;  // decoded; 413 beyond
};

// How long a connection may take at each stage before it is closed.
struct Timeouts {
  Duration header = std::chrono::seconds(10);  // from the connection's opening, or the first byte
                                               // of a later request, to its complete head
  Duration idle = std::chrono::seconds(60);    // a keep-alive connection between requests
  Duration io = std::chrono::seconds(30);      // longest pause of a body arriving or an answer
                                               // leaving
  Duration linger = std::chrono::seconds(2);   // input read and dropped after a refusal
};

struct ConnectionConfig {
  RequestLimits limits;
  Timeouts timeouts;
};

// How the event loop's threads wait for work.
struct ThreadConfig {
  int count = 2;
  // After a turn that answered a request, one thread at a time stays with that connection for
  // this long, watching its socket, before it sleeps: the client's next request within that
  // time needs no wake-up of a sleeping thread (EventLoop::StayWith). Zero: never.
  Duration busy_poll = std::chrono::microseconds(200);
};

}  // namespace fwmock::net
