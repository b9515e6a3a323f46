#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "batch_job.h"
#include "hmac_sha256.h"
#include "order_by.h"

namespace fwmock {

// What a page token carries: whom and which request it was issued for, and where the page
// ended (the last job's sort key and name), so the next page starts right after that position
// even when jobs were created or deleted in between.
struct PageToken {
  std::string account;
  std::string binding;  // Binding() of the request that produced it
  std::vector<KeyValue> key;
  std::string last_name;
  // The number of the page this token asks for: the first page, asked with no token, is 1, so
  // the first page's token says 2. Faults and paging modes act on "the n-th page of a walk".
  std::int64_t page = 0;
  // When it was sealed, in the clock's nanoseconds, under a token TTL (paging_mode.h); 0 for
  // tokens issued while no TTL was in force, which keeps those deterministic.
  std::int64_t issued_at = 0;
};

// A digest of the parameters a token is bound to, one part each, so that a mismatch can name
// the parameter that differs.
std::string Binding(std::string_view filter, std::string_view order_by, std::string_view read_mask);
// Which part (0, 1, 2) of two bindings differs first; -1 when they are equal.
int DifferingPart(std::string_view a, std::string_view b);

// Seals tokens with deterministic authenticated encryption under a server secret (SIV with
// HMAC-SHA256: the IV is a MAC of the plaintext, the keystream HMAC in counter mode), then
// base64url without padding. Tokens are opaque and URL-safe; a forged, edited or truncated one
// fails to open. Servers sharing a secret accept each other's tokens.
class TokenCodec {
 public:
  explicit TokenCodec(std::string_view secret);
  // A codec with a secret drawn at random.
  static TokenCodec Random();

  std::string Seal(const PageToken& token) const;
  // INVALID_ARGUMENT "invalid page token" for anything that was not sealed with this secret.
  Result<PageToken> Open(std::string_view text) const;
  // The number of the page a request with this token asks for: 1 for no token, the token's
  // page for one that opens, 0 for one that does not.
  std::int64_t PageOf(std::string_view text) const;

 private:
  std::shared_ptr<const HmacSha256> mac_;  // shared by copies of the codec
  std::shared_ptr<const HmacSha256> enc_;
};

}  // namespace fwmock
