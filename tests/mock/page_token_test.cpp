#include "page_token.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using Catch::Matchers::Contains;

namespace fwmock_test {
namespace {

using fwmock::KeyValue;
using fwmock::PageToken;
using fwmock::TokenCodec;

const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

PageToken Sample() {
  PageToken t;
  t.account = "zanzibar-account";
  t.binding = fwmock::Binding("state = RUNNING", "create_time desc", "");
  t.key = {KeyValue{true, 1773480413589793238, ""}, KeyValue{false, 0, ""},
           KeyValue{true, -7, "D\xC3\xA9mo \xF0\x9F\x9A\x80"}};
  t.last_name = "accounts/zanzibar-account/batchJobs/quokka-job-\xE6\x97\xA5\xE6\x9C\xAC";
  t.page = 41;
  return t;
}

void CheckSame(const PageToken& got, const PageToken& want) {
  CHECK(got.account == want.account);
  CHECK(got.binding == want.binding);
  CHECK(got.last_name == want.last_name);
  CHECK(got.page == want.page);
  REQUIRE(got.key.size() == want.key.size());
  for (std::size_t i = 0; i < got.key.size(); ++i) {
    CAPTURE(i);
    CHECK(got.key[i].present == want.key[i].present);
    CHECK(got.key[i].number == want.key[i].number);
    CHECK(got.key[i].text == want.key[i].text);
  }
}

void CheckInvalid(const TokenCodec& codec, const std::string& token) {
  CAPTURE(token);
  const fwmock::Result<PageToken> opened = codec.Open(token);
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.status().code() == aipfilter::StatusCode::kInvalidArgument);
  CHECK_THAT(opened.status().message(), Contains("invalid page token"));
}

// Decodes base64 (either alphabet) leniently, starting `skip` characters in.
std::string LenientDecode(const std::string& text, std::size_t skip) {
  const std::string standard = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = skip; i < text.size(); ++i) {
    std::size_t v = standard.find(text[i]);
    if (text[i] == '-') v = 62;
    if (text[i] == '_') v = 63;
    if (v == std::string::npos) continue;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

TEST_CASE("a sealed token opens to the same payload", "[mock][page_token]") {
  const TokenCodec codec("s3cret");
  const PageToken token = Sample();
  const fwmock::Result<PageToken> opened = codec.Open(codec.Seal(token));
  INFO(opened.status().message());
  REQUIRE(opened.ok());
  CheckSame(*opened, token);
}

TEST_CASE("tokens with extreme or empty payloads round trip", "[mock][page_token]") {
  const TokenCodec codec("s3cret");
  PageToken token;
  token.key = {KeyValue{true, std::numeric_limits<std::int64_t>::min(), std::string("a\0b", 3)},
               KeyValue{true, std::numeric_limits<std::int64_t>::max(), std::string(300, 'x')}};
  const fwmock::Result<PageToken> opened = codec.Open(codec.Seal(token));
  REQUIRE(opened.ok());
  CheckSame(*opened, token);
  const fwmock::Result<PageToken> empty = codec.Open(codec.Seal(PageToken{}));
  REQUIRE(empty.ok());
  CheckSame(*empty, PageToken{});
}

TEST_CASE("the same payload gives the same token", "[mock][page_token]") {
  const TokenCodec a("s3cret");
  const TokenCodec b("s3cret");
  CHECK(a.Seal(Sample()) == a.Seal(Sample()));
  CHECK(a.Seal(Sample()) == b.Seal(Sample()));
  REQUIRE(b.Open(a.Seal(Sample())).ok());
  PageToken other = Sample();
  other.last_name += "x";
  CHECK(a.Seal(other) != a.Seal(Sample()));
  other = Sample();
  other.key[1].present = true;
  CHECK(a.Seal(other) != a.Seal(Sample()));
}

TEST_CASE("tokens are URL-safe and hide what they carry", "[mock][page_token]") {
  const TokenCodec codec("s3cret");
  const std::string token = codec.Seal(Sample());
  REQUIRE_FALSE(token.empty());
  for (const char c : token) {
    CAPTURE(c);
    CHECK(std::string(kAlphabet).find(c) != std::string::npos);
  }
  for (const std::string& secret : {std::string("zanzibar"), std::string("quokka"),
                                    std::string("accounts/"), std::string("batchJobs")}) {
    CAPTURE(secret);
    CHECK(token.find(secret) == std::string::npos);
    for (std::size_t skip = 0; skip < 4; ++skip) {
      CHECK(LenientDecode(token, skip).find(secret) == std::string::npos);
    }
  }
}

TEST_CASE("a token with any character changed is invalid", "[mock][page_token]") {
  const TokenCodec codec("s3cret");
  const std::string token = codec.Seal(Sample());
  for (std::size_t i = 0; i < token.size(); ++i) {
    for (const char c : std::string(kAlphabet)) {
      if (c == token[i]) continue;
      std::string edited = token;
      edited[i] = c;
      const fwmock::Result<PageToken> opened = codec.Open(edited);
      if (opened.ok()) {
        CAPTURE(i, c);
        FAIL_CHECK("an edited token opened");
      } else {
        CHECK(opened.status().message() == "invalid page token");
      }
    }
  }
}

TEST_CASE("a truncated or extended token is invalid", "[mock][page_token]") {
  const TokenCodec codec("s3cret");
  const std::string token = codec.Seal(Sample());
  for (std::size_t size = 0; size < token.size(); ++size)
    CheckInvalid(codec, token.substr(0, size));
  for (const char* tail : {"A", "AA", "AAA", "AAAA", "=", "==", "x"}) {
    CheckInvalid(codec, token + tail);
  }
  CheckInvalid(codec, token.substr(1));
  CheckInvalid(codec, token + token);
}

TEST_CASE("garbage is not a token", "[mock][page_token]") {
  const TokenCodec codec("s3cret");
  const std::string text = GENERATE(
      as<std::string>{}, "", "garbage", "!!!!", "a b", "====", "YWNtZQ", "eyJhY2NvdW50IjoiYWNtZSJ9",
      std::string(200, 'A'), std::string(70000, 'A'), std::string("abc\0def", 7));
  CheckInvalid(codec, text);
}

TEST_CASE("a token in the standard base64 alphabet is invalid", "[mock][page_token]") {
  const TokenCodec codec("s3cret");
  std::string token = codec.Seal(Sample());
  for (char& c : token) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  if (token.find_first_of("+/") == std::string::npos) token += "+/";
  CheckInvalid(codec, token);
}

TEST_CASE("a token sealed under another secret is invalid", "[mock][page_token]") {
  const TokenCodec mine("s3cret");
  const TokenCodec theirs("other");
  CheckInvalid(mine, theirs.Seal(Sample()));
  CheckInvalid(theirs, mine.Seal(Sample()));
  const TokenCodec r1 = TokenCodec::Random();
  const TokenCodec r2 = TokenCodec::Random();
  CHECK(r1.Seal(Sample()) != r2.Seal(Sample()));
  CheckInvalid(r2, r1.Seal(Sample()));
  CHECK(r1.Open(r1.Seal(Sample())).ok());
}

TEST_CASE("the binding changes with each bound parameter", "[mock][page_token]") {
  const std::string base = fwmock::Binding("state = RUNNING", "create_time desc", "name");
  CHECK(fwmock::Binding("state = RUNNING", "create_time desc", "name") == base);
  CHECK(fwmock::Binding("state = QUEUED", "create_time desc", "name") != base);
  CHECK(fwmock::Binding("state = RUNNING", "create_time", "name") != base);
  CHECK(fwmock::Binding("state = RUNNING", "create_time desc", "name,state") != base);
  CHECK(fwmock::Binding("", "", "") != base);
  CHECK(fwmock::Binding("ab", "c", "") != fwmock::Binding("a", "bc", ""));
  CHECK(fwmock::Binding("a", "", "b") != fwmock::Binding("a", "b", ""));
}

}  // namespace
}  // namespace fwmock_test
