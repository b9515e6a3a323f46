#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace fwmock {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::vector<std::string> fixtures;            // empty: the bundled default data set
  std::string token_secret;                     // empty: a random one per process
  std::map<std::string, std::string> api_keys;  // key -> account ("" = any)
  bool log_requests = false;
  bool allow_anonymous = false;  // accept requests without a bearer key
  int threads = 64;
  std::uint64_t seed = 0;
  bool help = false;
  bool version = false;
};

// Reads FWMOCK_* environment variables, then the command line (which wins). On a bad flag or
// value returns false with `*error` set.
bool ParseOptions(int argc, const char* const* argv, const std::map<std::string, std::string>& env,
                  Options* options, std::string* error);

std::string Usage();

}  // namespace fwmock
