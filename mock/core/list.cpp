#include "list.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>

#include "aipfilter/checker.h"

namespace fwmock {

using aipfilter::InvalidArgumentError;

namespace {

// The singular parameters of List: canonical name and both spellings.
struct ParamName {
  const char* canonical;
  const char* camel;
  std::string ListRequest::*field;
};

const ParamName kListParams[] = {
    {"page_size", "pageSize", nullptr},
    {"page_token", "pageToken", &ListRequest::page_token},
    {"filter", "filter", &ListRequest::filter},
    {"order_by", "orderBy", &ListRequest::order_by},
    {"read_mask", "readMask", &ListRequest::read_mask},
};

Result<std::int32_t> ParsePageSize(const std::string& text) {
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end ||
      value < std::numeric_limits<std::int32_t>::min() ||
      value > std::numeric_limits<std::int32_t>::max()) {
    return InvalidArgumentError("invalid pageSize: \"" + text + "\" is not a 32-bit integer");
  }
  if (value < 0) {
    return InvalidArgumentError("invalid pageSize: " + text + " is negative");
  }
  return static_cast<std::int32_t>(value);
}

struct Query {
  aipfilter::Program program;
  OrderBy order;
  ReadMask mask;
  std::string binding;
};

Result<Query> Prepare(const ListRequest& request) {
  Result<aipfilter::Program> program = aipfilter::Compile(request.filter, JobSchema());
  if (!program.ok()) {
    return InvalidArgumentError("invalid filter: " + program.status().Describe());
  }
  Result<OrderBy> order = ParseOrderBy(request.order_by);
  if (!order.ok()) return order.status();
  Result<ReadMask> mask = ParseReadMask(request.read_mask);
  if (!mask.ok()) return mask.status();
  std::string binding = Binding(request.filter, order->Canonical(), mask->Canonical());
  return Query{std::move(*program), std::move(*order), std::move(*mask), std::move(binding)};
}

// The jobs of the account that match, in the requested order.
std::vector<JobPtr> Matching(const Query& query, const JobStore& store,
                             const std::string& account) {
  std::vector<JobPtr> jobs = store.Snapshot(account);
  if (!query.program.matches_everything()) {
    JobRecord record;
    jobs.erase(std::remove_if(jobs.begin(), jobs.end(),
                              [&](const JobPtr& j) {
                                record.Point(&j->job);
                                return !query.program.Matches(record);
                              }),
               jobs.end());
  }
  std::sort(jobs.begin(), jobs.end(), [&](const JobPtr& a, const JobPtr& b) {
    return CompareJobs(query.order, a->job, b->job) < 0;
  });
  return jobs;
}

Status CheckToken(const PageToken& token, const ListRequest& request, const Query& query) {
  if (token.account != request.account) {
    return InvalidArgumentError("invalid page token: it was issued for another account");
  }
  if (token.binding != query.binding || token.key.size() != query.order.keys.size()) {
    return InvalidArgumentError(
        "invalid page token: filter, orderBy and readMask must match the request that returned "
        "the token");
  }
  return aipfilter::OkStatus();
}

}  // namespace

Result<ListRequest> ParseListRequest(std::string account, const Params& params) {
  ListRequest request;
  request.account = std::move(account);
  for (const ParamName& name : kListParams) {
    const std::string* value = nullptr;
    for (const auto& [key, v] : params) {
      if (key != name.canonical && key != name.camel) continue;
      if (value != nullptr) {
        return InvalidArgumentError(std::string("too many values for field \"") + name.canonical +
                                    "\"");
      }
      value = &v;
    }
    if (value == nullptr) continue;
    if (name.field != nullptr) {
      request.*name.field = *value;
      continue;
    }
    Result<std::int32_t> size = ParsePageSize(*value);
    if (!size.ok()) return size.status();
    request.page_size = *size;
  }
  return request;
}

Result<ListPage> ListJobs(const ListRequest& request, const JobStore& store,
                          const TokenCodec& tokens) {
  if (request.page_size < 0) return ParsePageSize(std::to_string(request.page_size)).status();
  Result<Query> query = Prepare(request);
  if (!query.ok()) return query.status();
  std::size_t start = 0;
  std::vector<JobPtr> jobs = Matching(*query, store, request.account);
  if (!request.page_token.empty()) {
    Result<PageToken> token = tokens.Open(request.page_token);
    if (!token.ok()) return token.status();
    if (Status s = CheckToken(*token, request, *query); !s.ok()) return s;
    // Keyset: the first job after the remembered position, wherever it now is.
    const auto after = std::partition_point(jobs.begin(), jobs.end(), [&](const JobPtr& j) {
      return ComparePosition(query->order, token->key, token->last_name, j->job) >= 0;
    });
    start = static_cast<std::size_t>(after - jobs.begin());
  }
  const auto size = static_cast<std::size_t>(
      request.page_size == 0 ? kDefaultPageSize : std::min(request.page_size, kMaxPageSize));
  const std::size_t end = std::min(jobs.size(), start + size);
  ListPage page;
  page.total_size = static_cast<std::int32_t>(jobs.size());
  page.mask = std::move(query->mask);
  page.jobs.assign(jobs.begin() + static_cast<std::ptrdiff_t>(start),
                   jobs.begin() + static_cast<std::ptrdiff_t>(end));
  if (end < jobs.size() && end > start) {
    const BatchJob& last = jobs[end - 1]->job;
    page.next_page_token =
        tokens.Seal({request.account, query->binding, SortKeyOf(query->order, last), last.name});
  }
  return page;
}

std::string RenderListPage(const ListPage& page) {
  std::string out = "{\"batchJobs\":[";
  for (std::size_t i = 0; i < page.jobs.size(); ++i) {
    if (i > 0) out.push_back(',');
    if (page.mask.all) {
      out += page.jobs[i]->json;
    } else {
      out += Project(page.mask, nlohmann::json::parse(page.jobs[i]->json)).dump();
    }
  }
  out += "],\"nextPageToken\":";
  out += nlohmann::json(page.next_page_token).dump();
  out += ",\"totalSize\":" + std::to_string(page.total_size) + "}";
  return out;
}

}  // namespace fwmock
