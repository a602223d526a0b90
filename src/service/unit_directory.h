// UnitDirectory: the current UnitTree, shared by every request. It is loaded from the store at
// start, replaced after this server changes units, and reloaded when another server did (a
// revision counter in the database, checked at most once a second). Thread-safe.
#pragma once

#include <atomic>
#include <memory>

#include "common/mutex.h"
#include "domain/unit_tree.h"
#include "storage/store.h"

namespace binhdang::service {

class UnitDirectory {
 public:
  explicit UnitDirectory(storage::Store& store) : store_(store) {}

  //! Loads the whole tree now and publishes it unless a newer one was published meanwhile.
  //! One reload runs at a time. Returns the time it took in milliseconds.
  double Reload() EXCLUDES(mu_, reload_mu_);
  //! The current tree; never null after the first Reload(). At most once a second it leases a
  //! connection to check the revision and reloads when another server changed units — unless
  //! the calling thread already holds a connection, which it never waits for a second of.
  std::shared_ptr<const domain::UnitTree> Tree() EXCLUDES(mu_, reload_mu_);

 private:
  double ReloadLocked() REQUIRES(reload_mu_) EXCLUDES(mu_);

  storage::Store& store_;
  Mutex reload_mu_;  // held by the one reload in flight
  Mutex mu_;
  std::shared_ptr<const domain::UnitTree> tree_ GUARDED_BY(mu_);
  long long revision_ GUARDED_BY(mu_) = -1;
  std::atomic<int64_t> checked_ms_{0};
};

//! The meta counter bumped by every write to units or lineage.
inline constexpr const char* kUnitsRevision = "units_revision";

}  // namespace binhdang::service
