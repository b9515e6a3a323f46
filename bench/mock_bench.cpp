// Micro-benchmarks of the List hot paths: sorting an account, a never-seen filter,
// page-token seal/open, a token-seeking page, and rendering a page of JSON.
#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "aipfilter/checker.h"
#include "list.h"
#include "query_result.h"

namespace {

using fwmock::BatchJob;

// 100,000 synthetic jobs for one account, deterministic.
const fwmock::JobStore& Store() {
  static const fwmock::JobStore* const store = [] {
    auto* s = new fwmock::JobStore();
    std::mt19937_64 rng(1);
    for (int i = 0; i < 100000; ++i) {
      BatchJob job;
      char id[40];
      std::snprintf(id, sizeof id, "%016llx%016llx", static_cast<unsigned long long>(rng()),
                    static_cast<unsigned long long>(rng()));
      job.name = fwmock::JobName("acme", id);
      job.display_name = "job-" + std::to_string(i % 977);
      job.create_time = 1700000000000000000LL + static_cast<std::int64_t>(rng() % 10000000) * 1000;
      job.state = static_cast<fwmock::JobState>(rng() % 10);
      job.num_ranks = static_cast<std::int32_t>(1 << (rng() % 5));
      job.node_pool_id = "np-h100";
      job.env_vars = {{"SEED", std::to_string(i)}};
      job.python_executor =
          fwmock::PythonExecutor{fwmock::TargetType::kModule, "train.main", {"--epochs", "3"}};
      (void)s->Add(std::move(job));
    }
    return s;
  }();
  return *store;
}

const fwmock::TokenCodec& Tokens() {
  static const fwmock::TokenCodec codec("bench secret");
  return codec;
}

const fwmock::Account& Acme() { return *Store().Find("acme"); }

// Every job of the account sorted by `order_by`, from scratch (a never-seen order).
void SortAll(benchmark::State& state, const char* order_by) {
  const auto order = fwmock::ParseOrderBy(order_by);
  const fwmock::Account& account = Acme();  // built before timing
  for (auto _ : state) {
    fwmock::QueryResult result(aipfilter::Program(), *order);
    fwmock::BuildAll(&result, account);
    benchmark::DoNotOptimize(result.rows.size());
  }
}

void BM_SortAllByCreateTime(benchmark::State& state) { SortAll(state, ""); }
BENCHMARK(BM_SortAllByCreateTime)->Unit(benchmark::kMillisecond);

void BM_SortByDisplayNameThenRanks(benchmark::State& state) {
  SortAll(state, "display_name, num_ranks desc");
}
BENCHMARK(BM_SortByDisplayNameThenRanks)->Unit(benchmark::kMillisecond);

// A never-seen filter: the column scan, then the matches taken in the cached order.
void BM_FilterStateAndRanks(benchmark::State& state) {
  const fwmock::Account& account = Acme();
  fwmock::QueryResult base(aipfilter::Program(), *fwmock::ParseOrderBy(""));
  fwmock::BuildAll(&base, account);
  const auto program =
      aipfilter::Compile("state = RUNNING AND num_ranks >= 2", fwmock::JobSchema());
  for (auto _ : state) {
    fwmock::QueryResult result(*program, base.rows.order());
    fwmock::BuildFiltered(&result, account, base.rows);
    benchmark::DoNotOptimize(result.rows.size());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(account.size()));
}
BENCHMARK(BM_FilterStateAndRanks)->Unit(benchmark::kMillisecond);

void BM_TokenSealAndOpen(benchmark::State& state) {
  const fwmock::PageToken token{"acme",
                                fwmock::Binding("state = RUNNING", "create_time desc", ""),
                                {{true, 1700000000123456789LL, ""}},
                                "accounts/acme/batchJobs/0123456789abcdef0123456789abcdef"};
  for (auto _ : state) {
    const std::string sealed = Tokens().Seal(token);
    benchmark::DoNotOptimize(Tokens().Open(sealed));
  }
}
BENCHMARK(BM_TokenSealAndOpen);

// A warm Lister: the page after a token (seek by binary search), pageSize 50, not rendered.
void BM_PageByToken(benchmark::State& state) {
  fwmock::Lister lister(Store(), Tokens());
  fwmock::ListRequest request;
  request.account = "acme";
  request.page_size = 50;
  std::string token;
  for (int page = 0; page < 100; ++page) {  // walk to page 100
    request.page_token = token;
    token = lister.List(request)->next_page_token;
  }
  request.page_token = token;
  for (auto _ : state) benchmark::DoNotOptimize(lister.List(request));
}
BENCHMARK(BM_PageByToken)->Unit(benchmark::kMicrosecond);

void BM_RenderPage(benchmark::State& state) {
  fwmock::Lister lister(Store(), Tokens());
  fwmock::ListRequest request;
  request.account = "acme";
  request.page_size = static_cast<std::int32_t>(state.range(0));
  if (state.range(1) != 0) request.read_mask = "name,state";
  const fwmock::ListPage page = *lister.List(request);
  for (auto _ : state) benchmark::DoNotOptimize(fwmock::RenderListPage(page));
}
BENCHMARK(BM_RenderPage)->Args({50, 0})->Args({200, 1})->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
