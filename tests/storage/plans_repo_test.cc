// Conformance of the plans repository on SQLite and PostgreSQL: the same queries, the same
// answers — versions, reporting requirements, the recursive cascade, tasks and the history.
#include "storage/plans_repo.h"

#include <gtest/gtest.h>

#include "storage/store.h"
#include "storage/units_repo.h"
#include "support/test_env.h"

namespace binhdang::testing {
namespace {

using domain::Activity;
using domain::ActivityStatus;
using domain::Plan;

class PlansRepoTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = TestDatabase::Create(GetParam());
    if (!db_) GTEST_SKIP() << "no " << GetParam();
    ASSERT_TRUE(db_->store().Migrate().ok());
    sql_ = db_->store().Lease();
    storage::UnitsRepo units(*sql_);
    auto add = [&](const char* name, domain::UnitKind kind, Id parent) {
      domain::Unit u;
      u.name = u.full_name = name;
      u.kind = kind;
      u.parent_id = parent;
      return units.Insert(u, 1);
    };
    district_ = add("Huyện Tam Đường", domain::UnitKind::kDistrict, 0);
    commune_ = add("Xã Bình Lư", domain::UnitKind::kCommune, district_);
    agency_ = add("Công an huyện", domain::UnitKind::kAgency, district_);
  }

  //! Runs the migrations with the fixture's lease returned first (Migrate takes its own; one
  //! lease a thread), then leases again. Repos made before hold the old session: make new ones.
  void MigrateAgain() {
    sql_.reset();
    ASSERT_TRUE(db_->store().Migrate().ok());
    sql_ = db_->store().Lease();
  }

  //! Takes the schema back to version 4 (undoing the later migrations), so that Migrate runs
  //! migration 5 again.
  void BackToVersion4() {
    *sql_ << "DELETE FROM schema_migrations WHERE version >= 5";
    *sql_ << "DROP TABLE unit_reminder_days";  // migration 15
    *sql_ << "DROP TABLE mail_queue";          // migration 14
    *sql_ << "DROP INDEX notifications_unmailed";
    *sql_ << "ALTER TABLE notifications DROP COLUMN mailed_at";
    *sql_ << "ALTER TABLE users DROP COLUMN email";
    *sql_ << "ALTER TABLE users DROP COLUMN email_pref";
    *sql_ << "DROP INDEX notifications_link";  // migration 13
    *sql_ << "ALTER TABLE notifications DROP COLUMN link";
    *sql_ << "DROP TABLE attachments";  // migration 12
    for (const char* t : {"targets", "indicators"})
      *sql_ << std::string("DROP TABLE ") + t;  // migration 11
    if (GetParam() == "postgresql") *sql_ << "DROP FUNCTION analytics_changes_announce() CASCADE";
    for (const char* t : {"case_emergency_access", "case_transfers"}) {
      *sql_ << std::string("DROP TABLE ") + t;  // migration 10 (its columns go with their tables)
    }
    for (const char* t :
         {"case_followups", "case_referrals", "case_measures", "service_providers"}) {
      *sql_ << std::string("DROP TABLE ") + t;  // migration 9
    }
    *sql_ << "DELETE FROM agency_types WHERE code IN ('culture_society', "  // migration 8
             "'culture_sports_tourism', 'school', 'health_station')";
    for (const char* t : {"case_access_log", "case_incidents", "case_members", "cases"}) {
      *sql_ << std::string("DROP TABLE ") + t;  // migration 7
    }
    *sql_ << "DROP TABLE analytics_changes";  // migration 6, with its triggers
    *sql_ << "DROP TABLE analytics_head";
    if (GetParam() == "postgresql") *sql_ << "DROP FUNCTION analytics_changes_append_only()";
  }

