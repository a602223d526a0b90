// Notifications that come with the work (issue 11): a returned report tells the unit's reporters
// with the reviewer's comment; an issued plan tells the planners of the units below; a reminder
// (nhắc nhở) from the level above tells the reporters of the units whose report is not sent,
// once a day; each links to the page it is about. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "support/test_env.h"

namespace binhdang::testing {
namespace {

using nlohmann::json;

class NotificationsApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql" && !std::getenv("BINHDANG_TEST_PG"))
      GTEST_SKIP() << "no postgresql server";
    server_ = std::make_unique<TestServer>(GetParam());
    ASSERT_TRUE(server_->ok());
    admin_ = std::make_unique<Client>(server_->port());
    ASSERT_EQ(admin_->Login("admin", TestServer::kAdminPassword), 200);
    province_ = admin_->Get("/api/v1/units?q=lai%20chau&kind=province").json()["items"][0];
    auto communes =
        admin_->Get("/api/v1/units/" + Id(province_) + "/children?kind=commune&limit=3").json();
    ASSERT_GE(communes["items"].size(), 2u);
    c1_ = communes["items"][0];
    c2_ = communes["items"][1];
    AddUser("rep.c1", c1_, "reporter");
    AddUser("rep.c2", c2_, "reporter");
    AddUser("plan.c1", c1_, "planner");
    AddUser("rev.lc", province_, "reviewer");
  }
  static std::string Id(const json& unit) { return unit.value("id", ""); }
  void AddUser(const std::string& name, const json& unit, const std::string& role) {
    auto r = admin_->Post("/api/v1/users", {{"username", name},
                                            {"full_name", "Người dùng " + name},
                                            {"password", "notify-2025-pass"},
                                            {"unit_id", Id(unit)},
                                            {"roles", {role}}});
    ASSERT_EQ(r.status, 201) << r.body;
  }
  std::unique_ptr<Client> As(const std::string& name) {
    auto c = std::make_unique<Client>(server_->port());
    EXPECT_EQ(c->Login(name, "notify-2025-pass"), 200);
    return c;
  }
  static std::vector<json> OfKind(Client& c, const std::string& kind) {
    std::vector<json> out;
    const json list = c.Get("/api/v1/notifications").json();
    for (const auto& n : list["items"])
      if (n.value("kind", "") == kind) out.push_back(n);
    return out;
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<Client> admin_;
  json province_, c1_, c2_;
};

TEST_P(NotificationsApi, AReturnedReportTellsItsReportersWithTheComment) {
  const std::string templ =
      admin_->Get("/api/v1/report-templates").json()["items"][0].value("id", "");
  auto rep = As("rep.c1");
  auto created = rep->Post("/api/v1/reports",
                           {{"template_id", templ}, {"unit_id", Id(c1_)}, {"period", "2026AM"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.json().value("id", "");
  ASSERT_EQ(rep->Post("/api/v1/reports/" + id + "/submit", {{"version", 1}}).status, 200);
  EXPECT_TRUE(OfKind(*rep, "report_returned").empty());
  auto rev = As("rev.lc");
  auto returned = rev->Post("/api/v1/reports/" + id + "/return",
                            {{"version", 2}, {"comment", "Đề nghị bổ sung số người tham gia."}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  auto told = OfKind(*rep, "report_returned");
  ASSERT_EQ(told.size(), 1u);
  const std::string message = told[0].value("message", "");
  EXPECT_NE(message.find("Đề nghị bổ sung số người tham gia."), std::string::npos) << message;
  EXPECT_NE(message.find("Tháng hành động 2026"), std::string::npos) << message;
  EXPECT_NE(message.find(c1_.value("full_name", "")), std::string::npos) << message;
  EXPECT_EQ(told[0].value("link", ""), "#/reports/" + id);
  EXPECT_EQ(rep->Get("/api/v1/notifications").json()["unread"], 1);
  // Only the unit's reporters: not its planner, not the other commune's reporter.
  EXPECT_TRUE(OfKind(*As("plan.c1"), "report_returned").empty());
  EXPECT_TRUE(OfKind(*As("rep.c2"), "report_returned").empty());
}

TEST_P(NotificationsApi, ARemindTellsTheUnitsNotSentOnceADay) {
  const std::string templ =
      admin_->Get("/api/v1/report-templates").json()["items"][0].value("id", "");
  // Commune 2 has sent its report; commune 1 has not.
  auto rep2 = As("rep.c2");
  auto sent = rep2->Post("/api/v1/reports",
                         {{"template_id", templ}, {"unit_id", Id(c2_)}, {"period", "2026AM"}});
  ASSERT_EQ(sent.status, 201);
  ASSERT_EQ(
      rep2->Post("/api/v1/reports/" + sent.json().value("id", "") + "/submit", {{"version", 1}})
          .status,
      200);
  const json body = {
      {"template", "action_month_results"}, {"period", "2026AM"}, {"unit_id", Id(province_)}};
  // A reporter of a commune may not remind the province's communes.
  EXPECT_EQ(As("rep.c1")->Post("/api/v1/reports/completeness/remind", body).status, 403);
  auto rev = As("rev.lc");
  auto reminded = rev->Post("/api/v1/reports/completeness/remind", body);
  ASSERT_EQ(reminded.status, 200) << reminded.body;
  EXPECT_EQ(reminded.json()["users"], 1) << "rep.c1 only: commune 2 has sent";
  EXPECT_GE(reminded.json()["units"].get<int>(), 2) << "every commune of the province not sent";
  bool c1_listed_without = false;
  const json answer = reminded.json();
  for (const auto& u : answer["without_reporter"])
    c1_listed_without = c1_listed_without || u.value("id", "") == Id(c1_);
  EXPECT_FALSE(c1_listed_without) << "commune 1 has a reporter";
  EXPECT_FALSE(reminded.json()["without_reporter"].empty()) << "the other communes have none";
  auto rep1 = As("rep.c1");
  auto told = OfKind(*rep1, "report_reminder");
  ASSERT_EQ(told.size(), 1u);
  const std::string message = told[0].value("message", "");
  EXPECT_NE(message.find("Tỉnh Lai Châu nhắc"), std::string::npos) << message;
  EXPECT_NE(message.find("hạn nộp 10/12/2026"), std::string::npos) << message;
  EXPECT_NE(told[0].value("link", "").find("period=2026AM"), std::string::npos);
  EXPECT_TRUE(OfKind(*rep2, "report_reminder").empty()) << "a unit that has sent is not reminded";
  // The same day again: nobody is told twice.
  auto again = rev->Post("/api/v1/reports/completeness/remind", body);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.json()["users"], 0);
  EXPECT_EQ(OfKind(*rep1, "report_reminder").size(), 1u);
  // Bad input names the field and tells nobody.
  auto bad = rev->Post("/api/v1/reports/completeness/remind",
                       {{"template", "action_month_results"}, {"unit_id", Id(province_)}});
  EXPECT_EQ(bad.status, 400);
}

TEST_P(NotificationsApi, AnIssuedPlanTellsThePlannersOfTheUnitsBelow) {
  auto plan = admin_->Post("/api/v1/plans", {{"unit_id", Id(province_)},
                                             {"title", "Kế hoạch Tháng hành động năm 2030"},
                                             {"kind", "action_month"},
                                             {"period_start", "2030-11-15"},
                                             {"period_end", "2030-12-15"}});
  ASSERT_EQ(plan.status, 201) << plan.body;
  const std::string id = plan.json().value("id", "");
  ASSERT_EQ(
      admin_
          ->Post("/api/v1/plans/" + id + "/activities", {{"title", "Xây dựng kế hoạch của xã"},
                                                         {"assignee", "child_units"},
                                                         {"due_date", "2030-11-20"}})
          .status,
      201);
  auto issued = admin_->Post("/api/v1/plans/" + id + "/issue", {{"version", 1}});
  ASSERT_EQ(issued.status, 200) << issued.body;
  auto told = OfKind(*As("plan.c1"), "plan_issued");
  ASSERT_EQ(told.size(), 1u);
  const std::string message = told[0].value("message", "");
  EXPECT_NE(message.find("Tỉnh Lai Châu đã ban hành kế hoạch số"), std::string::npos) << message;
  EXPECT_NE(message.find("Kế hoạch Tháng hành động năm 2030"), std::string::npos);
  EXPECT_EQ(told[0].value("link", ""), "#/plans/" + id);
  EXPECT_TRUE(OfKind(*As("rep.c1"), "plan_issued").empty()) << "planners only";
}

INSTANTIATE_TEST_SUITE_P(Backends, NotificationsApi, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace binhdang::testing
