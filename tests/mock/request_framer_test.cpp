// The connection layer's framing of requests: where each ends, what it asks of the connection,
// what is refused before any parser sees it; whole or a byte at a time alike.
#include "request_framer.h"

#include <catch2/catch.hpp>

namespace {

using fwmock::net::Framing;
using fwmock::net::RequestFramer;
using fwmock::net::RequestLimits;

// Scans `bytes` as they would arrive one byte at a time; the result of the last Scan.
Framing ScanBytewise(RequestFramer& framer, const std::string& bytes) {
  Framing last = Framing::kIncomplete;
  for (std::size_t n = 1; n <= bytes.size() && last == Framing::kIncomplete; ++n) {
    last = framer.Scan(std::string_view(bytes).substr(0, n));
  }
  return last;
}

TEST_CASE("a request ends where its head and body end, whole or a byte at a time",
          "[mock][net][framer]") {
  const auto [request, head_bytes] = GENERATE(table<std::string, std::size_t>({
      {"GET / HTTP/1.1\r\n\r\n", 18},
      {"GET / HTTP/1.1\r\nHost: x\r\n\r\n", 27},
      {"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc", 38},
      {"GET / HTTP/1.1\r\ncontent-length:  2 \r\n\r\nab", 39},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\n\r\n", 47},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\nTrailer: t\r\n\r\n", 47},
      {"GET / HTTP/1.1\r\nbare-lf: skipped\n\r\n", 35},
  }));
  CAPTURE(request);
  const bool bytewise = GENERATE(false, true);
  RequestFramer framer{RequestLimits{}};
  const std::string followed = request + "GET /next HTTP/1.1\r\n\r\n";
  const Framing framing =
      bytewise ? ScanBytewise(framer, followed) : framer.Scan(std::string_view(followed));
  REQUIRE(framing == Framing::kComplete);
  CHECK(framer.head().head_bytes == head_bytes);
  CHECK(framer.head().total_bytes == request.size());
}

TEST_CASE("the keep-alive wish follows the version and the Connection tokens",
          "[mock][net][framer]") {
  const auto [head, keep_alive] = GENERATE(table<std::string, bool>({
      {"GET / HTTP/1.1\r\n\r\n", true},
      {"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", false},
      {"GET / HTTP/1.1\r\nConnection: Upgrade, CLOSE\r\n\r\n", false},
      {"GET / HTTP/1.0\r\n\r\n", false},
      {"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true},
      {"GET / HTTP/1.0\r\nConnection: Keep-Alive, close\r\n\r\n", false},
  }));
  CAPTURE(head);
  RequestFramer framer{RequestLimits{}};
  REQUIRE(framer.Scan(head) == Framing::kComplete);
  CHECK(framer.head().keep_alive == keep_alive);
}

TEST_CASE("chunked beside Content-Length wins and closes, and Expect is noted",
          "[mock][net][framer]") {
  RequestFramer framer{RequestLimits{}};
  const std::string both =
      "POST / HTTP/1.1\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n"
      "Expect: 100-continue\r\n\r\n0\r\n\r\n";
  REQUIRE(framer.Scan(both) == Framing::kComplete);
  CHECK(framer.head().must_close);
  CHECK(framer.head().expects_continue);
  CHECK(framer.head().total_bytes == both.size());
}

TEST_CASE("what is over a limit or cannot be framed is refused with its status",
          "[mock][net][framer]") {
  RequestLimits limits;
  limits.max_body_bytes = 100;
  const auto [request, status, detail] = GENERATE(table<std::string, int, std::string>({
      {"GET /" + std::string(8200, 'a'), 414, ""},
      {"GET / HTTP/1.1\r\nX: " + std::string(8200, 'a'), 431,
       "request header fields over the limit of 8 KiB"},
      {"POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n", 413, ""},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n", 413, ""},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + std::string(50, '1') + "\r\n", 413,
       ""},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400,
       "a chunk of the request body has no valid size"},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n", 400,
       "a chunk of the request body does not end with CRLF"},
      {"POST / HTTP/1.1\r\nContent-Length: 1e3\r\n\r\n", 400, "invalid Content-Length \"1e3\""},
      {"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400,
       "invalid Content-Length \"2\""},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501,
       "Transfer-Encoding \"gzip, chunked\" is not supported: send chunked or Content-Length"},
  }));
  CAPTURE(request.substr(0, 80));
  const bool bytewise = GENERATE(false, true);
  RequestFramer framer{limits};
  const Framing framing = bytewise ? ScanBytewise(framer, request) : framer.Scan(request);
  REQUIRE(framing == Framing::kRefused);
  CHECK(framer.refusal_status() == status);
  CHECK(framer.refusal_detail() == detail);
}

TEST_CASE("a request not yet whole is incomplete, and Reset starts the next",
          "[mock][net][framer]") {
  RequestFramer framer{RequestLimits{}};
  const std::string request = "POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nab";
  CHECK(framer.Scan(request) == Framing::kIncomplete);
  CHECK(framer.head_complete());
  CHECK(framer.Scan(request + "cd") == Framing::kComplete);
  framer.Reset();
  CHECK_FALSE(framer.head_complete());
  CHECK(framer.Scan("GET / HTTP/1.1\r\n") == Framing::kIncomplete);
}

}  // namespace
