#pragma once

#include <memory>
#include <string>
#include <vector>

#include "clock.h"
#include "fault_rules.h"
#include "job_service.h"
#include "job_store.h"
#include "journal.h"
#include "list.h"
#include "options.h"
#include "page_token.h"
#include "paging_state.h"
#include "server.h"
#include "state_service.h"

namespace fwmock {

// The composition root: everything a running fwmock is made of, built from its options, in
// dependency order. The server only sees Services().
class Backend {
 public:
  // Loads the fixtures and the --faults rules and warms the caches; INVALID_ARGUMENT naming the
  // file on bad fixtures ("fixtures: ...") or fault rules ("--faults: ..."). The fixtures'
  // unknown keys add a line each to `warnings`.
  static Result<std::unique_ptr<Backend>> Build(const Options& options, std::string openapi_yaml,
                                                std::vector<std::string>* warnings);

  Services services() {
    return {&jobs_,   &clock_, &openapi_yaml_, &journal_,
            &faults_, &state_, &control_yaml_, &paging_};
  }

 private:
  explicit Backend(const Options& options, std::string openapi_yaml);

  Clock clock_;
  JobStore store_;
  TokenCodec tokens_;
  Lister lister_;
  PagingState paging_;  // from --paging; the control API changes it
  JobService jobs_;
  StateService state_;  // keeps the start-up fixtures for resets
  std::string openapi_yaml_;
  Journal journal_;
  FaultRules faults_;
  std::string control_yaml_;  // the control API's contract, served at /_fwmock/openapi.yaml
};

}  // namespace fwmock
