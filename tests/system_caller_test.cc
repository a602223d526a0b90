// Issue 12: "the system" is an explicit caller. A default Caller is anonymous and every service
// refuses it; only Caller::System() (the command line, the seed) skips permission checks, and
// the audit log names it "system".
#include <gtest/gtest.h>

#include "support/test_env.h"

namespace binhdang::testing {
namespace {

TEST(SystemCaller, ADefaultCallerIsAnonymousEverywhere) {
  TestServer server("sqlite");
  ASSERT_TRUE(server.ok());
  auto& s = server.services();
  const service::Caller anonymous;
  EXPECT_FALSE(anonymous.system);
  service::UserInput u{"an.danh", "Ẩn Danh", "an-danh-pass-2025", 1, {"viewer"}};
  EXPECT_EQ(s.users.Create(anonymous, u).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(s.plans.Create(anonymous, 1, {}).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(s.reports.Create(anonymous, {}).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(s.units.CreateAgency(anonymous, {}).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(s.calendar.Create(anonymous, 1).error().code, ErrorCode::kUnauthenticated);

  // The system may, and the audit log says so.
  auto created = s.users.CreateBySystem(u);
  ASSERT_TRUE(created.ok()) << created.error().message.en;
  Client admin(server.port());
  ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword), 200);
  auto audit = admin.Get("/api/v1/audit?action=user.create&limit=1").json();
  EXPECT_EQ(audit["items"][0].value("username", ""), "system");
  EXPECT_EQ(audit["items"][0].value("address", ""), "system");
}

}  // namespace
}  // namespace binhdang::testing
