#include "domain/case_statistics.h"

#include <gtest/gtest.h>

namespace binhdang::domain {
namespace {

CaseFacts Case(bool consent, std::string sex, std::string dv_form,
               std::string reported_by = "other") {
  CaseFacts f;
  f.unit_id = 7;
  f.sex = std::move(sex);
  f.age_band = "26-40";
  f.dv_age_group = "16_59";
  f.consent_to_count = consent;
  f.opened_on = Date(2026, 3, 1);
  f.incidents.push_back({"physical_assault", std::move(dv_form), std::move(reported_by), "male"});
  return f;
}

std::string Row(const std::vector<DvReportRow>& rows, const std::string& number) {
  for (const auto& r : rows) {
    if (r.number == number) return r.value;
  }
  return "missing " + number;
}

TEST(CaseStatistics, DvAgeGroupFromTheBirthDateOrAnUnambiguousBand) {
  const Date on(2026, 6, 15);
  EXPECT_EQ(DvAgeGroupOn(Date(2010, 6, 16), "", on), "under_16");  // 15 the day before
  EXPECT_EQ(DvAgeGroupOn(Date(2010, 6, 15), "", on), "16_59");
  EXPECT_EQ(DvAgeGroupOn(Date(1966, 6, 15), "", on), "60_plus");
  EXPECT_EQ(DvAgeGroupOn(std::nullopt, "0-11", on), "under_16");
  EXPECT_EQ(DvAgeGroupOn(std::nullopt, "12-17", on), "unknown");  // 12 to 15 or 16, 17
  EXPECT_EQ(DvAgeGroupOn(std::nullopt, "41-60", on), "unknown");
  EXPECT_EQ(DvAgeGroupOn(std::nullopt, "61+", on), "60_plus");
}

TEST(CaseStatistics, OnlyConsentingCasesAreCounted) {
  std::vector<CaseFacts> cases = {Case(true, "female", "physical", "survivor"),
                                  Case(false, "female", "physical", "survivor"),
                                  Case(true, "male", "", "family")};
  cases[0].measures = {{"no_contact", "in_force"}, {"shelter", "requested"}};
  cases[2].referrals = {{"legal_aid", "completed"}};
  const CaseTally t = Tally(cases);
  EXPECT_EQ(t.cases, 2);
  EXPECT_EQ(t.not_counted, 1);
  EXPECT_EQ(t.by_sex.at("female"), 1);
  EXPECT_EQ(t.by_dv_form.at("physical"), 1);
  EXPECT_EQ(t.by_dv_form.at("not_domestic"), 1);
  EXPECT_EQ(t.sought_help, 1);
  EXPECT_EQ(t.by_measure.at("no_contact"), 1);
  EXPECT_EQ(t.by_measure.count("shelter"), 0u) << "asked for, not applied";
  EXPECT_EQ(t.needed_support, 2);
  EXPECT_EQ(t.received_support, 1) << "the completed legal aid";
  EXPECT_EQ(t.by_service.at("legal_aid"), 1);
}

TEST(CaseStatistics, TheDvReportCountsDomesticIncidentsAndHidesWhatWouldGiveASmallCellAway) {
  std::vector<CaseFacts> cases;
  for (int i = 0; i < 9; ++i) cases.push_back(Case(true, "female", "physical"));
  cases.push_back(Case(true, "male", "economic"));
  cases.push_back(Case(true, "female", ""));         // not domestic: outside the report
  cases.push_back(Case(false, "female", "sexual"));  // no consent: outside the report
  cases[0].measures = {{"community_criticism", "ended"}, {"shelter", "in_force"}};
  cases[1].referrals = {{"safe_shelter", "completed"}, {"health", "sent"}};
  const auto rows = DvAnnualReport(cases);
  EXPECT_EQ(Row(rows, "1"), "10");
  EXPECT_EQ(Row(rows, "2.2"), "*") << "10 minus a shown 9 would reveal the one economic case";
  EXPECT_EQ(Row(rows, "2.4"), "<5");
  EXPECT_EQ(Row(rows, "2.3"), "0");
  EXPECT_EQ(Row(rows, "3.1.1"), "10");
  EXPECT_EQ(Row(rows, "3.2.2"), "<5");
  EXPECT_EQ(Row(rows, "4"), "10");
  EXPECT_EQ(Row(rows, "4.1.1"), "<5");
  EXPECT_EQ(Row(rows, "4.1.2"), "*");
  EXPECT_EQ(Row(rows, "4.2.2"), "10");
  EXPECT_EQ(Row(rows, "5.1"), "<5") << "one by a measure, one by a completed referral";
  EXPECT_EQ(Row(rows, "5.2"), "0") << "a referral sent is not care received";
  for (const auto& r : rows) EXPECT_FALSE(r.label.empty()) << r.number;
}

TEST(CaseStatistics, AYesCountHidesWhenItsNoIsSmall) {
  EXPECT_EQ(ShowPart(17, 20), "*") << "20 - 17 would show 3 people who did not";
  EXPECT_EQ(ShowPart(3, 20), "<5");
  EXPECT_EQ(ShowPart(20, 20), "20");
  EXPECT_EQ(ShowPart(0, 20), "0");
  EXPECT_EQ(ShowPart(12, 20), "12");
}

TEST(CaseStatistics, WhenHidingEveryCellIsNotEnoughTheTotalAndWhatAddsUpToItGo) {
  std::vector<CaseFacts> cases;
  for (int i = 0; i < 5; ++i) cases.push_back(Case(true, "female", "physical"));
  cases.push_back(Case(true, "female", "economic"));
  const auto rows = DvAnnualReport(cases);
  // 6 incidents, one economic: a "*" of at least 5 beside it leaves nothing but 1.
  EXPECT_EQ(Row(rows, "1"), "*");
  EXPECT_EQ(Row(rows, "2.2"), "*");
  EXPECT_EQ(Row(rows, "2.4"), "<5");
  EXPECT_EQ(Row(rows, "3.1.1"), "*") << "all six perpetrators male would give the total back";
  EXPECT_EQ(Row(rows, "4"), "6") << "survivors: six women, no small cell";
}

TEST(CaseStatistics, IndicatorCountsTheNq28PerpetratorsAndOnlyConsentingCases) {
  std::vector<CaseFacts> cases;
  for (int i = 0; i < 8; ++i)
    cases.push_back(Case(true, "female", "physical", i < 5 ? "survivor" : "police"));
  cases.push_back(Case(false, "female", "physical", "survivor"));
  cases[0].measures = {{"administrative_criminal", "in_force"},
                       {"behaviour_change", "ended"}};  // sanctioned
  cases[1].measures = {{"behaviour_change", "in_force"}};
  cases[2].measures = {{"behaviour_change", "requested"}};  // not applied yet
  cases[3].incidents[0].perpetrator_sex = "";               // no known perpetrator
  const CaseIndicatorCounts c = IndicatorCounts(cases);
  EXPECT_EQ(c.counted, 8);
  EXPECT_EQ(c.sought_help, 5);
  EXPECT_EQ(c.perpetrators_not_sanctioned, 6);
  EXPECT_EQ(c.perpetrators_counselled, 1);
}

TEST(CaseStatistics, ARatioIsShownOnlyWhenNeitherPartNorRestIsSmall) {
  EXPECT_TRUE(RatioShowable(5, 10));
  EXPECT_TRUE(RatioShowable(0, 10));
  EXPECT_TRUE(RatioShowable(10, 10));
  EXPECT_FALSE(RatioShowable(3, 10));  // 3 survivors
  EXPECT_FALSE(RatioShowable(7, 10));  // the other 3
  EXPECT_FALSE(RatioShowable(2, 4));   // fewer than 5 in all
  EXPECT_FALSE(RatioShowable(11, 10));
}

}  // namespace
}  // namespace binhdang::domain
