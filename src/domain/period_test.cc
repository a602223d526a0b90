#include "domain/period.h"

#include <gtest/gtest.h>

namespace binhdang::domain {
namespace {

TEST(Period, YearCoversFifteenthOfDecemberToFourteenth) {
  auto p = ParsePeriod("2024");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, PeriodKind::kYear);
  EXPECT_EQ(p->start, Date(2023, 12, 15));
  EXPECT_EQ(p->end, Date(2024, 12, 14));
  EXPECT_EQ(p->DefaultDeadline(), Date(2024, 12, 5));
  EXPECT_EQ(p->id(), "2024");
  EXPECT_EQ(p->Label(), "Năm 2024");
}

TEST(Period, SixMonthsAndQuarters) {
  auto s1 = ParsePeriod("2024S1");
  ASSERT_TRUE(s1);
  EXPECT_EQ(s1->start, Date(2023, 12, 15));
  EXPECT_EQ(s1->end, Date(2024, 6, 14));
  EXPECT_EQ(s1->DefaultDeadline(), Date(2024, 6, 5));
  auto s2 = ParsePeriod("2024S2");
  EXPECT_EQ(s2->start, Date(2024, 6, 15));
  EXPECT_EQ(s2->end, Date(2024, 12, 14));
  auto q4 = ParsePeriod("2024Q4");
  ASSERT_TRUE(q4);
  EXPECT_EQ(q4->start, Date(2024, 9, 15));
  EXPECT_EQ(q4->end, Date(2024, 12, 14));
  EXPECT_EQ(q4->Label(), "Quý IV/2024");
  EXPECT_EQ(ParsePeriod("2024Q1")->start, Date(2023, 12, 15));
}

TEST(Period, MonthClosesOnTheFourteenth) {
  auto m = ParsePeriod("202411");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->start, Date(2024, 10, 15));
  EXPECT_EQ(m->end, Date(2024, 11, 14));
  EXPECT_EQ(m->id(), "202411");
  auto jan = ParsePeriod("202501");
  EXPECT_EQ(jan->start, Date(2024, 12, 15));
  EXPECT_EQ(jan->id(), "202501");
}

TEST(Period, ActionMonthIsDueOnTheTenthOfDecember) {
  auto am = ParsePeriod("2024AM");
  ASSERT_TRUE(am);
  EXPECT_EQ(am->start, Date(2024, 11, 15));
  EXPECT_EQ(am->end, Date(2024, 12, 15));
  EXPECT_EQ(am->DefaultDeadline(), Date(2024, 12, 10));
  EXPECT_EQ(am->Label(), "Tháng hành động 2024");
}

TEST(Period, PeriodDueOnADeadline) {
  EXPECT_EQ(PeriodDueOn(PeriodKind::kActionMonth, Date(2024, 12, 10)).id(), "2024AM");
  EXPECT_EQ(PeriodDueOn(PeriodKind::kSixMonth, Date(2024, 6, 5)).id(), "2024S1");
  EXPECT_EQ(PeriodDueOn(PeriodKind::kSixMonth, Date(2024, 12, 5)).id(), "2024S2");
  EXPECT_EQ(PeriodDueOn(PeriodKind::kYear, Date(2024, 12, 5)).id(), "2024");
  EXPECT_EQ(PeriodDueOn(PeriodKind::kQuarter, Date(2024, 9, 5)).id(), "2024Q3");
  EXPECT_EQ(PeriodDueOn(PeriodKind::kMonth, Date(2024, 3, 5)).id(), "202403");
}

TEST(Period, RejectsMalformedIds) {
  for (const char* bad : {"", "24", "1999", "2024S3", "2024Q0", "2024Q5", "202413", "202400",
                          "2024-11", "2024am", "abcd", "20241", "2024S", "2024AMX"}) {
    EXPECT_FALSE(ParsePeriod(bad)) << bad;
  }
}

TEST(Period, RollUpNestsFinerPeriodsInTheirYear) {
  auto p = [](const char* id) { return *ParsePeriod(id); };
  EXPECT_TRUE(PeriodWithin(p("202411"), p("2024Q4")));
  EXPECT_TRUE(PeriodWithin(p("202411"), p("2024S2")));
  EXPECT_TRUE(PeriodWithin(p("202411"), p("2024")));
  EXPECT_FALSE(PeriodWithin(p("202409"), p("2024Q4")));
  EXPECT_TRUE(PeriodWithin(p("2024Q2"), p("2024S1")));
  EXPECT_FALSE(PeriodWithin(p("2024Q3"), p("2024S1")));
  EXPECT_TRUE(PeriodWithin(p("2024AM"), p("2024")));
  EXPECT_FALSE(PeriodWithin(p("2024AM"), p("2024S2")));
  EXPECT_FALSE(PeriodWithin(p("2024"), p("2024S2")));
  EXPECT_FALSE(PeriodWithin(p("2023AM"), p("2024")));
  EXPECT_TRUE(PeriodWithin(p("2024S1"), p("2024S1")));
}

TEST(Period, RelativePeriodsCountBackFromTheCurrentOne) {
  // 20/11/2026 lies in December's month (15/11–14/12) and so in Q4, S2 and the year 2026.
  const Date day(2026, 11, 20);
  auto ids = [&](const char* rel) {
    std::string s;
    const auto periods = RelativePeriods(rel, day);
    for (const auto& p : *periods) s += (s.empty() ? "" : ",") + p.id();
    return s;
  };
  EXPECT_EQ(ids("THIS_YEAR"), "2026");
  EXPECT_EQ(ids("LAST_5_YEARS"), "2021,2022,2023,2024,2025");
  EXPECT_EQ(ids("LAST_4_QUARTERS"), "2025Q4,2026Q1,2026Q2,2026Q3");
  EXPECT_EQ(ids("THIS_MONTH"), "202612");
  EXPECT_EQ(ids("LAST_12_MONTHS").substr(0, 13), "202512,202601");
  EXPECT_EQ(ids("LAST_SIX_MONTH"), "2026S1");
  EXPECT_FALSE(RelativePeriods("LAST_100_YEARS", day));
  // 14/12 still belongs to the year; 15/12 opens the next.
  EXPECT_EQ(PeriodContaining(PeriodKind::kYear, Date(2026, 12, 14)).id(), "2026");
  EXPECT_EQ(PeriodContaining(PeriodKind::kYear, Date(2026, 12, 15)).id(), "2027");
}

}  // namespace
}  // namespace binhdang::domain
