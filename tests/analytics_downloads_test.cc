// Analytics downloads and freshness against a real server on both engines: the CSV and XLSX of
// GET /analytics carry the same table as the JSON, with names beside codes. (Two servers sharing
// a database: tests/two_servers_test.sh.)
#include <gtest/gtest.h>

#include "documents/xlsx_sheet.h"
#include "support/test_env.h"

namespace binhdang::testing {
namespace {

using nlohmann::json;

class AnalyticsDownloadsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(GetParam());
    if (!server_->ok()) GTEST_SKIP() << "no " << GetParam();
    admin_ = std::make_unique<Client>(server_->port());
    ASSERT_EQ(admin_->Login("admin", TestServer::kAdminPassword), 200);
    province_ =
        admin_->Get("/api/v1/units?q=lai%20chau&kind=province").json()["items"][0].value("id", "");
    commune_ = admin_->Get("/api/v1/units/" + province_ + "/children?kind=commune&limit=1")
                   .json()["items"][0]
                   .value("id", "");
    templ_ = admin_->Get("/api/v1/report-templates").json()["items"][0].value("id", "");
    ASSERT_FALSE(commune_.empty());
  }
  //! A report of the commune for the action month of 2028, submitted then accepted.
  void Report(long long female, long long male) {
    auto r = admin_->Post(
        "/api/v1/reports",
        {{"template_id", templ_},
         {"unit_id", commune_},
         {"period", "2028AM"},
         {"rows",
          json::array(
              {{{"table", "activities"},
                {"item", "training"},
                {"level", "xa"},
                {"values", {{"count", 2}, {"people", {{"male", male}, {"female", female}}}}}}})}});
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string id = r.json().value("id", "");
    ASSERT_EQ(admin_->Post("/api/v1/reports/" + id + "/submit", {{"version", 1}}).status, 200);
    ASSERT_EQ(admin_->Post("/api/v1/reports/" + id + "/accept", {{"version", 2}}).status, 200);
  }
  std::string Ask(const std::string& format) {
    return "/api/v1/analytics?dx=action_month_results.activities.people&pe=2028&ou=" + province_ +
           "&by=sex&format=" + format;
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<Client> admin_;
  std::string province_, commune_, templ_;
};

TEST_P(AnalyticsDownloadsTest, CsvHasCodesNamesAndValues) {
  Report(30, 12);
  auto res = admin_->Get(Ask("csv"));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_NE(res.headers["content-disposition"].find("phan-tich.csv"), std::string::npos);
  const std::string& csv = res.body;
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(
      csv.find("Mã dữ liệu,Dữ liệu,Mã kỳ,Kỳ,Mã đơn vị,Đơn vị,Mã giới tính,Giới tính,Giá trị\r\n"),
      std::string::npos)
      << csv;
  EXPECT_NE(csv.find(",2028,Năm 2028," + province_ + ",Tỉnh Lai Châu,female,Nữ,30\r\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find(",male,Nam,12\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",total,Tổng,42\r\n"), std::string::npos) << csv;
}

TEST_P(AnalyticsDownloadsTest, XlsxHoldsTheSameTable) {
  Report(7, 5);
  auto res = admin_->Get(Ask("xlsx"));
  ASSERT_EQ(res.status, 200) << res.body.substr(0, 200);
  auto grid = documents::ReadGrid(res.body);
  ASSERT_TRUE(grid.ok()) << grid.error().message.en;
  const auto& g = *grid;
  ASSERT_TRUE(g.count(0) && g.count(3)) << "header and three rows";
  EXPECT_EQ(g.at(0).at(0), "Mã dữ liệu");
  EXPECT_EQ(g.at(0).at(8), "Giá trị");
  EXPECT_EQ(g.at(1).at(5), "Tỉnh Lai Châu");
  EXPECT_EQ(g.at(1).at(7), "Nữ");
  EXPECT_EQ(g.at(1).at(8), "7");
  EXPECT_EQ(g.at(3).at(7), "Tổng");
  EXPECT_EQ(g.at(3).at(8), "12");
}

INSTANTIATE_TEST_SUITE_P(Engines, AnalyticsDownloadsTest, ::testing::ValuesIn(Backends()));

}  // namespace
}  // namespace binhdang::testing
