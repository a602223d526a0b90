#include "service/analytics.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <unordered_map>
#include <unordered_set>

#include "common/time.h"
#include "storage/analytics_repo.h"
#include "storage/reports_repo.h"

namespace binhdang::service {

std::unique_ptr<analytics::Engine> AnalyticsIndex::Load(long long& head, int64_t& head_at_ms) {
  auto engine = std::make_unique<analytics::Engine>(directory_.Tree());
  auto sql = store_.Lease();
  // The head first: what is read after it is at least as new, and changes after it are
  // applied again (a report is always reloaded whole, so applying twice does no harm).
  head = storage::AnalyticsHead(*sql);
  head_at_ms = 0;
  if (head > 0) {
    auto last = storage::AnalyticsChangesSince(*sql, head - 1, 1);
    if (!last.empty()) head_at_ms = last.front().at_ms;
  }
  std::unordered_map<Id, domain::Report> headers;
  for (auto& r : storage::ReportsRepo(*sql).List({})) headers.emplace(r.id, std::move(r));
  storage::ForEachCountedValues(*sql, [&](Id report, std::vector<domain::DataValue>& values) {
    auto it = headers.find(report);
    if (it == headers.end()) return;  // written after the headers were read: replayed later
    engine->Put(std::move(it->second), values);
    headers.erase(it);
  });
  for (auto& [id, r] : headers) engine->Put(std::move(r), {});
  engine->Seal();
  return engine;
}

double AnalyticsIndex::Build() {
  const auto start = std::chrono::steady_clock::now();
  std::lock_guard one(catch_up_mu_);
  long long head = 0;
  int64_t head_at = 0;
  auto engine = Load(head, head_at);
  std::unique_lock lock(mu_);
  engine_ = std::move(engine);
  as_of_ = {head, head_at, NowMs()};
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

size_t AnalyticsIndex::CatchUp() {
  std::lock_guard one(catch_up_mu_);
  const int64_t now = NowMs();
  // Until this one has applied what it reads, reads wait for it (Read).
  catching_up_ = true;
  struct Done {
    std::atomic<bool>& flag;
    ~Done() { flag = false; }
  } done{catching_up_};
  // Cleared before reading the head: a write committed after this still marks it again.
  dirty_ = false;
  checked_ms_ = now;
  auto tree = directory_.Tree();
  long long head;
  {
    auto sql = store_.Lease();
    head = storage::AnalyticsHead(*sql);
  }
  long long applied;
  {
    std::shared_lock lock(mu_);
    if (engine_ && engine_->tree() == tree && as_of_.sequence >= head) {
      lock.unlock();
      std::unique_lock write(mu_);
      as_of_.checked_at_ms = now;
      return 0;
    }
    applied = engine_ ? as_of_.sequence : -1;
  }
  if (applied < 0 || head - applied > kRebuildBacklog) {
    long long built_head = 0;
    int64_t head_at = 0;
    auto engine = Load(built_head, head_at);
    std::unique_lock lock(mu_);
    engine_ = std::move(engine);
    as_of_ = {built_head, head_at, now};
    return static_cast<size_t>(std::max(0LL, built_head - std::max(0LL, applied)));
  }
  // Read the changed reports without holding readers off, then apply them at once.
  std::vector<storage::AnalyticsChange> changes;
  std::vector<std::pair<Id, std::optional<domain::Report>>> loaded;
  std::vector<std::vector<domain::DataValue>> values;
  {
    auto sql = store_.Lease();
    changes = storage::AnalyticsChangesSince(*sql, applied, static_cast<size_t>(head - applied));
    std::unordered_set<Id> seen;
    storage::ReportsRepo repo(*sql);
    // In sequence order; a report changed twice is read once (as it is now).
    for (const auto& c : changes) {
      if (!seen.insert(c.report_id).second) continue;
      auto r = repo.Get(c.report_id);
      values.push_back(r && r->Submitted() ? storage::ReportValues(*sql, c.report_id)
                                           : std::vector<domain::DataValue>{});
      loaded.push_back({c.report_id, std::move(r)});
    }
  }
  std::unique_lock lock(mu_);
  if (engine_->tree() != tree) engine_->SetTree(tree);
  for (size_t i = 0; i < loaded.size(); ++i) {
    if (loaded[i].second)
      engine_->Put(std::move(*loaded[i].second), values[i]);
    else
      engine_->Remove(loaded[i].first);
  }
  if (!changes.empty()) as_of_ = {changes.back().seq, changes.back().at_ms, now};
  as_of_.checked_at_ms = now;
  return changes.size();
}

AnalyticsIndex::~AnalyticsIndex() {
  {
    std::lock_guard lock(stop_mu_);
    stop_ = true;
  }
  stop_cv_.notify_all();
  if (follower_.joinable()) follower_.join();
}

void AnalyticsIndex::Follow(int interval_ms) {
  if (follower_.joinable()) return;
  follower_ = std::thread([this, interval_ms] {
    // PostgreSQL announces each change at its commit (LISTEN/NOTIFY): the follower catches up
    // at once, and still every `interval_ms` in case an announcement was lost. SQLite: polling.
    std::unique_ptr<storage::ChangeListener> listener;
    try {
      listener = store_.Listen("binhdang_analytics");
    } catch (const std::exception& e) {
      spdlog::warn("analytics: cannot listen for changes, polling: {}", e.what());
    }
    const int slice = listener ? std::min(interval_ms, 100) : interval_ms;
    int64_t last = NowMs();
    std::unique_lock lock(stop_mu_);
    while (!stop_) {
      bool announced = false;
      if (listener) {
        lock.unlock();
        announced = listener->Wait(slice);
        lock.lock();
        if (stop_) break;
      } else if (stop_cv_.wait_for(lock, std::chrono::milliseconds(slice),
                                   [this] { return stop_; })) {
        break;
      }
      if (!announced && NowMs() - last < interval_ms) continue;
      last = NowMs();
      lock.unlock();
      try {
        if (announced) MarkDirty();
        CatchUp();
      } catch (const std::exception& e) {
        // A database gone away: the next round (or read) tries again.
        spdlog::warn("analytics: cannot follow the change log: {}", e.what());
      }
      lock.lock();
    }
  });
}

analytics::EngineMemory AnalyticsIndex::Memory() {
  CatchUp();
  std::shared_lock lock(mu_);
  return engine_->Memory();
}

}  // namespace binhdang::service
