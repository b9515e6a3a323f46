#include "api_client.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

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

bool IsListTarget(const std::string& method, const std::string& target) {
  const std::string path = target.substr(0, target.find('?'));
  const std::string suffix = "/batchJobs";
  return method == "GET" && path.rfind("/v1/accounts/", 0) == 0 && path.size() > suffix.size() &&
         path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A name no other test process of this or an earlier run picks: pid, a counter, random bits.
std::string UniqueFileName() {
  static std::atomic<int> counter{0};
  static const std::uint64_t salt =
      std::random_device{}() * 0x100000000ULL ^ std::random_device{}();
  std::ostringstream name;
  name << "list-" << ::getpid() << "-" << std::hex << salt << "-" << std::dec << counter++
       << ".json";
  return name.str();
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

void SaveListResponse(const std::string& body) {
  const std::filesystem::path dir = FWMOCK_RESPONSES_DIR;
  std::filesystem::create_directories(dir);
  std::ofstream(dir / UniqueFileName(), std::ios::binary) << body;
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
  const httplib::Result res = client_.send(req);
  if (!res) return result;
  result.status = res->status;
  result.body = res->body;
  result.headers = res->headers;
  result.json = nlohmann::json::parse(res->body, nullptr, false);
  if (result.status == 200 && IsListTarget(method, target)) SaveListResponse(result.body);
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
