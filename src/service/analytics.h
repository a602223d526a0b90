// AnalyticsIndex: the analytics engine of this server, built from the database on first use
// (or at start, with Build) and kept current from the change log. Before a read it looks at the
// log's head (one indexed row) — always after this server wrote a report, else at most every
// kCheckEveryMs — and applies what other servers, or this one, wrote since, in sequence order:
// an answer includes this server's own writes and others' committed kCheckEveryMs before. When
// the unit tree changed, the engine lays the units out again. Thread-safe: readers share the
// engine, a catch-up excludes them briefly. A background follower (Follow) keeps an idle
// server current too.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <thread>

#include "analytics/engine.h"
#include "common/time.h"
#include "service/unit_directory.h"
#include "storage/store.h"

namespace binhdang::service {

class AnalyticsIndex {
 public:
  AnalyticsIndex(storage::Store& store, UnitDirectory& directory)
      : store_(store), directory_(directory) {}
  AnalyticsIndex(const AnalyticsIndex&) = delete;
  AnalyticsIndex& operator=(const AnalyticsIndex&) = delete;
  //! Stops the follower, if started.
  ~AnalyticsIndex();

  //! Builds the engine from the database now, replacing any. Returns the time it took in ms.
  double Build();
  //! Applies the change log up to its current head (building first if never built). Returns
  //! the number of changes applied.
  size_t CatchUp();

  //! Catches up (unless the log was looked at less than kCheckEveryMs ago and this server
  //! wrote nothing since), then calls `f(const analytics::Engine&, const analytics::AsOf&)`
  //! with the engine held shared, and returns what `f` returns. A catch-up under way (the
  //! follower's) may have cleared the mark of a write it has not applied yet: a read during
  //! one waits for it and looks again, so a write this server made is always in the answer.
  template <class F>
  auto Read(F&& f) {
    if (dirty_.load() || catching_up_.load() || NowMs() - checked_ms_.load() >= kCheckEveryMs)
      CatchUp();
    std::shared_lock lock(mu_);
    const analytics::AsOf as_of = as_of_;
    return f(static_cast<const analytics::Engine&>(*engine_), as_of);
  }

  analytics::EngineMemory Memory();
  //! Tells the index this server changed a report: the next read catches up whatever the time.
  void MarkDirty() { dirty_ = true; }
  //! Also follows the log from a background thread, catching up every `interval_ms`, so that
  //! a server nobody asks stays current (`binhdang serve` starts it; reads catch up anyway).
  void Follow(int interval_ms);

  //! A backlog longer than this is read by rebuilding rather than report by report.
  static constexpr long long kRebuildBacklog = 2000;
  //! How stale another server's write may be in this server's answers, at most.
  static constexpr int64_t kCheckEveryMs = 100;

 private:
  std::unique_ptr<analytics::Engine> Load(long long& head, int64_t& head_at_ms);

  storage::Store& store_;
  UnitDirectory& directory_;
  std::mutex catch_up_mu_;  // one catch-up at a time
  std::shared_mutex mu_;    // guards engine_ and as_of_
  std::unique_ptr<analytics::Engine> engine_;
  analytics::AsOf as_of_;
  std::atomic<bool> dirty_{false};
  std::atomic<bool> catching_up_{false};  // a CatchUp is between clearing dirty_ and applying
  std::atomic<int64_t> checked_ms_{0};
  std::thread follower_;
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stop_ = false;
};

}  // namespace binhdang::service
