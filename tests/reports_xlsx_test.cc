// The XLSX round trip through the API: export a report, upload the sheet back, and a second
// upload of the same (now stale) sheet is a 409 — on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "support/test_env.h"
#include "support/xlsx_fixture.h"

namespace binhdang::testing {
namespace {

class ReportXlsxApi : public ::testing::TestWithParam<std::string> {};

TEST_P(ReportXlsxApi, ExportUploadAndStaleUpload) {
  if (GetParam() == "postgresql" && !std::getenv("BINHDANG_TEST_PG"))
    GTEST_SKIP() << "no postgresql server";
  TestServer server(GetParam());
  ASSERT_TRUE(server.ok());
  Client admin(server.port());
  ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword), 200);
  const std::string templ =
      admin.Get("/api/v1/report-templates").json()["items"][0].value("id", "");
  const std::string unit =
      admin.Get("/api/v1/units?q=lai%20chau&kind=province").json()["items"][0].value("id", "");
  auto created =
      admin.Post("/api/v1/reports",
                 {{"template_id", templ},
                  {"unit_id", unit},
                  {"period", "2026AM"},
                  {"sections", {{"results", "Kết quả tốt"}}},
                  {"rows",
                   {{{"table", "activities"},
                     {"item", "training"},
                     {"level", "tinh"},
                     {"values", {{"count", 2}, {"people", {{"male", 11}, {"female", 19}}}}}}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.json().value("id", "");
  auto sheet = admin.Get("/api/v1/reports/" + id + "/xlsx");
  ASSERT_EQ(sheet.status, 200);
  EXPECT_EQ(sheet.headers["content-type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const std::map<std::string, std::string> xlsx = {{"content-type", "application/octet-stream"}};
  auto up = admin.Request("POST", "/api/v1/reports/" + id + "/xlsx", sheet.body, xlsx);
  ASSERT_EQ(up.status, 200) << up.body;
  EXPECT_EQ(up.json()["version"], 2);
  EXPECT_EQ(up.json()["sections"]["results"], "Kết quả tốt");
  EXPECT_EQ(up.json()["rows"][0]["values"]["people"]["female"], 19);
  auto stale = admin.Request("POST", "/api/v1/reports/" + id + "/xlsx", sheet.body, xlsx);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["error"]["current_version"], 2);
  auto garbage = admin.Request("POST", "/api/v1/reports/" + id + "/xlsx", "PK not a zip", xlsx);
  EXPECT_EQ(garbage.status, 400);
  EXPECT_EQ(garbage.json()["error"]["details"][0]["field"], "file");
  auto consolidated = admin.Get(
      "/api/v1/reports/consolidated/xlsx?template=action_month_results&period=2024AM&unit=" + unit);
  EXPECT_EQ(consolidated.status, 200);
  EXPECT_GT(consolidated.body.size(), 4000u);
}

// Regression (issue 10.1): a small upload whose shared strings expand to gigabytes is a 413
// with the structured error, in Vietnamese, and the server goes on serving.
TEST_P(ReportXlsxApi, SharedStringAmplificationUploadIs413) {
  if (GetParam() == "postgresql" && !std::getenv("BINHDANG_TEST_PG"))
    GTEST_SKIP() << "no postgresql server";
  TestServer server(GetParam());
  ASSERT_TRUE(server.ok());
  Client admin(server.port());
  ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword), 200);
  const std::string templ =
      admin.Get("/api/v1/report-templates").json()["items"][0].value("id", "");
  const std::string unit =
      admin.Get("/api/v1/units?q=lai%20chau&kind=province").json()["items"][0].value("id", "");
  auto created = admin.Post("/api/v1/reports",
                            {{"template_id", templ}, {"unit_id", unit}, {"period", "2026AM"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.json().value("id", "");
  const std::string hostile = AmplifyingXlsx(20000, 1 << 20);  // 20 GB once expanded
  ASSERT_LT(hostile.size(), 200000u);
  auto up = admin.Request("POST", "/api/v1/reports/" + id + "/xlsx", hostile,
                          {{"content-type", "application/octet-stream"}});
  EXPECT_EQ(up.status, 413) << up.body;
  EXPECT_EQ(up.json()["error"]["code"], "payload_too_large");
  EXPECT_EQ(up.json()["error"]["details"][0]["field"], "file");
  EXPECT_TRUE(up.json()["error"]["message"].get<std::string>().starts_with("Bảng tính quá lớn"))
      << up.body;
  EXPECT_EQ(admin.Get("/api/v1/reports/" + id).json()["version"], 1) << "nothing written";
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportXlsxApi, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace binhdang::testing
