#include "service/unit_directory.h"

#include <chrono>

#include "common/time.h"
#include "storage/units_repo.h"

namespace binhdang::service {

double UnitDirectory::Reload() {
  MutexLock reload(reload_mu_);
  return ReloadLocked();
}

double UnitDirectory::ReloadLocked() {
  const auto start = std::chrono::steady_clock::now();
  auto sql = store_.Lease();
  storage::UnitsRepo repo(*sql);
  const long long revision = storage::ReadCounter(*sql, kUnitsRevision);
  auto tree = std::make_shared<const domain::UnitTree>(repo.LoadAll(), repo.LoadLineage());
  {
    MutexLock lock(mu_);
    // A reload that read an older revision than the one published must not replace it.
    if (revision >= revision_) {
      tree_ = std::move(tree);
      revision_ = revision;
    }
  }
  checked_ms_ = NowMs();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

std::shared_ptr<const domain::UnitTree> UnitDirectory::Tree() {
  const int64_t now = NowMs();
  // A thread that holds a connection must not lease a second (storage/store.h): it answers
  // from the current tree and leaves the check to the next call made without one.
  if (now - checked_ms_.load() > 1000 && storage::LeasesHeldByThisThread() == 0) {
    checked_ms_ = now;
    long long revision;
    {
      auto sql = store_.Lease();
      revision = storage::ReadCounter(*sql, kUnitsRevision);
    }
    bool stale;
    {
      MutexLock lock(mu_);
      stale = revision != revision_;
    }
    // Single flight: when another request is already reloading, answer from the current tree.
    if (stale && reload_mu_.try_lock()) {
      ReloadLocked();
      reload_mu_.unlock();
    }
  }
  MutexLock lock(mu_);
  return tree_;
}

}  // namespace binhdang::service
