// ADX through the API (issue 11, exchange with DHIS2): the accepted reports of a province go out
// as ADX and into a second, empty server, where the consolidation shows the same figures; a
// file with one bad value, an unknown unit or a unit outside the caller's changes nothing and
// names the place; a report already submitted is not overwritten. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <set>

#include "support/test_env.h"

namespace binhdang::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kAdxType = {{"content-type", "application/adx+xml"}};
constexpr const char* kQuery = "template=action_month_results&period=2026AM&unit=";

class AdxApi : public ::testing::TestWithParam<std::string> {
 protected:
  static std::string Id(Client& c, const std::string& query) {
    auto items = c.Get("/api/v1/units?" + query).json()["items"];
    return items.empty() ? "" : items[0].value("id", "");
  }
};

TEST_P(AdxApi, AcceptedReportsGoOutAndIntoAnEmptyServerWithTheSameFigures) {
  if (GetParam() == "postgresql" && !std::getenv("BINHDANG_TEST_PG"))
    GTEST_SKIP() << "no postgresql server";
  TestServer from(GetParam());
  ASSERT_TRUE(from.ok());
  Client a(from.port());
  ASSERT_EQ(a.Login("admin", TestServer::kAdminPassword), 200);
  const std::string templ = a.Get("/api/v1/report-templates").json()["items"][0].value("id", "");
  const std::string province = Id(a, "q=lai%20chau&kind=province");
  auto communes = a.Get("/api/v1/units/" + province + "/children?kind=commune").json()["items"];
  ASSERT_GE(communes.size(), 2u);
  for (int i = 0; i < 2; ++i) {
    const std::string unit = communes[i].value("id", "");
    auto r =
        a.Post("/api/v1/reports",
               {{"template_id", templ},
                {"unit_id", unit},
                {"period", "2026AM"},
                {"rows",
                 {{{"table", "activities"},
                   {"item", "training"},
                   {"level", "xa"},
                   {"values", {{"count", 2 + i}, {"people", {{"male", 11 + i}, {"female", 19}}}}}},
                  {{"table", "activities"},
                   {"item", "other"},
                   {"detail", "Thi vẽ tranh"},
                   {"level", "xa"},
                   {"values", {{"count", 1}, {"people", {{"male", 3}, {"female", 4}}}}}}}}});
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string id = r.json().value("id", "");
    ASSERT_EQ(a.Post("/api/v1/reports/" + id + "/submit", {{"version", 1}}).status, 200);
    ASSERT_EQ(a.Post("/api/v1/reports/" + id + "/accept", {{"version", 2}}).status, 200);
  }
  auto adx = a.Get(std::string("/api/v1/reports/adx?") + kQuery + province);
  ASSERT_EQ(adx.status, 200) << adx.body;
  EXPECT_EQ(adx.headers["content-type"].rfind("application/adx+xml", 0), 0u);
  EXPECT_NE(adx.body.find("urn:ihe:qrph:adx:2015"), std::string::npos);
  EXPECT_NE(adx.body.find("period=\"2026-11-15/P31D\""), std::string::npos);
  EXPECT_NE(adx.body.find("orgUnit=\"" + communes[0].value("code", "") + "\""), std::string::npos);
  EXPECT_NE(adx.body.find("<annotation>Thi vẽ tranh</annotation>"), std::string::npos);
  auto expected = a.Get(std::string("/api/v1/reports/consolidated?") + kQuery + province).json();

  TestServer to(GetParam());
  ASSERT_TRUE(to.ok());
  Client b(to.port());
  ASSERT_EQ(b.Login("admin", TestServer::kAdminPassword), 200);
  const std::string province_b = Id(b, "q=lai%20chau&kind=province");
  const std::string into = "/api/v1/reports/adx?unit=" + province_b;
  auto before = b.Get(std::string("/api/v1/reports/consolidated?") + kQuery + province_b).json();

  // Refused whole: a negative count in the second group, an unknown unit, no ADX at all.
  std::string bad = adx.body;
  const size_t last = bad.rfind("value=\"19\"");
  ASSERT_NE(last, std::string::npos);
  bad.replace(last, 10, "value=\"-19\"");
  auto refused = b.Request("POST", into, bad, kAdxType);
  EXPECT_EQ(refused.status, 400) << refused.body;
  const std::string field = refused.json()["error"]["details"][0].value("field", "");
  EXPECT_EQ(field.rfind("adx/group[2]/dataValue[", 0), 0u) << field;
  EXPECT_NE(refused.json()["error"]["details"][0].value("message", "").find("nhóm 2"),
            std::string::npos);
  std::string unknown = adx.body;
  unknown.replace(unknown.find("orgUnit=\"") + 9, 0, "99");
  EXPECT_EQ(b.Request("POST", into, unknown, kAdxType).status, 400);
  EXPECT_EQ(b.Request("POST", into, "{}", {{"content-type", "application/json"}}).status, 415);
  EXPECT_EQ(b.Request("POST", into, "<adx/>", kAdxType).status, 400);
  auto unchanged = b.Get(std::string("/api/v1/reports/consolidated?") + kQuery + province_b).json();
  EXPECT_EQ(unchanged["tables"], before["tables"]) << "a refused file changes nothing";
  // Not for a unit outside the one the file is said to be for.
  const std::string other_province = Id(b, "q=dien%20bien&kind=province");
  auto outside =
      b.Request("POST", "/api/v1/reports/adx?unit=" + other_province, adx.body, kAdxType);
  EXPECT_EQ(outside.status, 400) << outside.body;

  auto imported = b.Request("POST", into, adx.body, kAdxType);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.json()["created"], 2);
  EXPECT_EQ(imported.json()["submitted"], 2);
  EXPECT_EQ(imported.json()["reports"][0]["status"], "submitted");
  EXPECT_EQ(imported.json()["reports"][0]["period_label"], "Tháng hành động 2026");
  auto got = b.Get(std::string("/api/v1/reports/consolidated?") + kQuery + province_b).json();
  EXPECT_EQ(got["tables"], expected["tables"]) << "the same figures after the round trip";
  EXPECT_NE(got["tables"], before["tables"]);
  // The imported report keeps the detail of its "other" row.
  const std::string first = imported.json()["reports"][0].value("id", "");
  auto report = b.Get("/api/v1/reports/" + first).json();
  bool detail = false;
  for (const auto& row : report["rows"])
    detail = detail || row.value("detail", "") == "Thi vẽ tranh";
  EXPECT_TRUE(detail) << report.dump();
  // A submitted report is not overwritten by a second import.
  auto again = b.Request("POST", into, adx.body, kAdxType);
  EXPECT_EQ(again.status, 409) << again.body;
  // All or nothing inside the write too: the first report withdrawn to a draft would take the
  // file's rows, but the second group's report is submitted: the draft stays as it was.
  const json first_report = imported.json()["reports"][0];
  auto withdrawn = b.Post("/api/v1/reports/" + first_report.value("id", "") + "/withdraw",
                          {{"version", first_report["version"]}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  auto half = b.Request("POST", into, adx.body, kAdxType);
  EXPECT_EQ(half.status, 409) << half.body;
  auto kept = b.Get("/api/v1/reports/" + first_report.value("id", "")).json();
  EXPECT_EQ(kept["status"], "draft");
  EXPECT_EQ(kept["version"], withdrawn.json()["version"]) << "the rolled-back write left nothing";

  // An empty file, a count past 10^12, and a commune's reporter importing for another commune.
  EXPECT_EQ(b.Request("POST", into, "<adx xmlns=\"urn:ihe:qrph:adx:2015\"/>", kAdxType).status,
            400);
  std::string huge = adx.body;
  huge.replace(huge.find("value=\"") + 7, 0, "9999999999999");
  EXPECT_EQ(b.Request("POST", into, huge, kAdxType).status, 400);
  const json communes_b =
      b.Get("/api/v1/units/" + province_b + "/children?kind=commune&limit=2").json();
  ASSERT_EQ(b.Post("/api/v1/users", {{"username", "rep.adx"},
                                     {"full_name", "Người báo cáo xã"},
                                     {"password", "adx-import-2026"},
                                     {"unit_id", communes_b["items"][1].value("id", "")},
                                     {"roles", {"reporter"}}})
                .status,
            201);
  Client reporter(to.port());
  ASSERT_EQ(reporter.Login("rep.adx", "adx-import-2026"), 200);
  EXPECT_EQ(reporter.Request("POST", into, adx.body, kAdxType).status, 403)
      << "not for the province";
  auto own = reporter.Request("POST", "/api/v1/reports/adx", adx.body, kAdxType);
  EXPECT_EQ(own.status, 400) << "for its own commune, the other commune's group is outside: "
                             << own.body;
}

// dataValueSets for DHIS2: a six-month report out as JSON and CSV with DHIS2's period, the
// commune's statistics code, an agency as "CQ-…" (never a number that is also a commune's code),
// storedBy and lastUpdated; the action month is refused with the ADX period to use instead.
TEST_P(AdxApi, DataValueSetsCarryDhis2PeriodsStableUnitNamesAndWhoStoredThem) {
  if (GetParam() == "postgresql" && !std::getenv("BINHDANG_TEST_PG"))
    GTEST_SKIP() << "no postgresql server";
  TestServer server(GetParam());
  ASSERT_TRUE(server.ok());
  Client a(server.port());
  ASSERT_EQ(a.Login("admin", TestServer::kAdminPassword), 200);
  std::string templ;
  const json templates = a.Get("/api/v1/report-templates").json();
  for (const auto& t : templates["items"])
    if (t.value("code", "") == "gender_equality_periodic") templ = t.value("id", "");
  ASSERT_FALSE(templ.empty());
  const std::string province = Id(a, "q=lai%20chau&kind=province");
  auto communes = a.Get("/api/v1/units/" + province + "/children?kind=commune").json()["items"];
  const std::string commune = communes[0].value("id", "");
  auto agency = a.Post("/api/v1/units", {{"parent_id", commune},
                                         {"name", "Hội Liên hiệp Phụ nữ xã"},
                                         {"agency_type", "womens_union"}});
  ASSERT_EQ(agency.status, 201) << agency.body;
  const std::vector<std::string> reporting{commune, agency.json().value("id", "")};
  for (const auto& unit : reporting) {
    auto r = a.Post("/api/v1/reports",
                    {{"template_id", templ},
                     {"unit_id", unit},
                     {"period", "2026S1"},
                     {"rows",
                      {{{"table", "trainings"},
                        {"item", "officials"},
                        {"level", "xa"},
                        {"values", {{"count", 3}, {"people", {{"male", 40}, {"female", 65}}}}}}}}});
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string id = r.json().value("id", "");
    ASSERT_EQ(a.Post("/api/v1/reports/" + id + "/submit", {{"version", 1}}).status, 200);
    ASSERT_EQ(a.Post("/api/v1/reports/" + id + "/accept", {{"version", 2}}).status, 200);
  }
  const std::string q =
      "/api/v1/reports/data-values?template=gender_equality_periodic&period=2026S1&unit=" +
      province;
  auto got = a.Get(q + "&format=json");
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.headers["content-type"].rfind("application/json", 0), 0u);
  const json set = got.json();
  EXPECT_EQ(set.value("dataSet", ""), "gender_equality_periodic");
  std::set<std::string> units;
  int female = 0;
  for (const auto& v : set["dataValues"]) {
    EXPECT_EQ(v.value("period", ""), "2026S1");
    EXPECT_EQ(v.value("storedBy", ""), "admin");
    EXPECT_TRUE(ParseInstant(v.value("lastUpdated", "")).has_value()) << v.dump();
    units.insert(v.value("orgUnit", ""));
    if (v.value("dataElement", "") == "gender_equality_periodic.trainings.people" &&
        v.value("categoryOptionCombo", "") == "officials|xa|female")
      female += std::stoi(v.value("value", "0"));
  }
  EXPECT_EQ(female, 130) << set.dump();
  EXPECT_TRUE(units.count(communes[0].value("code", ""))) << json(units).dump();
  EXPECT_TRUE(units.count("CQ-" + agency.json().value("id", ""))) << json(units).dump();
  auto csv = a.Get(q);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("dataelement,period,orgunit,categoryoptioncombo,", 0), 0u);
  EXPECT_NE(csv.body.find(",2026S1,CQ-" + agency.json().value("id", "") + ","), std::string::npos)
      << csv.body;
  EXPECT_NE(csv.body.find(",admin,"), std::string::npos);
  // The action month: no DHIS2 period; ADX's is named.
  auto am = a.Get("/api/v1/reports/data-values?template=action_month_results&period=2026AM&unit=" +
                  province + "&format=json");
  EXPECT_EQ(am.status, 400);
  EXPECT_NE(am.body.find("2026-11-15/P31D"), std::string::npos) << am.body;
  EXPECT_EQ(a.Get(q + "&format=xml").status, 400);
}

INSTANTIATE_TEST_SUITE_P(Backends, AdxApi, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace binhdang::testing
