#pragma once

#include <httplib.h>

#include <cstdint>
#include <functional>
#include <optional>

#include "fault_rules.h"
#include "route.h"

namespace fwmock {

// What a fired rule did to the answer, for the journal.
struct FaultEffect {
  bool answered = false;   // the rule's error is written: the operation does not run
  bool no_answer = false;  // reset or close: the client gets no status
  double delay_ms = 0;
};

// The page of a List walk `req` asks for, as far as the request alone tells: 1 without a
// pageToken, 0 (unknown) with one. Until page tokens carry their page number.
std::int64_t ListPageOf(const Route& route, const httplib::Request& req);

// Runs the fault rules on a batch-job request: the first that fires holds the answer back for
// its delay or drop (HttplibAdapter::HoldAnswer) and writes its error, Retry-After included, if
// it gives a code. `page` gives the request's page number of a walk (0: none), asked only if a
// rule matches on it.
FaultEffect ApplyFaults(const Route& route, const httplib::Request& req, FaultRules& faults,
                        const std::function<std::int64_t()>& page, httplib::Response& res);

}  // namespace fwmock
