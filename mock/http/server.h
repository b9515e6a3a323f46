#pragma once

#include <map>
#include <memory>
#include <string>

#include "id_generator.h"
#include "job_store.h"
#include "list.h"
#include "page_token.h"

namespace fwmock {

struct ServerConfig {
  // API keys accepted; each may be bound to one account ("" = any). Empty: any non-empty key.
  std::map<std::string, std::string> api_keys;
  bool log_requests = false;
  bool allow_anonymous = false;  // no Authorization header is not an error
  int threads = 64;              // connections served at once (keep-alive holds one each)
};

// The state every request reads. Owned by the caller; outlives the server.
struct Backend {
  JobStore store;
  IdGenerator ids;
  std::unique_ptr<TokenCodec> tokens;
  std::unique_ptr<Lister> lister;  // over `store` and `tokens`
  std::string openapi_yaml;
};

// The HTTP front of fwmock: routing, authentication, parameters in, JSON and errors out. All
// behaviour lives in the core; this class only translates.
class Server {
 public:
  Server(const ServerConfig& config, Backend* backend);
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
