#pragma once

#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>

#include "auth.h"
#include "clock.h"
#include "job_service.h"

namespace fwmock {

struct ServerConfig {
  AuthConfig auth;
  bool log_requests = false;
  std::FILE* log_file = nullptr;  // where request lines go (owned by the caller); null: stderr
  bool cors = false;              // answer CORS preflights; allow any origin on every answer
  int threads = 64;               // connections served at once
  std::size_t max_body_bytes = 4u << 20;  // larger request bodies are refused (413)
};

// What the handlers act on. Owned by the caller (the app's composition root); outlives the
// server.
struct Services {
  JobService* jobs;
  Clock* clock;
  const std::string* openapi_yaml;
};

// The HTTP front of fwmock: routing, authentication, parameters in, JSON and errors out. All
// behaviour lives in the core; this class only translates.
class Server {
 public:
  Server(const ServerConfig& config, const Services& services);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port (0 = any free port); returns the port, or -1 with `*error` set.
  int Bind(const std::string& host, int port, std::string* error);
  // Serves until Stop(); returns once in-flight requests have finished.
  bool Listen();
  // Thread-safe; may be called before Listen() starts.
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fwmock
