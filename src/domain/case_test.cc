#include "domain/case.h"

#include <gtest/gtest.h>

namespace binhdang::domain {
namespace {

TEST(Case, GbvTypesComeInTheGbvimsOrder) {
  ASSERT_EQ(std::size(kGbvTypes), 6u);
  EXPECT_EQ(kGbvTypes[0].code, "rape");
  EXPECT_EQ(kGbvTypes[1].code, "sexual_assault");
  EXPECT_EQ(kGbvTypes[2].code, "physical_assault");
  EXPECT_EQ(kGbvTypes[3].code, "forced_marriage");
  EXPECT_EQ(kGbvTypes[4].code, "denial_of_resources");
  EXPECT_EQ(kGbvTypes[5].code, "psychological_abuse");
  EXPECT_EQ(std::size(kDvForms), 4u);
}

TEST(Case, AgeBandOnADay) {
  const Date on(2025, 6, 15);
  EXPECT_EQ(AgeBandOn(std::nullopt, on), "unknown");
  EXPECT_EQ(AgeBandOn(Date(2013, 6, 16), on), "0-11");  // 11 until tomorrow
  EXPECT_EQ(AgeBandOn(Date(2013, 6, 15), on), "12-17");
  EXPECT_EQ(AgeBandOn(Date(2007, 6, 15), on), "18-25");
  EXPECT_EQ(AgeBandOn(Date(1990, 1, 1), on), "26-40");
  EXPECT_EQ(AgeBandOn(Date(1964, 6, 15), on), "61+");
  EXPECT_EQ(AgeBandOn(Date(2030, 1, 1), on), "unknown");
}

TEST(Case, DuplicateKeyFoldsDiacriticsCaseAndSpaces) {
  EXPECT_EQ(DuplicateKey("  Nguyễn  Thị Hồng ", "1990-04-02"), "nguyen thi hong|1990");
  EXPECT_EQ(DuplicateKey("NGUYEN THI HONG", "1990-12-31"),
            DuplicateKey("nguyễn thị hồng", "1990-01-01"));
  EXPECT_EQ(DuplicateKey("Lê Văn A", ""), "le van a|");
  EXPECT_EQ(DuplicateKey("   ", "1990-01-01"), "");
}

TEST(Case, CaseCodesAreFromChanceAlone) {
  const std::string code = MakeCaseCode(2026, std::string("\x00\x01\x1f\x20\xff\x7f", 6));
  EXPECT_EQ(code, "VV-2026-01Z0ZZ");
  EXPECT_EQ(code.size(), 14u);
}

TEST(Case, IncidentRules) {
  Incident i;
  i.occurred_on = Date(2025, 3, 1);
  i.reported_on = Date(2025, 3, 4);
  i.how_reported = "village_head";
  i.place_type = "home";
  i.gbv_type = "denial_of_resources";
  i.dv_form = "economic";
  i.perpetrator_relationship = "intimate_partner";
  Validator ok;
  ValidateIncident(i, Date(2025, 6, 1), ok);
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(i.DaysToReport(), 3);
  i.reported_on = Date(2025, 2, 1);
  i.gbv_type = "theft";
  i.dv_form = "verbal";
  Validator bad;
  ValidateIncident(i, Date(2025, 6, 1), bad);
  auto e = bad.ToError();
  ASSERT_EQ(e.details.size(), 3u);
  EXPECT_EQ(e.details[0].field, "gbv_type");
  EXPECT_EQ(e.details[1].field, "dv_form");
  EXPECT_EQ(e.details[2].field, "reported_on");
}

TEST(Case, SmallCountsAreSuppressed) {
  EXPECT_EQ(SuppressedCount(0), "0");
  EXPECT_EQ(SuppressedCount(1), "<5");
  EXPECT_EQ(SuppressedCount(4), "<5");
  EXPECT_EQ(SuppressedCount(5), "5");
}

TEST(Case, ComplementarySuppressionHidesEnoughThatNoSmallCellCanBeWorkedOut) {
  using V = std::vector<std::string>;
  bool hide = false;
  auto cells = [&](const std::vector<long long>& counts) {
    hide = false;
    return SuppressCells(counts, &hide);
  };
  EXPECT_EQ(cells({}), V{});
  EXPECT_EQ(cells({0, 0}), (V{"0", "0"}));
  EXPECT_EQ(cells({3, 0, 0}), (V{"<5", "0", "0"}));  // the total is "<5" anyway
  EXPECT_EQ(cells({12, 7}), (V{"12", "7"}));
  // 20 - 12 - 7 would give the 1: the 7 goes too (then the 1 may be 1 or 2 or 3).
  EXPECT_EQ(cells({12, 1, 7}), (V{"12", "<5", "*"}));
  // Two small cells adding up to 2 would reveal 1 and 1: hide the smallest large one.
  EXPECT_EQ(cells({1, 1, 9, 30}), (V{"<5", "<5", "*", "30"}));
  // Small cells without a hidden large one: 16 - 9 = 7 would tell 3 and 4 apart from 1 and 6.
  EXPECT_EQ(cells({3, 4, 9}), (V{"<5", "<5", "*"}));
  // 26 - 20 = 6 with a "*" of at least 5 would give the 1: the 20 goes too.
  EXPECT_EQ(cells({1, 5, 20}), (V{"<5", "*", "*"}));
  EXPECT_FALSE(hide);
  // 6 - a "*" of at least 5 gives the 1 whatever is hidden: the total must go.
  EXPECT_EQ(cells({1, 5}), (V{"<5", "*"}));
  EXPECT_TRUE(hide);
  // Without a shown total, only the small cells are hidden.
  EXPECT_EQ(SuppressCells({12, 1, 7}), (V{"12", "<5", "7"}));
}

}  // namespace
}  // namespace binhdang::domain
