#include "api_client.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>

namespace fwmock_test {
namespace {

constexpr int kTimeoutSeconds = 30;

bool Unreserved(unsigned char c) {
  return std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~';
}

std::string Encode(const std::string& text, const char* space) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (Unreserved(c)) {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += space;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// A name no other test process of this or an earlier run picks: pid and random bits.
std::string UniqueFileName() {
  const std::uint64_t salt = std::random_device{}() * 0x100000000ULL ^ std::random_device{}();
  std::ostringstream name;
  name << "exchanges-" << ::getpid() << "-" << std::hex << salt << ".jsonl";
  return name.str();
}

std::string Base64(const std::string& bytes) {
  static const char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (const char ch : bytes) {
    bits = bits << 8 | static_cast<unsigned char>(ch);
    if (++count == 3) {
      for (int shift = 18; shift >= 0; shift -= 6) out += kDigits[bits >> shift & 63];
      bits = 0;
      count = 0;
    }
  }
  if (count > 0) {
    bits <<= 8 * (3 - count);
    for (int i = 0; i <= count; ++i) out += kDigits[bits >> (18 - 6 * i) & 63];
    out.append(static_cast<std::size_t>(3 - count), '=');
  }
  return out;
}

bool IsUtf8(const std::string& text) {
  try {
    nlohmann::json(text).dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

// Stores `body` under `key`, or base64-encoded under `key` + "Base64" if it is not UTF-8 (JSON
// text cannot hold it, and the checker must see the bytes as they were).
void PutBody(nlohmann::json& record, const std::string& key, const std::string& body) {
  if (body.empty()) return;
  if (IsUtf8(body)) {
    record[key] = body;
  } else {
    record[key + "Base64"] = Base64(body);
  }
}

// The record's JSON line. Bodies are checked for UTF-8 only when the strict dump fails.
std::string Line(const nlohmann::json& record, const std::string& request,
                 const std::string& response) {
  try {
    return record.dump() + "\n";
  } catch (const nlohmann::json::type_error&) {
  }
  nlohmann::json copy = record;
  copy.erase("requestBody");
  copy.erase("responseBody");
  PutBody(copy, "requestBody", request);
  PutBody(copy, "responseBody", response);
  return copy.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// This process's exchanges file, opened on first use; whole lines are appended under a lock.
class ExchangeFile {
 public:
  void Append(const std::string& line) {
    std::lock_guard<std::mutex> lock(mu_);
    if (fd_ < 0) fd_ = Open();
    for (std::size_t done = 0; done < line.size();) {
      const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw std::runtime_error("cannot write the exchanges file in " + Dir());
      done += static_cast<std::size_t>(n);
    }
  }

 private:
  static std::string Dir() { return FWMOCK_RESPONSES_DIR; }

  static int Open() {
    std::filesystem::create_directories(Dir());
    const std::string path = Dir() + "/" + UniqueFileName();
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
    return fd;
  }

  std::mutex mu_;
  int fd_ = -1;  // kept open until the process exits
};

void Append(const nlohmann::json& record, const std::string& request, const std::string& response) {
  static ExchangeFile file;
  file.Append(Line(record, request, response));
}

}  // namespace

std::string HttpResult::Header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

int HttpResult::Code() const {
  return json.is_object() && json.contains("code") && json["code"].is_number_integer()
             ? json["code"].get<int>()
             : -1;
}

std::string HttpResult::Message() const {
  return json.is_object() && json.contains("message") && json["message"].is_string()
             ? json["message"].get<std::string>()
             : "";
}

std::string UrlEncode(const std::string& text) { return Encode(text, "%20"); }

std::string FormEncode(const std::string& text) { return Encode(text, "+"); }

std::string Query(std::initializer_list<std::pair<std::string, std::string>> params) {
  std::string out;
  for (const auto& [key, value] : params) {
    if (!out.empty()) out += '&';
    out += UrlEncode(key) + "=" + UrlEncode(value);
  }
  return out;
}

std::string WithQuery(const std::string& path, const std::string& query) {
  return query.empty() ? path : path + "?" + query;
}

std::string ListPath(const std::string& account) {
  return "/v1/accounts/" + account + "/batchJobs";
}

void RecordExchange(const Exchange& exchange) {
  nlohmann::json headers = nlohmann::json::array();
  for (const auto& [name, value] : exchange.response_headers) headers.push_back({name, value});
  nlohmann::json record = {{"method", exchange.method},
                           {"target", exchange.target},
                           {"status", exchange.status},
                           {"responseHeaders", std::move(headers)}};
  if (!exchange.request_content_type.empty()) {
    record["requestContentType"] = exchange.request_content_type;
  }
  if (!exchange.request_body.empty()) record["requestBody"] = exchange.request_body;
  if (!exchange.response_body.empty()) record["responseBody"] = exchange.response_body;
  Append(record, exchange.request_body, exchange.response_body);
}

void SaveListResponse(const std::string& body) {
  nlohmann::json record = {{"operation", "ListBatchJobs"}, {"status", 200}};
  if (!body.empty()) record["responseBody"] = body;
  Append(record, "", body);
}

ApiClient::ApiClient(const FwmockProcess& server, std::string api_key)
    : ApiClient(server.host(), server.port(), std::move(api_key)) {}

ApiClient::ApiClient(const std::string& host, int port, std::string api_key)
    : client_(host, port), api_key_(std::move(api_key)) {
  client_.set_url_encode(false);
  client_.set_connection_timeout(kTimeoutSeconds, 0);
  client_.set_read_timeout(kTimeoutSeconds, 0);
  client_.set_write_timeout(kTimeoutSeconds, 0);
}

HttpResult ApiClient::Send(const std::string& method, const std::string& target,
                           const httplib::Headers& headers, const std::string& body,
                           const std::string& content_type) {
  httplib::Request req;
  req.method = method;
  req.path = target;
  req.headers = headers;
  if (!api_key_.empty()) req.headers.emplace("Authorization", "Bearer " + api_key_);
  if (!content_type.empty()) req.headers.emplace("Content-Type", content_type);
  req.body = body;
  HttpResult result;
  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  if (!client_.send(req, res, error)) return result;
  // `req` now holds what httplib added on its own, such as text/plain for an untyped body.
  RecordExchange({method, target, req.get_header_value("Content-Type"), body, res.status,
                  res.headers, res.body});
  result.status = res.status;
  result.body = std::move(res.body);
  result.headers = std::move(res.headers);
  result.json = nlohmann::json::parse(result.body, nullptr, false);
  return result;
}

HttpResult ApiClient::Get(const std::string& target, const httplib::Headers& headers) {
  return Send("GET", target, headers);
}

HttpResult ApiClient::List(const std::string& account, const std::string& query) {
  return Get(WithQuery(ListPath(account), query));
}

Listing ListAll(ApiClient& client, const std::string& account, const std::string& query,
                int page_size, int max_pages) {
  Listing listing;
  std::string token;
  for (int i = 0; i < max_pages; ++i) {
    std::string q = query;
    const auto add = [&q](const std::string& part) { q += (q.empty() ? "" : "&") + part; };
    if (page_size != 0) add("pageSize=" + std::to_string(page_size));
    if (!token.empty()) add("pageToken=" + UrlEncode(token));
    HttpResult page = client.List(account, q);
    const bool ok = page.status == 200 && page.json.is_object() &&
                    page.json.value("batchJobs", nlohmann::json::array()).is_array() &&
                    page.json.value("nextPageToken", nlohmann::json()).is_string();
    listing.pages.push_back(page);
    if (!ok) {
      listing.ok = false;
      return listing;
    }
    for (const nlohmann::json& job : page.json["batchJobs"]) {
      listing.jobs.push_back(job);
      listing.names.push_back(job.value("name", ""));
    }
    token = page.json["nextPageToken"].get<std::string>();
    if (token.empty()) return listing;
  }
  listing.ok = false;
  return listing;
}

}  // namespace fwmock_test
