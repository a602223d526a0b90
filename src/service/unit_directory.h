// UnitDirectory: the current UnitTree, shared by every request. It is loaded from the store at
// start, replaced after this server changes units, and reloaded when another server did (a
// revision counter in the database, checked at most once a second). Thread-safe.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>

#include "domain/unit_tree.h"
#include "storage/store.h"

namespace binhdang::service {

class UnitDirectory {
 public:
  explicit UnitDirectory(storage::Store& store) : store_(store) {}

  //! Loads the whole tree now. Returns the time it took in milliseconds.
  double Reload();
  //! The current tree; never null after the first Reload().
  std::shared_ptr<const domain::UnitTree> Tree();

 private:
  storage::Store& store_;
  std::mutex mu_;
  std::shared_ptr<const domain::UnitTree> tree_;
  long long revision_ = -1;
  std::atomic<int64_t> checked_ms_{0};
};

//! The meta counter bumped by every write to units or lineage.
inline constexpr const char* kUnitsRevision = "units_revision";

}  // namespace binhdang::service
