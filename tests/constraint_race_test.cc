// Races to create the same thing, through the real HTTP server on both engines (issue 10.4):
// the check before an insert runs in another transaction than a competing insert, so the loser
// meets the database's UNIQUE constraint. It must be a 409 (or the 400 the service gives when
// its own check sees the winner), never a 500, and exactly one creation wins.
#include <gtest/gtest.h>

#include <functional>
#include <latch>
#include <map>
#include <thread>
#include <vector>

#include "storage/store.h"
#include "support/test_env.h"

namespace binhdang::testing {
namespace {

constexpr int kRacers = 8;

// Runs `request` on kRacers threads released together; returns how often each status came.
std::map<int, int> Race(const std::function<int(int)>& request) {
  std::latch start(kRacers);
  std::vector<int> statuses(kRacers, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRacers; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      statuses[i] = request(i);
    });
  }
  for (auto& t : threads) t.join();
  std::map<int, int> counts;
  for (int s : statuses) ++counts[s];
  return counts;
}

std::string Describe(const std::map<int, int>& counts) {
  std::string out;
  for (const auto& [status, n] : counts)
    out += std::to_string(status) + "×" + std::to_string(n) + " ";
  return out;
}

class ConstraintRace : public ::testing::TestWithParam<std::string> {};

TEST_P(ConstraintRace, ParallelCreationOfTheSameReportIsOne201AndConflicts) {
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
  ASSERT_FALSE(templ.empty());
  ASSERT_FALSE(unit.empty());
  for (const char* period :
       {"2026AM", "2027AM", "2028AM"}) {  // a few rounds: the race is not always lost
    const nlohmann::json body = {{"template_id", templ}, {"unit_id", unit}, {"period", period}};
    auto counts = Race([&](int) {
      Client c = admin;
      return c.Post("/api/v1/reports", body).status;
    });
    EXPECT_EQ(counts[201], 1) << period << ": " << Describe(counts);
    EXPECT_EQ(counts[201] + counts[409] + counts[400], kRacers)
        << period << ": " << Describe(counts);
    EXPECT_EQ(counts[500], 0) << period << ": " << Describe(counts);
  }
}

TEST_P(ConstraintRace, ParallelIssueWithTheSameNumberIsOne200AndConflicts) {
  if (GetParam() == "postgresql" && !std::getenv("BINHDANG_TEST_PG"))
    GTEST_SKIP() << "no postgresql server";
  TestServer server(GetParam());
  ASSERT_TRUE(server.ok());
  Client admin(server.port());
  ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword), 200);
  const std::string unit =
      admin.Get("/api/v1/units?q=lai%20chau&kind=province").json()["items"][0].value("id", "");
  ASSERT_FALSE(unit.empty());
  for (int number : {48, 49, 50}) {
    std::vector<std::string> plans;
    for (int i = 0; i < kRacers; ++i) {
      auto p = admin.Post("/api/v1/plans", {{"unit_id", unit},
                                            {"title", "Kế hoạch " + std::to_string(i)},
                                            {"period_start", "2097-11-15"},
                                            {"period_end", "2097-12-15"}});
      ASSERT_EQ(p.status, 201) << p.body;
      plans.push_back(p.json().value("id", ""));
      auto a = admin.Post(
          "/api/v1/plans/" + plans.back() + "/activities",
          {{"title", "Triển khai"}, {"assignee", "child_units"}, {"due_date", "2097-12-01"}});
      ASSERT_EQ(a.status, 201) << a.body;
    }
    auto counts = Race([&](int i) {
      Client c = admin;
      return c
          .Post("/api/v1/plans/" + plans[i] + "/issue",
                {{"version", 1}, {"number", number}, {"issued_on", "2097-11-05"}})
          .status;
    });
    EXPECT_EQ(counts[200], 1) << number << ": " << Describe(counts);
    EXPECT_EQ(counts[200] + counts[409] + counts[400], kRacers)
        << number << ": " << Describe(counts);
    EXPECT_EQ(counts[500], 0) << number << ": " << Describe(counts);
  }
}

// The mapping itself, on the engine's own errors: a duplicate key is a conflict, a missing
// foreign key is invalid input, and the failed transaction left nothing behind.
TEST_P(ConstraintRace, DatabaseConstraintErrorsMapToConflictAndInvalid) {
  if (GetParam() == "postgresql" && !std::getenv("BINHDANG_TEST_PG"))
    GTEST_SKIP() << "no postgresql server";
  auto db = TestDatabase::Create(GetParam());
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->store().Migrate().ok());
  auto sql = db->store().Lease();
  *sql << "CREATE TABLE race_parent (id INTEGER PRIMARY KEY)";
  *sql << "CREATE TABLE race_child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES "
          "race_parent(id))";
  *sql << "INSERT INTO race_parent (id) VALUES (1)";
  auto error_of = [&](const std::string& statement) -> std::optional<Error> {
    try {
      storage::Transaction tx(*sql, db->store());
      *sql << statement;
      tx.Commit();
    } catch (const std::exception& e) {
      return storage::ConstraintError(e);
    }
    ADD_FAILURE() << "no error from " << statement;
    return std::nullopt;
  };
  auto duplicate = error_of("INSERT INTO race_parent (id) VALUES (1)");
  ASSERT_TRUE(duplicate);
  EXPECT_EQ(duplicate->code, ErrorCode::kConflict);
  auto dangling = error_of("INSERT INTO race_child (id, parent_id) VALUES (1, 99)");
  ASSERT_TRUE(dangling);
  EXPECT_EQ(dangling->code, ErrorCode::kInvalidArgument);
  int children = -1;
  *sql << "SELECT count(*) FROM race_child", soci::into(children);
  EXPECT_EQ(children, 0);
  // Anything else is not an expected failure.
  try {
    *sql << "SELECT * FROM no_such_table";
    ADD_FAILURE() << "no error";
  } catch (const std::exception& e) {
    EXPECT_FALSE(storage::ConstraintError(e));
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ConstraintRace, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace binhdang::testing
