#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "account_view.h"
#include "job_store.h"
#include "page_token.h"
#include "params.h"
#include "read_mask.h"

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
};

constexpr std::int32_t kDefaultPageSize = 50;
constexpr std::int32_t kMaxPageSize = 200;

// List Batch Jobs: pageSize coercion, filter, orderBy, page tokens, readMask, totalSize.
// Errors are INVALID_ARGUMENT with a message that names the parameter.
//
// A Lister remembers, per store version: each account's AccountView, the row order of each
// orderBy, the matching rows of recent filters and recent rendered responses. Paging seeks the
// token's position by binary search in the cached matching rows. Thread-safe.
class Lister {
 public:
  Lister(const JobStore& store, const TokenCodec& tokens);
  ~Lister();

  // Builds every account's view and default order now, so that the first request does not.
  void Warm();

  Result<ListPage> List(const ListRequest& request);
  // The rendered page; the same request against the same data is answered from the cache.
  Result<std::shared_ptr<const std::string>> ListRendered(const ListRequest& request);

 private:
  struct Caches;
  std::shared_ptr<const AccountView> View(const std::string& account, std::string* view_key);
  std::shared_ptr<const Rows> Ordered(const AccountView& view, const std::string& view_key,
                                      const OrderBy& order);

  const JobStore& store_;
  const TokenCodec& tokens_;
  std::unique_ptr<Caches> caches_;
};

// One uncached List call.
Result<ListPage> ListJobs(const ListRequest& request, const JobStore& store,
                          const TokenCodec& tokens);

// {"batchJobs":[...],"nextPageToken":"...","totalSize":N}, keys sorted, jobs masked.
std::string RenderListPage(const ListPage& page);

}  // namespace fwmock
