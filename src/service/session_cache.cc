#include "service/session_cache.h"

namespace binhdang::service {

std::optional<SessionCache::Entry> SessionCache::Find(const std::string& token_hash,
                                                      int64_t now_ms) const {
  if (ttl_ms_ <= 0) return std::nullopt;
  std::lock_guard lock(mu_);
  auto it = slots_.find(token_hash);
  if (it == slots_.end() || now_ms - it->second.read_ms >= ttl_ms_ || now_ms < it->second.read_ms)
    return std::nullopt;
  return it->second.entry;
}

void SessionCache::Put(const std::string& token_hash, Entry entry, int64_t read_ms,
                       uint64_t generation) {
  if (ttl_ms_ <= 0) return;
  std::lock_guard lock(mu_);
  if (generation != generation_.load(std::memory_order_acquire)) return;
  if (slots_.size() >= max_entries_) {
    std::erase_if(slots_, [&](const auto& kv) { return read_ms - kv.second.read_ms >= ttl_ms_; });
    if (slots_.size() >= max_entries_) slots_.clear();
  }
  slots_.insert_or_assign(token_hash, Slot{std::move(entry), read_ms});
}

void SessionCache::Touch(const std::string& token_hash, int64_t now_ms) {
  std::lock_guard lock(mu_);
  auto it = slots_.find(token_hash);
  if (it != slots_.end()) it->second.entry.session.last_seen_ms = now_ms;
}

void SessionCache::Forget(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  generation_.fetch_add(1, std::memory_order_acq_rel);
  slots_.erase(token_hash);
}

void SessionCache::Clear() {
  std::lock_guard lock(mu_);
  generation_.fetch_add(1, std::memory_order_acq_rel);
  slots_.clear();
}

}  // namespace binhdang::service