  Plan NewPlan(Id unit, Id parent = 0) {
    Plan p;
    p.unit_id = unit;
    p.parent_plan_id = parent;
    p.title = "Kế hoạch Tháng hành động";
    p.kind = domain::PlanKind::kActionMonth;
    p.period_start = Date(2024, 11, 15);
    p.period_end = Date(2024, 12, 15);
    p.status = domain::PlanStatus::kIssued;
    p.number = 12;
    p.content.message_groups = {{"a) Nhóm", {"Việc nhà không của riêng ai."}}};
    p.reporting = {
        {0, "action_month_results", Date(2024, 12, 10), unit, "children_and_agencies", "đề cương"}};
    return p;
  }
  Activity NewActivity(Id plan, Id lead, Date due,
                       ActivityStatus status = ActivityStatus::kNotStarted) {
    Activity a;
    a.plan_id = plan;
    a.title = "Tuyên truyền";
    a.details = {"Treo băng rôn", "Phát thanh"};
    a.lead_unit_id = lead;
    a.due_date = due;
    a.status = status;
    return a;
  }

  std::unique_ptr<TestDatabase> db_;
  storage::Connection sql_;
  Id district_ = 0, commune_ = 0, agency_ = 0;
};

TEST_P(PlansRepoTest, PlanRoundTripsWithContentAndReporting) {
  storage::PlansRepo repo(*sql_);
  const Id id = repo.Insert(NewPlan(district_), 0, 5);
  auto p = repo.Get(id);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->number, 12);
  EXPECT_EQ(p->period_end, Date(2024, 12, 15));
  EXPECT_EQ(p->content.message_groups.at(0).messages.at(0), "Việc nhà không của riêng ai.");
  ASSERT_EQ(p->reporting.size(), 1u);
  EXPECT_EQ(p->reporting[0].to_unit_id, district_);
  EXPECT_EQ(storage::PlanReportingDueDate(*sql_, id, "action_month_results"), Date(2024, 12, 10));
  EXPECT_FALSE(storage::PlanReportingDueDate(*sql_, id, "other"));
  EXPECT_EQ(repo.UsedNumbers(district_, "KH-UBND", 2024), std::vector<int>{12});
}

TEST_P(PlansRepoTest, StaleUpdateWritesNothing) {
  storage::PlansRepo repo(*sql_);
  Plan p = NewPlan(district_);
  p.id = repo.Insert(p, 0, 5);
  p.title = "Mới";
  EXPECT_TRUE(repo.Update(p, 6));
  p.title = "Cũ";  // still version 1
  EXPECT_FALSE(repo.Update(p, 7));
  EXPECT_EQ(repo.Get(p.id)->title, "Mới");
  EXPECT_EQ(repo.Get(p.id)->version, 2);
}

TEST_P(PlansRepoTest, ReportingRowsKeepTheirIdsUnlessReplaced) {
  storage::PlansRepo repo(*sql_);
  Plan p = NewPlan(district_);
  p.id = repo.Insert(p, 0, 5);
  const Id reporting_id = repo.Get(p.id)->reporting.at(0).id;
  p.title = "Mới";
  ASSERT_TRUE(repo.Update(p, 6));
  EXPECT_EQ(repo.Get(p.id)->reporting.at(0).id, reporting_id);
  p.version = 2;
  p.reporting[0].due_date = Date(2024, 12, 9);
  ASSERT_TRUE(repo.Update(p, 7, true));
  EXPECT_EQ(storage::PlanReportingDueDate(*sql_, p.id, "action_month_results"), Date(2024, 12, 9));
}

TEST_P(PlansRepoTest, CascadeAndStatsCoverEveryDerivedPlan) {
  storage::PlansRepo plans(*sql_);
  storage::ActivitiesRepo activities(*sql_);
  const Id root = plans.Insert(NewPlan(district_), 0, 5);
  const Id child = plans.Insert(NewPlan(commune_, root), 0, 6);
  activities.Insert(NewActivity(root, agency_, Date(2024, 12, 1)), 1);
  activities.Insert(NewActivity(root, agency_, Date(2024, 12, 1), ActivityStatus::kDone), 1);
  activities.Insert(NewActivity(child, commune_, Date(2099, 1, 1)), 1);
  auto cascade = plans.Cascade(root);
  ASSERT_EQ(cascade.size(), 2u);
  EXPECT_EQ(cascade[1].parent_plan_id, root);
  auto stats = plans.CascadeStats(root, Date(2025, 1, 1));
  long long overdue = 0, done = 0, total = 0;
  for (const auto& s : stats) overdue += s.overdue, done += s.done, total += s.total;
  EXPECT_EQ(total, 3);
  EXPECT_EQ(done, 1);
  EXPECT_EQ(overdue, 1);
}

