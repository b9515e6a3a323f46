#include "route.h"

#include <vector>

#include "percent.h"

namespace fwmock {
namespace {

// A path shape and the method that goes with each operation on it.
struct Shape {
  const char* verb;  // the ":verb" suffix of the last segment, or "" for none
  bool has_job;      // .../batchJobs/{id}... or .../batchJobs...
  struct Method {
    const char* name;
    Operation operation;
  };
  std::vector<Method> methods;
};

const std::vector<Shape>& Shapes() {
  static const std::vector<Shape> kShapes = {
      {"", false, {{"GET", Operation::kListJobs}, {"POST", Operation::kCreateJob}}},
      {"batchDelete", false, {{"POST", Operation::kBatchDeleteJobs}}},
      {"",
       true,
       {{"GET", Operation::kGetJob},
        {"PATCH", Operation::kUpdateJob},
        {"DELETE", Operation::kDeleteJob}}},
      {"cancel", true, {{"POST", Operation::kCancelJob}}},
      {"getLogs", true, {{"GET", Operation::kGetJobLogs}}},
  };
  return kShapes;
}

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  for (;;) {
    const std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return out;
    path.remove_prefix(slash + 1);
  }
}

struct Split {
  std::string_view head;
  std::string_view verb;
  bool has_colon;
};

// "id:verb" -> ("id", "verb"); "id" -> ("id", ""); "id:" -> ("id", "") with the colon, which
// names no route: grpc-gateway takes the last ':' of the raw last segment as the verb separator.
Split SplitVerb(std::string_view segment) {
  const std::size_t colon = segment.rfind(':');
  if (colon == std::string_view::npos) return {segment, "", false};
  return {segment.substr(0, colon), segment.substr(colon + 1), true};
}

// %XX -> the byte; anything else, a malformed escape included, as it is. '+' stays '+': it means
// a space only in a query.
std::string DecodeSegment(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '%' && i + 2 < raw.size()) {
      const int hi = HexValue(raw[i + 1]);
      const int lo = HexValue(raw[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(raw[i]);
  }
  return out;
}

bool ValidId(std::string_view s) { return !s.empty() && s.find(':') == std::string_view::npos; }

Route Pick(const Shape& shape, std::string_view method, Route route) {
  if (method == "HEAD") method = "GET";
  for (const Shape::Method& m : shape.methods) {
    if (method == m.name) {
      route.status = RouteStatus::kFound;
      route.operation = m.operation;
      return route;
    }
  }
  route.status = RouteStatus::kWrongMethod;
  return route;
}

// The fixed paths: health, the contract, and the control API.
const std::vector<std::pair<const char*, Shape::Method>>& FixedPaths() {
  static const std::vector<std::pair<const char*, Shape::Method>> kPaths = {
      {"/healthz", {"GET", Operation::kHealth}},
      {"/openapi.yaml", {"GET", Operation::kOpenApi}},
      {"/_fwmock/clock", {"GET", Operation::kClockGet}},
      {"/_fwmock/clock:advance", {"POST", Operation::kClockAdvance}},
      {"/_fwmock/clock:set", {"POST", Operation::kClockSet}},
      {"/_fwmock/openapi.yaml", {"GET", Operation::kControlOpenApi}},
      {"/_fwmock/reset", {"POST", Operation::kResetAll}},
  };
  return kPaths;
}

// The journal and the fault rules: /_fwmock/requests, /_fwmock/faults and /_fwmock/faults/{id}.
bool MatchJournalOrFaults(std::string_view method, std::string_view path, Route* route) {
  constexpr std::string_view kFaultPrefix = "/_fwmock/faults/";
  Shape shape{"", false, {}};
  if (path == "/_fwmock/requests") {
    shape.methods = {{"GET", Operation::kRequestsList}, {"DELETE", Operation::kRequestsClear}};
  } else if (path == "/_fwmock/faults") {
    shape.methods = {{"GET", Operation::kFaultsList},
                     {"POST", Operation::kFaultsCreate},
                     {"DELETE", Operation::kFaultsClear}};
  } else if (path.substr(0, kFaultPrefix.size()) == kFaultPrefix &&
             path.size() > kFaultPrefix.size() &&
             path.find('/', kFaultPrefix.size()) == std::string_view::npos) {
    shape.methods = {{"DELETE", Operation::kFaultDelete}};
    route->fault_id = DecodeSegment(path.substr(kFaultPrefix.size()));
  } else {
    return false;
  }
  *route = Pick(shape, method, *route);
  return true;
}

// The batch-job operations by their names in the spec.
const std::vector<std::pair<Operation, const char*>>& OperationNames() {
  static const std::vector<std::pair<Operation, const char*>> kNames = {
      {Operation::kListJobs, "ListBatchJobs"},
      {Operation::kCreateJob, "CreateBatchJob"},
      {Operation::kGetJob, "GetBatchJob"},
      {Operation::kUpdateJob, "UpdateBatchJob"},
      {Operation::kDeleteJob, "DeleteBatchJob"},
      {Operation::kCancelJob, "CancelBatchJob"},
      {Operation::kGetJobLogs, "GetBatchJobLogs"},
      {Operation::kBatchDeleteJobs, "BatchDeleteBatchJobs"},
  };
  return kNames;
}

// The control routes of one account, by what follows "/_fwmock/accounts/{a}".
const std::vector<std::pair<const char*, Shape>>& ControlAccountPaths() {
  static const std::vector<std::pair<const char*, Shape>> kPaths = {
      {":reset", {"", false, {{"POST", Operation::kResetAccount}}}},
      {"/batchJobs", {"", false, {{"DELETE", Operation::kClearJobs}}}},
      {"/batchJobs:import", {"", false, {{"POST", Operation::kImportJobs}}}},
      {"/batchJobs:export", {"", false, {{"GET", Operation::kExportJobs}}}},
  };
  return kPaths;
}

// "/_fwmock/accounts/{a}..." : the account is the raw segment up to the first '/', or up to its
// last ':' when no '/' follows (":reset"); it is percent-decoded once matched.
Route MatchControlAccount(std::string_view method, std::string_view path) {
  constexpr std::string_view kPrefix = "/_fwmock/accounts/";
  if (path.substr(0, kPrefix.size()) != kPrefix) return {};
  const std::string_view rest = path.substr(kPrefix.size());
  std::size_t end = rest.find('/');
  if (end == std::string_view::npos) end = rest.rfind(':');
  if (end == std::string_view::npos || !ValidId(rest.substr(0, end))) return {};
  for (const auto& [suffix, shape] : ControlAccountPaths()) {
    if (rest.substr(end) != suffix) continue;
    Route route;
    route.account = DecodeSegment(rest.substr(0, end));
    return Pick(shape, method, route);
  }
  return {};
}

// The paging modes: /_fwmock/paging and /_fwmock/accounts/{account}/paging. False for any
// other path.
bool MatchPaging(std::string_view method, const std::vector<std::string_view>& seg, Route* out) {
  const bool global = seg.size() == 2 && seg[0] == "_fwmock" && seg[1] == "paging";
  const bool one = seg.size() == 4 && seg[0] == "_fwmock" && seg[1] == "accounts" &&
                   ValidId(seg[2]) && seg[3] == "paging";
  if (!global && !one) return false;
  Route route;
  if (one) route.account = DecodeSegment(seg[2]);
  *out = Pick({"",
               false,
               {{"GET", Operation::kPagingGet},
                {"PUT", Operation::kPagingPut},
                {"DELETE", Operation::kPagingDelete}}},
              method, std::move(route));
  return true;
}

}  // namespace

bool IsControl(Operation op) {
  // Every operation from kClockGet on belongs to the control API: keep them last in the enum.
  return op >= Operation::kClockGet;
}

bool IsJournalControl(Operation op) {
  return op == Operation::kRequestsList || op == Operation::kRequestsClear;
}

bool IsFaultControl(Operation op) {
  return op == Operation::kFaultsList || op == Operation::kFaultsCreate ||
         op == Operation::kFaultsClear || op == Operation::kFaultDelete;
}

const char* OperationName(Operation op) {
  for (const auto& [named, name] : OperationNames()) {
    if (named == op) return name;
  }
  return "";
}

std::optional<Operation> OperationNamed(std::string_view name) {
  for (const auto& [op, named] : OperationNames()) {
    if (name == named) return op;
  }
  return std::nullopt;
}

bool IsPaging(Operation op) {
  return op == Operation::kPagingGet || op == Operation::kPagingPut ||
         op == Operation::kPagingDelete;
}

Route MatchRoute(std::string_view method, std::string_view target) {
  const std::string_view path = target.substr(0, target.find('?'));
  if (Route route; MatchJournalOrFaults(method, path, &route)) return route;
  for (const auto& [fixed, m] : FixedPaths()) {
    if (path == fixed) return Pick({"", false, {m}}, method, {});
  }
  const std::vector<std::string_view> seg = Segments(path);
  if (Route paging; MatchPaging(method, seg, &paging)) return paging;
  if (path.substr(0, 9) == "/_fwmock/") return MatchControlAccount(method, path);
  if ((seg.size() != 4 && seg.size() != 5) || seg[0] != "v1" || seg[1] != "accounts" ||
      !ValidId(seg[2])) {
    return {};
  }
  Route route;
  route.account = DecodeSegment(seg[2]);
  const bool has_job = seg.size() == 5;
  if (has_job && seg[3] != "batchJobs") return {};
  const auto [head, verb, has_colon] = SplitVerb(seg.back());
  if (has_colon && verb.empty()) return {};
  if (has_job ? !ValidId(head) : head != "batchJobs") return {};
  if (has_job) route.job_id = DecodeSegment(head);
  for (const Shape& shape : Shapes()) {
    if (shape.has_job == has_job && verb == shape.verb) return Pick(shape, method, route);
  }
  return {};
}

}  // namespace fwmock
