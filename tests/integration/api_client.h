// An HTTP client for a running fwmock, built on cpp-httplib, that records every exchange for the
// contract check (tests/contract/check_responses.py).
#pragma once

#include <httplib.h>

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "fwmock_process.h"

namespace fwmock_test {

// One HTTP exchange as the tests see it.
struct HttpResult {
  int status = 0;  // 0: no HTTP answer at all (connection refused, reset, timeout)
  std::string body;
  httplib::Headers headers;
  nlohmann::json json;  // the body parsed, or a discarded value if it is not JSON

  std::string Header(const std::string& name) const;
  bool HasHeader(const std::string& name) const { return headers.count(name) > 0; }
  // The error body's fields; "" / -1 when absent.
  int Code() const;
  std::string Message() const;
};

// Percent-encodes everything but RFC 3986 unreserved characters; space becomes %20.
std::string UrlEncode(const std::string& text);
// Like UrlEncode, but space becomes '+' (HTML form encoding, as the Python SDK sends).
std::string FormEncode(const std::string& text);
// "k1=v1&k2=v2" with UrlEncode'd keys and values.
std::string Query(std::initializer_list<std::pair<std::string, std::string>> params);
// `path` + "?" + `query` (or `path` alone if `query` is empty).
std::string WithQuery(const std::string& path, const std::string& query);
// The List route of `account`.
std::string ListPath(const std::string& account);

// One HTTP exchange as the contract check reads it.
struct Exchange {
  std::string method;
  std::string target;                // the path plus the query, as sent
  std::string request_content_type;  // "": none was sent
  std::string request_body;
  int status = 0;
  httplib::Headers response_headers;
  std::string response_body;
};

// Appends `exchange` as one JSON line to this process's own exchanges-*.jsonl file in
// FWMOCK_RESPONSES_DIR. Safe to call from several threads; throws std::runtime_error if the file
// cannot be written.
void RecordExchange(const Exchange& exchange);

// Records `body` as a 200 List answer whose request and headers are unknown (a test that read it
// from a raw socket): only the body is checked.
void SaveListResponse(const std::string& body);

class ApiClient {
 public:
  // `api_key` empty: no Authorization header at all.
  explicit ApiClient(const FwmockProcess& server, std::string api_key = "test-key");
  ApiClient(const std::string& host, int port, std::string api_key = "test-key");

  // Sends `target` (path plus an already encoded query) as is. Every exchange that got an HTTP
  // answer is recorded with RecordExchange.
  HttpResult Send(const std::string& method, const std::string& target,
                  const httplib::Headers& headers = {}, const std::string& body = "",
                  const std::string& content_type = "");
  HttpResult Get(const std::string& target, const httplib::Headers& headers = {});
  // GET ListPath(account) with `query` (already encoded).
  HttpResult List(const std::string& account, const std::string& query = "");

 private:
  httplib::Client client_;
  std::string api_key_;
};

// Every page of a listing, following nextPageToken from the first page.
struct Listing {
  std::vector<HttpResult> pages;
  std::vector<nlohmann::json> jobs;  // all pages' batchJobs concatenated
  std::vector<std::string> names;    // their names
  bool ok = true;                    // every page answered 200 and the paging ended
};

// Lists `account` with `query` (encoded, without pageSize/pageToken) and `page_size` (0: none
// sent) until nextPageToken is "" or a page fails. At most `max_pages` pages.
Listing ListAll(ApiClient& client, const std::string& account, const std::string& query,
                int page_size, int max_pages = 1000);

}  // namespace fwmock_test
