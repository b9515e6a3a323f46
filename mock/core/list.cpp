#include "list.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include <optional>
#include <shared_mutex>

#include "aipfilter/bare_words.h"
#include "aipfilter/checker.h"
#include "aipfilter/parser.h"
#include "aipfilter/printer.h"
#include "int_param.h"
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
  return ParseNonNegativeInt32("pageSize", text);
}

}  // namespace

struct Lister::Query {
  aipfilter::Program program;
  std::string filter;  // canonical: the printer's form of the parsed filter
  OrderBy order;
  ReadMask mask;
  std::string binding;
};

namespace {

using Query = Lister::Query;

// The filter parsed and checked against the job schema; under `strict`, without bare words.
Result<aipfilter::Program> CompileFilter(const Result<aipfilter::Ast>& ast, bool strict) {
  if (!ast.ok()) return ast.status();
  Result<aipfilter::Program> program = aipfilter::Check(*ast, JobSchema());
  if (!program.ok() || !strict) return program;
  if (Status bare = aipfilter::RejectBareWords(*ast); !bare.ok()) return bare;
  return program;
}

Result<Query> Prepare(const ListRequest& request, bool strict_filters) {
  Result<aipfilter::Ast> ast = aipfilter::Parse(request.filter);
  Result<aipfilter::Program> program = CompileFilter(ast, strict_filters);
  if (!program.ok()) {
    return InvalidArgumentError("invalid filter: " + program.status().Describe());
  }
  std::string filter = aipfilter::Print(*ast);
  Result<OrderBy> order = ParseOrderBy(request.order_by);
  if (!order.ok()) return order.status();
  Result<ReadMask> mask = ParseReadMask(request.read_mask);
  if (!mask.ok()) return mask.status();
  std::string binding = Binding(filter, order->Canonical(), mask->Canonical());
  return Query{std::move(*program), std::move(filter), std::move(*order), std::move(*mask),
               std::move(binding)};
}

Status CheckToken(const PageToken& token, const ListRequest& request, const Query& query) {
  if (token.account != request.account) {
    return InvalidArgumentError("invalid page token: it was issued for another account");
  }
  static const char* const kParts[] = {"filter", "orderBy", "readMask"};
  const int part = DifferingPart(token.binding, query.binding);
  if (part >= 0 || token.key.size() != query.order.keys.size()) {
    return InvalidArgumentError(std::string("invalid page token: the ") +
                                kParts[part < 0 ? 1 : part] +
                                " differs from the request that returned it");
  }
  return aipfilter::OkStatus();
}

}  // namespace

