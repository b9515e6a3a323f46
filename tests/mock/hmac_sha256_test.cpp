// HmacSha256 against the published HMAC-SHA-256 test vectors of RFC 4231, section 4.
#include "hmac_sha256.h"

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

namespace fwmock_test {
namespace {

using fwmock::HmacSha256;

std::string Hex(const std::string& bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    out += kDigits[(static_cast<unsigned char>(c) >> 4) & 0xF];
    out += kDigits[static_cast<unsigned char>(c) & 0xF];
  }
  return out;
}

TEST_CASE("HMAC-SHA-256 gives the RFC 4231 digests", "[hmac]") {
  SECTION("test case 1: a 20-byte key") {
    CHECK(Hex(HmacSha256(std::string(20, '\x0b')).Mac("Hi There")) ==
          "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  }
  SECTION("test case 2: a key shorter than the digest") {
    CHECK(Hex(HmacSha256("Jefe").Mac("what do ya want for nothing?")) ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }
  SECTION("test case 6: a key longer than the block is hashed first") {
    CHECK(Hex(HmacSha256(std::string(131, '\xaa'))
                  .Mac("Test Using Larger Than Block-Size Key - Hash Key First")) ==
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  }
  SECTION("test case 7: key and data longer than the block") {
    CHECK(Hex(HmacSha256(std::string(131, '\xaa'))
                  .Mac("This is a test using a larger than block-size key and a larger than "
                       "block-size data. The key needs to be hashed before being used by the "
                       "HMAC algorithm.")) ==
          "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
  }
}

TEST_CASE("One HMAC key gives the same digests from many threads at once", "[hmac]") {
  const HmacSha256 key("Jefe");
  const std::string expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < wrong.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        if (Hex(key.Mac("what do ya want for nothing?")) != expected) ++wrong[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const int w : wrong) CHECK(w == 0);
}

}  // namespace
}  // namespace fwmock_test
