#pragma once

#include <httplib.h>

#include <string>

#include "aipfilter/status.h"
#include "fault_rules.h"
#include "route.h"

namespace fwmock {

// POST, GET and DELETE /_fwmock/faults, DELETE /_fwmock/faults/{id}.
void ServeFaults(const Route& route, const httplib::Request& req, FaultRules& faults,
                 httplib::Response& res);

// --faults FILE: a JSON list of rules, added in order. All or nothing: INVALID_ARGUMENT naming
// the file and the rule (its 0-based index) on the first bad one.
aipfilter::Status LoadFaultFile(const std::string& path, FaultRules* faults);

}  // namespace fwmock
