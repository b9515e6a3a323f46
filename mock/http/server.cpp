#include "server.h"

#include <httplib.h>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <utility>

#include "aipfilter/timestamp.h"
#include "control_api.h"
#include "control_faults.h"
#include "control_journal.h"
#include "control_paging.h"
#include "control_state.h"
#include "errors.h"
#include "fault_answer.h"
#include "httplib_adapter.h"
#include "public_api.h"
#include "query.h"
#include "respond.h"
#include "route.h"

namespace fwmock {

using aipfilter::Status;
using aipfilter::StatusCode;

namespace {

bool HasBody(const httplib::Request& req) {
  return req.has_header("Transfer-Encoding") ||
         (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0");
}

// What the request being served on this thread met on its way, for the log line and the
// journal; a request is answered on one thread, from its headers to the log line.
struct RequestTrace {
  std::chrono::steady_clock::time_point start;  // its headers were read
  const char* operation = "";
  std::string account;
  FaultEffect fault;
};
thread_local RequestTrace trace;

// The decoded query as [name, value] pairs in request order, repeats kept.
nlohmann::json QueryJson(const httplib::Request& req) {
  nlohmann::json pairs = nlohmann::json::array();
  for (const auto& [name, value] : QueryPairs(req.target)) pairs.push_back({name, value});
  return pairs;
}

// A CORS preflight: any route, any origin, no authentication (browsers send no credentials).
void AnswerPreflight(const httplib::Request& req, httplib::Response& res) {
  res.status = 204;
  res.set_header("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS");
  const std::string asked = req.get_header_value("Access-Control-Request-Headers");
  res.set_header("Access-Control-Allow-Headers",
                 asked.empty() ? std::string("Authorization, Content-Type") : asked);
  res.set_header("Access-Control-Max-Age", "600");
}

// An error the HTTP library or the connection layer raised itself, in the API's error shape,
// with its own status: the limit for 413 and 414, what was wrong for the others.
void WriteRefusal(int status, const std::string& detail, std::size_t max_body,
                  httplib::Response& res) {
  const std::string message =
      detail.empty() ? LibraryErrorMessage(status, max_body, CPPHTTPLIB_REQUEST_URI_MAX_LENGTH)
                     : detail;
  WriteError(res, Status(CodeForHttpStatus(status), message));
  if (status == 408 || status == 413 || status == 414 || status == 431) res.status = status;
}

HttplibAdapter::RefusalWriter RefusalsWithin(std::size_t max_body) {
  return [max_body](int status, const std::string& detail, httplib::Response& res) {
    WriteRefusal(status, detail, max_body, res);
  };
}

// On every answer of a --cors server, errors and the HTTP library's own included.
void AllowAnyOrigin(const httplib::Request&, httplib::Response& res) {
  if (!res.has_header("Access-Control-Allow-Origin")) {
    res.set_header("Access-Control-Allow-Origin", "*");
    res.set_header("Access-Control-Expose-Headers", "X-Fwmock-Filter");
  }
}

}  // namespace

class Server::Impl {
 public:
  Impl(const ServerConfig& config, const Services& services)
      : config_(config),
        services_(services),
        http_(RefusalsWithin(config.max_body_bytes), config.keep_alive_seconds) {
    http_.set_payload_max_length(config.max_body_bytes);
    const auto dispatch = [this](const httplib::Request& req, httplib::Response& res) {
      Dispatch(req, res);
    };
    // Requests without a body are served before httplib looks for one: it answers 400 to a POST
    // with neither Content-Length nor chunked encoding, which HTTP/1.1 says has an empty body.
    http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      trace = RequestTrace();
      trace.start = std::chrono::steady_clock::now();
      if (HasBody(req)) return httplib::Server::HandlerResponse::Unhandled;
      Dispatch(req, res);
      return httplib::Server::HandlerResponse::Handled;
    });
    http_.Get(".*", dispatch).Post(".*", dispatch).Put(".*", dispatch);
    http_.Patch(".*", dispatch).Delete(".*", dispatch).Options(".*", dispatch);
    http_.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                   std::exception_ptr) {  // never echo e.what()
      WriteError(res, Status(StatusCode::kInternal, "internal error"));
    });
    using Answer = httplib::Server::HandlerResponse;
    const std::size_t max_body = config.max_body_bytes;
    http_.set_error_handler(httplib::Server::HandlerWithResponse(
        [max_body](const httplib::Request&, httplib::Response& res) {
          if (!res.body.empty()) return Answer::Unhandled;  // an error we wrote ourselves
          WriteRefusal(res.status, "", max_body, res);
          return Answer::Handled;
        }));
    if (config.cors) http_.OnEveryAnswer(AllowAnyOrigin);
    if (config.log_requests || services.journal->enabled()) {
      http_.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        Answered(req, res);
      });
    }
  }

  net::RequestHandler& handler() { return http_; }

 private:
  void Dispatch(const httplib::Request& req, httplib::Response& res) {
    if (config_.cors && req.method == "OPTIONS") return AnswerPreflight(req, res);
    const Route route = MatchRoute(req.method, req.target);
    trace.operation = route.status == RouteStatus::kFound ? OperationName(route.operation) : "";
    trace.account = route.account;
    if (route.status == RouteStatus::kNoSuchPath) {
      return WriteError(res, Status(StatusCode::kNotFound, "Not Found"));
    }
    if (route.status == RouteStatus::kWrongMethod) {
      return WriteError(res, Status(StatusCode::kUnimplemented, "Method Not Allowed"));
    }
    if (route.operation == Operation::kHealth) return WriteJson(res, "{\"status\":\"ok\"}");
    if (route.operation == Operation::kOpenApi) {
      return res.set_content(*services_.openapi_yaml, "application/yaml");
    }
    if (IsControl(route.operation)) return ServeControlRoute(route, req, res);
    const auto page = [&] { return WalkPageOf(route, req, *services_.jobs); };
    trace.fault = ApplyFaults(route, req, *services_.faults, page, res);
    if (trace.fault.answered) return;
    Result<Caller> caller = Authenticate(config_.auth, req.has_header("Authorization"),
                                         req.get_header_value("Authorization"), route.account);
    if (!caller.ok()) return WriteError(res, caller.status());
    ServeJobs(route, req, *caller, *services_.jobs, res);
  }

  // Every /_fwmock/ route comes here, and passes the admin token's check first.
  void ServeControlRoute(const Route& route, const httplib::Request& req, httplib::Response& res) {
    if (Status s = CheckAdminToken(config_.admin_token, req.get_header_value("Authorization"));
        !s.ok()) {
      return WriteError(res, s);
    }
    if (IsJournalControl(route.operation)) return ServeJournal(route, req, *services_.journal, res);
    if (IsFaultControl(route.operation)) return ServeFaults(route, req, *services_.faults, res);
    if (IsPaging(route.operation)) return ServePaging(route, req, *services_.paging, res);
    switch (route.operation) {
      case Operation::kClockGet:
      case Operation::kClockAdvance:
      case Operation::kClockSet:
        return ServeControl(route, req, *services_.clock, *services_.jobs, res);
      case Operation::kControlOpenApi:
        return res.set_content(*services_.control_openapi_yaml, "application/yaml");
      default:
        return ServeState(route, req,
                          {services_.state, services_.journal, services_.faults, services_.paging},
                          res);
    }
  }

  // The answer is made: the log line and the journal entry. A request the HTTP library refused
  // before routing has no start of its own: its latency is 0.
  void Answered(const httplib::Request& req, const httplib::Response& res) {
    using std::chrono::steady_clock;
    const auto start = std::exchange(trace.start, steady_clock::time_point());
    const double duration_ms =
        start == steady_clock::time_point()
            ? 0.0
            : std::chrono::duration<double, std::milli>(steady_clock::now() - start).count();
    if (config_.log_requests) {
      LogRequest(config_.log_file != nullptr ? config_.log_file : stderr, req, res, duration_ms);
    }
    if (services_.journal->enabled() && Journaled(req.path)) {
      const int status = trace.fault.no_answer ? 0 : res.status;
      const double total_ms = duration_ms + trace.fault.delay_ms;
      services_.journal->Record([&](JournalEntry& e) {
        CaptureRequest(req, status, total_ms, trace.operation, trace.account, &e);
      });
    }
  }

  // One JSON line: when, what was asked, what was answered and how long it took.
  static void LogRequest(std::FILE* sink, const httplib::Request& req, const httplib::Response& res,
                         double duration_ms) {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const std::int64_t micros = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
    const nlohmann::json line = {{"time", aipfilter::FormatRfc3339(micros * 1000)},
                                 {"method", req.method},
                                 {"path", req.path},
                                 {"query", QueryJson(req)},
                                 {"status", res.status},
                                 {"bytes", res.body.size()},
                                 {"durationMs", duration_ms}};
    const std::string text =
        line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    static std::mutex mu;
    std::lock_guard lock(mu);
    std::fwrite(text.data(), 1, text.size(), sink);
    std::fflush(sink);
  }

  ServerConfig config_;
  Services services_;
  HttplibAdapter http_;
};

Server::Server(const ServerConfig& config, const Services& services)
    : impl_(std::make_unique<Impl>(config, services)) {}
Server::~Server() = default;
net::RequestHandler& Server::handler() { return impl_->handler(); }

}  // namespace fwmock
