#include "auth.h"

#include <strings.h>

namespace fwmock {

using aipfilter::Status;
using aipfilter::StatusCode;

namespace {

// The bearer key of an Authorization value, or "" when there is none.
std::string BearerKey(const std::string& header) {
  constexpr std::size_t kScheme = 7;  // "Bearer "
  if (header.size() <= kScheme || strncasecmp(header.c_str(), "Bearer ", kScheme) != 0) return "";
  const std::size_t start = header.find_first_not_of(' ', kScheme);
  return start == std::string::npos ? "" : header.substr(start);
}

// Whether `given` equals `secret` (not empty), in time that depends only on `given`'s length.
bool SameSecret(const std::string& given, const std::string& secret) {
  unsigned char diff = given.size() == secret.size() ? 0 : 1;
  for (std::size_t i = 0; i < given.size(); ++i) {
    diff |= static_cast<unsigned char>(given[i] ^ secret[i % secret.size()]);
  }
  return diff == 0;
}

}  // namespace

aipfilter::Status CheckAdminToken(const std::string& admin_token, const std::string& header) {
  if (admin_token.empty()) return aipfilter::OkStatus();
  const std::string key = BearerKey(header);
  if (key.empty()) {
    return Status(StatusCode::kUnauthenticated,
                  "missing admin token: the control API needs \"Authorization: Bearer <token>\" "
                  "with the token of --admin-token");
  }
  if (!SameSecret(key, admin_token)) {
    return Status(StatusCode::kUnauthenticated, "invalid admin token");
  }
  return aipfilter::OkStatus();
}

aipfilter::Result<Caller> Authenticate(const AuthConfig& config, bool has_header,
                                       const std::string& header, const std::string& account) {
  const std::string key = BearerKey(header);
  if (key.empty() && config.allow_anonymous && !has_header) return Caller();
  if (key.empty()) {
    return Status(StatusCode::kUnauthenticated,
                  "missing API key: send \"Authorization: Bearer <key>\"");
  }
  if (config.keys.empty()) return Caller();
  const auto it = config.keys.find(key);
  if (it == config.keys.end()) return Status(StatusCode::kUnauthenticated, "invalid API key");
  if (!it->second.account.empty() && it->second.account != account) {
    return Status(StatusCode::kPermissionDenied,
                  "the API key has no access to account \"" + account + "\"");
  }
  Caller caller;
  if (!it->second.email.empty()) caller.email = it->second.email;
  return caller;
}

}  // namespace fwmock
