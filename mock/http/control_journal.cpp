#include "control_journal.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "aipfilter/timestamp.h"
#include "query.h"
#include "respond.h"

namespace fwmock {

using aipfilter::InvalidArgumentError;

namespace {

// GET /_fwmock/requests?operation=&account=&method=&since=&limit=
struct JournalFilter {
  std::optional<std::string> operation;
  std::optional<std::string> account;
  std::optional<std::string> method;
  std::uint64_t since = 0;
  std::optional<std::uint64_t> limit;
};

Result<std::uint64_t> Number(const std::string& name, const std::string& text) {
  std::uint64_t n = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (text.empty() || ec != std::errc() || ptr != end) {
    return InvalidArgumentError("invalid " + name + ": \"" + text +
                                "\" is not a non-negative integer");
  }
  return n;
}

Status Apply(const std::string& name, const std::string& value, JournalFilter* f) {
  if (name == "operation") {
    if (!OperationNamed(value)) {
      return InvalidArgumentError("invalid operation: \"" + value +
                                  "\" is not an operationId of the API, such as ListBatchJobs");
    }
    f->operation = value;
  } else if (name == "account") {
    f->account = value;
  } else if (name == "method") {
    f->method = value;
  } else if (name == "since" || name == "limit") {
    Result<std::uint64_t> n = Number(name, value);
    if (!n.ok()) return n.status();
    if (name == "since") f->since = *n;
    if (name == "limit") f->limit = *n;
  } else {
    return InvalidArgumentError("unknown parameter \"" + name +
                                "\": expected operation, account, method, since or limit");
  }
  return Status();
}

Result<JournalFilter> ParseFilter(const std::string& target) {
  Result<Params> params = ParseQuery(target);
  if (!params.ok()) return params.status();
  JournalFilter filter;
  for (const auto& [name, value] : *params) {
    if (Status s = Apply(name, value, &filter); !s.ok()) return s;
  }
  return filter;
}

bool Selected(const JournalEntry& e, const JournalFilter& f) {
  return e.id > f.since && (!f.operation || *f.operation == e.operation) &&
         (!f.account || *f.account == e.account) && (!f.method || *f.method == e.method);
}

// "Bearer secret" -> "Bearer"; a value without a scheme shows nothing.
std::string Redacted(const std::string& authorization) {
  const std::size_t space = authorization.find(' ');
  return space == std::string::npos ? "" : authorization.substr(0, space);
}

// What httplib adds to a request's headers itself: not sent by the client.
bool Added(const std::string& name) {
  return name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" ||
         name == "LOCAL_PORT";
}

nlohmann::json HeadersJson(const JournalEntry& e) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, raw] : e.headers) {
    if (Added(name)) continue;
    const httplib::detail::ci less;
    const bool authorization = !less(name, "Authorization") && !less("Authorization", name);
    const std::string value = authorization ? Redacted(raw) : raw;
    auto it = out.find(name);
    if (it == out.end()) {
      out[name] = value;
    } else {
      *it = it->get<std::string>() + ", " + value;  // repeats combined, as RFC 9110 allows
    }
  }
  return out;
}

nlohmann::json EntryJson(const JournalEntry& e) {
  nlohmann::json query = nlohmann::json::array();
  for (const auto& [name, value] : QueryPairs(e.target)) query.push_back({name, value});
  return {{"id", std::to_string(e.id)},
          {"time", aipfilter::FormatRfc3339(e.time_nanos)},
          {"method", e.method},
          {"path", e.target.substr(0, e.target.find('?'))},
          {"query", std::move(query)},
          {"headers", HeadersJson(e)},
          {"body", e.body},
          {"bodyTruncated", e.body.size() < e.body_bytes},
          {"status", e.status},
          {"durationMs", e.duration_ms},
          {"operation", e.operation},
          {"account", e.account}};
}

void ListEntries(const httplib::Request& req, const Journal& journal, httplib::Response& res) {
  Result<JournalFilter> filter = ParseFilter(req.target);
  if (!filter.ok()) return WriteError(res, filter.status());
  std::vector<const JournalEntry*> chosen;
  const auto entries = journal.Entries();
  for (const auto& e : entries) {
    if (Selected(*e, *filter)) chosen.push_back(e.get());
  }
  const std::size_t skip =
      filter->limit && *filter->limit < chosen.size() ? chosen.size() - *filter->limit : 0;
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = skip; i < chosen.size(); ++i) list.push_back(EntryJson(*chosen[i]));
  const nlohmann::json out = {{"requests", std::move(list)}};
  WriteJson(res, out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

bool Journaled(const std::string& path) {
  return path.compare(0, 9, "/_fwmock/") != 0 && path != "/_fwmock" && path != "/healthz" &&
         path != "/openapi.yaml";
}

void CaptureRequest(const httplib::Request& req, int status, double duration_ms,
                    const char* operation, const std::string& account, JournalEntry* e) {
  e->method = req.method;
  e->target = req.target;
  e->headers.assign(req.headers.begin(), req.headers.end());
  e->body_bytes = req.body.size();
  e->body.assign(req.body, 0, JournalEntry::kMaxBody);
  e->status = status;
  e->duration_ms = duration_ms;
  e->operation = operation;
  e->account = account;
}

void ServeJournal(const Route& route, const httplib::Request& req, Journal& journal,
                  httplib::Response& res) {
  if (route.operation == Operation::kRequestsClear) {
    journal.Clear();
    return WriteJson(res, "{}");
  }
  ListEntries(req, journal, res);
}

}  // namespace fwmock
