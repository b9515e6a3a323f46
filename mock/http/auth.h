#pragma once

#include <map>
#include <string>

#include "aipfilter/status.h"

namespace fwmock {

// An API key fwmock accepts: the account it is bound to ("" = any) and the e-mail it stands for
// (what Create writes in createdBy; "" = the default).
struct ApiKey {
  std::string account;
  std::string email;
};

inline constexpr const char* kDefaultEmail = "developer@fwmock.dev";

struct AuthConfig {
  std::map<std::string, ApiKey> keys;  // empty: any non-empty key
  bool allow_anonymous = false;        // no Authorization header at all is not an error
};

// Who made a request.
struct Caller {
  std::string email = kDefaultEmail;
};

// Checks the Authorization header's value (`has_header` false: none was sent) against
// `config` for a request to `account`: 401 code 16 without a usable bearer key or with an unknown
// one, 403 code 7 for a key bound to another account.
aipfilter::Result<Caller> Authenticate(const AuthConfig& config, bool has_header,
                                       const std::string& header, const std::string& account);

// The control API's gate: with `admin_token` set, the Authorization value must be
// "Bearer <admin_token>" (compared in time that does not depend on the token's bytes), else 401
// code 16; API keys count for nothing here. Without a token, every request passes.
aipfilter::Status CheckAdminToken(const std::string& admin_token, const std::string& header);

}  // namespace fwmock
