#include "raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <regex>

namespace fwmock_test {
namespace {

using Clock = std::chrono::steady_clock;

sockaddr_in Loopback(int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

int MillisLeft(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Parses the head at the start of `text` (which holds it whole, up to CRLFCRLF).
RawResponse ParseHead(const std::string& head) {
  RawResponse response;
  static const std::regex kStatus(R"(HTTP/1\.[01] ([0-9]{3}) [^\r]*)");
  std::smatch m;
  const std::size_t first_end = head.find("\r\n");
  const std::string first = head.substr(0, first_end);
  if (!std::regex_match(first, m, kStatus)) return response;
  response.status = std::stoi(m[1]);
  for (std::size_t at = first_end + 2; at < head.size();) {
    const std::size_t end = head.find("\r\n", at);
    const std::string line = head.substr(at, end - at);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      const std::size_t value = line.find_first_not_of(' ', colon + 1);
      response.headers[Lower(line.substr(0, colon))] =
          value == std::string::npos ? "" : line.substr(value);
    }
    at = end + 2;
  }
  return response;
}

}  // namespace

Socket::Socket() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {}
Socket::~Socket() {
  if (fd_ >= 0) ::close(fd_);
}
Socket::Socket(Socket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

int Socket::ListenOnAnyPort() {
  sockaddr_in addr = Loopback(0);
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return -1;
  if (::listen(fd_, 1) != 0) return -1;
  socklen_t len = sizeof addr;
  if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return -1;
  return ntohs(addr.sin_port);
}

bool Socket::Connect(int port) {
  sockaddr_in addr = Loopback(port);
  return ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
}

bool Socket::SendAll(const std::string& data) {
  for (std::size_t sent = 0; sent < data.size();) {
    const ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

std::string Socket::ReadSome(std::chrono::milliseconds timeout) {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return "";
  char buf[65536];
  const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "";
}

bool Socket::WaitForClose(std::chrono::milliseconds timeout, std::string* rest) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    pollfd p{fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, MillisLeft(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    char buf[65536];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return true;
    if (rest != nullptr) rest->append(buf, static_cast<std::size_t>(n));
  }
}

std::string RawResponse::Header(const std::string& lower_name) const {
  const auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

RawResponse ResponseReader::Next(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::size_t head_end;
  while ((head_end = buffered_.find("\r\n\r\n")) == std::string::npos) {
    const std::string more = socket_.ReadSome(std::chrono::milliseconds(MillisLeft(deadline)));
    if (more.empty()) return {};
    buffered_ += more;
  }
  RawResponse response = ParseHead(buffered_.substr(0, head_end + 2));
  const std::string length = response.Header("content-length");
  const std::size_t body_bytes = response.status >= 200 && !length.empty() ? std::stoul(length) : 0;
  while (buffered_.size() < head_end + 4 + body_bytes) {
    const std::string more = socket_.ReadSome(std::chrono::milliseconds(MillisLeft(deadline)));
    if (more.empty()) return {};
    buffered_ += more;
  }
  response.body = buffered_.substr(head_end + 4, body_bytes);
  buffered_.erase(0, head_end + 4 + body_bytes);
  return response;
}

std::string GetRequest(const std::string& target, const std::string& extra) {
  return "GET " + target + " HTTP/1.1\r\nHost: fwmock\r\nAuthorization: Bearer k\r\n" + extra +
         "\r\n";
}

long RaiseOpenFileLimit() {
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &limit);
  return static_cast<long>(limit.rlim_cur);
}

}  // namespace fwmock_test
