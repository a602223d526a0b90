// Mutate, the one write path (service/mutate.h), on both engines: it commits a write with its
// audit record, and leaves nothing written when the body fails, forgets the audit record or
// meets a database constraint — which comes back as kConflict / kInvalidArgument, not a throw.
#include "service/mutate.h"

#include <gtest/gtest.h>

#include "storage/units_repo.h"
#include "storage/users_repo.h"
#include "support/test_env.h"

namespace binhdang::service {
namespace {

class MutateTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = testing::TestDatabase::Create(GetParam());
    if (!db_) GTEST_SKIP() << "no " << GetParam() << " database";
    ASSERT_TRUE(store().Migrate().ok());
    auto sql = store().Lease();
    domain::Unit root;
    root.code = "VN";
    root.name = root.full_name = "Việt Nam";
    root.kind = domain::UnitKind::kCountry;
    unit_ = storage::UnitsRepo(*sql).Insert(root, NowMs());
    admin_.id = 1;
    admin_.username = "admin";
    admin_.roles = {domain::Role::kAdmin};
    caller_.user = admin_;
  }
  storage::Store& store() { return db_->store(); }
  long long Count(const std::string& table) {
    auto sql = store().Lease();
    long long n = 0;
    *sql << "SELECT count(*) FROM " + table, soci::into(n);
    return n;
  }
  domain::User NewUser(const std::string& username, Id unit) {
    domain::User u;
    u.username = username;
    u.full_name = "Người " + username;
    u.unit_id = unit;
    u.roles = {domain::Role::kViewer};
    return u;
  }
  // Inserts `user` and its audit record through Mutate; returns the id re-read inside.
  Result<Id> InsertUser(const domain::User& user) {
    return Mutate(store(), caller_, [&](Mutation& m) -> Result<Id> {
      storage::UsersRepo repo(m.sql());
      const Id id = repo.Insert(user, "hash", m.now_ms());
      m.Audit({"user.create", "user", IdToString(id), user.unit_id, "ok", user.username});
      auto reread = repo.Get(id);
      if (!reread) return Error::NotFound("người dùng", "User");
      return reread->user.id;
    });
  }

  std::unique_ptr<testing::TestDatabase> db_;
  Id unit_ = 0;
  domain::User admin_;
  Caller caller_;
};

TEST_P(MutateTest, CommitsTheChangeWithItsAuditRecordAndReturnsTheReRead) {
  const long long audits = Count("audit_log");
  auto id = InsertUser(NewUser("an", unit_));
  ASSERT_TRUE(id.ok()) << id.error().message.en;
  EXPECT_GT(*id, 0);
  EXPECT_EQ(Count("users"), 1);
  EXPECT_EQ(Count("audit_log"), audits + 1);
}

TEST_P(MutateTest, AnErrorOfTheBodyLeavesNothingWritten) {
  const long long audits = Count("audit_log");
  Status s = Mutate(store(), caller_, [&](Mutation& m) -> Status {
    storage::UsersRepo(m.sql()).Insert(NewUser("binh", unit_), "hash", m.now_ms());
    m.Audit({"user.create", "user", "", unit_, "ok", "binh"});
    return Error::Invalid("x", "sai", "wrong");
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Count("users"), 0);
  EXPECT_EQ(Count("audit_log"), audits);
}

TEST_P(MutateTest, AWriteWithoutAnAuditRecordIsRolledBack) {
  Status s = Mutate(store(), caller_, [&](Mutation& m) -> Status {
    storage::UsersRepo(m.sql()).Insert(NewUser("chi", unit_), "hash", m.now_ms());
    return Ok();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInternal);
  EXPECT_EQ(Count("users"), 0);
}

TEST_P(MutateTest, AUniqueViolationIsAConflictAndRolledBack) {
  ASSERT_TRUE(InsertUser(NewUser("dung", unit_)).ok());
  const long long audits = Count("audit_log");
  auto again = InsertUser(NewUser("dung", unit_));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Count("users"), 1);
  EXPECT_EQ(Count("audit_log"), audits);
  // The connection went back to the pool clean: the next write works.
  EXPECT_TRUE(InsertUser(NewUser("giang", unit_)).ok());
}

TEST_P(MutateTest, AForeignKeyViolationIsInvalidInput) {
  auto orphan = InsertUser(NewUser("ha", unit_ + 1000));
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Count("users"), 0);
}

TEST_P(MutateTest, AnAnonymousCallerWritesNothing) {
  bool ran = false;
  Status s = Mutate(store(), Caller{}, [&](Mutation&) -> Status {
    ran = true;
    return Ok();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kUnauthenticated);
  EXPECT_FALSE(ran);
}

TEST_P(MutateTest, TheBodyHoldsTheThreadsOnlyLease) {
  EXPECT_EQ(storage::LeasesHeldByThisThread(), 0);
  Status s = Mutate(store(), Caller::System(), [&](Mutation& m) -> Status {
    EXPECT_EQ(storage::LeasesHeldByThisThread(), 1);
    m.Audit({"test", "test", "", 0, "ok", ""});
    return Ok();
  });
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(storage::LeasesHeldByThisThread(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, MutateTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace binhdang::service
