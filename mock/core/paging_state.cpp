#include "paging_state.h"

namespace fwmock {

PagingState::PagingState(const PagingMode& global) : global_(global) { Publish(); }

void PagingState::SetGlobal(const PagingMode& mode) {
  std::lock_guard lock(mu_);
  global_ = mode;
  Publish();
}

void PagingState::SetAccount(const std::string& account, const PagingMode& mode) {
  std::lock_guard lock(mu_);
  accounts_[account] = mode;
  Publish();
}

void PagingState::Clear() {
  std::lock_guard lock(mu_);
  global_ = PagingMode();
  accounts_.clear();
  Publish();
}

void PagingState::ClearAccount(const std::string& account) {
  std::lock_guard lock(mu_);
  accounts_.erase(account);
  Publish();
}

PagingMode PagingState::Global() const {
  std::lock_guard lock(mu_);
  return global_;
}

std::optional<PagingMode> PagingState::In(const std::string& account) const {
  if (!any_.load(std::memory_order_acquire)) return std::nullopt;
  std::lock_guard lock(mu_);
  const auto it = accounts_.find(account);
  const PagingMode& mode = it != accounts_.end() ? it->second : global_;
  if (mode.normal()) return std::nullopt;
  return mode;
}

// An account exempted by a normal mode of its own changes nothing while the global one is
// normal: only a mode that is on makes In() look.
void PagingState::Publish() {
  bool any = !global_.normal();
  for (const auto& entry : accounts_) any = any || !entry.second.normal();
  any_.store(any, std::memory_order_release);
}

}  // namespace fwmock
