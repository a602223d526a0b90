// Storage conformance: the same tests on every backend (SQLite file, real PostgreSQL server).
#include "storage/store.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <thread>

#include "common/time.h"
#include "service/audit.h"
#include "storage/audit_repo.h"
#include "storage/units_repo.h"
#include "storage/users_repo.h"
#include "support/test_env.h"

namespace binhdang::storage {
namespace {

class StoreConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = testing::TestDatabase::Create(GetParam());
    if (!db_) GTEST_SKIP() << "no " << GetParam() << " database";
    ASSERT_TRUE(db_->store().Migrate().ok());
  }
  Store& store() { return db_->store(); }
  domain::Unit Commune(const std::string& code, Id parent) {
    domain::Unit u;
    u.code = code;
    u.name = "Xã " + code;
    u.full_name = "Xã " + code;
    u.kind = domain::UnitKind::kCommune;
    u.parent_id = parent;
    u.valid_from = Date(2025, 7, 1);
    return u;
  }
  std::unique_ptr<testing::TestDatabase> db_;
};

TEST_P(StoreConformance, MigrateIsIdempotentAndVersioned) {
  const int version = store().SchemaVersion();
  EXPECT_GE(version, 1);
  ASSERT_TRUE(store().Migrate().ok());
  EXPECT_EQ(store().SchemaVersion(), version);
}

TEST_P(StoreConformance, UnitsRoundTripWithNullsAndDates) {
  auto sql = store().Lease();
  UnitsRepo repo(*sql);
  domain::Unit root;
  root.code = "VN";
  root.name = "Việt Nam";
  root.full_name = "Việt Nam";
  root.kind = domain::UnitKind::kCountry;
  const Id root_id = repo.Insert(root, NowMs());
  const Id commune_id = repo.Insert(Commune("00004", root_id), NowMs());
  auto got = repo.Get(commune_id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->full_name, "Xã 00004");
  EXPECT_EQ(got->parent_id, root_id);
  EXPECT_EQ(got->valid_from, Date(2025, 7, 1));
  EXPECT_FALSE(got->valid_to);
  EXPECT_TRUE(got->agency_type.empty());
  EXPECT_EQ(repo.Get(root_id)->parent_id, 0);
  EXPECT_FALSE(repo.Get(987654));
  EXPECT_EQ(repo.Count(), 2);
  EXPECT_EQ(repo.LoadAll().size(), 2u);
}

// Issue 12: a stored value that no longer parses is an error, never a silent default.
TEST_P(StoreConformance, UnknownStoredEnumIsAnErrorNotADefault) {
  auto sql = store().Lease();
  *sql << "INSERT INTO units (code, name, full_name, kind, created_at, updated_at) "
          "VALUES ('zz', 'Hỏng', 'Đơn vị hỏng', 'galaxy', 0, 0)";
  UnitsRepo repo(*sql);
  try {
    repo.LoadAll();
    ADD_FAILURE() << "an unknown unit kind was read as a default";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("galaxy"), std::string::npos) << e.what();
  }
}

TEST_P(StoreConformance, OptimisticConcurrencyOnUpdate) {
  auto sql = store().Lease();
  UnitsRepo repo(*sql);
  domain::Unit u = Commune("1", 0);
  u.id = repo.Insert(u, NowMs());
  u.version = 1;
  u.name = "Tên mới";
  EXPECT_TRUE(repo.Update(u, NowMs()));
  EXPECT_FALSE(repo.Update(u, NowMs())) << "version 1 is stale after the first update";
  EXPECT_EQ(repo.Get(u.id)->version, 2);
  EXPECT_EQ(repo.Get(u.id)->name, "Tên mới");
}

TEST_P(StoreConformance, RolledBackTransactionLeavesNothing) {
  auto sql = store().Lease();
  {
    Transaction tx(*sql, store());
    UnitsRepo(*sql).Insert(Commune("rollback", 0), NowMs());
    // no Commit(): destroyed with an exception-free rollback
  }
  EXPECT_EQ(UnitsRepo(*sql).Count(), 0);
}

TEST_P(StoreConformance, UniqueViolationIsRecognised) {
  auto sql = store().Lease();
  UnitsRepo repo(*sql);
  const Id unit = repo.Insert(Commune("1", 0), NowMs());
  UsersRepo users(*sql);
  domain::User u;
  u.username = "same";
  u.full_name = "A";
  u.unit_id = unit;
  u.roles = {domain::Role::kViewer};
  users.Insert(u, "hash", NowMs());
  try {
    users.Insert(u, "hash", NowMs());
    FAIL() << "a duplicate username was accepted";
  } catch (const soci::soci_error& e) {
    EXPECT_TRUE(IsUniqueViolation(e)) << e.what();
  }
}

