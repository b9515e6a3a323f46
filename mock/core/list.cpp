#include "list.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>

#include "account_view.h"
#include "aipfilter/checker.h"
#include "query_cache.h"

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
  const bool plus = text.size() > 1 && text[0] == '+' && text[1] != '-';  // as Go's ParseInt
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data() + (plus ? 1 : 0), end, value);
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

struct Lister::Caches {
  LruCache<AccountView> views{4};             // entries: a 1M-job view is ~130 MB
  LruCache<Rows> orders{16};                  // entries
  LruCache<Rows> results{32 * 1024 * 1024};   // rows
  LruCache<std::string> responses{64 << 20};  // bytes
};

Lister::Lister(const JobStore& store, const TokenCodec& tokens)
    : store_(store), tokens_(tokens), caches_(std::make_unique<Caches>()) {}
Lister::~Lister() = default;

namespace {

std::string Key(std::initializer_list<std::string_view> parts) {
  std::string key;
  for (std::string_view p : parts) {
    key.append(p);
    key.push_back('\0');
  }
  return key;
}

}  // namespace

std::shared_ptr<const AccountView> Lister::View(const std::string& account, std::string* view_key) {
  *view_key = Key({account, std::to_string(store_.version())});
  if (std::shared_ptr<const AccountView> view = caches_->views.Get(*view_key)) return view;
  std::uint64_t version = 0;
  std::vector<JobPtr> jobs = store_.Snapshot(account, &version);
  auto view = std::make_shared<const AccountView>(std::move(jobs), version);
  *view_key = Key({account, std::to_string(version)});
  caches_->views.Put(*view_key, view);
  return view;
}

std::shared_ptr<const Rows> Lister::Ordered(const AccountView& view, const std::string& view_key,
                                            const OrderBy& order) {
  const std::string key = Key({view_key, order.Canonical()});
  if (std::shared_ptr<const Rows> rows = caches_->orders.Get(key)) return rows;
  auto rows = std::make_shared<const Rows>(view.Sorted(order));
  caches_->orders.Put(key, rows);
  return rows;
}

void Lister::Warm() {
  const OrderBy order = *ParseOrderBy("");
  for (const std::string& account : store_.Accounts()) {
    std::string view_key;
    Ordered(*View(account, &view_key), view_key, order);
  }
}

Result<ListPage> Lister::List(const ListRequest& request) {
  if (request.page_size < 0) return ParsePageSize(std::to_string(request.page_size)).status();
  Result<Query> query = Prepare(request);
  if (!query.ok()) return query.status();

  // The account's jobs, their order and the matching rows: each cached per store version.
  std::string view_key;
  const std::shared_ptr<const AccountView> view = View(request.account, &view_key);
  const std::string order_key = Key({view_key, query->order.Canonical()});
  const std::shared_ptr<const Rows> ordered = Ordered(*view, view_key, query->order);
  const std::string result_key = Key({order_key, request.filter});
  std::shared_ptr<const Rows> rows = caches_->results.Get(result_key);
  if (!rows) {
    rows = std::make_shared<const Rows>(view->Filter(query->program, *ordered));
    caches_->results.Put(result_key, rows, rows->size() + 1);
  }

  auto start = rows->begin();
  if (!request.page_token.empty()) {
    Result<PageToken> token = tokens_.Open(request.page_token);
    if (!token.ok()) return token.status();
    if (Status s = CheckToken(*token, request, *query); !s.ok()) return s;
    // Keyset: the first row after the remembered position, wherever it now is.
    start = std::partition_point(rows->begin(), rows->end(), [&](std::uint32_t row) {
      return view->ComparePosition(query->order, token->key, token->last_name, row) >= 0;
    });
  }
  const auto size = static_cast<std::ptrdiff_t>(
      request.page_size == 0 ? kDefaultPageSize : std::min(request.page_size, kMaxPageSize));
  const auto end = rows->end() - start > size ? start + size : rows->end();
  ListPage page;
  page.total_size = static_cast<std::int32_t>(rows->size());
  page.mask = std::move(query->mask);
  for (auto it = start; it != end; ++it) page.jobs.push_back(view->job(*it));
  if (end != rows->end() && end != start) {
    const BatchJob& last = page.jobs.back()->job;
    page.next_page_token =
        tokens_.Seal({request.account, query->binding, SortKeyOf(query->order, last), last.name});
  }
  return page;
}

Result<std::shared_ptr<const std::string>> Lister::ListRendered(const ListRequest& request) {
  const std::string key =
      Key({request.account, std::to_string(store_.version()), std::to_string(request.page_size),
           request.page_token, request.filter, request.order_by, request.read_mask});
  if (std::shared_ptr<const std::string> hit = caches_->responses.Get(key)) return hit;
  Result<ListPage> page = List(request);
  if (!page.ok()) return page.status();
  auto body = std::make_shared<const std::string>(RenderListPage(*page));
  caches_->responses.Put(key, body, body->size() + key.size());
  return body;
}

Result<ListPage> ListJobs(const ListRequest& request, const JobStore& store,
                          const TokenCodec& tokens) {
  return Lister(store, tokens).List(request);
}

std::string RenderListPage(const ListPage& page) {
  std::string out = "{\"batchJobs\":[";
  for (std::size_t i = 0; i < page.jobs.size(); ++i) {
    if (i > 0) out.push_back(',');
    const nlohmann::json job(page.jobs[i]->job);
    out += (page.mask.all ? job : Project(page.mask, job)).dump();
  }
  out += "],\"nextPageToken\":";
  out += nlohmann::json(page.next_page_token).dump();
  out += ",\"totalSize\":" + std::to_string(page.total_size) + "}";
  return out;
}

}  // namespace fwmock
