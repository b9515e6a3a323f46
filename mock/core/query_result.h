#pragma once

#include <cstdint>
#include <mutex>
#include <vector>

#include "account.h"
#include "aipfilter/program.h"
#include "sorted_jobs.h"

namespace fwmock {

// The jobs of one account that match one filter, in one order, as of one account version.
// Brought up to date from the account's change log (re-evaluating only the changed jobs) rather
// than recomputed; rebuilt only when the log no longer reaches back to its version. Callers hold
// the account's lock (shared suffices: `mu` serialises the threads that update the result).
struct QueryResult {
  QueryResult(aipfilter::Program filter, OrderBy order)
      : program(std::move(filter)), rows(std::move(order)) {}

  std::mutex mu;
  bool built = false;
  std::uint64_t seq = 0;  // the account version the rows are of
  const aipfilter::Program program;
  SortedJobs rows;
};

// Whether `job` satisfies `program`.
bool Matches(const aipfilter::Program& program, const BatchJob& job);

// Applies the account's changes since `result->seq`; false when the log does not reach back.
bool CatchUp(QueryResult* result, const Account& account);

// Every job of the account, sorted: the base of the filtered results of the same order.
void BuildAll(QueryResult* result, const Account& account);
// The jobs of `base` (up to date, same order) that match `result->program`, in base's order.
void BuildFiltered(QueryResult* result, const Account& account, const SortedJobs& base);

}  // namespace fwmock
