// Reminders of activities (issue 11): the planners and reporters of the unit that leads an
// activity of an issued plan are told 7 days before, the day before and once it is overdue,
// each once however often the sweep runs; nobody else, nothing for a done activity. The sweep
// is given the day, so the test walks the calendar. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "support/test_env.h"

namespace binhdang::testing {
namespace {

using nlohmann::json;

class Reminders : public ::testing::TestWithParam<std::string> {};

std::vector<std::string> Messages(Client& c, const std::string& kind) {
  std::vector<std::string> out;
  const json list = c.Get("/api/v1/notifications").json();
  for (const auto& n : list["items"])
    if (n.value("kind", "") == kind) out.push_back(n.value("message", ""));
  return out;
}

TEST_P(Reminders, TheLeadUnitIsToldBeforeTheDueDateAndWhenOverdueOnceEach) {
  if (GetParam() == "postgresql" && !std::getenv("BINHDANG_TEST_PG"))
    GTEST_SKIP() << "no postgresql server";
  TestServer server(GetParam());
  ASSERT_TRUE(server.ok());
  Client admin(server.port());
  ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword), 200);
  const json province = admin.Get("/api/v1/units?q=lai%20chau&kind=province").json()["items"][0];
  const json communes =
      admin.Get("/api/v1/units/" + province.value("id", "") + "/children?kind=commune&limit=2")
          .json();
  const std::string c1 = communes["items"][0].value("id", "");
  const std::string c2 = communes["items"][1].value("id", "");
  for (const auto& [name, unit, role] :
       std::vector<std::tuple<std::string, std::string, std::string>>{{"plan.c1", c1, "planner"},
                                                                      {"rep.c1", c1, "reporter"},
                                                                      {"view.c1", c1, "viewer"},
                                                                      {"plan.c2", c2, "planner"}}) {
    ASSERT_EQ(admin
                  .Post("/api/v1/users", {{"username", name},
                                          {"full_name", "Cán bộ " + name},
                                          {"password", "nhac-viec-2030"},
                                          {"unit_id", unit},
                                          {"roles", {role}}})
                  .status,
              201);
  }
  auto plan = admin.Post("/api/v1/plans", {{"unit_id", province.value("id", "")},
                                           {"title", "Kế hoạch Tháng hành động năm 2030"},
                                           {"kind", "action_month"},
                                           {"period_start", "2030-11-15"},
                                           {"period_end", "2030-12-15"}});
  ASSERT_EQ(plan.status, 201) << plan.body;
  const std::string plan_id = plan.json().value("id", "");
  auto activity = admin.Post(
      "/api/v1/plans/" + plan_id + "/activities",
      {{"title", "Treo băng rôn, khẩu hiệu"}, {"lead_unit_id", c1}, {"due_date", "2030-11-20"}});
  ASSERT_EQ(activity.status, 201) << activity.body;
  const std::string activity_id = activity.json().value("id", "");
  auto& reminders = server.api().services().reminders;
  // Nothing while the plan is a draft.
  EXPECT_EQ(reminders.Sweep(Date(2030, 11, 13)).due_soon, 0);
  ASSERT_EQ(admin.Post("/api/v1/plans/" + plan_id + "/issue", {{"version", 1}}).status, 200);

  EXPECT_EQ(reminders.Sweep(Date(2030, 11, 10)).due_soon, 0) << "10 days before: not yet";
  EXPECT_EQ(reminders.Sweep(Date(2030, 11, 13)).due_soon, 2) << "7 days before: planner, reporter";
  EXPECT_EQ(reminders.Sweep(Date(2030, 11, 13)).due_soon, 0) << "a second sweep tells nobody";
  EXPECT_EQ(reminders.Sweep(Date(2030, 11, 15)).due_soon, 0) << "the 7-day notice is sent";
  EXPECT_EQ(reminders.Sweep(Date(2030, 11, 19)).due_soon, 2) << "the day before";
  auto planner = std::make_unique<Client>(server.port());
  ASSERT_EQ(planner->Login("plan.c1", "nhac-viec-2030"), 200);
  auto seven = Messages(*planner, "activity_due_7");
  ASSERT_EQ(seven.size(), 1u);
  EXPECT_NE(seven[0].find("Còn 7 ngày đến hạn 20/11/2030: \"Treo băng rôn, khẩu hiệu\""),
            std::string::npos)
      << seven[0];
  EXPECT_NE(seven[0].find("của Tỉnh Lai Châu"), std::string::npos) << seven[0];
  ASSERT_EQ(Messages(*planner, "activity_due_1").size(), 1u);

