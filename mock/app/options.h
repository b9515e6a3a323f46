#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth.h"
#include "lifecycle.h"
#include "list.h"
#include "paging_mode.h"

namespace fwmock {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::vector<std::string> fixtures;       // empty: the bundled default data set
  std::string token_secret;                // empty: a random one per process
  std::string admin_token;                 // set: /_fwmock/ needs "Authorization: Bearer T"
  std::map<std::string, ApiKey> api_keys;  // key -> account ("" = any) and e-mail
  bool log_requests = false;
  std::string log_file;                          // empty: request lines go to stderr
  bool allow_anonymous = false;                  // accept requests without a bearer key
  bool cors = false;                             // answer CORS preflights, allow any origin
  bool strict_filters = false;                   // a bare word in a List filter is a 400
  bool exit_with_parent = false;                 // exit when the process that started fwmock dies
  int threads = 0;                               // threads answering requests; 0: one a core
  int busy_poll_us = -1;                         // microseconds; -1: 200, or 0 on one CPU
  std::int64_t header_timeout = 10'000'000'000;  // nanoseconds, as each timeout
  std::int64_t idle_timeout = 60'000'000'000;
  std::int64_t io_timeout = 30'000'000'000;
  std::size_t max_body_bytes = 4u << 20;
  std::uint64_t seed = 0;
  LifecycleConfig lifecycle;
  bool manual_clock = false;
  std::optional<std::int64_t> start_time;  // of a manual clock; empty: now
  std::size_t cache_bytes = kDefaultCacheBytes;
  std::size_t journal_size = 10000;  // requests the journal keeps; 0: none
  std::string faults;                // file of fault rules loaded at start-up; empty: none
  PagingMode paging;                 // the adversarial paging of every account at start-up
  bool help = false;
  bool version = false;
};

// Reads FWMOCK_* environment variables, then the command line (which wins). On a bad flag or
// value returns false with `*error` set.
bool ParseOptions(int argc, const char* const* argv, const std::map<std::string, std::string>& env,
                  Options* options, std::string* error);

std::string Usage();

}  // namespace fwmock
