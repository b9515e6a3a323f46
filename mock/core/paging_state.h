#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "paging_mode.h"

namespace fwmock {

// The adversarial paging modes in force: one for every account, and one per account that
// replaces it (not merged with it) for that account. Thread-safe; while no mode is set, In()
// costs one atomic load.
class PagingState {
 public:
  explicit PagingState(const PagingMode& global = {});

  // The mode of every account without one of its own; a normal mode removes it.
  void SetGlobal(const PagingMode& mode);
  // `account`'s own mode, even a normal one (which exempts it from the global mode).
  void SetAccount(const std::string& account, const PagingMode& mode);
  // Every mode removed, the global one and the accounts' own: normal paging everywhere.
  void Clear();
  // `account`'s own mode removed: the global one applies to it again.
  void ClearAccount(const std::string& account);

  // The global mode (normal when none is set).
  PagingMode Global() const;
  // The mode in force for `account`: its own, else the global one; empty when paging is normal.
  std::optional<PagingMode> In(const std::string& account) const;

 private:
  void Publish();  // under mu_

  mutable std::mutex mu_;
  PagingMode global_;
  std::map<std::string, PagingMode> accounts_;
  std::atomic<bool> any_{false};
};

}  // namespace fwmock