Result<ListRequest> ParseListRequest(std::string account, const Params& params) {
  ListRequest request;
  request.account = std::move(account);
  for (const ParamName& name : kListParams) {
    Result<const std::string*> found = SingularParam(params, name.canonical, name.camel);
    if (!found.ok()) return found.status();
    const std::string* value = *found;
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
  explicit Caches(std::size_t bytes) : results(bytes / 4 * 3), responses(bytes / 4) {}
  LruCache<QueryResult> results;           // bytes of the rows
  LruCache<const RenderedPage> responses;  // bytes of the bodies
};

Lister::Lister(const JobStore& store, const TokenCodec& tokens, const ListerOptions& options)
    : store_(store),
      tokens_(tokens),
      strict_filters_(options.strict_filters),
      caches_(std::make_unique<Caches>(options.cache_bytes)) {}
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

// The up-to-date result of (filter, order) on `account`, whose lock the caller holds shared.
std::shared_ptr<QueryResult> Lister::Results(const Account& account, const std::string& filter,
                                             const aipfilter::Program& program,
                                             const OrderBy& order) {
  const std::string key = Key({account.name(), order.Canonical(), filter});
  std::shared_ptr<QueryResult> result = caches_->results.GetOrCreate(
      key, [&] { return std::make_shared<QueryResult>(program, order); });
  std::lock_guard lock(result->mu);
  if (result->built && result->seq == account.seq()) return result;
  if (!result->built || !CatchUp(result.get(), account)) {
    if (program.matches_everything()) {
      BuildAll(result.get(), account);
    } else {
      const std::shared_ptr<QueryResult> base = Results(account, "", aipfilter::Program(), order);
      BuildFiltered(result.get(), account, base->rows);
    }
  }
  caches_->results.Resize(key, result->rows.bytes());
  return result;
}

void Lister::Warm() {
  const OrderBy order = *ParseOrderBy("");
  for (const std::string& name : store_.Accounts()) {
    const std::shared_ptr<Account> account = store_.Find(name);
    std::shared_lock lock(account->lock());
    Results(*account, "", aipfilter::Program(), order);
  }
}

namespace {

std::size_t PageSizeOf(const ListRequest& request) {
  return static_cast<std::size_t>(
      request.page_size == 0 ? kDefaultPageSize : std::min(request.page_size, kMaxPageSize));
}

}  // namespace

Result<ListPage> Lister::Page(const Account& account, const ListRequest& request, Query* query,
                              Start start, const PagingContext* paging) {
  const std::shared_ptr<QueryResult> result =
      Results(account, query->filter, query->program, query->order);
  PagePlan plan{PageSizeOf(request), false};
  if (paging != nullptr) plan = PlanPage(paging->mode, start.number, plan.limit);
  const bool empty = plan.empty && start.after != nullptr;
  ListPage page;
  bool more = false;
  // An empty page looks one job ahead: it carries a token only if a job follows.
  page.jobs = result->rows.Page(start.after, empty ? 1 : plan.limit, &more);
  if (empty) more = !page.jobs.empty(), page.jobs.clear();
  page.total_size = static_cast<std::int32_t>(result->rows.size());
  page.seq = result->seq;
  page.filter = query->filter;
  page.mask = std::move(query->mask);
  if (!more || (page.jobs.empty() && !empty)) return page;
  PageToken next{request.account, query->binding, {}, {}, start.number + 1};
  if (empty) {  // continues from where this page's request started
    next.key = start.after->key;
    next.last_name = start.after->name;
  } else {
    const BatchJob& last = page.jobs.back()->job;
    next.key = SortKeyOf(query->order, last);
    next.last_name = last.name;
  }
  if (paging != nullptr && paging->mode.token_ttl_seconds > 0) next.issued_at = paging->now;
  page.next_page_token = tokens_.Seal(next);
  return page;
}

Result<ListPage> Lister::List(const ListRequest& request, const PagingContext* paging) {
  if (request.page_size < 0) return ParsePageSize(std::to_string(request.page_size)).status();
  Result<Query> query = Prepare(request, strict_filters_);
  if (!query.ok()) return query.status();
  std::optional<Position> after;
  std::int64_t page_number = 1;
  if (!request.page_token.empty()) {  // checked before any filtering work
    Result<PageToken> token = tokens_.Open(request.page_token);
    if (!token.ok()) return token.status();
    if (Status s = CheckToken(*token, request, *query); !s.ok()) return s;
    if (paging != nullptr) {
      if (Status s = CheckTokenAge(paging->mode, token->issued_at, paging->now); !s.ok()) return s;
    }
    after = Position{std::move(token->key), std::move(token->last_name)};
    page_number = token->page;
  }
  const std::shared_ptr<Account> account = store_.Find(request.account);
  if (!account) {  // an account with no jobs lists empty
    ListPage page;
    page.filter = std::move(query->filter);
    page.mask = std::move(query->mask);
    return page;
  }
  std::shared_lock lock(account->lock());
  return Page(*account, request, &*query, {after ? &*after : nullptr, page_number}, paging);
}

Result<std::shared_ptr<const RenderedPage>> Lister::ListRendered(const ListRequest& request) {
  const std::shared_ptr<Account> account = store_.Find(request.account);
  const std::string seq = account ? std::to_string(account->seq()) : "-";
  const auto key = [&](const std::string& version) {
    return Key({request.account, version, std::to_string(request.page_size), request.page_token,
                request.filter, request.order_by, request.read_mask});
  };
  if (std::shared_ptr<const RenderedPage> hit = caches_->responses.Get(key(seq))) return hit;
  Result<ListPage> page = List(request);
  if (!page.ok()) return page.status();
  auto rendered = std::make_shared<const RenderedPage>(
      RenderedPage{RenderListPage(*page), std::move(page->filter)});
  caches_->responses.Put(key(account ? std::to_string(page->seq) : "-"), rendered,
                         rendered->body.size() + rendered->filter.size());
  return rendered;
}

Result<std::shared_ptr<const RenderedPage>> Lister::ListRendered(const ListRequest& request,
                                                                 const PagingContext& paging) {
  Result<ListPage> page = List(request, &paging);
  if (!page.ok()) return page.status();
  return std::make_shared<const RenderedPage>(
      RenderedPage{RenderListPage(*page), std::move(page->filter)});
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