TEST_P(PlansRepoTest, TasksOfAUnitLeadOrSupportByDueDate) {
  storage::PlansRepo plans(*sql_);
  storage::ActivitiesRepo activities(*sql_);
  const Id root = plans.Insert(NewPlan(district_), 0, 5);
  Activity supported = NewActivity(root, commune_, Date(2024, 11, 20));
  supported.support_unit_ids = {agency_};
  const Id a1 = activities.Insert(supported, 1);
  const Id a2 = activities.Insert(NewActivity(root, agency_, Date(2024, 11, 18)), 1);
  const Id a3 = activities.Insert(NewActivity(root, agency_, Date(2099, 1, 1)), 1);
  auto tasks = activities.Tasks({agency_, std::nullopt, std::nullopt, Date(2025, 1, 1), 50, 0});
  ASSERT_EQ(tasks.size(), 3u);
  EXPECT_EQ(tasks[0].activity.id, a2);
  EXPECT_EQ(tasks[1].activity.id, a1);
  EXPECT_EQ(tasks[1].activity.support_unit_ids, std::vector<Id>{agency_});
  EXPECT_EQ(tasks[2].activity.id, a3);
  EXPECT_EQ(tasks[0].plan_number, "12/KH-UBND");
  auto overdue = activities.Tasks({agency_, std::nullopt, true, Date(2025, 1, 1), 50, 0});
  EXPECT_EQ(overdue.size(), 2u);
  auto not_overdue = activities.Tasks({agency_, std::nullopt, false, Date(2025, 1, 1), 50, 0});
  ASSERT_EQ(not_overdue.size(), 1u);
  EXPECT_EQ(not_overdue[0].activity.id, a3);
}

TEST_P(PlansRepoTest, ActivityUpdatesKeepTheirHistory) {
  storage::PlansRepo plans(*sql_);
  storage::ActivitiesRepo activities(*sql_);
  const Id root = plans.Insert(NewPlan(district_), 0, 5);
  Activity a = NewActivity(root, agency_, Date(2024, 12, 1));
  a.id = activities.Insert(a, 1);
  a.status = ActivityStatus::kDone;
  a.completed_on = Date(2024, 11, 30);
  EXPECT_TRUE(activities.Update(a, 2));
  EXPECT_FALSE(activities.Update(a, 3));  // stale
  activities.InsertChange({a.id, 2, 0, "ldtbxh", a.status, "xong", a.completed_on, 2});
  auto history = activities.History(a.id);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].completed_on, Date(2024, 11, 30));
  EXPECT_EQ(activities.Get(a.id)->details.size(), 2u);
  EXPECT_EQ(activities.NextPosition(root), 1);
}

// Issue 12: two concurrent derives of one plan for one unit made two plans on PostgreSQL.
TEST_P(PlansRepoTest, OnePlanDerivedPerParentAndUnit) {
  storage::PlansRepo repo(*sql_);
  const Id parent = repo.Insert(NewPlan(district_), 0, 1);
  Plan derived = NewPlan(commune_, parent);
  derived.number.reset();
  const Id first = repo.Insert(derived, 0, 2);
  try {
    repo.Insert(derived, 0, 3);
    ADD_FAILURE() << "a second plan of the commune derived from the same parent was written";
  } catch (const soci::soci_error& e) {
    EXPECT_TRUE(storage::IsUniqueViolation(e)) << e.what();
  }
  // Plans without a parent are not constrained (NULL parents are distinct on both engines).
  Plan own = NewPlan(commune_);
  own.number.reset();
  repo.Insert(own, 0, 4);
  repo.Insert(own, 0, 5);
  EXPECT_EQ(repo.Derived(parent).size(), 1u);
  EXPECT_EQ(repo.Derived(parent)[0].id, first);
}

