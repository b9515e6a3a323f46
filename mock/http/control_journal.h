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

// Fills `e` with a request and what its client got, as the journal keeps it (for
// Journal::Record: into an entry whose strings are reused). No JSON is built here.
void CaptureRequest(const httplib::Request& req, int status, double duration_ms,
                    const char* operation, const std::string& account, JournalEntry* e);

// GET /_fwmock/requests (with its filters) and DELETE /_fwmock/requests.
void ServeJournal(const Route& route, const httplib::Request& req, Journal& journal,
                  httplib::Response& res);

}  // namespace fwmock
