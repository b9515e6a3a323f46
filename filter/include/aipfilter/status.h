#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <variant>

namespace aipfilter {

// Status codes numbered like google.rpc.Code.
enum class StatusCode : int {
  kOk = 0,
  kCancelled = 1,
  kUnknown = 2,
  kInvalidArgument = 3,
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,
  kResourceExhausted = 8,
  kFailedPrecondition = 9,
  kAborted = 10,
  kOutOfRange = 11,
  kUnimplemented = 12,
  kInternal = 13,
  kUnavailable = 14,
  kDataLoss = 15,
  kUnauthenticated = 16,
};

// An error as a value: a code, a short lower-case message and, where the error is about a
// place in some input, the 0-based byte offset of that place.
class Status {
 public:
  static constexpr std::size_t kNoOffset = static_cast<std::size_t>(-1);

  Status() = default;
  Status(StatusCode code, std::string message, std::size_t offset = kNoOffset)
      : code_(code), message_(std::move(message)), offset_(offset) {}

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::size_t offset() const { return offset_; }
  bool has_offset() const { return offset_ != kNoOffset; }

  // The message followed by " at offset N" when there is an offset.
  std::string Describe() const {
    return has_offset() ? message_ + " at offset " + std::to_string(offset_) : message_;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::size_t offset_ = kNoOffset;
};

inline Status OkStatus() { return Status(); }
inline Status InvalidArgumentError(std::string message, std::size_t offset = Status::kNoOffset) {
  return Status(StatusCode::kInvalidArgument, std::move(message), offset);
}

// Either a value or a non-OK Status.
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  const T& value() const& { return std::get<T>(data_); }
  T& value() & { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace aipfilter
