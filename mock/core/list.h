#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "job_store.h"
#include "page_token.h"
#include "paging_mode.h"
#include "params.h"
#include "query_result.h"
#include "read_mask.h"
#include "sorted_jobs.h"

namespace fwmock {

// A List Batch Jobs request, as the HTTP layer hands it over: the parameters as given.
struct ListRequest {
  std::string account;
  std::int32_t page_size = 0;
  std::string page_token;
  std::string filter;
  std::string order_by;
  std::string read_mask;
};

// Builds a request from query parameters: camelCase or snake_case names, unknown ones ignored.
// A singular parameter given more than once (under either spelling) is INVALID_ARGUMENT
// `too many values for field "page_size"`; so is a pageSize that is not an int32.
Result<ListRequest> ParseListRequest(std::string account, const Params& params);

struct ListPage {
  std::vector<JobPtr> jobs;
  ReadMask mask;
  std::string next_page_token;  // "" on the last page
  std::int32_t total_size = 0;  // jobs matching the filter, on every page
  std::uint64_t seq = 0;        // the account version the page is of
  std::string filter;           // the filter in its canonical (printed) form
};

// A rendered List answer and the canonical form of its filter.
struct RenderedPage {
  std::string body;
  std::string filter;
};

constexpr std::int32_t kDefaultPageSize = 50;
constexpr std::int32_t kMaxPageSize = 200;
constexpr std::size_t kDefaultCacheBytes = 256u << 20;

// An adversarial paging mode (paging_mode.h) a request is answered under, and the clock's time
// then (for token ages).
struct PagingContext {
  PagingMode mode;
  std::int64_t now = 0;
};

struct ListerOptions {
  std::size_t cache_bytes = kDefaultCacheBytes;  // both caches together
  // A bare word in a filter (`and` in `a = 1 and b = 2`) is INVALID_ARGUMENT, not a search
  // (aipfilter::RejectBareWords).
  bool strict_filters = false;
};

// List Batch Jobs: pageSize coercion, filter, orderBy, page tokens, readMask, totalSize.
// Errors are INVALID_ARGUMENT with a message that names the parameter.
//
// A Lister keeps, per account, the jobs matching each recent (filter, orderBy) in order, and
// recent rendered pages; a write to an account touches nothing of another. A result seen before
// is brought up to date from the account's change log; one never seen is computed from the
// account's columns and the cached order. Both caches share one budget in bytes. Paging seeks
// the token's keyset position by binary search. Thread-safe; each request reads one consistent
// version of the account (under its shared lock).
class Lister {
 public:
  Lister(const JobStore& store, const TokenCodec& tokens, const ListerOptions& options = {});
  ~Lister();

  // Builds every account's default order now, so that the first request does not.
  void Warm();

  // Under `paging` (null: normal paging), pages are cut as its PlanPage says, tokens continue
  // from the last job a page shows (an empty page's from where its request started), and under
  // a token TTL carry their issue time and are checked against it.
  Result<ListPage> List(const ListRequest& request, const PagingContext* paging = nullptr);
  // The rendered page; the same request against the same account version is answered from the
  // cache.
  Result<std::shared_ptr<const RenderedPage>> ListRendered(const ListRequest& request);
  // The rendered page under a paging mode: never read from nor written to the cache, whose
  // answers are those of normal paging (and whose tokens carry no issue time).
  Result<std::shared_ptr<const RenderedPage>> ListRendered(const ListRequest& request,
                                                           const PagingContext& paging);

  struct Query;  // a request's parsed filter, orderBy and readMask

 private:
  struct Caches;
  std::shared_ptr<QueryResult> Results(const Account& account, const std::string& filter,
                                       const aipfilter::Program& program, const OrderBy& order);
  // Where a page starts: after `after` (null: at the start), on page `number` of its walk.
  struct Start {
    const Position* after;
    std::int64_t number;
  };
  Result<ListPage> Page(const Account& account, const ListRequest& request, Query* query,
                        Start start, const PagingContext* paging);

  const JobStore& store_;
  const TokenCodec& tokens_;
  bool strict_filters_;
  std::unique_ptr<Caches> caches_;
};

// One uncached List call.
Result<ListPage> ListJobs(const ListRequest& request, const JobStore& store,
                          const TokenCodec& tokens);

// {"batchJobs":[...],"nextPageToken":"...","totalSize":N}, keys sorted, jobs masked.
std::string RenderListPage(const ListPage& page);

}  // namespace fwmock
