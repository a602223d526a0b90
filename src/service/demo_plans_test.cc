#include "service/demo_plans.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/crypto.h"
#include "service/bootstrap.h"
#include "storage/plans_repo.h"
#include "support/test_env.h"

namespace binhdang::service {
namespace {

const std::string kDemoPlansPath = std::string(BINHDANG_RESOURCE_DIR) + "/demo/plans.json";

// A database with the units and agencies of a first start, without the demo.
class DemoPlansFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing::TestDatabase::Create("sqlite");
    ASSERT_TRUE(db_);
    auto boot = Bootstrap(db_->store(), {BINHDANG_RESOURCE_DIR, "admin-Secret-1", true, false});
    ASSERT_TRUE(boot.ok()) << boot.error().message.en;
    file_ = (std::filesystem::temp_directory_path() /
             ("binhdang-plans-" + crypto::RandomToken(6) + ".json"))
                .string();
  }
  void TearDown() override { std::filesystem::remove(file_); }

  Status Seed(const nlohmann::json& doc) {
    std::ofstream(file_) << doc.dump();
    UnitDirectory directory(db_->store());
    return SeedDemoPlans(db_->store(), directory, file_);
  }
  long long Plans() {
    auto sql = db_->store().Lease();
    return storage::PlansRepo(*sql).Count();
  }
  static nlohmann::json Demo() {
    std::ifstream in(kDemoPlansPath);
    return nlohmann::json::parse(in);
  }

  std::unique_ptr<testing::TestDatabase> db_;
  std::string file_;
};

TEST_F(DemoPlansFileTest, TheDemoFileSeedsItsThreePlansAndTheDerivedOnes) {
  UnitDirectory directory(db_->store());
  ASSERT_TRUE(SeedDemoPlans(db_->store(), directory, kDemoPlansPath).ok());
  EXPECT_EQ(Plans(), 6) << "3 plans of the file and 3 commune plans derived";
}

TEST_F(DemoPlansFileTest, AMissingFileIsAnErrorNotACrash) {
  UnitDirectory directory(db_->store());
  auto s = SeedDemoPlans(db_->store(), directory, file_ + ".missing");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInternal);
  EXPECT_NE(s.error().message.en.find("The demo plans file " + file_ + ".missing: cannot be read"),
            std::string::npos)
      << s.error().message.en;
  EXPECT_NE(s.error().message.vi.find("Tệp kế hoạch minh họa"), std::string::npos);
  std::ofstream(file_) << "{\"plans\": [";
  auto broken = SeedDemoPlans(db_->store(), directory, file_);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.en.find("is not JSON"), std::string::npos);
  EXPECT_EQ(Plans(), 0);
}

TEST_F(DemoPlansFileTest, AWrongShapeNamesEveryPathAndWritesNothing) {
  auto doc = Demo();
  doc["plans"][1]["kind"] = "weekly";
  doc["plans"][1]["bases"][0]["date"] = "29/10/2024";
  doc["plans"][2]["activities"][0].erase("title");
  doc["plans"][0]["parent"] = "nowhere";
  doc["progress"][0]["status"] = "finished";
  auto s = Seed(doc);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.en.find("is not in the expected shape"), std::string::npos);
  std::vector<std::string> fields;
  for (const auto& d : s.error().details) fields.push_back(d.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"plans[0].parent", "plans[1].kind", "plans[1].bases[0].date",
                                      "plans[2].activities[0].title", "progress[0].status"}));
  EXPECT_EQ(Plans(), 0);
}

TEST_F(DemoPlansFileTest, AnAgencyTheDatabaseLacksIsNamedBeforeAnyPlanIsWritten) {
  auto doc = Demo();
  doc["plans"][1]["activities"][9]["support"] = {"Phòng Không Có"};
  auto s = Seed(doc);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.en.find("no agency \"Phòng Không Có\" under Huyện Tam Đường"),
            std::string::npos)
      << s.error().message.en;
  EXPECT_EQ(Plans(), 0);
}

}  // namespace
}  // namespace binhdang::service