// Migration 5 on a database that already holds a duplicate: the first derived plan keeps its
// parent, the later one becomes a plan of its own, and the index then holds.
TEST_P(PlansRepoTest, MigrationFiveDetachesLaterDuplicateDerivedPlans) {
  storage::PlansRepo repo(*sql_);
  const Id parent = repo.Insert(NewPlan(district_), 0, 1);
  Plan derived = NewPlan(commune_, parent);
  derived.number.reset();
  *sql_ << "DROP INDEX plans_derived_once";
  const Id first = repo.Insert(derived, 0, 2);
  const Id second = repo.Insert(derived, 0, 3);
  BackToVersion4();
  MigrateAgain();
  storage::PlansRepo after(*sql_);
  EXPECT_EQ(after.Get(first)->parent_plan_id, parent);
  EXPECT_EQ(after.Get(second)->parent_plan_id, 0);
  EXPECT_EQ(after.Get(second)->unit_id, commune_);
  EXPECT_THROW(after.Insert(derived, 0, 4), soci::soci_error);
}

// Migration 5 on a database whose derived plan copied a key activity without a lead (issue 11
// item 2): the deriving unit leads it; the parent's own activity for everyone stays as it was.
TEST_P(PlansRepoTest, MigrationFiveGivesCopiedActivitiesTheDerivingUnitAsLead) {
  storage::PlansRepo plans(*sql_);
  storage::ActivitiesRepo activities(*sql_);
  const Id parent = plans.Insert(NewPlan(district_), 0, 1);
  Plan derived = NewPlan(commune_, parent);
  derived.number.reset();
  const Id child = plans.Insert(derived, 0, 2);
  Activity key = NewActivity(parent, 0, Date(2024, 12, 1));
  key.section = domain::ActivitySection::kKey;
  key.assignee = domain::Assignee::kEveryone;
  const Id in_parent = activities.Insert(key, 1);
  key.plan_id = child;
  const Id copied = activities.Insert(key, 1);
  BackToVersion4();
  *sql_ << "DROP INDEX plans_derived_once";
  MigrateAgain();
  storage::ActivitiesRepo after(*sql_);
  EXPECT_EQ(after.Get(copied)->lead_unit_id, commune_);
  EXPECT_EQ(after.Get(copied)->assignee, domain::Assignee::kUnit);
  EXPECT_EQ(after.Get(in_parent)->lead_unit_id, 0);
  EXPECT_EQ(after.Get(in_parent)->assignee, domain::Assignee::kEveryone);
  storage::TaskFilter f{commune_, std::nullopt, std::nullopt, Date(2026, 1, 1), 50, 0};
  const auto tasks = after.Tasks(f);
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].activity.id, copied);
}

TEST_P(PlansRepoTest, DeletingAnActivityTakesItsSupportAndHistory) {
  storage::PlansRepo plans(*sql_);
  storage::ActivitiesRepo activities(*sql_);
  const Id plan = plans.Insert(NewPlan(district_), 0, 1);
  Activity a = NewActivity(plan, agency_, Date(2024, 12, 1));
  a.support_unit_ids = {commune_};
  a.id = activities.Insert(a, 1);
  activities.InsertChange({a.id, 2, 0, "system", ActivityStatus::kInProgress, "", std::nullopt, 2});
  EXPECT_FALSE(activities.Delete(a.id, 9));  // stale: nothing removed
  EXPECT_TRUE(activities.Get(a.id));
  EXPECT_TRUE(activities.Delete(a.id, 1));
  EXPECT_FALSE(activities.Get(a.id));
  EXPECT_TRUE(activities.History(a.id).empty());
  EXPECT_TRUE(activities.ForPlan(plan).empty());
  EXPECT_FALSE(activities.Delete(a.id, 1));  // gone
}

INSTANTIATE_TEST_SUITE_P(Backends, PlansRepoTest, ::testing::ValuesIn(Backends()));

}  // namespace
}  // namespace binhdang::testing