TEST_P(StoreConformance, ForeignKeysAreEnforced) {
  auto sql = store().Lease();
  EXPECT_THROW(UnitsRepo(*sql).Insert(Commune("orphan", 424242), NowMs()), soci::soci_error);
}

TEST_P(StoreConformance, SessionsLifecycle) {
  auto sql = store().Lease();
  const Id unit = UnitsRepo(*sql).Insert(Commune("1", 0), NowMs());
  UsersRepo users(*sql);
  domain::User u;
  u.username = "s";
  u.full_name = "S";
  u.unit_id = unit;
  u.roles = {domain::Role::kPlanner, domain::Role::kViewer};
  u.id = users.Insert(u, "h", 1000);
  EXPECT_EQ(users.Get(u.id)->user.roles, u.roles);
  users.InsertSession({"tok", u.id, "csrf", 1000, 1000, 5000});
  ASSERT_TRUE(users.FindSession("tok"));
  EXPECT_EQ(users.FindSession("tok")->csrf_token, "csrf");
  users.DeleteExpiredSessions(6000);
  EXPECT_FALSE(users.FindSession("tok"));
  users.RecordLoginFailure(u.id);
  users.RecordLoginFailure(u.id);
  EXPECT_EQ(users.Get(u.id)->failed_logins, 2);
  // Sign-in throttles: a window of counted attempts that restarts after its cutoff.
  EXPECT_EQ(users.ReserveAttempt("a:1", 1000, 0).attempts, 1);
  EXPECT_EQ(users.ReserveAttempt("a:1", 1100, 0).attempts, 2);
  users.RefundAttempt("a:1");
  EXPECT_EQ(users.PeekAttempts("a:1")->attempts, 1);
  auto restarted = users.ReserveAttempt("a:1", 9000, 5000);
  EXPECT_EQ(restarted.attempts, 1);
  EXPECT_EQ(restarted.window_start_ms, 9000);
  users.ClearAttempts("a:1");
  EXPECT_FALSE(users.PeekAttempts("a:1"));
  EXPECT_EQ(users.MetaValueOr("k", "first"), "first");
  EXPECT_EQ(users.MetaValueOr("k", "second"), "first");
  // Role grants: pending until decided once.
  RoleGrant g;
  g.user_id = u.id;
  g.role = domain::Role::kCaseWorker;
  g.reason = "r";
  g.requested_by = u.id;
  g.requested_ms = 100;
  g.id = users.InsertGrant(g);
  ASSERT_EQ(users.PendingGrants(u.id).size(), 1u);
  EXPECT_TRUE(users.DecideGrant(g.id, "approved", u.id, 200));
  EXPECT_FALSE(users.DecideGrant(g.id, "rejected", u.id, 300));
  EXPECT_EQ(users.GetGrant(g.id)->status, "approved");
  EXPECT_EQ(users.GetGrant(g.id)->decided_ms, 200);
  EXPECT_TRUE(users.PendingGrants().empty());
}

TEST_P(StoreConformance, AuditLogIsChainedAndAppendOnly) {
  {
    auto sql = store().Lease();
    for (int i = 0; i < 5; ++i) {
      Transaction tx(*sql, store());
      domain::AuditEntry e;
      e.at_ms = 1000 + i;
      e.username = "u";
      e.action = "test.write";
      e.object_type = "thing";
      e.object_id = std::to_string(i);
      e.outcome = "ok";
      AuditRepo(*sql, store()).Append(e);
      tx.Commit();
    }
  }
  auto sql = store().Lease();
  AuditRepo repo(*sql, store());
  long long n = 0;
  EXPECT_FALSE(repo.Verify(&n));
  EXPECT_EQ(n, 5);
  auto list = repo.List({});
  ASSERT_EQ(list.size(), 5u);
  EXPECT_EQ(list[0].object_id, "4") << "newest first";
  EXPECT_EQ(list[0].prev_hash, list[1].hash);
  EXPECT_THROW(*sql << "UPDATE audit_log SET detail = 'tampered'", soci::soci_error);
  EXPECT_THROW(*sql << "DELETE FROM audit_log", soci::soci_error);
}

