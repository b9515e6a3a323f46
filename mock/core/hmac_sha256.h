#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace fwmock {

// HMAC-SHA256 (RFC 2104) under one key. The key's two padded blocks are hashed once, here: a MAC
// then resumes the two prepared digest states. OpenSSL's one-shot HMAC() looks the algorithm up
// and builds a MAC context from the key on every call, which made sealing and opening one page
// token cost 17 us (bench/mock_bench, BM_TokenSealAndOpen). Safe to share between threads.
class HmacSha256 {
 public:
  static constexpr std::size_t kSize = 32;

  explicit HmacSha256(std::string_view key);
  ~HmacSha256();
  HmacSha256(const HmacSha256&) = delete;
  HmacSha256& operator=(const HmacSha256&) = delete;

  // The kSize bytes of the MAC of `data`.
  std::string Mac(std::string_view data) const;

 private:
  struct States;
  std::unique_ptr<States> states_;
};

}  // namespace fwmock
