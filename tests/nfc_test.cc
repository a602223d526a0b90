// Regression (issue 10.8): text was stored as sent, so NFD Vietnamese (what some keyboards and
// macOS file names produce) stayed NFD and duplicate checks, sorting and exports saw other bytes
// for the same words. Every text is NFC from the request boundary on: JSON bodies and query
// strings. Through the real server, on both engines.
#include <gtest/gtest.h>

#include "support/test_env.h"

namespace binhdang::testing {
namespace {

// "Kế hoạch bình đẳng" and the plan symbol "KH-SỞ", composed (NFC) and decomposed (NFD).
const std::string kTitleNfc = "K\u1EBF ho\u1EA1ch b\u00ECnh \u0111\u1EB3ng";
const std::string kTitleNfd = "Ke\u0302\u0301 hoa\u0323ch bi\u0300nh \u0111a\u0306\u0309ng";
const std::string kSymbolNfc = "KH-S\u1EDE";
const std::string kSymbolNfd = "KH-SO\u031B\u0309";

std::string PercentEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

class NfcAtTheBoundary : public ::testing::TestWithParam<std::string> {};

TEST_P(NfcAtTheBoundary, NfdTextIsStoredAsNfcAndDuplicateChecksSeeItEqual) {
  if (GetParam() == "postgresql" && !std::getenv("BINHDANG_TEST_PG"))
    GTEST_SKIP() << "no postgresql server";
  ASSERT_NE(kTitleNfc, kTitleNfd);
  TestServer server(GetParam());
  ASSERT_TRUE(server.ok());
  Client admin(server.port());
  ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword), 200);
  const std::string unit =
      admin.Get("/api/v1/units?q=lai%20chau&kind=province").json()["items"][0].value("id", "");
  ASSERT_FALSE(unit.empty());

  // A plan written in NFD is stored and read back in NFC.
  auto created = admin.Post("/api/v1/plans", {{"unit_id", unit},
                                              {"title", kTitleNfd},
                                              {"symbol", kSymbolNfd},
                                              {"period_start", "2097-11-15"},
                                              {"period_end", "2097-12-15"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string plan = created.json().value("id", "");
  EXPECT_EQ(created.json().value("title", ""), kTitleNfc);
  auto read = admin.Get("/api/v1/plans/" + plan);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json().value("title", ""), kTitleNfc);
  EXPECT_EQ(read.json().value("symbol", ""), kSymbolNfc);
  ASSERT_EQ(
      admin
          .Post("/api/v1/plans/" + plan + "/activities",
                {{"title", "Triển khai"}, {"assignee", "child_units"}, {"due_date", "2097-12-01"}})
          .status,
      201);
  auto issued = admin.Post("/api/v1/plans/" + plan + "/issue",
                           {{"version", 1}, {"number", 48}, {"issued_on", "2097-11-05"}});
  ASSERT_EQ(issued.status, 200) << issued.body;
  EXPECT_EQ(issued.json().value("number_symbol", ""), "48/" + kSymbolNfc);

  // The number check sees the NFD symbol of a query string as the same symbol...
  auto next = admin.Get("/api/v1/plans/next-number?unit=" + unit +
                        "&symbol=" + PercentEncode(kSymbolNfd) + "&year=2097");
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(next.json()["number"], 49);
  EXPECT_EQ(next.json().value("symbol", ""), kSymbolNfc);
  // ... and the NFC symbol of another plan as the same as the one stored from NFD.
  auto second = admin.Post("/api/v1/plans", {{"unit_id", unit},
                                             {"title", kTitleNfc},
                                             {"symbol", kSymbolNfc},
                                             {"period_start", "2097-11-15"},
                                             {"period_end", "2097-12-15"}});
  ASSERT_EQ(second.status, 201) << second.body;
  const std::string plan2 = second.json().value("id", "");
  ASSERT_EQ(
      admin
          .Post("/api/v1/plans/" + plan2 + "/activities",
                {{"title", "Triển khai"}, {"assignee", "child_units"}, {"due_date", "2097-12-01"}})
          .status,
      201);
  auto clash = admin.Post("/api/v1/plans/" + plan2 + "/issue",
                          {{"version", 1}, {"number", 48}, {"issued_on", "2097-11-05"}});
  EXPECT_EQ(clash.status, 400) << clash.body;
  EXPECT_EQ(clash.json()["error"]["details"][0]["field"], "number") << clash.body;

  // A unit named in NFD too.
  auto agency =
      admin.Post("/api/v1/units",
                 {{"parent_id", unit}, {"name", "Ba\u0309o ta\u0300ng"}, {"agency_type", "other"}});
  ASSERT_EQ(agency.status, 201) << agency.body;
  EXPECT_EQ(agency.json().value("name", ""), "B\u1EA3o t\u00E0ng");
}

INSTANTIATE_TEST_SUITE_P(Backends, NfcAtTheBoundary, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace binhdang::testing
