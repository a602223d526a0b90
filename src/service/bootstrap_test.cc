#include "service/bootstrap.h"

#include <gtest/gtest.h>

#include "storage/plans_repo.h"
#include "storage/reports_repo.h"
#include "storage/users_repo.h"
#include "support/test_env.h"

namespace binhdang::service {
namespace {

struct Counts {
  long long plans, reports, templates, users;
};

Counts CountsOf(storage::Store& store) {
  auto sql = store.Lease();
  return {storage::PlansRepo(*sql).Count(),
          static_cast<long long>(storage::ReportsRepo(*sql).List({}).size()),
          static_cast<long long>(storage::TemplatesRepo(*sql).ListLatest().size()),
          storage::UsersRepo(*sql).Count()};
}

TEST(Bootstrap, FirstStartSeedsDemoDataOnlyOnce) {
  auto db = testing::TestDatabase::Create("sqlite");
  ASSERT_TRUE(db);
  auto first = Bootstrap(db->store(), {BINHDANG_RESOURCE_DIR, "admin-Secret-1", true});
  ASSERT_TRUE(first.ok()) << first.error().message.en;
  EXPECT_TRUE(first->imported_units);
  EXPECT_TRUE(first->created_admin);
  const Counts c1 = CountsOf(db->store());
  EXPECT_GT(c1.plans, 0);
  EXPECT_GT(c1.reports, 0);
  EXPECT_GE(c1.templates, 2);

  // An operator deletes the demo; the next start (an upgrade) must not bring it back.
  {
    auto sql = db->store().Lease();
    *sql << "DELETE FROM report_values";
    *sql << "DELETE FROM reports";
  }
  auto second = Bootstrap(db->store(), {BINHDANG_RESOURCE_DIR, "", true});
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->imported_units);
  EXPECT_FALSE(second->created_admin);
  EXPECT_TRUE(second->generated_password.empty());
  EXPECT_EQ(CountsOf(db->store()).reports, 0);
  EXPECT_EQ(CountsOf(db->store()).users, 1);
}

TEST(Bootstrap, WithoutDemoThereIsReferenceDataButNoDemo) {
  auto db = testing::TestDatabase::Create("sqlite");
  ASSERT_TRUE(db);
  BootstrapOptions options{BINHDANG_RESOURCE_DIR, "", true, false};
  auto boot = Bootstrap(db->store(), options);
  ASSERT_TRUE(boot.ok());
  EXPECT_FALSE(boot->generated_password.empty()) << "no password given: one is generated";
  const Counts c = CountsOf(db->store());
  EXPECT_EQ(c.plans, 0);
  EXPECT_EQ(c.reports, 0);
  EXPECT_GE(c.templates, 2) << "built-in templates are reference data, not demo";
}

}  // namespace
}  // namespace binhdang::service
