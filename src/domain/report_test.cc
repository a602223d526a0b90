#include "domain/report.h"

#include <gtest/gtest.h>

#include "support/templates.h"

namespace binhdang::domain {
namespace {

const ReportTemplate& ActionMonthTemplate() {
  return testing::BuiltInTemplate("action_month_results");
}

TEST(ReportTemplate, BuiltInActionMonthMirrorsTheOutline) {
  const auto& t = ActionMonthTemplate();
  EXPECT_EQ(t.code, "action_month_results");
  ASSERT_EQ(t.tables.size(), 3u);
  EXPECT_EQ(t.tables[0].items.size(), 6u);
  EXPECT_TRUE(t.tables[0].Column("people")->by_sex);
  EXPECT_FALSE(t.tables[0].Column("count")->by_sex);
  EXPECT_TRUE(t.AcceptsPeriod(PeriodKind::kActionMonth));
  // The JSON form reads back to the same template.
  auto back = TemplateFromJson(TemplateToJson(t));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(TemplateToJson(*back), TemplateToJson(t));
  EXPECT_TRUE(
      TemplateFromJson(TemplateToJson(testing::BuiltInTemplate("gender_equality_periodic"))).ok());
}

TEST(ReportTemplate, RejectsBadDefinitions) {
  auto r = TemplateFromJson(
      {{"code", "Bad Code"},
       {"title", ""},
       {"periods", {"decade"}},
       {"tables", {{{"key", "t"}, {"title", "T"}, {"items", nlohmann::json::array()}}}}});
  ASSERT_FALSE(r.ok());
  std::vector<std::string> fields;
  for (const auto& d : r.error().details) fields.push_back(d.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"code", "title", "periods", "periods",
                                              "tables/0/items", "tables/0/columns"}));
}

TEST(Report, ValidatesRowsAgainstTheCatalog) {
  std::vector<ReportRow> rows = {
      {"activities", "training", "", "xa", {{"count", {2, 0, 0}}, {"people", {0, 10, 30, true}}}},
      {"activities", "other", " ", "huyen", {}},
      {"activities",
       "dance",
       "",
       "thon",
       {{"count", {-1, 0, 0}}, {"people", {0, -3, 1, true}}, {"x", {}}}},
      {"nope", "training", "", "xa", {}},
  };
  auto s = ValidateReportContent(ActionMonthTemplate(), {{"results", "Tốt"}, {"zzz", ""}}, rows);
  ASSERT_FALSE(s.ok());
  std::vector<std::string> fields;
  for (const auto& d : s.error().details) fields.push_back(d.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"sections/zzz", "rows/1/detail", "rows/2/item",
                                              "rows/2/level", "rows/2/values/count",
                                              "rows/2/values/people/male", "rows/2/values/x",
                                              "rows/3/table"}));
  EXPECT_TRUE(ValidateReportContent(ActionMonthTemplate(), {{"results", "Tốt"}}, {rows[0]}).ok());
}

TEST(Report, DataValuesSplitBySex) {
  auto values = DataValuesOf(ActionMonthTemplate(), 7,
                             {{"activities",
                               "training",
                               "",
                               "xa",
                               {{"count", {2, 0, 0}}, {"people", {0, 10, 30, true}}}}});
  ASSERT_EQ(values.size(), 3u);
  EXPECT_EQ(values[0].column, "count");
  EXPECT_EQ(values[0].value, 2);
  EXPECT_EQ(values[2].sex, "female");
  EXPECT_EQ(values[2].value, 30);
}

TEST(Report, OnTimeComparesVietnamDates) {
  Report r;
  r.status = ReportStatus::kSubmitted;
  r.due_date = Date(2024, 12, 10);
  r.submitted_at_ms = 1733849999000;  // 2024-12-10T16:59:59Z = 23:59:59 in Vietnam
  EXPECT_TRUE(r.OnTime());
  r.submitted_at_ms = 1733850000000;  // 00:00 on 11/12 in Vietnam
  EXPECT_FALSE(r.OnTime());
  EXPECT_TRUE(CanSubmit(ReportStatus::kReturned));
  EXPECT_FALSE(CanSubmit(ReportStatus::kAccepted));
}

}  // namespace
}  // namespace binhdang::domain
