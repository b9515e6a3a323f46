#include "logs.h"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "aipfilter/timestamp.h"
#include "int_param.h"
#include "logs_lines.h"

namespace fwmock {

using aipfilter::InvalidArgumentError;

namespace {

constexpr const char* kTokenKind = "getLogs";  // a logs token's last_name: never a job name

// The ranks a request reads, in rank order: every rank of the job, or a sorted list of some.
class RankSelection {
 public:
  RankSelection(std::vector<std::int32_t> ranks, std::int32_t rank_count)
      : ranks_(std::move(ranks)), rank_count_(rank_count) {}

  std::int64_t size() const {
    return all() ? rank_count_ : static_cast<std::int64_t>(ranks_.size());
  }
  std::int32_t at(std::int64_t j) const {
    return all() ? static_cast<std::int32_t>(j) : ranks_[static_cast<std::size_t>(j)];
  }
  // How many selected ranks are below `rank`, or at most `rank`.
  std::int64_t CountBelow(std::int64_t rank) const {
    if (all()) return std::clamp<std::int64_t>(rank, 0, rank_count_);
    return std::lower_bound(ranks_.begin(), ranks_.end(), rank) - ranks_.begin();
  }
  std::int64_t CountAtMost(std::int64_t rank) const { return CountBelow(rank + 1); }
  // "*" or "0,2,5", for binding tokens.
  std::string Canonical() const {
    std::string out = all() ? "*" : "";
    for (const std::int32_t r : ranks_) out += (out.empty() ? "" : ",") + std::to_string(r);
    return out;
  }

 private:
  bool all() const { return ranks_.empty(); }
  std::vector<std::int32_t> ranks_;  // empty: all
  std::int32_t rank_count_;
};

// What a request reads: positions [begin, end) of the interleaved sequence of the selected
// ranks' lines, where position k is line k / R of the (k mod R)-th selected rank.
struct Plan {
  RankSelection ranks;
  std::int64_t lines = 0;  // per rank
  std::int64_t begin = 0;
  std::int64_t end = 0;
  LogsMask mask;
  std::int32_t page_size = 0;
  std::string binding;

