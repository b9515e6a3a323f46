// HTTP spoken by hand over a plain TCP socket, for what a client library hides: pipelining,
// partial heads, interim answers, half-closed and silent connections.
#pragma once

#include <chrono>
#include <map>
#include <string>

namespace fwmock_test {

// A TCP socket to 127.0.0.1, closed on destruction.
class Socket {
 public:
  Socket();
  ~Socket();
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  Socket(Socket&& other) noexcept;
  int fd() const { return fd_; }

  // Binds 127.0.0.1:0 and listens; returns the port.
  int ListenOnAnyPort();
  // Connects to 127.0.0.1:port; false if it cannot.
  bool Connect(int port);
  // Sends all of `data`; false if the connection broke.
  bool SendAll(const std::string& data);
  // Reads at least one byte, waiting up to `timeout`; "" on EOF, error or timeout.
  std::string ReadSome(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // Whether the server closed the connection (EOF or reset) within `timeout`; bytes that arrive
  // before are appended to `*rest` if given.
  bool WaitForClose(std::chrono::milliseconds timeout, std::string* rest = nullptr);

 private:
  int fd_;
};

// One HTTP answer read off a socket.
struct RawResponse {
  int status = 0;                              // 0: none (closed, timeout or garbled)
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;

  std::string Header(const std::string& lower_name) const;
};

// Reads answers off one connection, keeping what is read ahead for the next one.
class ResponseReader {
 public:
  explicit ResponseReader(Socket& socket) : socket_(socket) {}
  // The next answer (an interim 100 is one too), whole: its head and Content-Length bytes.
  RawResponse Next(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  const std::string& buffered() const { return buffered_; }

 private:
  Socket& socket_;
  std::string buffered_;
};

// A GET request of `target`, HTTP/1.1, with a key and `extra` header lines ("Name: value\r\n").
std::string GetRequest(const std::string& target, const std::string& extra = "");

// Raises this process's open-file limit to its hard limit; returns the new soft limit.
long RaiseOpenFileLimit();

}  // namespace fwmock_test
