#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "connection_config.h"

namespace fwmock::net {

// What the framer learned from a request head: enough to find the request's end and to know the
// connection's fate. The HTTP library parses the request again, from the same bytes.
struct RequestHead {
  std::size_t head_bytes = 0;   // request line, fields and the blank line
  std::size_t total_bytes = 0;  // the whole request, body included (once known)
  bool http10 = false;
  bool keep_alive = true;         // what the client asked for (HTTP/1.1 unless "close"; HTTP/1.0
                                  // only with "keep-alive")
  bool must_close = false;        // Content-Length beside chunked: answer, then close
  bool expects_continue = false;  // Expect: 100-continue
};

enum class Framing { kIncomplete, kComplete, kRefused };

// Finds where one HTTP/1.x request ends in the bytes buffered from the start of that request,
// and refuses, before anyone parses it, what is over a limit or cannot be framed. Resumable:
// each Scan goes on from where the last one stopped, so a request trickling in is scanned once.
// The head is split as cpp-httplib 0.11.4 splits it: the request line ends at the first LF, the
// fields at the first line that is exactly CRLF (lines not ending in CRLF are skipped).
class RequestFramer {
 public:
  explicit RequestFramer(const RequestLimits& limits) : limits_(limits) {}

  // `buffered` starts at the request's first byte and only ever grows between Resets.
  Framing Scan(std::string_view buffered);
  // Forgets the request: the next Scan starts a new one.
  void Reset();

  bool head_complete() const { return stage_ > Stage::kFields; }
  const RequestHead& head() const { return head_; }
  // Of a refused request: the HTTP status and, but for 413 and 414, what was wrong.
  int refusal_status() const { return refusal_status_; }
  const std::string& refusal_detail() const { return refusal_detail_; }

 private:
  enum class Stage { kRequestLine, kFields, kBody, kChunkSize, kChunkData, kTrailer, kDone };

  Framing ScanRequestLine(std::string_view buffered);
  Framing ScanFields(std::string_view buffered);
  void ReadField(std::string_view line);
  Framing EndOfHead();
  Framing ScanChunks(std::string_view buffered);
  Framing ScanChunkSize(std::string_view buffered);
  Framing Refuse(int status, std::string detail = "");

  RequestLimits limits_;
  Stage stage_ = Stage::kRequestLine;
  std::size_t pos_ = 0;           // where the scan goes on
  std::size_t fields_start_ = 0;  // after the request line
  std::size_t chunk_left_ = 0;    // of the chunk being received, its CRLF included
  std::uint64_t body_bytes_ = 0;  // decoded so far (chunked) or announced (Content-Length)
  bool chunked_ = false;
  bool has_length_ = false;
  bool closes_ = false;  // Connection: close
  bool keeps_ = false;   // Connection: keep-alive
  RequestHead head_;
  int refusal_status_ = 0;
  std::string refusal_detail_;
};

}  // namespace fwmock::net
