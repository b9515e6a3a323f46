// Micro-benchmarks of the filter library: parse+check of a typical filter, and evaluation of a
// compiled filter over 1,000,000 in-memory records.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "aipfilter/checker.h"

namespace {

enum FieldId { kName = 1, kState, kNumRanks, kDisplayName, kCreateTime, kEnvVars };

aipfilter::Schema MakeSchema() {
  using aipfilter::FieldType;
  aipfilter::Schema schema;
  aipfilter::Field state{"state", "", FieldType::kEnum, kState, {}, {}};
  state.enum_values = {"STATE_UNSPECIFIED", "CREATING", "QUEUED",     "PENDING",   "RUNNING",
                       "COMPLETED",         "FAILED",   "CANCELLING", "CANCELLED", "DELETING"};
  schema.fields = {{"name", "", FieldType::kString, kName, {}, {}},
                   state,
                   {"num_ranks", "", FieldType::kInt, kNumRanks, {}, {}},
                   {"display_name", "", FieldType::kString, kDisplayName, {}, {}},
                   {"create_time", "", FieldType::kTimestamp, kCreateTime, {}, {}},
                   {"env_vars", "", FieldType::kStringMap, kEnvVars, {}, {}}};
  return schema;
}

struct Job {
  std::string name;
  std::string display_name;
  int state = 0;
  int num_ranks = 0;
  std::int64_t create_time = 0;
};

class JobRecord : public aipfilter::Record {
 public:
  void Point(const Job* job) { job_ = job; }
  bool IsSet(int field) const override { return field == kCreateTime; }
  std::string_view GetString(int field) const override {
    return field == kName ? job_->name : job_->display_name;
  }
  std::int64_t GetInt(int) const override { return job_->num_ranks; }
  int GetEnum(int) const override { return job_->state; }
  std::int64_t GetTimestamp(int) const override { return job_->create_time; }

 private:
  const Job* job_ = nullptr;
};

const std::vector<Job>& Jobs() {
  static const std::vector<Job>* const jobs = [] {
    auto* out = new std::vector<Job>(1000000);
    std::mt19937 rng(42);
    for (std::size_t i = 0; i < out->size(); ++i) {
      Job& j = (*out)[i];
      j.name = "accounts/acme/batchJobs/" + std::to_string(i);
      j.display_name = i % 7 == 0 ? "nightly-eval" : "train";
      j.state = static_cast<int>(rng() % 10);
      j.num_ranks = static_cast<int>(1 + rng() % 8);
      j.create_time = 1700000000LL * 1000000000LL + static_cast<std::int64_t>(i) * 1000000000LL;
    }
    return out;
  }();
  return *jobs;
}

void BM_ParseAndCheck(benchmark::State& state) {
  const aipfilter::Schema schema = MakeSchema();
  const std::string filter =
      "state = RUNNING AND num_ranks >= 2 AND create_time > \"2024-01-01T00:00:00Z\" AND "
      "(display_name = \"nightly*\" OR env_vars.TEAM:ml)";
  for (auto _ : state) {
    auto program = aipfilter::Compile(filter, schema);
    benchmark::DoNotOptimize(program);
  }
}
BENCHMARK(BM_ParseAndCheck);

void Evaluate(benchmark::State& state, const char* filter) {
  const aipfilter::Schema schema = MakeSchema();
  const auto program = aipfilter::Compile(filter, schema);
  if (!program.ok()) {
    state.SkipWithError(program.status().Describe().c_str());
    return;
  }
  const std::vector<Job>& jobs = Jobs();
  JobRecord record;
  std::size_t hits = 0;
  for (auto _ : state) {
    for (const Job& job : jobs) {
      record.Point(&job);
      hits += program->Matches(record) ? 1U : 0U;
    }
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(jobs.size()));
}

void BM_EvaluateStateAndRanks(benchmark::State& state) {
  Evaluate(state, "state = RUNNING AND num_ranks >= 2");
}
BENCHMARK(BM_EvaluateStateAndRanks)->Unit(benchmark::kMillisecond);

void BM_EvaluateWildcardOrTimestamp(benchmark::State& state) {
  Evaluate(state, "display_name = \"nightly*\" OR create_time < \"2023-11-15T00:00:00Z\"");
}
BENCHMARK(BM_EvaluateWildcardOrTimestamp)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
