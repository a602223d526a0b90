#include "domain/plan_copy.h"

#include <gtest/gtest.h>

namespace binhdang::domain {
namespace {

TEST(PlanCopy, AYearLater) {
  EXPECT_EQ(NextYear(Date(2024, 11, 15)), Date(2025, 11, 15));
  EXPECT_EQ(NextYear(Date(2024, 2, 29)), Date(2025, 2, 28));
  EXPECT_EQ(ShiftYear("Kế hoạch năm 2025 thực hiện Luật 2022, 48/KH-UBND", 2025),
            "Kế hoạch năm 2026 thực hiện Luật 2022, 48/KH-UBND");
  EXPECT_EQ(ShiftYear("giai đoạn 2021-2025", 2025), "giai đoạn 2021-2026") << "a whole number";
  EXPECT_EQ(ShiftYear("mã 120250", 2025), "mã 120250") << "not inside a longer number";
}

UnitTree Tree() {
  auto unit = [](Id id, UnitKind kind, Id parent, std::string name, std::string type = "",
                 std::optional<Date> to = std::nullopt, std::optional<Date> from = std::nullopt) {
    Unit u;
    u.id = id;
    u.kind = kind;
    u.parent_id = parent;
    u.name = u.full_name = std::move(name);
    u.agency_type = std::move(type);
    u.valid_to = to;
    u.valid_from = from;
    return u;
  };
  const Date end(2025, 6, 30), start(2025, 7, 1);
  return UnitTree(
      {unit(1, UnitKind::kProvince, 0, "Tỉnh A"), unit(2, UnitKind::kCommune, 1, "Xã Cũ", "", end),
       unit(3, UnitKind::kAgency, 2, "Hội Phụ nữ xã Cũ", "womens_union", end),
       unit(4, UnitKind::kAgency, 2, "Công an xã Cũ", "police", end),
       unit(5, UnitKind::kCommune, 1, "Xã Mới", "", std::nullopt, start),
       unit(6, UnitKind::kAgency, 5, "Hội Phụ nữ xã Mới", "womens_union", std::nullopt, start)},
      {{2, 5, MergeType::kFull}});
}

TEST(PlanCopy, AgenciesOfAMergedCommuneGoToTheNewCommunesOfTheSameType) {
  const UnitTree tree = Tree();
  const Date today(2026, 1, 10);
  EXPECT_EQ(CurrentUnitOf(2, tree, today), 5);
  EXPECT_EQ(CurrentUnitOf(5, tree, today), 5);
  Plan p;
  p.unit_id = 2;
  p.title = "Kế hoạch năm 2024";
  p.period_start = Date(2024, 11, 15);
  p.period_end = Date(2024, 12, 15);
  std::vector<Activity> acts(3);
  acts[0].title = "Nói chuyện chuyên đề";
  acts[0].lead_unit_id = 3;
  acts[0].support_unit_ids = {4};
  acts[0].due_date = Date(2024, 11, 30);
  acts[0].status = ActivityStatus::kDone;
  acts[1].title = "Đã hủy";
  acts[1].status = ActivityStatus::kCancelled;
  acts[2].title = "Tuần tra";
  acts[2].lead_unit_id = 4;
  const PlanCopy copy = CopyForNextYear(p, acts, 5, tree, today);
  EXPECT_EQ(copy.plan.unit_id, 5);
  EXPECT_EQ(copy.plan.period_start, Date(2025, 11, 15));
  EXPECT_NE(copy.plan.title.find("năm 2025"), std::string::npos);
  ASSERT_EQ(copy.activities.size(), 2u);
  EXPECT_EQ(copy.activities[0].lead_unit_id, 6) << "the new women's union";
  EXPECT_EQ(copy.activities[0].status, ActivityStatus::kNotStarted);
  EXPECT_EQ(copy.activities[0].due_date, Date(2025, 11, 30));
  EXPECT_TRUE(copy.activities[0].support_unit_ids.empty()) << "no police in the new commune";
  EXPECT_EQ(copy.activities[1].lead_unit_id, 5) << "no successor, no same type: the commune leads";
  EXPECT_EQ(copy.notes.size(), 4u);  // the unit, the union, the dropped support, the police
}

}  // namespace
}  // namespace binhdang::domain
