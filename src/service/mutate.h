// Mutate: the one write path of the services. A use case that changes the database hands its
// read–check–write to Mutate, which
//   1. refuses a caller that is neither signed in nor the system (kUnauthenticated);
//   2. leases one connection and opens the write transaction (SQLite: BEGIN IMMEDIATE, which
//      serialises writers; PostgreSQL: BEGIN, and the body's re-reads lock their rows with
//      Mutation::lock(), " FOR UPDATE");
//   3. runs the body, which re-reads what it changes inside the transaction, runs the domain
//      checks on what it read, writes the change and its audit record (Mutation::Audit), and
//      returns the object re-read inside the same transaction;
//   4. commits when the body succeeded and wrote at least one audit record, and rolls back
//      otherwise, so an error (or a bug that forgot the audit record) leaves nothing written;
//   5. turns a constraint the database enforced into an expected error on both engines
//      (storage::ConstraintError: unique / primary key → kConflict, foreign key, not null,
//      check → kInvalidArgument), after the rollback.
// The caller gets the object as committed: a handler makes one service call, and nothing is
// read again after the commit.
//
// Every write of a use case goes through Mutate: plans, activities, reports, templates, users,
// units and agency sets, bulk imports, indicators and targets, cases and everything on them
// (reads of a case are writes too: the access log and the audit record), the service directory,
// calendar feeds and notifications. Outside it, by design, only what has no caller yet or is not
// a use case: signing in (service/sessions.cc: the attempt counters are reserved before the
// password is checked, and the caller exists only after), the login guard's secret, the schema
// migrations and the reference data the bootstrap writes before the first start.
//
// Connections (storage/store.h): the body runs on the one leased connection and must not lease
// another, directly or through a service — take what it needs from UnitDirectory::Tree() and
// other services before calling Mutate.
#pragma once

#include <soci/soci.h>

#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

#include "common/result.h"
#include "common/time.h"
#include "service/audit.h"
#include "service/context.h"
#include "storage/store.h"

namespace binhdang::service {

//! The open write transaction a Mutate body works in. Borrowed by the body for its duration.
class Mutation {
 public:
  Mutation(soci::session& sql, const storage::Store& store, const Caller& caller)
      : sql_(sql), store_(store), caller_(caller), now_ms_(NowMs()) {}
  Mutation(const Mutation&) = delete;
  Mutation& operator=(const Mutation&) = delete;

  //! The transaction's connection, for repositories.
  soci::session& sql() { return sql_; }
  const storage::Store& store() const { return store_; }
  const Caller& caller() const { return caller_; }
  //! Suffix of a re-read that locks its rows until commit (" FOR UPDATE" on PostgreSQL; "" on
  //! SQLite, whose write transaction already holds the database's write lock).
  const char* lock() const { return store_.ForUpdateSql(); }
  //! One clock reading for the whole write: every row it stamps carries the same time.
  int64_t now_ms() const { return now_ms_; }

  //! Appends the audit record of the change, in this transaction. A write commits only after
  //! at least one.
  void Audit(const AuditRecord& record);
  int audited() const { return audited_; }

 private:
  soci::session& sql_;
  const storage::Store& store_;
  const Caller& caller_;
  int64_t now_ms_;
  int audited_ = 0;
};

namespace internal {
//! Steps 1–5 above for a body that returns a Status.
Status RunMutation(storage::Store& store, const Caller& caller,
                   const std::function<Status(Mutation&)>& body);
}  // namespace internal

//! Runs `body(Mutation&)` in one write transaction as described at the top of this file.
//! `body` returns a Status or a Result<T>; Mutate returns the same type: the body's error, an
//! error of Mutate's own (kUnauthenticated, a constraint), or the body's value once committed.
//! Exceptions other than constraint violations (a database gone away, a bug) propagate, after
//! the rollback, to the handler boundary.
template <typename Body>
auto Mutate(storage::Store& store, const Caller& caller, Body&& body)
    -> std::invoke_result_t<Body&, Mutation&> {
  using R = std::invoke_result_t<Body&, Mutation&>;
  if constexpr (std::is_same_v<R, Status>) {
    return internal::RunMutation(store, caller, body);
  } else {
    std::optional<R> out;
    Status status = internal::RunMutation(store, caller, [&](Mutation& m) -> Status {
      out.emplace(body(m));
      if (!out->ok()) return out->error();
      return Ok();
    });
    if (!status.ok()) return R(status.take_error());
    return std::move(*out);
  }
}

}  // namespace binhdang::service
