#include "page_token.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstring>
#include <random>

namespace fwmock {
namespace {

constexpr unsigned char kVersion = 3;  // 2: the page number, 3: the issue time
constexpr std::size_t kIvSize = 16;
constexpr std::size_t kPartSize = 8;  // digest bytes per bound parameter

// XORs `data` with the keystream HMAC(key, iv || counter).
void Crypt(const HmacSha256& key, std::string_view iv, std::string* data) {
  std::string block_input(iv);
  block_input.append(4, '\0');
  for (std::size_t offset = 0, counter = 0; offset < data->size(); ++counter) {
    for (int b = 0; b < 4; ++b) {
      block_input[iv.size() + static_cast<std::size_t>(b)] =
          static_cast<char>((counter >> (8 * (3 - b))) & 0xFF);
    }
    const std::string stream = key.Mac(block_input);
    for (std::size_t i = 0; i < stream.size() && offset < data->size(); ++i, ++offset) {
      (*data)[offset] = static_cast<char>((*data)[offset] ^ stream[i]);
    }
  }
}

const char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string Base64UrlEncode(std::string_view in) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char ch : in) {
    const auto c = static_cast<unsigned char>(ch);
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kBase64Url[(buffer >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(kBase64Url[(buffer << (6 - bits)) & 0x3F]);
  return out;
}

bool Base64UrlDecode(std::string_view in, std::string* out) {
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : in) {
    const char* at = c == '\0' ? nullptr : std::strchr(kBase64Url, c);
    if (at == nullptr) return false;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(at - kBase64Url);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return bits < 6 && (buffer & ((1U << bits) - 1)) == 0;  // no stray bits
}

// Plain binary serialization: fixed fields and length-prefixed strings.
class Writer {
 public:
  void Byte(unsigned char b) { out_.push_back(static_cast<char>(b)); }
  void Int(std::int64_t v) {
    for (int i = 7; i >= 0; --i)
      Byte(static_cast<unsigned char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xFF));
  }
  void Bytes(std::string_view s) {
    Int(static_cast<std::int64_t>(s.size()));
    out_.append(s);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool Byte(unsigned char* b) {
    if (in_.empty()) return false;
    *b = static_cast<unsigned char>(in_.front());
    in_.remove_prefix(1);
    return true;
  }
  bool Int(std::int64_t* v) {
    std::uint64_t u = 0;
    for (int i = 0; i < 8; ++i) {
      unsigned char b = 0;
      if (!Byte(&b)) return false;
      u = (u << 8) | b;
    }
    *v = static_cast<std::int64_t>(u);
    return true;
  }
  bool Bytes(std::string* s) {
    std::int64_t size = 0;
    if (!Int(&size) || size < 0 || static_cast<std::uint64_t>(size) > in_.size()) return false;
    s->assign(in_.substr(0, static_cast<std::size_t>(size)));
    in_.remove_prefix(static_cast<std::size_t>(size));
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

std::string Serialize(const PageToken& t) {
  Writer w;
  w.Byte(kVersion);
  w.Bytes(t.account);
  w.Bytes(t.binding);
  w.Int(static_cast<std::int64_t>(t.key.size()));
  for (const KeyValue& k : t.key) {
    w.Byte(k.present ? 1 : 0);
    w.Int(k.number);
    w.Bytes(k.text);
  }
  w.Bytes(t.last_name);
  w.Int(t.page);
  w.Int(t.issued_at);
  return w.Take();
}

bool Deserialize(std::string_view data, PageToken* t) {
  Reader r(data);
  unsigned char version = 0;
  std::int64_t keys = 0;
  if (!r.Byte(&version) || version != kVersion || !r.Bytes(&t->account) || !r.Bytes(&t->binding) ||
      !r.Int(&keys) || keys < 0 || keys > 64) {
    return false;
  }
  for (std::int64_t i = 0; i < keys; ++i) {
    KeyValue k;
    unsigned char present = 0;
    if (!r.Byte(&present) || present > 1 || !r.Int(&k.number) || !r.Bytes(&k.text)) return false;
    k.present = present == 1;
    t->key.push_back(std::move(k));
  }
  return r.Bytes(&t->last_name) && r.Int(&t->page) && t->page >= 0 && r.Int(&t->issued_at) &&
         r.done();
}

Status InvalidToken() { return aipfilter::InvalidArgumentError("invalid page token"); }

}  // namespace

std::string Binding(std::string_view filter, std::string_view order_by,
                    std::string_view read_mask) {
  std::string out;
  for (const std::string_view part : {filter, order_by, read_mask}) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(part.data(), part.size(), digest, &size, EVP_sha256(), nullptr);
    out.append(reinterpret_cast<const char*>(digest), kPartSize);
  }
  return out;
}

int DifferingPart(std::string_view a, std::string_view b) {
  if (a.size() != 3 * kPartSize || b.size() != 3 * kPartSize) return 0;
  for (int i = 0; i < 3; ++i) {
    const std::size_t at = static_cast<std::size_t>(i) * kPartSize;
    if (a.substr(at, kPartSize) != b.substr(at, kPartSize)) return i;
  }
  return -1;
}

TokenCodec::TokenCodec(std::string_view secret) {
  const HmacSha256 master(secret);
  mac_ = std::make_shared<const HmacSha256>(master.Mac("fwmock page token mac"));
  enc_ = std::make_shared<const HmacSha256>(master.Mac("fwmock page token enc"));
}

TokenCodec TokenCodec::Random() {
  unsigned char secret[32];
  if (RAND_bytes(secret, sizeof secret) != 1) {
    std::random_device device;
    for (unsigned char& b : secret) b = static_cast<unsigned char>(device());
  }
  return TokenCodec(std::string_view(reinterpret_cast<const char*>(secret), sizeof secret));
}

std::string TokenCodec::Seal(const PageToken& token) const {
  std::string data = Serialize(token);
  const std::string iv = mac_->Mac(data).substr(0, kIvSize);
  Crypt(*enc_, iv, &data);
  return Base64UrlEncode(iv + data);
}

Result<PageToken> TokenCodec::Open(std::string_view text) const {
  std::string raw;
  if (text.size() > 64 * 1024 || !Base64UrlDecode(text, &raw) || raw.size() <= kIvSize) {
    return InvalidToken();
  }
  const std::string iv = raw.substr(0, kIvSize);
  std::string data = raw.substr(kIvSize);
  Crypt(*enc_, iv, &data);
  const std::string expected = mac_->Mac(data).substr(0, kIvSize);
  if (CRYPTO_memcmp(expected.data(), iv.data(), kIvSize) != 0) return InvalidToken();
  PageToken token;
  if (!Deserialize(data, &token)) return InvalidToken();
  return token;
}

std::int64_t TokenCodec::PageOf(std::string_view text) const {
  if (text.empty()) return 1;
  const Result<PageToken> token = Open(text);
  return token.ok() ? token->page : 0;
}

}  // namespace fwmock
