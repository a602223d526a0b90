#include "documents/report_adx.h"

#include <gtest/gtest.h>

namespace binhdang::documents {
namespace {

using domain::PeriodKind;

TEST(Adx, PeriodsAreAStartAndADurationThatMapBackExactly) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"2024AM", "2024-11-15/P31D"}, {"2024", "2023-12-15/P1Y"},   {"2024S1", "2023-12-15/P6M"},
      {"2024S2", "2024-06-15/P6M"},  {"2024Q1", "2023-12-15/P3M"}, {"202411", "2024-10-15/P1M"},
      {"202401", "2023-12-15/P1M"}};
  const std::vector<PeriodKind> all = {PeriodKind::kYear, PeriodKind::kSixMonth,
                                       PeriodKind::kQuarter, PeriodKind::kMonth,
                                       PeriodKind::kActionMonth};
  for (const auto& [id, adx] : cases) {
    auto p = domain::ParsePeriod(id);
    ASSERT_TRUE(p) << id;
    EXPECT_EQ(AdxPeriod(*p), adx) << id;
    auto back = PeriodOfAdx(adx, {p->kind});
    ASSERT_TRUE(back) << adx;
    EXPECT_EQ(back->id(), id);
    auto any = PeriodOfAdx(adx, all);
    ASSERT_TRUE(any) << adx;
    EXPECT_EQ(any->id(), id) << "the start and length name one period only";
  }
  // A period of another kind than the template's, a calendar month, or nonsense: none.
  EXPECT_FALSE(PeriodOfAdx("2024-11-15/P31D", {PeriodKind::kYear}));
  EXPECT_FALSE(PeriodOfAdx("2024-01-01/P1M", all));
  EXPECT_FALSE(PeriodOfAdx("2024-11-15/P29D", all));
  // The same days written in days instead of a month are the same period (15/11–14/12).
  auto days = PeriodOfAdx("2024-11-15/P30D", all);
  ASSERT_TRUE(days);
  EXPECT_EQ(days->id(), "202412");
  // The edges of the years periods are kept for (2000..2100): inside answers, outside does not.
  EXPECT_TRUE(PeriodOfAdx("1999-12-15/P1Y", all));
  EXPECT_TRUE(PeriodOfAdx("2100-11-15/P1M", all));
  for (const char* outside : {"1999-06-15/P1M", "1999-11-15/P1M", "2100-12-15/P1M",
                              "2100-12-20/P1M", "0001-01-01/P1D", "9999-12-15/P1Y"}) {
    EXPECT_FALSE(PeriodOfAdx(outside, all)) << outside;
  }
  for (const char* bad :
       {"", "2024", "2024-11-15", "2024-11-15/", "2024-11-15/P", "2024-11-15/PD", "2024-11-15/P-1D",
        "2024-11-15/P1W", "2024-13-15/P1M", "2024-11-15/P99999999999D", "x/P1D"}) {
    EXPECT_FALSE(PeriodOfAdx(bad, all)) << bad;
  }
}

TEST(Adx, WrittenDocumentsReadBackTheSame) {
  AdxGroup g{"00004", "2024-11-15/P31D", "action_month_results", "2024-12-05", {}};
  g.values.push_back(
      {"action_month_results.activities.people", "training", "xa", "female", "19", ""});
  g.values.push_back({"action_month_results.activities.count", "other", "xa", "", "2",
                      "Thi vẽ tranh \"Gia đình\" & <hội thi>"});
  const std::string xml = WriteAdx({g, g}, 0);
  EXPECT_NE(xml.find("xmlns=\"urn:ihe:qrph:adx:2015\""), std::string::npos);
  EXPECT_NE(xml.find("exported=\"1970-01-01T00:00:00Z\""), std::string::npos);
  auto back = ReadAdx(xml);
  ASSERT_TRUE(back.ok()) << back.error().message.en;
  ASSERT_EQ(back->size(), 2u);
  const AdxGroup& r = (*back)[1];
  EXPECT_EQ(r.org_unit, "00004");
  EXPECT_EQ(r.period, "2024-11-15/P31D");
  EXPECT_EQ(r.complete_date, "2024-12-05");
  ASSERT_EQ(r.values.size(), 2u);
  EXPECT_EQ(r.values[0].sex, "female");
  EXPECT_EQ(r.values[0].value, "19");
  EXPECT_EQ(r.values[1].annotation, "Thi vẽ tranh \"Gia đình\" & <hội thi>");
}

std::string FirstField(const Result<std::vector<AdxGroup>>& r) {
  if (r.ok() || r.error().details.empty()) return "";
  return r.error().details[0].field;
}

TEST(Adx, WhatIsNotADXIsRefusedNamingThePlace) {
  EXPECT_EQ(FirstField(ReadAdx("")), "adx");
  EXPECT_EQ(FirstField(ReadAdx("<adx")), "adx");
  EXPECT_EQ(FirstField(ReadAdx("<adx/>")), "adx") << "no namespace";
  EXPECT_EQ(FirstField(ReadAdx("<dataValueSet xmlns=\"urn:ihe:qrph:adx:2015\"/>")), "adx");
  EXPECT_EQ(FirstField(ReadAdx("<!DOCTYPE adx [<!ENTITY a \"aaaa\">]>"
                               "<adx xmlns=\"urn:ihe:qrph:adx:2015\"/>")),
            "adx");
  const std::string open = "<adx xmlns=\"urn:ihe:qrph:adx:2015\">";
  EXPECT_TRUE(ReadAdx(open + "</adx>").ok());
  EXPECT_TRUE(ReadAdx("<a:adx xmlns:a=\"urn:ihe:qrph:adx:2015\"><a:group orgUnit=\"1\" "
                      "period=\"2024-11-15/P31D\" dataSet=\"x\"/></a:adx>")
                  .ok())
      << "a prefixed namespace is the same ADX";
  EXPECT_EQ(FirstField(ReadAdx(open + "<group period=\"p\" dataSet=\"d\"/></adx>")),
            "adx/group[1]/@orgUnit");
  EXPECT_EQ(FirstField(ReadAdx(open + "<x/></adx>")), "adx/group[1]");
  const std::string group = "<group orgUnit=\"1\" period=\"p\" dataSet=\"d\">";
  EXPECT_EQ(FirstField(ReadAdx(open + group + "<dataValue dataElement=\"e\"/></group></adx>")),
            "adx/group[1]/dataValue[1]/@value");
  EXPECT_EQ(FirstField(ReadAdx(open + group +
                               "<dataValue dataElement=\"e\" value=\"1\" AGE=\"15-19\"/>"
                               "</group></adx>")),
            "adx/group[1]/dataValue[1]/@AGE")
      << "a disaggregation this system does not have is refused, not dropped";
  // A file wrong throughout names its first hundred problems, not a million.
  std::string many = open;
  for (int i = 0; i < 5000; ++i) many += "<group/>";
  auto r = ReadAdx(many + "</adx>");
  ASSERT_FALSE(r.ok());
  EXPECT_LE(r.error().details.size(), 102u);
}

}  // namespace
}  // namespace binhdang::documents
