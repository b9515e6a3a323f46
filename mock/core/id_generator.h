#pragma once

#include <cstdint>
#include <mutex>
#include <random>
#include <string>

namespace fwmock {

// Server-assigned job ids: 32 lowercase hex characters, like real job ids, from a seeded
// generator so that runs can be reproduced. Thread-safe.
class IdGenerator {
 public:
  explicit IdGenerator(std::uint64_t seed = 0) : rng_(seed) {}
  void Seed(std::uint64_t seed);
  std::string Next();
  // The generator's position, and a return to one saved before: the ids drawn after Restore
  // are those drawn after the Save.
  std::mt19937_64 Save() const;
  void Restore(const std::mt19937_64& state);

 private:
  mutable std::mutex mu_;
  std::mt19937_64 rng_;
};

}  // namespace fwmock
