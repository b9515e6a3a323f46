#include "request_framer.h"

#include <charconv>

namespace fwmock::net {
namespace {

constexpr std::size_t kMaxChunkSizeLine = 1024;  // hex digits, extensions and CRLF
constexpr std::size_t kChunkSlack = 64u << 10;   // chunk framing allowed beyond twice the body

bool SameLetters(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view Trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

// Calls `each` with every comma-separated token of a field value, trimmed.
template <typename Each>
void ForEachToken(std::string_view value, Each each) {
  for (;;) {
    const std::size_t comma = value.find(',');
    each(Trim(value.substr(0, comma)));
    if (comma == std::string_view::npos) return;
    value.remove_prefix(comma + 1);
  }
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string KiB(std::size_t bytes) { return std::to_string(bytes >> 10) + " KiB"; }

}  // namespace

void RequestFramer::Reset() { *this = RequestFramer(limits_); }

Framing RequestFramer::Scan(std::string_view buffered) {
  if (refusal_status_ != 0) return Framing::kRefused;
  if (stage_ == Stage::kRequestLine && ScanRequestLine(buffered) != Framing::kComplete) {
    return refusal_status_ != 0 ? Framing::kRefused : Framing::kIncomplete;
  }
  if (stage_ == Stage::kFields) {
    const Framing fields = ScanFields(buffered);
    if (fields != Framing::kComplete) return fields;
  }
  if (stage_ == Stage::kBody) {
    if (buffered.size() < head_.total_bytes) return Framing::kIncomplete;
    stage_ = Stage::kDone;
  }
  if (stage_ == Stage::kChunkSize || stage_ == Stage::kChunkData || stage_ == Stage::kTrailer) {
    return ScanChunks(buffered);
  }
  return Framing::kComplete;
}

Framing RequestFramer::ScanRequestLine(std::string_view buffered) {
  const std::size_t lf = buffered.find('\n', pos_);
  const std::size_t line_bytes = lf == std::string_view::npos ? buffered.size() : lf + 1;
  if (line_bytes > limits_.max_request_line) return Refuse(414);
  if (lf == std::string_view::npos) {
    pos_ = buffered.size();
    return Framing::kIncomplete;
  }
  std::string_view line = buffered.substr(0, lf);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  head_.http10 = line.substr(line.rfind(' ') + 1) == "HTTP/1.0";
  stage_ = Stage::kFields;
  fields_start_ = pos_ = lf + 1;
  return Framing::kComplete;
}

Framing RequestFramer::ScanFields(std::string_view buffered) {
  for (;;) {
    const std::size_t lf = buffered.find('\n', pos_);
    const std::size_t end = lf == std::string_view::npos ? buffered.size() : lf + 1;
    if (end - fields_start_ > limits_.max_header_bytes) {
      return Refuse(431,
                    "request header fields over the limit of " + KiB(limits_.max_header_bytes));
    }
    if (lf == std::string_view::npos) return Framing::kIncomplete;
    const std::string_view line = buffered.substr(pos_, lf + 1 - pos_);
    pos_ = lf + 1;
    if (line == "\r\n") return EndOfHead();
    if (line.size() >= 2 && line[line.size() - 2] == '\r') {  // as httplib: others are skipped
      ReadField(line.substr(0, line.size() - 2));
      if (refusal_status_ != 0) return Framing::kRefused;
    }
  }
}

void RequestFramer::ReadField(std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return;
  const std::string_view name = line.substr(0, colon);
  const std::string_view value = Trim(line.substr(colon + 1));
  if (SameLetters(name, "Content-Length")) {
    std::uint64_t length = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (!AllDigits(value) || error != std::errc() || (has_length_ && length != body_bytes_)) {
      Refuse(400, "invalid Content-Length \"" + std::string(value.substr(0, 40)) + "\"");
    }
    has_length_ = true;
    body_bytes_ = length;
  } else if (SameLetters(name, "Transfer-Encoding")) {
    if (!SameLetters(value, "chunked")) {
      Refuse(501, "Transfer-Encoding \"" + std::string(value.substr(0, 40)) +
                      "\" is not supported: send chunked or Content-Length");
    }
    chunked_ = true;
  } else if (SameLetters(name, "Connection")) {
    ForEachToken(value, [this](std::string_view token) {
      closes_ |= SameLetters(token, "close");
      keeps_ |= SameLetters(token, "keep-alive");
    });
  } else if (SameLetters(name, "Expect")) {
    head_.expects_continue = SameLetters(value, "100-continue");
  }
}

Framing RequestFramer::EndOfHead() {
  head_.head_bytes = pos_;
  head_.keep_alive = head_.http10 ? keeps_ && !closes_ : !closes_;
  if (chunked_) {
    head_.must_close = has_length_;  // RFC 9112 §6.1: chunked wins, and the connection closes
    body_bytes_ = 0;
    stage_ = Stage::kChunkSize;
    return Framing::kComplete;
  }
  if (has_length_ && body_bytes_ > limits_.max_body_bytes) return Refuse(413);
  head_.total_bytes = pos_ + (has_length_ ? static_cast<std::size_t>(body_bytes_) : 0);
  stage_ = has_length_ ? Stage::kBody : Stage::kDone;
  return Framing::kComplete;
}

Framing RequestFramer::ScanChunks(std::string_view buffered) {
  while (stage_ != Stage::kDone) {
    if (pos_ - head_.head_bytes > 2 * limits_.max_body_bytes + kChunkSlack) return Refuse(413);
    if (stage_ == Stage::kChunkData) {
      if (buffered.size() - pos_ < chunk_left_) return Framing::kIncomplete;
      if (buffered.substr(pos_ + chunk_left_ - 2, 2) != "\r\n") {
        return Refuse(400, "a chunk of the request body does not end with CRLF");
      }
      pos_ += chunk_left_;
      stage_ = Stage::kChunkSize;
      continue;
    }
    const Framing line = ScanChunkSize(buffered);
    if (line != Framing::kComplete) return line;
  }
  head_.total_bytes = pos_;
  return Framing::kComplete;
}

// One line of a chunked body: a chunk's size, or after the last chunk a trailer field or the
// blank line that ends the request.
Framing RequestFramer::ScanChunkSize(std::string_view buffered) {
  const std::size_t lf = buffered.find('\n', pos_);
  if (lf == std::string_view::npos) {
    if (buffered.size() - pos_ > kMaxChunkSizeLine) {
      return Refuse(400, "a chunk size line of the request body is too long");
    }
    return Framing::kIncomplete;
  }
  const std::string_view line = buffered.substr(pos_, lf + 1 - pos_);
  pos_ = lf + 1;
  if (stage_ == Stage::kTrailer) {
    if (line == "\r\n") stage_ = Stage::kDone;
    return Framing::kComplete;
  }
  std::uint64_t size = 0;
  const auto [end, error] = std::from_chars(line.data(), line.data() + line.size(), size, 16);
  if (error == std::errc::result_out_of_range) return Refuse(413);
  if (end == line.data() || error != std::errc()) {
    return Refuse(400, "a chunk of the request body has no valid size");
  }
  body_bytes_ += size;
  if (size > limits_.max_body_bytes || body_bytes_ > limits_.max_body_bytes) return Refuse(413);
  chunk_left_ = static_cast<std::size_t>(size) + 2;
  stage_ = size == 0 ? Stage::kTrailer : Stage::kChunkData;
  return Framing::kComplete;
}

Framing RequestFramer::Refuse(int status, std::string detail) {
  if (refusal_status_ == 0) {
    refusal_status_ = status;
    refusal_detail_ = std::move(detail);
  }
  return Framing::kRefused;
}

}  // namespace fwmock::net
