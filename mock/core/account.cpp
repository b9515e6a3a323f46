#include "account.h"

#include <limits>

namespace fwmock {
namespace {

constexpr std::size_t kLogSize = 1 << 15;  // changes kept for catching up cached results
constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();

// FNV-1a: the account's share of the id seed, so that ids do not depend on other accounts.
std::uint64_t Hash(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

}  // namespace

std::string_view JobIdOf(std::string_view name) {
  const std::size_t slash = name.rfind('/');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

Account::Account(std::string name, std::uint64_t seed)
    : name_(std::move(name)), id_seed_(seed ^ Hash(name_)), ids_(id_seed_), next_due_(kNever) {}

JobPtr Account::Find(std::string_view id) const {
  const std::int64_t slot = table_.Find(id);
  return slot < 0 ? nullptr : table_.job(static_cast<std::uint32_t>(slot));
}

void Account::Put(JobPtr job) {
  const std::string id(JobIdOf(job->job.name));
  JobPtr before = Find(id);
  const std::uint32_t slot = table_.Put(id, job);
  log_.push_back({std::move(before), std::move(job), slot});
  if (log_.size() > kLogSize) log_.pop_front();
  ++seq_;
}

JobPtr Account::Remove(std::string_view id) {
  JobPtr before = table_.Remove(id);
  if (!before) return nullptr;
  CancelTimer(std::string(id));
  log_.push_back({before, nullptr, 0});
  if (log_.size() > kLogSize) log_.pop_front();
  ++seq_;
  return before;
}

void Account::RemoveAll() {
  std::vector<std::string> ids;
  ids.reserve(table_.size());
  for (std::uint32_t slot = 0; slot < table_.slots(); ++slot) {
    if (const JobPtr& job = table_.job(slot)) ids.emplace_back(JobIdOf(job->job.name));
  }
  for (const std::string& id : ids) Remove(id);
}

std::string Account::NewId() {
  for (;;) {
    std::string id = ids_.Next();
    if (table_.Find(id) < 0) return id;
  }
}

bool Account::ChangesSince(std::uint64_t seq, std::vector<const Change*>* out) const {
  const std::uint64_t now = seq_.load();
  if (seq > now || now - seq > log_.size()) return false;
  for (std::size_t i = log_.size() - static_cast<std::size_t>(now - seq); i < log_.size(); ++i) {
    out->push_back(&log_[i]);
  }
  return true;
}

void Account::Schedule(const std::string& id, std::int64_t due, JobState next) {
  generations_[id] = ++generation_;
  timers_.push({due, generation_, id, next});
  PublishNextDue();
}

void Account::CancelTimer(const std::string& id) {
  if (generations_.erase(id) > 0) PublishNextDue();
}

bool Account::PopDue(std::int64_t now, Timer* out) {
  while (!timers_.empty() && timers_.top().due <= now) {
    Timer t = timers_.top();
    timers_.pop();
    const auto it = generations_.find(t.id);
    if (it == generations_.end() || it->second != t.generation) continue;  // stale
    generations_.erase(it);
    *out = std::move(t);
    PublishNextDue();
    return true;
  }
  PublishNextDue();
  return false;
}

// Drops stale timers from the top so that next_due() is the earliest live one.
void Account::PublishNextDue() {
  while (!timers_.empty()) {
    const auto it = generations_.find(timers_.top().id);
    if (it != generations_.end() && it->second == timers_.top().generation) break;
    timers_.pop();
  }
  next_due_.store(timers_.empty() ? kNever : timers_.top().due, std::memory_order_release);
}

}  // namespace fwmock
