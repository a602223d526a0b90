// Races on plans through the real HTTP server, on SQLite and on PostgreSQL.
// Issue 12: two concurrent derives of one plan for one unit could both pass the "already
// derived" check and create two plans (on PostgreSQL the loser then hit nothing; with the unique
// index it must get a 409, never a 500).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "support/test_env.h"

namespace binhdang::testing {
namespace {

using nlohmann::json;

TEST(PlansRace, ConcurrentDerivesOfOnePlanForOneUnitMakeOnePlan) {
  for (const std::string& backend : Backends()) {
    SCOPED_TRACE(backend);
    TestServer server(backend);
    if (!server.ok()) continue;
    Client admin(server.port());
    ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword), 200);
    auto units = admin.Get("/api/v1/units?q=lai%20chau&kind=province");
    ASSERT_EQ(units.status, 200);
    const std::string province = units.json()["items"][0].value("id", "");
    auto communes = admin.Get("/api/v1/units?kind=commune&limit=4&parent=" + province);
    ASSERT_EQ(communes.status, 200);
    const json commune_items = communes.json()["items"];
    ASSERT_EQ(commune_items.size(), 4u);
    auto plan = admin.Post("/api/v1/plans", {{"unit_id", province},
                                             {"title", "Kế hoạch của tỉnh"},
                                             {"period_start", "2030-01-01"},
                                             {"period_end", "2030-12-31"}});
    ASSERT_EQ(plan.status, 201) << plan.body;
    const std::string id = plan.json().value("id", "");
    ASSERT_EQ(admin
                  .Post("/api/v1/plans/" + id + "/activities",
                        {{"title", "Kế hoạch của xã"}, {"assignee", "child_units"}})
                  .status,
              201);
    ASSERT_EQ(admin.Post("/api/v1/plans/" + id + "/issue", {{"version", 1}}).status, 200);

    constexpr int kRacers = 6;
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < kRacers; ++i) {
      clients.push_back(std::make_unique<Client>(server.port()));
      ASSERT_EQ(clients.back()->Login("admin", TestServer::kAdminPassword), 200);
    }
    for (const auto& commune : commune_items) {
      const std::string unit = commune.value("id", "");
      std::atomic<int> go{0}, created{0}, conflicts{0}, other{0};
      std::vector<std::thread> threads;
      for (int i = 0; i < kRacers; ++i) {
        threads.emplace_back([&, i] {
          go.fetch_add(1);
          while (go.load() < kRacers) std::this_thread::yield();
          auto res = clients[i]->Post("/api/v1/plans/" + id + "/derive", {{"unit_id", unit}});
          if (res.status == 201)
            ++created;
          else if (res.status == 409)
            ++conflicts;
          else {
            ++other;
            ADD_FAILURE() << "derive answered " << res.status << ": " << res.body;
          }
        });
      }
      for (auto& t : threads) t.join();
      EXPECT_EQ(created.load(), 1) << unit;
      EXPECT_EQ(conflicts.load(), kRacers - 1) << unit;
      EXPECT_EQ(other.load(), 0) << unit;
    }
    auto cascade = admin.Get("/api/v1/plans/" + id + "/cascade");
    ASSERT_EQ(cascade.status, 200);
    EXPECT_EQ(cascade.json()["summary"].value("derived", 0), 4) << cascade.body;
    EXPECT_EQ(cascade.json()["summary"].value("plans", 0), 5) << cascade.body;
  }
}

// Issue 12: `support_unit_ids: ["5","5"]` reached the primary key of activity_support (500).
TEST(PlansRace, RepeatedSupportingUnitIsNamedOnce) {
  for (const std::string& backend : Backends()) {
    SCOPED_TRACE(backend);
    TestServer server(backend);
    if (!server.ok()) continue;
    Client admin(server.port());
    ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword), 200);
    auto units = admin.Get("/api/v1/units?q=lai%20chau&kind=province");
    const std::string province = units.json()["items"][0].value("id", "");
    auto communes = admin.Get("/api/v1/units?kind=commune&limit=2&parent=" + province);
    const std::string a = communes.json()["items"][0].value("id", "");
    const std::string b = communes.json()["items"][1].value("id", "");
    auto plan = admin.Post("/api/v1/plans", {{"unit_id", province}, {"title", "Kế hoạch"}});
    ASSERT_EQ(plan.status, 201);
    const std::string id = plan.json().value("id", "");
    auto added =
        admin.Post("/api/v1/plans/" + id + "/activities",
                   {{"title", "Tuyên truyền"}, {"lead_unit_id", a}, {"support_unit_ids", {b, b}}});
    ASSERT_EQ(added.status, 201) << added.body;
    EXPECT_EQ(added.json()["support_unit_ids"], json::array({b}));
    const std::string activity = added.json().value("id", "");
    auto updated = admin.Patch("/api/v1/activities/" + activity,
                               {{"version", 1}, {"support_unit_ids", {b, b, b}}});
    ASSERT_EQ(updated.status, 200) << updated.body;
    EXPECT_EQ(updated.json()["support_unit_ids"], json::array({b}));
  }
}

}  // namespace
}  // namespace binhdang::testing
