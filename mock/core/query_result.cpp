#include "query_result.h"

namespace fwmock {

bool Matches(const aipfilter::Program& program, const BatchJob& job) {
  return program.matches_everything() || program.Matches(JobRecord(&job));
}

bool CatchUp(QueryResult* result, const Account& account) {
  std::vector<const Change*> changes;
  if (!account.ChangesSince(result->seq, &changes)) return false;
  for (const Change* c : changes) {
    if (c->before && Matches(result->program, c->before->job)) result->rows.Erase(c->before->job);
    if (c->after && Matches(result->program, c->after->job)) {
      result->rows.Insert({c->after.get(), c->slot});
    }
  }
  result->seq = account.seq();
  return true;
}

void BuildAll(QueryResult* result, const Account& account) {
  const JobTable& table = account.table();
  std::vector<SortedEntry> entries;
  entries.reserve(table.size());
  for (std::uint32_t slot = 0; slot < table.slots(); ++slot) {
    if (table.job(slot)) entries.push_back({table.job(slot).get(), slot});
  }
  result->rows.Assign(std::move(entries));
  result->seq = account.seq();
  result->built = true;
}

void BuildFiltered(QueryResult* result, const Account& account, const SortedJobs& base) {
  const std::vector<bool> match = account.table().Match(result->program);
  SortedJobs& rows = result->rows;
  rows.Clear();
  base.ForEach([&](const SortedEntry& e) {
    if (match[e.slot]) rows.Append(e);
  });
  result->seq = account.seq();
  result->built = true;
}

}  // namespace fwmock
