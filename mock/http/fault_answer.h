#pragma once

#include <httplib.h>

#include <cstdint>
#include <functional>
#include <optional>

#include "fault_rules.h"
#include "job_service.h"
#include "route.h"

namespace fwmock {

// What a fired rule did to the answer, for the journal.
struct FaultEffect {
  bool answered = false;   // the rule's error is written: the operation does not run
  bool no_answer = false;  // reset or close: the client gets no status
  double delay_ms = 0;
};

// The page of a walk a List or GetLogs request asks for: 1 without a pageToken, the token's page
// number with one, 0 for another operation or a token that does not open.
std::int64_t WalkPageOf(const Route& route, const httplib::Request& req, const JobService& jobs);

// Runs the fault rules on a batch-job request: the first that fires holds the answer back for
// its delay or drop (HttplibAdapter::HoldAnswer) and writes its error, Retry-After included, if
// it gives a code. `page` gives the request's page number of a walk (0: none), asked only if a
// rule matches on it.
FaultEffect ApplyFaults(const Route& route, const httplib::Request& req, FaultRules& faults,
                        const std::function<std::int64_t()>& page, httplib::Response& res);

}  // namespace fwmock
