#pragma once

#include <httplib.h>

#include <functional>
#include <string>

#include "request_handler.h"

namespace fwmock {

// cpp-httplib's request handling (parsing, routing, writing the answer) run on fwmock's own
// connection layer instead of httplib's listen loop: each complete request the layer has
// buffered is handed to httplib's protected Server::process_request as a Stream of exactly its
// bytes, and the answer goes to the connection's output queue. This is the one file that relies
// on httplib's internals; mock/CMakeLists.txt pins the version (0.11.4) they were read from.
class HttplibAdapter : public httplib::Server, public net::RequestHandler {
 public:
  // Fills the answer refusing a request: status and body in the API's error shape.
  using RefusalWriter =
      std::function<void(int status, const std::string& detail, httplib::Response& res)>;

  HttplibAdapter(RefusalWriter refusal_writer, long keep_alive_seconds);

  // Runs on every answer, refusals included, once the connection headers are set.
  void OnEveryAnswer(Handler hook) { answer_hook_ = std::move(hook); }

  bool Answer(const net::Request& request, net::OutputQueue& out, net::Delivery* held) override;
  // Called by a handler: the answer being made on this thread is held back, sent after `delay`
  // and then cut or dropped as `drop` says.
  static void HoldAnswer(net::Duration delay, net::Drop drop);
  std::string Refusal(int status, const std::string& detail) override;

 private:
  void SetConnectionHeaders(httplib::Response& res) const;

  RefusalWriter refusal_writer_;
  long keep_alive_seconds_;
  Handler answer_hook_;
};

}  // namespace fwmock
