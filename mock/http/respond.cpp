#include "respond.h"

#include "errors.h"

namespace fwmock {

void WriteError(httplib::Response& res, const aipfilter::Status& status) {
  res.status = HttpStatusFor(status.code());
  if (status.code() == aipfilter::StatusCode::kUnauthenticated) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"fwmock\"");
  }
  res.set_content(ErrorBody(status), "application/json");
}

void WriteJson(httplib::Response& res, const std::string& body) {
  res.status = 200;
  res.set_content(body, "application/json");
}

}  // namespace fwmock
