#pragma once

#include <httplib.h>

#include <memory>
#include <string>

#include "journal.h"
#include "route.h"

namespace fwmock {

// Whether the journal keeps a request to `path`: the Fireworks API's and unknown paths are kept,
// fwmock's own (/_fwmock/..., /healthz, /openapi.yaml) are not.
bool Journaled(const std::string& path);

// A request and what its client got, as the journal keeps it. No JSON is built here.
std::shared_ptr<JournalEntry> CaptureRequest(const httplib::Request& req, int status,
                                             double duration_ms, const char* operation,
                                             std::string account);

// GET /_fwmock/requests (with its filters) and DELETE /_fwmock/requests.
void ServeJournal(const Route& route, const httplib::Request& req, Journal& journal,
                  httplib::Response& res);

}  // namespace fwmock
