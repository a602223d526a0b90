#include "domain/plan.h"

#include <gtest/gtest.h>

#include "domain/plan_json.h"

namespace binhdang::domain {
namespace {

Plan ActionMonth() {
  Plan p;
  p.unit_id = 7;
  p.title = "Kế hoạch triển khai Tháng hành động năm 2024";
  p.kind = PlanKind::kActionMonth;
  p.period_start = Date(2024, 11, 15);
  p.period_end = Date(2024, 12, 15);
  return p;
}

Activity Led(Id unit) {
  Activity a;
  a.title = "Treo băng rôn";
  a.lead_unit_id = unit;
  return a;
}

bool HasField(const Validator& v, const std::string& field) {
  if (v.ok()) return false;
  for (const auto& d : v.ToError().details)
    if (d.field == field) return true;
  return false;
}

TEST(Plan, NamesRoundTrip) {
  for (auto k :
       {PlanKind::kActionMonth, PlanKind::kProgramme, PlanKind::kAnnual, PlanKind::kOther}) {
    EXPECT_EQ(ParsePlanKind(PlanKindName(k)), k);
  }
  EXPECT_EQ(ParseActivityStatus("in_progress"), ActivityStatus::kInProgress);
  EXPECT_FALSE(ParseActivityStatus("finished"));
  EXPECT_EQ(ParseAssignee("child_units"), Assignee::kChildUnits);
}

TEST(Plan, NumberAndSymbolAndYear) {
  Plan p = ActionMonth();
  EXPECT_EQ(p.NumberAndSymbol(), "/KH-UBND");
  p.number = 48;
  EXPECT_EQ(p.NumberAndSymbol(), "48/KH-UBND");
  EXPECT_EQ(p.Year(), 2024);
  p.issued_on = Date(2025, 1, 2);
  EXPECT_EQ(p.Year(), 2025);
}

TEST(Plan, PeriodEndBeforeStartIsRefusedNamingTheField) {
  Plan p = ActionMonth();
  p.period_end = Date(2024, 11, 1);
  Validator v;
  CheckPlan(p, v);
  EXPECT_TRUE(HasField(v, "period_end"));
}

TEST(Plan, HalfAPeriodIsRefused) {
  Plan p = ActionMonth();
  p.period_end.reset();
  Validator v;
  CheckPlan(p, v);
  EXPECT_TRUE(HasField(v, "period_end"));
}

TEST(Plan, SymbolMustNotHoldASlash) {
  Plan p = ActionMonth();
  p.symbol = "48/KH";
  Validator v;
  CheckPlan(p, v);
  EXPECT_TRUE(HasField(v, "symbol"));
}

TEST(Plan, IssuingNeedsTitlePeriodAndAnActivity) {
  Plan p;
  Validator v;
  CheckIssuable(p, {}, v);
  EXPECT_TRUE(HasField(v, "title"));
  EXPECT_TRUE(HasField(v, "period_start"));
  EXPECT_TRUE(HasField(v, "activities"));
  Activity cancelled = Led(3);
  cancelled.status = ActivityStatus::kCancelled;
  Validator only_cancelled;
  CheckIssuable(ActionMonth(), {cancelled}, only_cancelled);
  EXPECT_TRUE(HasField(only_cancelled, "activities"));
  Validator fine;
  CheckIssuable(ActionMonth(), {Led(3)}, fine);
  EXPECT_TRUE(fine.ok());
}

TEST(Activity, LeadAndAssigneeMustAgree) {
  Activity a = Led(0);
  Validator v;
  CheckActivity(a, v);
  EXPECT_TRUE(HasField(v, "lead_unit_id"));
  a.assignee = Assignee::kChildUnits;
  Validator ok;
  CheckActivity(a, ok);
  EXPECT_TRUE(ok.ok());
  a.lead_unit_id = 5;
  Validator both;
  CheckActivity(a, both);
  EXPECT_TRUE(HasField(both, "lead_unit_id"));
}

TEST(Activity, LeadIsNotAlsoSupport) {
  Activity a = Led(5);
  a.support_unit_ids = {4, 5};
  Validator v;
  CheckActivity(a, v);
  EXPECT_TRUE(HasField(v, "support_unit_ids"));
}

TEST(Activity, CompletionDateOnlyWhenDone) {
  Activity a = Led(5);
  a.completed_on = Date(2024, 12, 1);
  Validator v;
  CheckActivity(a, v);
  EXPECT_TRUE(HasField(v, "completed_on"));
  a.status = ActivityStatus::kDone;
  Validator ok;
  CheckActivity(a, ok);
  EXPECT_TRUE(ok.ok());
}

TEST(Activity, OverdueWhenDuePassedAndNotDone) {
  Activity a = Led(5);
  EXPECT_FALSE(a.OverdueOn(Date(2030, 1, 1)));  // no due date
  a.due_date = Date(2024, 12, 10);
  EXPECT_FALSE(a.OverdueOn(Date(2024, 12, 10)));  // due today is not late yet
  EXPECT_TRUE(a.OverdueOn(Date(2024, 12, 11)));
  a.status = ActivityStatus::kDone;
  EXPECT_FALSE(a.OverdueOn(Date(2024, 12, 11)));
  a.status = ActivityStatus::kCancelled;
  EXPECT_FALSE(a.OverdueOn(Date(2024, 12, 11)));
}

TEST(Activity, DueOutsidePeriodIsFlagged) {
  Plan p = ActionMonth();
  Activity review = Led(5);
  review.due_date = Date(2024, 12, 26);  // tổng kết trước 27/12
  EXPECT_TRUE(DueOutsidePeriod(review, p));
  review.due_date = Date(2024, 12, 15);
  EXPECT_FALSE(DueOutsidePeriod(review, p));
}

TEST(Plan, DerivedReportingDueIsBeforeTheParents) {
  EXPECT_EQ(DerivedReportingDue(Date(2024, 12, 10), Date(2024, 11, 15)), Date(2024, 12, 7));
  // Never before the derived plan's start.
  EXPECT_EQ(DerivedReportingDue(Date(2024, 11, 16), Date(2024, 11, 15)), Date(2024, 11, 15));
}

TEST(Plan, NextFreeNumber) {
  EXPECT_EQ(NextFreeNumber({}), 1);
  EXPECT_EQ(NextFreeNumber({48, 3, 12}), 49);
}

TEST(PlanJson, ContentRoundTrips) {
  PlanContent c;
  c.message_groups = {
      {"a) Nhóm thông điệp về Luật pháp", {"Đầu tư cho bình đẳng giới là đầu tư cho tương lai."}}};
  c.targets = {{"người bị bạo lực tìm kiếm sự trợ giúp",
                "%",
                {{2023, ">=", 40}, {2025, ">=", 50}},
                "qd2232_sought_help"}};
  c.signer = {"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Vũ Xuân Thịnh"};
  c.report_outline =
      ReportOutline{"Đề cương", {{"I. TỔ CHỨC THỰC HIỆN", {"1. Công tác chỉ đạo"}}}, {}};
  nlohmann::json j = nlohmann::json::object();
  ContentToJson(c, j);
  PlanContent back;
  Validator v;
  ContentFromJson(j, back, v);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(back.message_groups[0].messages, c.message_groups[0].messages);
  EXPECT_EQ(back.targets[0].values[1].value, 50);
  EXPECT_EQ(back.signer.name, "Vũ Xuân Thịnh");
  EXPECT_EQ(back.report_outline->sections[0].items[0], "1. Công tác chỉ đạo");
}

TEST(PlanJson, WrongShapesNameTheirPath) {
  PlanContent c;
  Validator v;
  ContentFromJson(
      nlohmann::json::parse(
          R"({"message_groups": [{"title": 3}], "targets": [{"text": "x", "values": [{"year": "2023", "value": 4}]}], "budget_sources": [{"kind": "loan"}]})"),
      c, v);
  EXPECT_TRUE(HasField(v, "message_groups[0].title"));
  EXPECT_TRUE(HasField(v, "targets[0].values[0].year"));
  EXPECT_TRUE(HasField(v, "budget_sources[0].kind"));
}

}  // namespace
TEST(DerivedTitle, NamesTheDerivingUnitsArea) {
  const std::string parent =
      "Triển khai Tháng hành động vì bình đẳng giới năm 2024 trên địa bàn huyện Tam Đường";
  EXPECT_EQ(DerivedTitle(parent, "Huyện Tam Đường", "Xã Bản Bo"),
            "Triển khai Tháng hành động vì bình đẳng giới năm 2024 trên địa bàn xã Bản Bo");
  EXPECT_EQ(DerivedTitle("Kế hoạch năm 2025 trên địa bàn tỉnh", "Tỉnh Lai Châu", "Phường Đoàn Kết"),
            "Kế hoạch năm 2025 trên địa bàn phường Đoàn Kết");
  EXPECT_EQ(DerivedTitle("Kế hoạch bình đẳng giới năm 2026", "Tỉnh Lai Châu", "Đặc khu Côn Đảo"),
            "Kế hoạch bình đẳng giới năm 2026 trên địa bàn đặc khu Côn Đảo");
}

}  // namespace binhdang::domain
