// A short-lived, in-memory copy of recently checked sessions, so that a signed-in request does
// not need a database query. Sessions stay in the database (any server answers any request);
// what another server changes there is seen here once the copy is older than its time to live
// (at most a second), and what this server changes is seen at once (Forget / Clear).
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "domain/user.h"
#include "storage/users_repo.h"

namespace binhdang::service {

class SessionCache {
 public:
  struct Entry {
    storage::SessionRecord session;
    domain::User user;
  };

  //! Entries older than `ttl_ms` are not returned; 0 turns the cache off. At most
  //! `max_entries` are kept (when full, expired ones go, then everything).
  explicit SessionCache(int64_t ttl_ms = 1000, size_t max_entries = 100000)
      : ttl_ms_(ttl_ms), max_entries_(max_entries) {}

  //! The counter to pass to Put: take it before reading the database, so that a read that
  //! raced a Clear() is not stored.
  uint64_t Generation() const { return generation_.load(std::memory_order_acquire); }

  //! The entry for a token hash read at most ttl_ms before `now_ms`. Thread-safe.
  std::optional<Entry> Find(const std::string& token_hash, int64_t now_ms) const;
  //! Stores what the database said at `read_ms`, unless Clear() ran since `generation`.
  void Put(const std::string& token_hash, Entry entry, int64_t read_ms, uint64_t generation);
  //! Notes that the session's idle clock was moved in the database.
  void Touch(const std::string& token_hash, int64_t now_ms);
  //! Drops one session (signed out here).
  void Forget(const std::string& token_hash);
  //! Drops every entry: a user was changed on this server (deactivated, roles or password
  //! changed, sessions deleted) and must be read again.
  void Clear();

  int64_t ttl_ms() const { return ttl_ms_; }

 private:
  struct Slot {
    Entry entry;
    int64_t read_ms;
  };
  const int64_t ttl_ms_;
  const size_t max_entries_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Slot> slots_;
  std::atomic<uint64_t> generation_{0};
};

}  // namespace binhdang::service
