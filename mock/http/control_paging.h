#pragma once

#include <httplib.h>

#include "paging_state.h"
#include "route.h"

namespace fwmock {

// Serves the adversarial paging modes of the control API (route.account empty: every
// account's, else that account's own):
//   GET     the mode in force, as a PUT body: the global one; for an account its own, else
//           the global one (`{}`: normal paging)
//   PUT     sets the mode of the body (PagingModeFromJson) and answers it; an account's
//           replaces the global one for that account, `{}` exempting it
//   DELETE  the global path removes every mode, an account's path that account's own; `{}`
// A bad body is 400 INVALID_ARGUMENT naming the field.
void ServePaging(const Route& route, const httplib::Request& req, PagingState& paging,
                 httplib::Response& res);

}  // namespace fwmock
