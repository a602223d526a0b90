// Store: the one seam between binhdang and its database. Two real backends implement it,
// sqlite/ (embedded default) and postgres/ (several servers, one primary). Both speak SQL
// through SOCI; what differs — connecting, pragmas, column types, locking, backup — lives in
// the backend's folder. Repositories (units_repo.h, users_repo.h, ...) hold the queries, written
// once in SQL both engines accept, and take a leased session.
#pragma once

#include <soci/connection-pool.h>
#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "common/result.h"

namespace binhdang::storage {

enum class Backend { kSqlite, kPostgres };

//! Wakes a follower when another connection commits a change announced on a channel.
class ChangeListener {
 public:
  virtual ~ChangeListener() = default;
  //! Waits at most `timeout_ms`; true iff at least one announcement arrived (all pending ones
  //! are consumed). A lost connection is retried on a later call; meanwhile it answers false.
  virtual bool Wait(int timeout_ms) = 0;
};

//! Gives a leased connection back to its pool (the deleter of Connection).
struct ConnectionReturn {
  soci::connection_pool* pool = nullptr;
  size_t position = 0;
  void operator()(soci::session* session) const;
};

//! A leased connection: returned to the pool when destroyed, on the thread that leased it.
using Connection = std::unique_ptr<soci::session, ConnectionReturn>;

//! Thrown by Store::Lease() when no connection came free within the lease timeout: the server
//! is saturated (or a thread broke the one-lease rule). The HTTP layer answers 503 with
//! Retry-After (UnavailableError below); nothing of the request was written.
class LeaseTimeout : public std::runtime_error {
 public:
  explicit LeaseTimeout(std::chrono::milliseconds waited);
};

//! How many connections the calling thread holds now (0 or 1 when the rule below holds).
int LeasesHeldByThisThread();

class Store {
 public:
  virtual ~Store() = default;

  //! Opens a store from a URL: "sqlite:PATH" (or a path ending in .db) or "postgresql://…".
  //! `pool_size` connections are opened lazily by the backend. Fails with kInvalidArgument on
  //! an unknown scheme and kInternal when the database cannot be reached.
  static Result<std::unique_ptr<Store>> Open(const std::string& url, size_t pool_size = 8);

  virtual Backend backend() const = 0;
  //! "sqlite" or "postgresql".
  virtual std::string_view name() const = 0;

  //! Leases a connection; waits while all are in use, at most lease_timeout(), then throws
  //! LeaseTimeout. Thread-safe.
  //!
  //! Never two leases on one thread: a thread that holds a connection and asks for another
  //! (directly, or through a service or UnitDirectory::Tree() that leases) can deadlock the pool
  //! once every connection is held by a thread waiting for a second. Release the first (end its
  //! scope) or take what the second would read before leasing. Debug builds assert the rule.
  virtual Connection Lease() = 0;

  //! How long Lease() waits for a free connection (default 10 s).
  std::chrono::milliseconds lease_timeout() const {
    return std::chrono::milliseconds(lease_timeout_ms_.load());
  }
  void set_lease_timeout(std::chrono::milliseconds timeout) {
    lease_timeout_ms_.store(static_cast<int>(timeout.count()));
  }

  //! Statement that starts a write transaction: SQLite takes the write lock at once so that
  //! two writers never deadlock on upgrade.
  virtual const char* BeginWriteSql() const = 0;
  //! Suffix that locks the selected rows until commit (" FOR UPDATE"), or "" where the
  //! write transaction already serialises writers.
  virtual const char* ForUpdateSql() const = 0;
  //! Replaces the type tokens of a portable DDL statement (${id}, ${bigint}, ${text}).
  virtual std::string Ddl(std::string_view portable) const = 0;

  //! Applies every migration not yet applied, each in its own transaction. Idempotent.
  Status Migrate();
  //! The highest applied migration version; 0 on an empty database.
  int SchemaVersion();

  //! A listener on `channel`, on a connection of its own; null where the engine announces
  //! nothing (SQLite: followers poll).
  virtual std::unique_ptr<ChangeListener> Listen(const std::string& channel);
  //! Writes a consistent copy of a live database to `path` (a file that must not exist).
  //! Only embedded backends can; others answer kInvalidArgument.
  virtual Status Backup(const std::string& path);

 protected:
  //! Backend-only statements of migration `version` (triggers, functions), run after the
  //! portable ones of the same version.
  virtual std::vector<std::string> BackendMigration(int version) const = 0;
  //! Lease() of a backend that keeps its sessions in `pool`: the timeout and the one-lease rule.
  Connection LeaseFrom(soci::connection_pool& pool);

 private:
  std::atomic<int> lease_timeout_ms_{10'000};
};

//! A write transaction on a leased connection. Rolls back unless Commit() was called.
class Transaction {
 public:
  Transaction(soci::session& sql, const Store& store);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void Commit();

 private:
  soci::session& sql_;
  bool done_ = false;
};

//! True iff `e` reports a violated UNIQUE or PRIMARY KEY constraint, on either engine.
bool IsUniqueViolation(const soci::soci_error& e);

//! The expected failure a database exception stands for, when it stands for one: a violated
//! UNIQUE / PRIMARY KEY constraint (the loser of a race to create the same thing) is kConflict,
//! a violated FOREIGN KEY, NOT NULL or CHECK constraint is kInvalidArgument. nullopt for
//! anything else (a database gone away, a bug), which stays an exception. The transaction that
//! hit the violation has been rolled back by its Transaction's destructor by the time the error
//! reaches the caller, so nothing of the request was written.
std::optional<Error> ConstraintError(const std::exception& e);

//! kUnavailable (503, Retry-After 1 s, a Vietnamese message) when `e` is a LeaseTimeout;
//! nullopt otherwise.
std::optional<Error> UnavailableError(const std::exception& e);

}  // namespace binhdang::storage
