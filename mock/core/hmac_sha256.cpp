#include "hmac_sha256.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cstdlib>

namespace fwmock {
namespace {

constexpr std::size_t kBlockSize = 64;  // SHA-256's

struct ContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using Context = std::unique_ptr<EVP_MD_CTX, ContextDeleter>;

Context NewContext() {
  Context context(EVP_MD_CTX_new());
  if (context == nullptr) std::abort();  // out of memory
  return context;
}

// A SHA-256 state that has absorbed `block`.
Context Absorbed(const std::array<unsigned char, kBlockSize>& block) {
  Context context = NewContext();
  if (EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), block.data(), block.size()) != 1) {
    std::abort();  // SHA-256 is always there: only memory can run out
  }
  return context;
}

// Resumes `prepared` in this thread's working state, absorbs `data` and writes the digest.
void Finish(const EVP_MD_CTX* prepared, const void* data, std::size_t size, unsigned char* out) {
  thread_local const Context work = NewContext();
  unsigned int written = 0;
  if (EVP_MD_CTX_copy_ex(work.get(), prepared) != 1 ||
      EVP_DigestUpdate(work.get(), data, size) != 1 ||
      EVP_DigestFinal_ex(work.get(), out, &written) != 1) {
    std::abort();
  }
}

}  // namespace

struct HmacSha256::States {
  Context inner;  // after key XOR ipad
  Context outer;  // after key XOR opad
};

HmacSha256::HmacSha256(std::string_view key) : states_(std::make_unique<States>()) {
  std::array<unsigned char, kBlockSize> block{};
  if (key.size() > kBlockSize) {  // a long key is replaced by its digest
    unsigned int size = 0;
    EVP_Digest(key.data(), key.size(), block.data(), &size, EVP_sha256(), nullptr);
  } else {
    std::copy(key.begin(), key.end(), block.begin());
  }
  std::array<unsigned char, kBlockSize> pad{};
  for (std::size_t i = 0; i < kBlockSize; ++i) pad[i] = block[i] ^ 0x36;
  states_->inner = Absorbed(pad);
  for (std::size_t i = 0; i < kBlockSize; ++i) pad[i] = block[i] ^ 0x5c;
  states_->outer = Absorbed(pad);
  OPENSSL_cleanse(block.data(), block.size());
  OPENSSL_cleanse(pad.data(), pad.size());
}

HmacSha256::~HmacSha256() = default;

std::string HmacSha256::Mac(std::string_view data) const {
  unsigned char inner[kSize];
  Finish(states_->inner.get(), data.data(), data.size(), inner);
  std::string out(kSize, '\0');
  Finish(states_->outer.get(), inner, kSize, reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

}  // namespace fwmock