  std::int64_t Index(std::int64_t k) const { return k / ranks.size(); }
  std::int32_t Rank(std::int64_t k) const { return ranks.at(k % ranks.size()); }
  bool Contains(std::int64_t k) const { return k >= begin && k < end; }
};

Result<RankSelection> SelectRanks(std::vector<std::int32_t> ranks, const BatchJob& job) {
  const std::int32_t count = LogRankCount(job);
  std::sort(ranks.begin(), ranks.end());
  ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  for (const std::int32_t r : ranks) {
    if (r >= 0 && r < count) continue;
    const std::string n = std::to_string(count);
    return InvalidArgumentError(
        "invalid ranks: " + std::to_string(r) + " is out of range: job has " +
        (count == 1 ? "1 rank (0)" : n + " ranks (0 ... " + std::to_string(count - 1) + ")"));
  }
  return RankSelection(std::move(ranks), count);
}

// The parameters other than filter and readMask that a token is bound to.
std::string Scope(const LogsRequest& request, const RankSelection& ranks) {
  return std::string(kTokenKind) + "\nranks=" + ranks.Canonical() +
         "\nstartTime=" + (request.start_time ? std::to_string(*request.start_time) : "") +
         "\nstartFromHead=" + (request.start_from_head ? "1" : "0");
}

Result<Plan> Prepare(const LogsRequest& request, const BatchJob& job, std::int64_t now) {
  if (request.page_size < 0) {
    return ParseNonNegativeInt32("pageSize", std::to_string(request.page_size)).status();
  }
  Result<LogsMask> mask = ParseLogsMask(request.read_mask);
  if (!mask.ok()) return mask.status();
  Result<RankSelection> ranks = SelectRanks(request.ranks, job);
  if (!ranks.ok()) return ranks.status();
  const std::string binding = Binding(request.filter, Scope(request, *ranks), mask->Canonical());
  Plan plan{std::move(*ranks), LogLinesPerRank(job, now), 0, 0, *mask, 0, binding};
  const std::int64_t first =
      request.start_time ? std::min(FirstLogLineAtOrAfter(job, *request.start_time), plan.lines)
                         : 0;
  plan.begin = first * plan.ranks.size();
  plan.end = plan.lines * plan.ranks.size();
  plan.page_size =
      request.page_size == 0 ? kDefaultLogsPageSize : std::min(request.page_size, kMaxLogsPageSize);
  return plan;
}

// The position a page starts at: the head or tail of the sequence, or the token's.
Result<std::int64_t> StartPosition(const LogsRequest& request, const Plan& plan,
                                   const BatchJob& job, const TokenCodec& tokens) {
  const bool forward = request.start_from_head;
  if (request.page_token.empty()) return forward ? plan.begin : plan.end - 1;
  Result<PageToken> token = tokens.Open(request.page_token);
  if (!token.ok()) return token.status();
  if (token->account != job.name) {
    return InvalidArgumentError("invalid page token: it was issued for another job");
  }
  if (token->binding != plan.binding || token->key.size() != 2 || token->last_name != kTokenKind) {
    return InvalidArgumentError(
        "invalid page token: ranks, filter, startTime, startFromHead and readMask must match the "
        "request that returned the token");
  }
  // The token holds the last line examined, (line, rank): continue strictly beyond it in this
  // request's sequence, which holds even if the job's number of ranks changed in between.
  const std::int64_t line = std::clamp<std::int64_t>(token->key[0].number, 0, plan.lines);
  const std::int64_t rank =
      std::clamp<std::int64_t>(token->key[1].number, -1, std::numeric_limits<std::int32_t>::max());
  const std::int64_t base = line * plan.ranks.size();
  return forward ? std::max(base + plan.ranks.CountAtMost(rank), plan.begin)
                 : std::min(base + plan.ranks.CountBelow(rank) - 1, plan.end - 1);
}

struct Entry {
  std::int64_t time;
  std::int32_t rank;
  std::string message;
};

struct Page {
  std::vector<Entry> entries;
  bool more = false;      // lines are left beyond the scan
  std::int64_t last = 0;  // the last position examined, when `more`
};

// Walks from `k` in the request's direction until the page is full, the sequence ends or
// kMaxLogsScan lines have been examined.
Page Scan(const LogsRequest& request, const Plan& plan, const BatchJob& job, std::int64_t k) {
  const LogWriter writer(job.name);
  const std::int64_t step = request.start_from_head ? 1 : -1;
  const bool need_message = plan.mask.message || !request.filter.empty();
  Page page;
  const auto size = static_cast<std::size_t>(plan.page_size);
  for (std::int64_t scanned = 0;
       plan.Contains(k) && page.entries.size() < size && scanned < kMaxLogsScan;
       ++scanned, k += step) {
    const std::int64_t line = plan.Index(k);
    const std::int32_t rank = plan.Rank(k);
    std::string message = need_message ? writer.Message(rank, line) : std::string();
    if (!request.filter.empty() && message.find(request.filter) == std::string::npos) continue;
    page.entries.push_back({LogLineTime(job, line), rank, std::move(message)});
  }
  page.more = plan.Contains(k);  // then the loop examined at least the starting line
  page.last = k - step;
  return page;
}

// Appends `text` as a JSON string. Messages need no escaping by construction; the check keeps
// that an optimisation rather than an assumption.
void AppendJsonString(const std::string& text, std::string* out) {
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    return c >= ' ' && c <= '~' && c != '"' && c != '\\';
  });
  if (!plain) {
    *out += nlohmann::json(text).dump();
    return;
  }
  out->push_back('"');
  *out += text;
  out->push_back('"');
}

std::string Render(const Page& page, const LogsMask& mask, const std::string& token) {
  std::string out = "{\"entries\":[";
  std::int64_t formatted_time = 0;  // entries of one time share its text
  std::string time_text;
  for (const Entry& e : page.entries) {
    out += out.back() == '[' ? "{" : ",{";
    const std::size_t fields = out.size();
    if (mask.log_time) {
      if (time_text.empty() || e.time != formatted_time) {
        time_text = aipfilter::FormatRfc3339(e.time);
        formatted_time = e.time;
      }
      out += "\"logTime\":\"";
      out += time_text;
      out.push_back('"');
    }
    if (mask.message) {
      out += out.size() == fields ? "\"message\":" : ",\"message\":";
      AppendJsonString(e.message, &out);
    }
    if (mask.rank) {
      out += out.size() == fields ? "\"rank\":" : ",\"rank\":";
      out += std::to_string(e.rank);
    }
    out.push_back('}');
  }
  out += "],\"nextPageToken\":";
  AppendJsonString(token, &out);
  out.push_back('}');
  return out;
}

}  // namespace

Result<std::string> GetJobLogs(const LogsRequest& request, const BatchJob& job, std::int64_t now,
                               const TokenCodec& tokens) {
  Result<Plan> plan = Prepare(request, job, now);
  if (!plan.ok()) return plan.status();
  Result<std::int64_t> start = StartPosition(request, *plan, job, tokens);
  if (!start.ok()) return start.status();
  const Page page = Scan(request, *plan, job, *start);
  std::string token;
  if (page.more) {
    std::vector<KeyValue> key = {{true, plan->Index(page.last), ""},
                                 {true, plan->Rank(page.last), ""}};
    token = tokens.Seal({job.name, plan->binding, std::move(key), kTokenKind,
                         tokens.PageOf(request.page_token) + 1});
  }
  return Render(page, plan->mask, token);
}

}  // namespace fwmock
