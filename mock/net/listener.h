#pragma once

#include <string>

namespace fwmock::net {

// A listening, non-blocking TCP socket on host:port (0: any free port), bound without
// SO_REUSEPORT, so that a port another process holds (another fwmock included) is an error, not a
// share. Returns the socket and sets `*bound_port`, or returns -1 with `*error` set.
int Listen(const std::string& host, int port, int* bound_port, std::string* error);

// Raises this process's limit of open files to its hard limit: each connection is a file.
void RaiseOpenFileLimit();

}  // namespace fwmock::net
