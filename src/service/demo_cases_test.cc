#include "service/demo_cases.h"

#include <gtest/gtest.h>

#include "common/crypto.h"
#include "service/bootstrap.h"
#include "storage/users_repo.h"
#include "support/test_env.h"

namespace binhdang::service {
namespace {

const std::string kDemoCasesPath = std::string(BINHDANG_RESOURCE_DIR) + "/demo/cases.json";

class DemoCasesTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = testing::TestDatabase::Create(GetParam());
    if (!db_) GTEST_SKIP() << "no " << GetParam();
    auto boot = Bootstrap(db_->store(), {BINHDANG_RESOURCE_DIR, "admin-Secret-1", true});
    ASSERT_TRUE(boot.ok()) << boot.error().message.en;
    ASSERT_TRUE(boot->seeded_demo);
    services_ = std::make_unique<Services>(db_->store(), true);
    services_->directory.Reload();
  }

  long long Scalar(const std::string& query) {
    auto sql = db_->store().Lease();
    long long n = -1;
    *sql << query, soci::into(n);
    return n;
  }

  std::unique_ptr<testing::TestDatabase> db_;
  std::unique_ptr<Services> services_;
};

TEST_P(DemoCasesTest, SeedsTwelveFictitiousCasesUnderTheDemoUnitOnlyOnce) {
  ASSERT_TRUE(services_->cases.UseKey(crypto::RandomBytes(crypto::kAeadKeyBytes)).ok());
  auto first = SeedDemoCases(*services_, kDemoCasesPath, "demo-Secret-1");
  ASSERT_TRUE(first.ok()) << first.error().message.vi;
  EXPECT_EQ(first->cases, 12);
  EXPECT_EQ(first->users, (std::vector<std::string>{"canbo.vuviec.minhhoa", "giamsat.minhhoa"}));
  const Id unit = first->unit_id;
  auto tree = services_->directory.Tree();
  ASSERT_NE(tree->Find(unit), nullptr);
  EXPECT_EQ(tree->Find(unit)->full_name, "Xã Minh Họa (đơn vị minh họa)");
  EXPECT_EQ(tree->Find(unit)->kind, domain::UnitKind::kCommune);
  EXPECT_EQ(tree->Find(tree->Find(unit)->parent_id)->full_name, "Tỉnh Lai Châu");

  auto second = SeedDemoCases(*services_, kDemoCasesPath, "demo-Secret-1");
  ASSERT_TRUE(second.ok()) << second.error().message.vi;
  EXPECT_EQ(second->cases, 0);
  EXPECT_TRUE(second->users.empty());
  EXPECT_EQ(second->unit_id, unit) << "the demo unit is found, not made again";
  EXPECT_EQ(Scalar("SELECT count(*) FROM units WHERE full_name = 'Xã Minh Họa (đơn vị minh họa)'"),
            1);

  // Every case of the database is a demo case, under the demo unit.
  EXPECT_EQ(Scalar("SELECT count(*) FROM cases"), 12);
  EXPECT_EQ(Scalar("SELECT count(*) FROM cases WHERE unit_id = " + IdToString(unit)), 12);
  EXPECT_EQ(Scalar("SELECT count(*) FROM cases WHERE status = 'closure_requested'"), 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM cases WHERE status = 'in_progress'"), 9);
  EXPECT_EQ(Scalar("SELECT count(*) FROM cases WHERE consent_to_count = 0"), 2)
      << "two survivors did not consent to be counted";
  EXPECT_EQ(Scalar("SELECT count(*) FROM case_incidents WHERE reported_by = 'survivor'"), 5);

  // The demo case worker sees them all, each with its care; every survivor is marked invented.
  // The lease is returned before the services are called (one lease a thread).
  auto [worker, supervisor] = [&] {
    auto sql = db_->store().Lease();
    return std::pair(storage::UsersRepo(*sql).FindByUsername("canbo.vuviec.minhhoa"),
                     storage::UsersRepo(*sql).FindByUsername("giamsat.minhhoa"));
  }();
  ASSERT_TRUE(worker && supervisor);
  EXPECT_EQ(worker->user.unit_id, unit);
  EXPECT_TRUE(worker->user.Has(domain::Role::kCaseWorker));
  EXPECT_TRUE(supervisor->user.Has(domain::Role::kCaseSupervisor));
  const Caller as_worker{worker->user, "test", false, false};
  auto mine = services_->cases.Mine(as_worker, {100, 0});
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->items.size(), 12u);
  int no_contact_by_chairman = 0, countdowns = 0, awaiting = 0;
  for (const auto& item : mine->items) {
    auto view = services_->cases.Get(as_worker, item.record.id);
    ASSERT_TRUE(view.ok());
    EXPECT_EQ(view->record.unit_id, unit);
    EXPECT_EQ(view->incidents.size(), 1u);
    EXPECT_FALSE(view->measures.empty());
    ASSERT_EQ(view->referrals.size(), 1u);
    EXPECT_TRUE(view->referrals[0].consent);
    EXPECT_EQ(view->followups.size(), 1u);
    EXPECT_EQ(view->members.size(), 1u) << "the demo supervisor is named on it";
    for (const auto& m : view->measures) {
      if (m.measure.type == "no_contact" && m.measure.authority == "commune_chairman") {
        ++no_contact_by_chairman;
        if (m.measure.status == "requested" && m.clock.decision_due_ms) ++countdowns;
      }
    }
    auto identity = services_->cases.Identity(as_worker, item.record.id);
    ASSERT_TRUE(identity.ok());
    EXPECT_NE(identity->full_name.find("(hư cấu)"), std::string::npos) << identity->full_name;
    EXPECT_TRUE(identity->phone.starts_with("0000")) << identity->phone;
    const Caller as_supervisor{supervisor->user, "test", false, false};
    auto seen = services_->cases.Get(as_supervisor, item.record.id);
    ASSERT_TRUE(seen.ok());
    if (seen->can_approve_closure) ++awaiting;
  }
  EXPECT_GE(no_contact_by_chairman, 3);
  EXPECT_EQ(countdowns, 1) << "one order waits for the chairman's decision, its 12 hours running";
  EXPECT_EQ(awaiting, 1) << "the supervisor has one closure to approve";
  // Only the ten consenting cases are counted; the two others leave the module as a small cell.
  // Ten is too few to show beside the demo's breakdowns: one of them has a small cell that no
  // other hidden cell can cover, so the total goes too (domain::SuppressCells).
  EXPECT_EQ(Scalar("SELECT count(*) FROM cases WHERE consent_to_count = 1"), 10);
  const Caller as_supervisor{supervisor->user, "test", false, false};
  auto stats = services_->cases.Statistics(as_supervisor, unit, std::nullopt);
  ASSERT_TRUE(stats.ok()) << stats.error().message.en;
  EXPECT_EQ(stats->total, "*");
  EXPECT_EQ(stats->not_counted, "<5");
}

TEST_P(DemoCasesTest, WithoutTheCaseKeyNothingIsSeeded) {
  auto seeded = SeedDemoCases(*services_, kDemoCasesPath, "demo-Secret-1");
  ASSERT_FALSE(seeded.ok());
  EXPECT_EQ(seeded.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(Scalar("SELECT count(*) FROM units WHERE full_name = 'Xã Minh Họa (đơn vị minh họa)'"),
            0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM users WHERE username = 'canbo.vuviec.minhhoa'"), 0);
}

TEST_P(DemoCasesTest, AnUnreadableFileIsAClearError) {
  ASSERT_TRUE(services_->cases.UseKey(crypto::RandomBytes(crypto::kAeadKeyBytes)).ok());
  auto seeded = SeedDemoCases(*services_, kDemoCasesPath + ".missing", "demo-Secret-1");
  ASSERT_FALSE(seeded.ok());
  EXPECT_NE(seeded.error().message.vi.find("không đọc được"), std::string::npos);
  EXPECT_EQ(Scalar("SELECT count(*) FROM cases"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, DemoCasesTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace binhdang::service
