#pragma once

#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>

#include "auth.h"
#include "clock.h"
#include "fault_rules.h"
#include "job_service.h"
#include "journal.h"
#include "paging_state.h"
#include "request_handler.h"
#include "state_service.h"

namespace fwmock {

struct ServerConfig {
  AuthConfig auth;
  bool log_requests = false;
  std::FILE* log_file = nullptr;  // where request lines go (owned by the caller); null: stderr
  bool cors = false;              // answer CORS preflights; allow any origin on every answer
  std::size_t max_body_bytes = 4u << 20;  // larger request bodies are refused (413)
  long keep_alive_seconds = 60;           // the idle timeout, as the Keep-Alive header says it
  std::string admin_token;                // set: every /_fwmock/ route needs it as a bearer
};

// What the handlers act on. Owned by the caller (the app's composition root); outlives the
// server.
struct Services {
  JobService* jobs;
  Clock* clock;
  const std::string* openapi_yaml;
  Journal* journal;
  FaultRules* faults;
  StateService* state;
  const std::string* control_openapi_yaml;  // served at /_fwmock/openapi.yaml
  PagingState* paging;
};

// The HTTP front of fwmock: routing, authentication, parameters in, JSON and errors out. All
// behaviour lives in the core; this class only translates. It answers the requests of the
// connection layer (mock/net), which owns the sockets.
class Server {
 public:
  Server(const ServerConfig& config, const Services& services);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // What the connection layer hands each complete request to; thread-safe.
  net::RequestHandler& handler();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fwmock
