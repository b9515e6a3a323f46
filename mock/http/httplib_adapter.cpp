#include "httplib_adapter.h"

#include <algorithm>
#include <cstring>

#include "errors.h"

namespace fwmock {
namespace {

// The request being answered on this thread: what the connection layer decided, and whether
// httplib got as far as calling setup_request (it does not on a request it could not parse).
struct AnswerState {
  const net::Request* request;
  net::Delivery* held;  // its answer goes here instead of the queue once held() is true
  bool parsed = false;
};

thread_local AnswerState* current_answer = nullptr;

// One request's bytes to read, the connection's output queue to write.
class RequestStream final : public httplib::Stream {
 public:
  RequestStream(const net::Request& request, net::OutputQueue& out, net::Delivery& held)
      : request_(request), out_(out), held_(held) {}

  bool is_readable() const override { return read_ < request_.bytes.size(); }
  bool is_writable() const override { return !out_.failed(); }

  // httplib reads the head a byte at a time: from memory, never from the socket.
  ssize_t read(char* ptr, size_t size) override {
    const std::size_t n = std::min(size, request_.bytes.size() - read_);
    std::memcpy(ptr, request_.bytes.data() + read_, n);
    read_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    if (held_.held()) {
      held_.answer.append(ptr, size);
      return static_cast<ssize_t>(size);
    }
    return out_.Write(ptr, size) ? static_cast<ssize_t>(size) : -1;
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = request_.peer->remote_ip;
    port = request_.peer->remote_port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = request_.peer->local_ip;
    port = request_.peer->local_port;
  }
  // There is no socket to select() on (the queue is the socket's): httplib's check of
  // FD_SETSIZE, in builds that have it, must always pass.
  socket_t socket() const override { return INVALID_SOCKET; }

 private:
  const net::Request& request_;
  net::OutputQueue& out_;
  net::Delivery& held_;
  std::size_t read_ = 0;
};

}  // namespace

HttplibAdapter::HttplibAdapter(RefusalWriter refusal_writer, long keep_alive_seconds)
    : refusal_writer_(std::move(refusal_writer)), keep_alive_seconds_(keep_alive_seconds) {
  set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    SetConnectionHeaders(res);
    if (answer_hook_) answer_hook_(req, res);
  });
}

bool HttplibAdapter::Answer(const net::Request& request, net::OutputQueue& out,
                            net::Delivery* held) {
  RequestStream stream(request, out, *held);
  AnswerState state{&request, held};
  current_answer = &state;
  bool closed_by_httplib = false;  // its own reading of Connection, case-sensitive: not used
  process_request(stream, request.close, closed_by_httplib, [&state](httplib::Request& req) {
    state.parsed = true;
    // The connection layer sent "100 Continue" itself, before the body came: never again.
    req.headers.erase("Expect");
  });
  current_answer = nullptr;
  return state.parsed;
}

void HttplibAdapter::HoldAnswer(net::Duration delay, net::Drop drop) {
  if (current_answer == nullptr) return;
  current_answer->held->delay = delay;
  current_answer->held->drop = drop;
}

// The connection's fate as the connection layer decides it, not as httplib guesses it: close
// after a request httplib could not parse, keep-alive for HTTP/1.0 only when asked.
void HttplibAdapter::SetConnectionHeaders(httplib::Response& res) const {
  const AnswerState* state = current_answer;
  res.headers.erase("Keep-Alive");
  res.headers.erase("Connection");
  if (state == nullptr || !state->parsed || state->request->close) {
    res.set_header("Connection", "close");
    return;
  }
  res.set_header("Keep-Alive", "timeout=" + std::to_string(keep_alive_seconds_));
  if (state->request->http10) res.set_header("Connection", "keep-alive");
}

std::string HttplibAdapter::Refusal(int status, const std::string& detail) {
  httplib::Response res;
  refusal_writer_(status, detail, res);
  res.set_header("Connection", "close");
  if (answer_hook_) answer_hook_(httplib::Request(), res);
  std::string text = "HTTP/1.1 " + std::to_string(res.status) + " " + ReasonPhrase(res.status) +
                     "\r\nContent-Length: " + std::to_string(res.body.size()) + "\r\n";
  for (const auto& [name, value] : res.headers) text += name + ": " + value + "\r\n";
  return text + "\r\n" + res.body;
}

}  // namespace fwmock
