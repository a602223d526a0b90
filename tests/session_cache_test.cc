// Sessions are cached in memory for at most a second (issue 10, speed): two servers on one
// database, SQLite and PostgreSQL. What one server changes — a user deactivated, a session
// ended, a role or a password changed — stops working on the other within a second, and at
// once on the server that made the change.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "service/bootstrap.h"
#include "support/test_env.h"

namespace binhdang::testing {
namespace {

class SessionCacheTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = TestDatabase::Create(GetParam());
    if (!db_) GTEST_SKIP() << "no " << GetParam() << " server";
    auto boot =
        service::Bootstrap(db_->store(), {BINHDANG_RESOURCE_DIR, "admin-Secret-1", true, false});
    ASSERT_TRUE(boot.ok()) << boot.error().message.en;
    second_store_ = db_->Open();
    a_ = std::make_unique<service::Services>(db_->store(), true);
    b_ = std::make_unique<service::Services>(*second_store_, true);
    a_->directory.Reload();
    b_->directory.Reload();
    auto admin = a_->sessions.Login("admin", "admin-Secret-1", {"127.0.0.1", ""});
    ASSERT_TRUE(admin.ok());
    admin_.user = admin->user;
    admin_.address = "127.0.0.1";
    auto user = a_->users.Create(
        admin_, {"cache.user", "Người thử", "cache-pass-2025", admin->user.unit_id, {"planner"}});
    ASSERT_TRUE(user.ok()) << user.error().message.en;
    user_ = *user;
    auto in = a_->sessions.Login("cache.user", "cache-pass-2025", {"127.0.0.2", ""});
    ASSERT_TRUE(in.ok());
    token_ = in->token;
    // Both servers have the session in their caches now.
    ASSERT_TRUE(a_->sessions.Authenticate(token_).ok());
    ASSERT_TRUE(b_->sessions.Authenticate(token_).ok());
  }

  // True when `server` refuses the token within a second and a bit of slack for the test.
  static bool RefusedWithinASecond(service::Services& server, const std::string& token) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(1100);
    while (std::chrono::steady_clock::now() < deadline) {
      if (!server.sessions.Authenticate(token).ok()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return !server.sessions.Authenticate(token).ok();
  }

  service::UserPatch Patch() const {
    service::UserPatch p;
    p.version = user_.version;
    return p;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<storage::Store> second_store_;
  std::unique_ptr<service::Services> a_, b_;
  service::Caller admin_;
  domain::User user_;
  std::string token_;
};

TEST_P(SessionCacheTest, DeactivatedUserStopsOnBothServersWithinASecond) {
  auto patch = Patch();
  patch.active = false;
  ASSERT_TRUE(a_->users.Update(admin_, user_.id, patch).ok());
  EXPECT_FALSE(a_->sessions.Authenticate(token_).ok());  // at once where it was changed
  EXPECT_TRUE(RefusedWithinASecond(*b_, token_));
}

TEST_P(SessionCacheTest, EndedSessionStopsOnBothServersWithinASecond) {
  service::Caller me;
  me.user = user_;
  b_->sessions.Logout(token_, me);
  EXPECT_FALSE(b_->sessions.Authenticate(token_).ok());
  EXPECT_TRUE(RefusedWithinASecond(*a_, token_));
}

TEST_P(SessionCacheTest, PasswordChangeEndsSessionsOnBothServersWithinASecond) {
  auto patch = Patch();
  patch.password = "another-pass-2026";
  ASSERT_TRUE(b_->users.Update(admin_, user_.id, patch).ok());
  EXPECT_FALSE(b_->sessions.Authenticate(token_).ok());
  EXPECT_TRUE(RefusedWithinASecond(*a_, token_));
}

TEST_P(SessionCacheTest, ChangedRoleIsSeenOnBothServersWithinASecond) {
  auto patch = Patch();
  patch.roles = std::vector<std::string>{"viewer"};
  ASSERT_TRUE(b_->users.Update(admin_, user_.id, patch).ok());
  auto here = b_->sessions.Authenticate(token_);
  ASSERT_TRUE(here.ok());
  EXPECT_FALSE(here->user.Has(domain::Role::kPlanner));
  EXPECT_TRUE(here->user.Has(domain::Role::kViewer));
  std::this_thread::sleep_for(std::chrono::milliseconds(1050));
  auto there = a_->sessions.Authenticate(token_);
  ASSERT_TRUE(there.ok());
  EXPECT_FALSE(there->user.Has(domain::Role::kPlanner));
  EXPECT_TRUE(there->user.Has(domain::Role::kViewer));
}

TEST_P(SessionCacheTest, UnknownTokenIsRefusedAndNotCached) {
  EXPECT_FALSE(a_->sessions.Authenticate("no-such-token").ok());
  EXPECT_FALSE(a_->sessions.Authenticate("no-such-token").ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionCacheTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace binhdang::testing