TEST_P(StoreConformance, TamperingIsDetected) {
  auto sql = store().Lease();
  for (int i = 0; i < 3; ++i) {
    Transaction tx(*sql, store());
    domain::AuditEntry e;
    e.action = "a";
    e.object_id = std::to_string(i);
    AuditRepo(*sql, store()).Append(e);
    tx.Commit();
  }
  // Someone with database access drops the guard and edits the middle entry.
  if (store().backend() == Backend::kSqlite) {
    *sql << "DROP TRIGGER audit_log_no_update";
  } else {
    *sql << "DROP TRIGGER audit_log_no_change ON audit_log";
  }
  *sql << "UPDATE audit_log SET object_id = 'forged' WHERE object_id = '1'";
  long long n = 0;
  auto bad = AuditRepo(*sql, store()).Verify(&n);
  ASSERT_TRUE(bad);
  EXPECT_EQ(n, 2);
}

TEST_P(StoreConformance, ConcurrentAuditAppendsKeepTheChain) {
  constexpr int kThreads = 4, kEach = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < kEach; ++i) {
        auto sql = store().Lease();
        Transaction tx(*sql, store());
        domain::AuditEntry e;
        e.action = "concurrent";
        e.object_id = std::to_string(t) + ":" + std::to_string(i);
        AuditRepo(*sql, store()).Append(e);
        tx.Commit();
      }
    });
  }
  for (auto& th : threads) th.join();
  auto sql = store().Lease();
  long long n = 0;
  EXPECT_FALSE(AuditRepo(*sql, store()).Verify(&n));
  EXPECT_EQ(n, kThreads * kEach);
}

TEST_P(StoreConformance, CountersForCacheInvalidation) {
  auto sql = store().Lease();
  EXPECT_EQ(ReadCounter(*sql, "x"), 0);
  BumpCounter(*sql, "x");
  BumpCounter(*sql, "x");
  EXPECT_EQ(ReadCounter(*sql, "x"), 2);
}

// Issue 12: Lease() blocked forever once every connection was held (a thread holding one and
// waiting for a second could hang the server). It waits at most the lease timeout, then throws
// LeaseTimeout, which the HTTP layer answers with 503 and a Vietnamese message.
TEST_P(StoreConformance, LeaseWaitsAtMostTheTimeoutThenFailsAsUnavailable) {
  auto small = db_->Open(1);
  small->set_lease_timeout(std::chrono::milliseconds(150));
  EXPECT_EQ(LeasesHeldByThisThread(), 0);
  auto held = small->Lease();
  EXPECT_EQ(LeasesHeldByThisThread(), 1);
  std::optional<Error> error;
  double waited_ms = 0;
  std::thread other([&] {
    const auto start = std::chrono::steady_clock::now();
    try {
      auto second = small->Lease();
      ADD_FAILURE() << "a second connection from a pool of one";
    } catch (const std::exception& e) {
      error = UnavailableError(e);
      EXPECT_FALSE(ConstraintError(e));
    }
    waited_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(LeasesHeldByThisThread(), 0);
  });
  other.join();
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::kUnavailable);
  EXPECT_EQ(error->retry_after_s, 1);
  EXPECT_NE(error->message.vi.find("Máy chủ đang bận"), std::string::npos);
  EXPECT_GE(waited_ms, 140);
  held.reset();
  EXPECT_EQ(LeasesHeldByThisThread(), 0);
  // Given back, the connection serves the next lease, on any thread.
  std::thread again([&] {
    auto sql = small->Lease();
    int one = 0;
    *sql << "SELECT 1", soci::into(one);
    EXPECT_EQ(one, 1);
  });
  again.join();
}

#ifndef NDEBUG
// "Never two leases on one thread" (store.h) is asserted in debug builds.
TEST_P(StoreConformance, TwoLeasesOnOneThreadAbortInDebugBuilds) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        auto first = store().Lease();
        auto second = store().Lease();
      },
      "never two leases on one thread");
}
#endif

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformance, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

TEST(SqliteStore, OnlineBackupIsAConsistentCopy) {
  auto db = testing::TestDatabase::Create("sqlite");
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->store().Migrate().ok());
  {
    auto sql = db->store().Lease();
    domain::Unit u;
    u.code = "01";
    u.name = u.full_name = "Hà Nội";
    u.kind = domain::UnitKind::kProvince;
    UnitsRepo(*sql).Insert(u, NowMs());
  }
  const std::string copy = db->url().substr(7) + ".backup";
  ASSERT_TRUE(db->store().Backup(copy).ok());
  EXPECT_FALSE(db->store().Backup(copy).ok()) << "never overwrites";
  auto restored = Store::Open("sqlite:" + copy, 1);
  ASSERT_TRUE(restored.ok());
  auto sql = (*restored)->Lease();
  EXPECT_EQ(UnitsRepo(*sql).Count(), 1);
  EXPECT_EQ(UnitsRepo(*sql).LoadAll()[0].name, "Hà Nội");
}

TEST(StoreOpen, RejectsUnknownUrls) {
  auto s = Store::Open("mysql://x");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace binhdang::storage
