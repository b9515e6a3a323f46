#include "logs_request.h"

#include <algorithm>

#include "aipfilter/timestamp.h"
#include "int_param.h"
#include "text.h"

namespace fwmock {

using aipfilter::InvalidArgumentError;

namespace {

Status SetPageSize(const std::string& value, LogsRequest* request) {
  Result<std::int32_t> size = ParseNonNegativeInt32("pageSize", value);
  if (!size.ok()) return size.status();
  request->page_size = *size;
  return aipfilter::OkStatus();
}

Status SetPageToken(const std::string& value, LogsRequest* request) {
  request->page_token = value;
  return aipfilter::OkStatus();
}

Status SetStartTime(const std::string& value, LogsRequest* request) {
  std::int64_t nanos = 0;  // an instant beyond int64 nanoseconds stands at the nearest edge
  if (aipfilter::ParseRfc3339Clamped(value, &nanos) == aipfilter::TimestampParse::kMalformed) {
    return InvalidArgumentError("invalid startTime: \"" + value +
                                "\" is not an RFC 3339 timestamp");
  }
  request->start_time = nanos;
  return aipfilter::OkStatus();
}

Status SetFilter(const std::string& value, LogsRequest* request) {
  request->filter = value;
  return aipfilter::OkStatus();
}

// The spellings Go's strconv.ParseBool accepts, as grpc-gateway reads a bool parameter.
Status SetStartFromHead(const std::string& value, LogsRequest* request) {
  static const char* const kTrue[] = {"1", "t", "T", "TRUE", "true", "True"};
  static const char* const kFalse[] = {"0", "f", "F", "FALSE", "false", "False"};
  const auto is = [&value](const char* spelling) { return value == spelling; };
  if (std::any_of(std::begin(kTrue), std::end(kTrue), is)) {
    request->start_from_head = true;
  } else if (std::any_of(std::begin(kFalse), std::end(kFalse), is)) {
    request->start_from_head = false;
  } else {
    return InvalidArgumentError("invalid startFromHead: \"" + value + "\" is not a boolean");
  }
  return aipfilter::OkStatus();
}

Status SetReadMask(const std::string& value, LogsRequest* request) {
  Result<LogsMask> mask = ParseLogsMask(value);
  if (!mask.ok()) return mask.status();
  request->read_mask = value;
  return aipfilter::OkStatus();
}

// The singular parameters: canonical name, camelCase spelling, and how to read the value.
struct SingularName {
  const char* canonical;
  const char* camel;
  Status (*set)(const std::string& value, LogsRequest* request);
};

const SingularName kSingularParams[] = {
    {"page_size", "pageSize", &SetPageSize},
    {"page_token", "pageToken", &SetPageToken},
    {"start_time", "startTime", &SetStartTime},
    {"filter", "filter", &SetFilter},
    {"start_from_head", "startFromHead", &SetStartFromHead},
    {"read_mask", "readMask", &SetReadMask},
};

Status ReadSingular(const Params& params, const SingularName& name, LogsRequest* request) {
  Result<const std::string*> value = SingularParam(params, name.canonical, name.camel);
  if (!value.ok()) return value.status();
  return *value == nullptr ? aipfilter::OkStatus() : name.set(**value, request);
}

// `ranks=0,1` is not how a repeated parameter is sent: say how it is.
Status CommaJoinedRanks(const std::string& value) {
  std::string repeated;
  for (std::string_view piece : Split(value, ',')) {
    repeated += (repeated.empty() ? "ranks=" : "&ranks=") + std::string(piece);
  }
  return InvalidArgumentError("invalid ranks: \"" + value + "\": repeat the key (" + repeated +
                              ")");
}

Status ReadRanks(const Params& params, LogsRequest* request) {
  for (const auto& [key, value] : params) {
    if (key != "ranks") continue;
    if (value.find(',') != std::string::npos) return CommaJoinedRanks(value);
    Result<std::int32_t> rank = ParseNonNegativeInt32("ranks", value);
    if (!rank.ok()) return rank.status();
    request->ranks.push_back(*rank);
  }
  std::sort(request->ranks.begin(), request->ranks.end());
  request->ranks.erase(std::unique(request->ranks.begin(), request->ranks.end()),
                       request->ranks.end());
  return aipfilter::OkStatus();
}

Status MaskError(const std::string& what) {
  return InvalidArgumentError("invalid readMask: " + what);
}

}  // namespace

Result<LogsRequest> ParseLogsRequest(const Params& params) {
  LogsRequest request;
  for (const SingularName& name : kSingularParams) {
    if (Status s = ReadSingular(params, name, &request); !s.ok()) return s;
  }
  if (Status s = ReadRanks(params, &request); !s.ok()) return s;
  return request;
}

std::string LogsMask::Canonical() const {
  if (log_time && message && rank) return "";
  std::string out;
  if (log_time) out += "log_time";
  if (message) out += out.empty() ? "message" : ",message";
  if (rank) out += out.empty() ? "rank" : ",rank";
  return out;
}

Result<LogsMask> ParseLogsMask(std::string_view text) {
  text = Trim(text);
  if (text.empty() || text == "*") return LogsMask{};
  LogsMask mask{false, false, false};
  for (std::string_view path : Split(text, ',')) {
    if (path == "*") return MaskError("\"*\" cannot be combined with other paths");
    if (path.empty()) return MaskError("empty path");
    if (path == "log_time" || path == "logTime") {
      mask.log_time = true;
    } else if (path == "message") {
      mask.message = true;
    } else if (path == "rank") {
      mask.rank = true;
    } else {
      return MaskError("unknown field \"" + std::string(path) + "\"");
    }
  }
  return mask;
}

}  // namespace fwmock
