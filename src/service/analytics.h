// AnalyticsIndex: the analytics engine of this server, built from the database on first use
// (or at start, with Build) and kept current from the change log. Before every read it looks at
// the log's head (one indexed row) and applies what other servers, or this one, wrote since, in
// sequence order, so an answer includes every change committed before the read began. When
// the unit tree changed, the engine lays the units out again. Thread-safe: readers share the
// engine, a catch-up excludes them briefly.
#pragma once

#include <memory>
#include <mutex>
#include <shared_mutex>

#include "analytics/engine.h"
#include "service/unit_directory.h"
#include "storage/store.h"

namespace binhdang::service {

class AnalyticsIndex {
 public:
  AnalyticsIndex(storage::Store& store, UnitDirectory& directory)
      : store_(store), directory_(directory) {}

  //! Builds the engine from the database now, replacing any. Returns the time it took in ms.
  double Build();
  //! Applies the change log up to its current head (building first if never built). Returns
  //! the number of changes applied.
  size_t CatchUp();

  //! Catches up, then calls `f(const analytics::Engine&, const analytics::AsOf&)` with the
  //! engine held shared, and returns what `f` returns.
  template <class F>
  auto Read(F&& f) {
    CatchUp();
    std::shared_lock lock(mu_);
    const analytics::AsOf as_of = as_of_;
    return f(static_cast<const analytics::Engine&>(*engine_), as_of);
  }

  analytics::EngineMemory Memory();

  //! A backlog longer than this is read by rebuilding rather than report by report.
  static constexpr long long kRebuildBacklog = 2000;

 private:
  std::unique_ptr<analytics::Engine> Load(long long& head, int64_t& head_at_ms);

  storage::Store& store_;
  UnitDirectory& directory_;
  std::mutex catch_up_mu_;  // one catch-up at a time
  std::shared_mutex mu_;    // guards engine_ and as_of_
  std::unique_ptr<analytics::Engine> engine_;
  analytics::AsOf as_of_;
};

}  // namespace binhdang::service
