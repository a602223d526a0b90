#include "domain/indicator.h"

#include <gtest/gtest.h>

namespace binhdang::domain {
namespace {

TEST(Expression, ParsesOperandsOnceWithTheirSex) {
  auto e = Expression::Parse(
      "#{action_month_results.activities.people.female} / "
      "(#{action_month_results.activities.people} + 0)",
      "numerator");
  ASSERT_TRUE(e) << e.error().message.vi;
  ASSERT_EQ(e->operands().size(), 2u);
  EXPECT_EQ(e->operands()[0].element, "action_month_results.activities.people");
  EXPECT_EQ(e->operands()[0].sex, "female");
  EXPECT_EQ(e->operands()[1].sex, "");
  auto v = e->Evaluate([](size_t i) -> std::optional<double> { return i == 0 ? 30.0 : 120.0; });
  ASSERT_TRUE(v);
  EXPECT_DOUBLE_EQ(*v, 0.25);
}

TEST(Expression, NoDataAndDivisionByZeroGiveNoValue) {
  auto e = Expression::Parse("#{a.b.c} - 2 * #{a.b.d}", "numerator");
  ASSERT_TRUE(e);
  EXPECT_FALSE(e->Evaluate([](size_t) { return std::optional<double>(); }));
  auto one =
      e->Evaluate([](size_t i) { return i == 0 ? std::optional<double>(10) : std::nullopt; });
  ASSERT_TRUE(one);
  EXPECT_DOUBLE_EQ(*one, 10);  // a missing operand reads as 0 when another has data
  auto d = Expression::Parse("#{a.b.c} / (#{a.b.d} - #{a.b.d})", "numerator");
  EXPECT_FALSE(d->Evaluate([](size_t) { return std::optional<double>(3); }));
  auto constant = Expression::Parse("1", "denominator");
  EXPECT_DOUBLE_EQ(*constant->Evaluate([](size_t) { return std::optional<double>(); }), 1);
}

TEST(Expression, BadTextIsAFieldErrorWithItsPosition) {
  for (const char* bad : {"", "#{a.b}", "#{A.b.c}", "(#{a.b.c}", "#{a.b.c} +", "#a.b.c", "1 2",
                          "#{a.b.c.d.e}", "1..2"}) {
    auto e = Expression::Parse(bad, "numerator");
    ASSERT_FALSE(e) << bad;
    EXPECT_EQ(e.error().details.at(0).field, "numerator");
  }
  std::string deep(40, '(');
  EXPECT_FALSE(Expression::Parse(deep + "1" + std::string(40, ')'), "numerator"));
  EXPECT_FALSE(Expression::Parse(std::string(3000, '1'), "numerator"));
}

TEST(Indicator, ValidationNamesTheUnknownElement) {
  Indicator in{0,  "girls_share", "Tỷ lệ nữ", "#{t.a.people.female}", "#{t.a.nope}", 100, 1,
               "", false,         1};
  auto s = ValidateIndicator(in, [](const Operand& o) { return o.element == "t.a.people"; });
  ASSERT_FALSE(s);
  ASSERT_EQ(s.error().details.size(), 1u);
  EXPECT_EQ(s.error().details[0].field, "denominator");
  EXPECT_NE(s.error().details[0].message.vi.find("t.a.nope"), std::string::npos);
  in.denominator = "#{t.a.people}";
  EXPECT_TRUE(ValidateIndicator(in, [](const Operand& o) { return o.element == "t.a.people"; }));
  in.code = "Bad Code";
  EXPECT_FALSE(ValidateIndicator(in, [](const Operand&) { return true; }));
}

TEST(Indicator, ValueIsTheRatioTimesTheFactorRounded) {
  Indicator in;
  in.factor = 100;
  in.decimals = 1;
  EXPECT_DOUBLE_EQ(*IndicatorValue(in, 1, 3), 33.3);
  EXPECT_FALSE(IndicatorValue(in, 1, 0));
  EXPECT_FALSE(IndicatorValue(in, std::nullopt, 3));
}

TEST(Target, StatusFollowsTheValueTheYearAndTheTrend) {
  IndicatorTarget t;
  t.year = 2025;
  t.comparator = Comparator::kAtLeast;
  t.value = 50;
  std::optional<double> v;
  EXPECT_EQ(StatusOf(t, {{2021, std::nullopt}}, 2024, &v), TargetStatus::kNoData);
  EXPECT_FALSE(v);
  EXPECT_EQ(StatusOf(t, {{2023, 40}, {2024, 55}}, 2024, &v), TargetStatus::kMet);
  EXPECT_DOUBLE_EQ(*v, 55);
  EXPECT_EQ(StatusOf(t, {{2023, 40}, {2024, 46}}, 2024, &v), TargetStatus::kOnTrack);  // 52 by 2025
  EXPECT_EQ(StatusOf(t, {{2023, 40}, {2024, 42}}, 2024, &v), TargetStatus::kAtRisk);   // 44 by 2025
  EXPECT_EQ(StatusOf(t, {{2024, 42}}, 2024, &v), TargetStatus::kAtRisk);
  EXPECT_EQ(StatusOf(t, {{2024, 42}, {2025, 48}}, 2026, &v), TargetStatus::kMissed);
  // Years after the target year do not count.
  EXPECT_EQ(StatusOf(t, {{2025, 48}, {2026, 70}}, 2027, &v), TargetStatus::kMissed);
  t.comparator = Comparator::kAtMost;
  EXPECT_EQ(StatusOf(t, {{2025, 48}}, 2026, &v), TargetStatus::kMet);
}

}  // namespace
}  // namespace binhdang::domain
