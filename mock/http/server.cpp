#include "server.h"

#include <sys/socket.h>

#include <httplib.h>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <utility>

#include "errors.h"
#include "list.h"
#include "query.h"
#include "route.h"

namespace fwmock {

using aipfilter::Status;
using aipfilter::StatusCode;

namespace {

// httplib's server with access to its listening socket, to raise the compiled-in backlog of 5.
class HttpServer : public httplib::Server {
 public:
  void RaiseBacklog() { ::listen(svr_sock_, SOMAXCONN); }
};

void WriteError(httplib::Response& res, const Status& status) {
  res.status = HttpStatusFor(status.code());
  if (status.code() == StatusCode::kUnauthenticated) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"fwmock\"");
  }
  res.set_content(ErrorBody(status), "application/json");
}

bool HasBody(const httplib::Request& req) {
  return req.has_header("Transfer-Encoding") ||
         (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0");
}

// The bearer key of the request, or "" when there is none.
std::string BearerKey(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::size_t kScheme = 7;  // "Bearer "
  if (header.size() <= kScheme || strncasecmp(header.c_str(), "Bearer ", kScheme) != 0) return "";
  const std::size_t start = header.find_first_not_of(' ', kScheme);
  return start == std::string::npos ? "" : header.substr(start);
}

}  // namespace

class Server::Impl {
 public:
  Impl(const ServerConfig& config, Backend* backend) : config_(config), backend_(*backend) {
    http_.set_tcp_nodelay(true);
    http_.set_keep_alive_max_count(1000000);
    const int threads = config.threads;
    http_.new_task_queue = [threads] {
      return new httplib::ThreadPool(static_cast<std::size_t>(threads));
    };
    const auto dispatch = [this](const httplib::Request& req, httplib::Response& res) {
      Dispatch(req, res);
    };
    // Requests without a body are served before httplib looks for one: it answers 400 to a POST
    // with neither Content-Length nor chunked encoding, which HTTP/1.1 says has an empty body.
    http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
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
    http_.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
          if (!res.body.empty()) return Answer::Unhandled;  // an error we wrote ourselves
          WriteError(res, Status(CodeForHttpStatus(res.status), ReasonPhrase(res.status)));
          return Answer::Handled;
        }));
    if (config.log_requests) http_.set_logger(LogRequest);
  }

  int Bind(const std::string& host, int port, std::string* error) {
    errno = 0;
    const bool ok =
        port == 0 ? (port = http_.bind_to_any_port(host)) > 0 : http_.bind_to_port(host, port);
    if (!ok) {
      *error = errno != 0 ? std::strerror(errno) : "cannot bind";
      return -1;
    }
    http_.RaiseBacklog();
    return port;
  }

  bool Listen() { return http_.listen_after_bind(); }
  void Stop() { http_.stop(); }

 private:
  void Dispatch(const httplib::Request& req, httplib::Response& res) {
    const Route route = MatchRoute(req.method, req.path);
    if (route.status == RouteStatus::kNoSuchPath) {
      return WriteError(res, Status(StatusCode::kNotFound, "Not Found"));
    }
    if (route.status == RouteStatus::kWrongMethod) {
      return WriteError(res, Status(StatusCode::kUnimplemented, "Method Not Allowed"));
    }
    switch (route.operation) {
      case Operation::kHealth:
        return res.set_content("{\"status\":\"ok\"}", "application/json");
      case Operation::kOpenApi:
        return res.set_content(backend_.openapi_yaml, "application/yaml");
      default:
        break;
    }
    if (Status auth = Authenticate(req, route.account); !auth.ok()) return WriteError(res, auth);
    if (route.operation == Operation::kListJobs) return List(req, route, res);
    WriteError(res, Status(StatusCode::kUnimplemented, "not implemented by fwmock yet"));
  }

  Status Authenticate(const httplib::Request& req, const std::string& account) const {
    const std::string key = BearerKey(req);
    if (key.empty() && config_.allow_anonymous && !req.has_header("Authorization")) {
      return aipfilter::OkStatus();
    }
    if (key.empty()) {
      return Status(StatusCode::kUnauthenticated,
                    "missing API key: send \"Authorization: Bearer <key>\"");
    }
    if (config_.api_keys.empty()) return aipfilter::OkStatus();
    const auto it = config_.api_keys.find(key);
    if (it == config_.api_keys.end())
      return Status(StatusCode::kUnauthenticated, "invalid API key");
    if (!it->second.empty() && it->second != account) {
      return Status(StatusCode::kPermissionDenied,
                    "the API key has no access to account \"" + account + "\"");
    }
    return aipfilter::OkStatus();
  }

  void List(const httplib::Request& req, const Route& route, httplib::Response& res) {
    Result<Params> params = ParseQuery(req.target);
    if (!params.ok()) return WriteError(res, params.status());
    Result<ListRequest> request = ParseListRequest(route.account, *params);
    if (!request.ok()) return WriteError(res, request.status());
    Result<std::shared_ptr<const std::string>> body = backend_.lister->ListRendered(*request);
    if (!body.ok()) return WriteError(res, body.status());
    res.set_content(**body, "application/json");
  }

  static void LogRequest(const httplib::Request& req, const httplib::Response& res) {
    static std::mutex mu;
    const nlohmann::json line = {{"method", req.method},
                                 {"path", req.path},
                                 {"status", res.status},
                                 {"bytes", res.body.size()}};
    const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::lock_guard lock(mu);
    std::cerr << text << '\n' << std::flush;
  }

  ServerConfig config_;
  Backend& backend_;
  HttpServer http_;
};

Server::Server(const ServerConfig& config, Backend* backend)
    : impl_(std::make_unique<Impl>(config, backend)) {}
Server::~Server() = default;
int Server::Bind(const std::string& host, int port, std::string* error) {
  return impl_->Bind(host, port, error);
}
bool Server::Listen() { return impl_->Listen(); }
void Server::Stop() { impl_->Stop(); }

}  // namespace fwmock
