#pragma once

#include <chrono>
#include <cstddef>

#include "connection_config.h"
#include "input_buffer.h"
#include "output_queue.h"
#include "request_framer.h"
#include "request_handler.h"

namespace fwmock::net {

using TimePoint = std::chrono::steady_clock::time_point;

// What a connection waits for after a turn. kDelay: its deadline(), when a held answer is due;
// events meanwhile are only noted, and the due turn reads what they announced.
enum class Wait { kRead, kWrite, kDelay, kClose };

// One accepted, non-blocking socket and everything it has received and has still to send. Owned
// by one thread at a time (the loop's busy flag); never blocks.
class Connection {
 public:
  Connection(int fd, const ConnectionConfig& config, RequestHandler& handler, TimePoint now);
  ~Connection();  // closes the socket
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // The socket is ready: reads what it holds, answers every complete request buffered, in order,
  // sends what the socket takes. `stopping`: the server is shutting down, the answer being given
  // is the last (and a held answer goes at once). `read_to_end`: read until the socket says it
  // is empty, not just to a short read, since no later edge would tell of what is left (epoll
  // saw the peer's end of the stream, or an event came while the connection was not reading).
  Wait OnReady(bool stopping, TimePoint now, bool read_to_end = false);
  // When the connection is to be closed if it is still waiting.
  TimePoint deadline() const { return deadline_; }
  // The deadline passed: a request partly received gets a 408 if the socket takes it at once.
  void OnTimeout();
  // An answer is leaving: a stopping server lets it finish.
  bool sending() const { return phase_ == Phase::kSending; }
  // An answer is held until deadline(): neither late nor idle.
  bool delaying() const { return phase_ == Phase::kDelaying; }
  // The last turn stopped reading before the socket was empty (its share of the turn was used):
  // an edge-triggered socket will not say so again.
  bool input_left() const { return input_left_; }
  // Requests answered so far.
  std::size_t answered() const { return answered_; }

 private:
  enum class Phase { kReceiving, kSending, kDelaying, kLingering };

  bool Receive(TimePoint now, bool read_to_end);
  std::size_t ReadBudget() const;
  Wait Serve(bool stopping, TimePoint now);
  // Answers the complete request at the front of the buffer; false if the connection closes.
  bool AnswerOne(bool stopping, TimePoint now);
  void SkipBlankLines();
  // Writes, cuts or drops the answer a fault rule held.
  void Deliver(const Delivery& held);
  Wait Finish(TimePoint now);
  Wait Linger(TimePoint now);
  Wait AwaitOutput(TimePoint now);
  Wait AwaitInput(TimePoint now);

  int fd_;
  const ConnectionConfig& config_;
  RequestHandler& handler_;
  Peer peer_;
  InputBuffer input_;
  OutputQueue output_;
  RequestFramer framer_;
  Delivery held_;  // while delaying
  Phase phase_ = Phase::kReceiving;
  TimePoint deadline_;
  TimePoint request_began_;  // first byte of the request being received (or the accept)
  TimePoint last_input_;
  TimePoint last_output_;
  std::size_t sent_at_last_output_ = 0;
  std::size_t answered_ = 0;
  bool continue_sent_ = false;  // "100 Continue" for the request being received
  bool closing_ = false;        // the last answer is written: close once it is sent
  bool peer_eof_ = false;
  bool reset_ = false;  // closing ends with a TCP reset
  bool input_left_ = false;
};

}  // namespace fwmock::net