  const auto late = reminders.Sweep(Date(2030, 11, 22));
  EXPECT_EQ(late.overdue, 2);
  EXPECT_EQ(reminders.Sweep(Date(2030, 11, 23)).overdue, 0) << "overdue: once a week";
  auto overdue = Messages(*planner, "activity_overdue");
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_NE(overdue[0].find("Quá hạn 2 ngày (hạn 20/11/2030)"), std::string::npos) << overdue[0];
  const json list = planner->Get("/api/v1/notifications").json();
  EXPECT_EQ(list["items"][0].value("link", ""), "#/plans/" + plan_id + "?activity=" + activity_id);
  // Not the viewer of the unit, not another commune's planner.
  for (const char* other : {"view.c1", "plan.c2"}) {
    Client c(server.port());
    ASSERT_EQ(c.Login(other, "nhac-viec-2030"), 200);
    EXPECT_TRUE(Messages(c, "activity_due_7").empty()) << other;
    EXPECT_TRUE(Messages(c, "activity_overdue").empty()) << other;
  }
  // A done activity is not reminded (a fresh one, due later).
  auto second =
      admin.Post("/api/v1/plans/" + plan_id + "/activities",
                 {{"title", "Tọa đàm"}, {"lead_unit_id", c1}, {"due_date", "2030-12-10"}});
  ASSERT_EQ(second.status, 201) << second.body;
  auto done = planner->Patch("/api/v1/activities/" + second.json().value("id", ""),
                             {{"version", 1}, {"status", "done"}, {"completed_on", "2026-11-30"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(reminders.Sweep(Date(2030, 12, 3)).due_soon, 0);
}

// A province chooses 10 and 3 days for itself and the units under it; one commune chooses 5 and
// 0 for itself; the planners say so through the API, a viewer may not, and nonsense is refused.
TEST_P(Reminders, AUnitChoosesItsDaysForItselfAndTheUnitsUnderIt) {
  if (GetParam() == "postgresql" && !std::getenv("BINHDANG_TEST_PG"))
    GTEST_SKIP() << "no postgresql server";
  TestServer server(GetParam());
  ASSERT_TRUE(server.ok());
  Client admin(server.port());
  ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword), 200);
  const json province = admin.Get("/api/v1/units?q=lai%20chau&kind=province").json()["items"][0];
  const std::string p = province.value("id", "");
  const json communes = admin.Get("/api/v1/units/" + p + "/children?kind=commune&limit=2").json();
  const std::string c1 = communes["items"][0].value("id", "");
  const std::string c2 = communes["items"][1].value("id", "");
  for (const auto& [name, unit, role] :
       std::vector<std::tuple<std::string, std::string, std::string>>{{"kh.tinh", p, "planner"},
                                                                      {"xem.tinh", p, "viewer"},
                                                                      {"kh.c1", c1, "planner"},
                                                                      {"kh.c2", c2, "planner"}}) {
    ASSERT_EQ(admin
                  .Post("/api/v1/users", {{"username", name},
                                          {"full_name", "Cán bộ " + name},
                                          {"password", "nhac-viec-2030"},
                                          {"unit_id", unit},
                                          {"roles", {role}}})
                  .status,
              201);
  }
  Client planner(server.port()), viewer(server.port()), commune(server.port());
  ASSERT_EQ(planner.Login("kh.tinh", "nhac-viec-2030"), 200);
  ASSERT_EQ(viewer.Login("xem.tinh", "nhac-viec-2030"), 200);
  ASSERT_EQ(commune.Login("kh.c1", "nhac-viec-2030"), 200);
  const std::string at_p = "/api/v1/units/" + p + "/reminder-days";
  const std::string at_c1 = "/api/v1/units/" + c1 + "/reminder-days";
  // The default, said as such.
  auto got = viewer.Get(at_c1).json();
  EXPECT_EQ(got.value("first_days", 0), 7);
  EXPECT_EQ(got.value("last_days", -1), 1);
  EXPECT_TRUE(got["set_by_unit_id"].is_null());
  EXPECT_FALSE(got.value("may_change", true));
  EXPECT_EQ(viewer
                .Request("PUT", at_p, R"({"first_days": 10, "last_days": 3})",
                         {{"content-type", "application/json"}})
                .status,
            403);
  auto bad = planner.Request("PUT", at_p, R"({"first_days": 3, "last_days": 3})",
                             {{"content-type", "application/json"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("ít ngày hơn lần đầu"), std::string::npos) << bad.body;
  EXPECT_EQ(planner
                .Request("PUT", at_p, R"({"first_days": 61, "last_days": 1})",
                         {{"content-type", "application/json"}})
                .status,
            400);
  auto set = planner.Request("PUT", at_p, R"({"first_days": 10, "last_days": 3})",
                             {{"content-type", "application/json"}});
  ASSERT_EQ(set.status, 200) << set.body;
  got = commune.Get(at_c1).json();
  EXPECT_EQ(got.value("first_days", 0), 10) << "the province's days hold below it";
  EXPECT_EQ(got.value("set_by_unit_id", ""), p);
  EXPECT_TRUE(got.value("may_change", false)) << "a commune planner may choose the commune's own";
  EXPECT_EQ(commune.Get(at_p).status, 403) << "the province's own page is not the commune's";
  EXPECT_EQ(commune
                .Request("PUT", at_p, R"({"first_days": 5, "last_days": 0})",
                         {{"content-type", "application/json"}})
                .status,
            403);
  // The commune chooses its own; the other commune keeps the province's.
  ASSERT_EQ(commune
                .Request("PUT", at_c1, R"({"first_days": 5, "last_days": 0})",
                         {{"content-type", "application/json"}})
                .status,
            200);

  auto plan = admin.Post("/api/v1/plans", {{"unit_id", p},
                                           {"title", "Kế hoạch Tháng hành động năm 2030"},
                                           {"kind", "action_month"},
                                           {"period_start", "2030-11-15"},
                                           {"period_end", "2030-12-15"}});
  ASSERT_EQ(plan.status, 201) << plan.body;
  const std::string plan_id = plan.json().value("id", "");
  for (const auto& lead : {c1, c2}) {
    ASSERT_EQ(admin
                  .Post("/api/v1/plans/" + plan_id + "/activities",
                        {{"title", "Tọa đàm"}, {"lead_unit_id", lead}, {"due_date", "2030-11-30"}})
                  .status,
              201);
  }
  ASSERT_EQ(admin.Post("/api/v1/plans/" + plan_id + "/issue", {{"version", 1}}).status, 200);
  auto& reminders = server.api().services().reminders;
  EXPECT_EQ(reminders.Sweep(Date(2030, 11, 19)).due_soon, 0) << "11 days before: nobody";
  EXPECT_EQ(reminders.Sweep(Date(2030, 11, 20)).due_soon, 1) << "10 days: the second commune";
  EXPECT_EQ(reminders.Sweep(Date(2030, 11, 25)).due_soon, 1) << "5 days: the first commune";
  EXPECT_EQ(reminders.Sweep(Date(2030, 11, 26)).due_soon, 0);
  EXPECT_EQ(reminders.Sweep(Date(2030, 11, 27)).due_soon, 1) << "3 days: the second's last";
  EXPECT_EQ(reminders.Sweep(Date(2030, 11, 29)).due_soon, 0) << "the first's last is on the day";
  EXPECT_EQ(reminders.Sweep(Date(2030, 11, 30)).due_soon, 1);
  Client c2_planner(server.port());
  ASSERT_EQ(c2_planner.Login("kh.c2", "nhac-viec-2030"), 200);
  EXPECT_EQ(Messages(c2_planner, "activity_due_7").size(), 1u);
  EXPECT_EQ(Messages(c2_planner, "activity_due_1").size(), 1u);
  auto last = Messages(commune, "activity_due_1");
  ASSERT_EQ(last.size(), 1u);
  EXPECT_NE(last[0].find("Đến hạn hôm nay (30/11/2030)"), std::string::npos) << last[0];
  // Back to the province's days.
  auto cleared = commune.Request("DELETE", at_c1);
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_EQ(cleared.json().value("first_days", 0), 10);
  const json audit = admin.Get("/api/v1/audit?action=unit.reminder_days").json();
  EXPECT_EQ(audit["items"].size(), 3u) << audit.dump();
}

INSTANTIATE_TEST_SUITE_P(Backends, Reminders, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace binhdang::testing
