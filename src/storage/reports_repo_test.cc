// Storage conformance for templates, reports and their values, on SQLite and PostgreSQL.
#include "storage/reports_repo.h"

#include <gtest/gtest.h>

#include "storage/units_repo.h"
#include "support/templates.h"
#include "support/test_env.h"

namespace binhdang::storage {
namespace {

class ReportsRepoConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = testing::TestDatabase::Create(GetParam());
    if (!db_) GTEST_SKIP() << "no " << GetParam() << " database";
    ASSERT_TRUE(db_->store().Migrate().ok());
    auto sql = db_->store().Lease();
    domain::Unit u;
    u.code = "01";
    u.name = u.full_name = "Xã Một";
    unit_ = UnitsRepo(*sql).Insert(u, 1);
  }
  std::unique_ptr<testing::TestDatabase> db_;
  Id unit_ = 0;
};

TEST_P(ReportsRepoConformance, TemplatesAreVersioned) {
  auto sql = db_->store().Lease();
  TemplatesRepo repo(*sql);
  auto t = testing::BuiltInTemplate("action_month_results");
  const Id v1 = repo.Insert(t, 0, 1);
  t.version = 2;
  t.title = "Sửa đổi";
  const Id v2 = repo.Insert(t, 0, 2);
  EXPECT_EQ(repo.Get(v1)->version, 1);
  EXPECT_EQ(repo.Latest(t.code)->id, v2);
  EXPECT_EQ(repo.Latest(t.code)->title, "Sửa đổi");
  EXPECT_EQ(repo.ListLatest().size(), 1u);
  EXPECT_EQ(domain::TemplateToJson(*repo.Get(v1)).dump().size() > 100, true);
  try {
    repo.Insert(t, 0, 3);
    ADD_FAILURE() << "a duplicate version must be refused";
  } catch (const soci::soci_error& e) {
    EXPECT_TRUE(IsUniqueViolation(e)) << e.what();
  }
}

TEST_P(ReportsRepoConformance, ReportRoundTripAndVersionCheck) {
  auto sql = db_->store().Lease();
  auto t = testing::BuiltInTemplate("action_month_results");
  t.id = TemplatesRepo(*sql).Insert(t, 0, 1);
  domain::Report r;
  r.template_id = t.id;
  r.template_code = t.code;
  r.unit_id = unit_;
  r.period = "2024AM";
  r.plan_id = 77;
  r.sections = {{"results", "Kết quả tốt — \"nhiều\" người tham gia"}};
  r.rows = {{"activities",
             "training",
             "",
             "xa",
             {{"count", {3, 0, 0, false}}, {"people", {0, 12, 30, true}}}},
            {"activities",
             "other",
             "Văn nghệ",
             "huyen",
             {{"count", {1, 0, 0, false}}, {"people", {0, 5, 6, true}}}}};
  r.due_date = Date(2024, 12, 10);
  r.created_at_ms = r.updated_at_ms = 5;
  ReportsRepo repo(*sql);
  r.id = repo.Insert(r, t);
  auto back = repo.Get(r.id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->plan_id, 77);
  EXPECT_EQ(back->sections, r.sections);
  ASSERT_EQ(back->rows.size(), 2u);
  EXPECT_EQ(back->rows[1].detail, "Văn nghệ");
  EXPECT_EQ(back->rows[0].values["people"].female, 30);
  EXPECT_TRUE(back->rows[0].values["people"].split);
  EXPECT_EQ(back->rows[0].values["count"].total, 3);
  EXPECT_EQ(back->due_date, Date(2024, 12, 10));
  EXPECT_FALSE(back->submitted_at_ms);
  EXPECT_EQ(repo.Find(t.code, unit_, "2024AM")->id, r.id);
  EXPECT_FALSE(repo.Find(t.code, unit_, "2025AM"));
  // Values count only once submitted.
  EXPECT_TRUE(repo.Values(t.code, "2024AM", false).empty());
  back->status = domain::ReportStatus::kSubmitted;
  back->submitted_at_ms = 1733800000000;
  back->rows.pop_back();
  EXPECT_TRUE(repo.Update(*back, t, true));
  EXPECT_FALSE(repo.Update(*back, t, true)) << "the version moved on";
  auto values = repo.Values(t.code, "2024AM", false);
  EXPECT_EQ(values.size(), 3u);
  EXPECT_TRUE(repo.Values(t.code, "2024AM", true).empty());
  EXPECT_EQ(repo.Get(r.id)->version, 2);
  EXPECT_EQ(
      repo.List({t.code, "2024AM", domain::ReportStatus::kSubmitted, std::nullopt, {}}).size(), 1u);
  EXPECT_EQ(repo.List({"", "", domain::ReportStatus::kDraft, std::nullopt, {}}).size(), 0u);
  EXPECT_EQ(repo.List({"", "", std::nullopt, unit_, {}}).size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportsRepoConformance, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace binhdang::storage
