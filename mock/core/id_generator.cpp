#include "id_generator.h"

namespace fwmock {

void IdGenerator::Seed(std::uint64_t seed) {
  std::lock_guard lock(mu_);
  rng_.seed(seed);
}

std::mt19937_64 IdGenerator::Save() const {
  std::lock_guard lock(mu_);
  return rng_;
}

void IdGenerator::Restore(const std::mt19937_64& state) {
  std::lock_guard lock(mu_);
  rng_ = state;
}

std::string IdGenerator::Next() {
  static const char kHex[] = "0123456789abcdef";
  std::uint64_t words[2];
  {
    std::lock_guard lock(mu_);
    words[0] = rng_();
    words[1] = rng_();
  }
  std::string out;
  out.reserve(32);
  for (std::uint64_t w : words) {
    for (int shift = 60; shift >= 0; shift -= 4) out.push_back(kHex[(w >> shift) & 0xF]);
  }
  return out;
}

}  // namespace fwmock
