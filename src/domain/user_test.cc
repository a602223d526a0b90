#include "domain/user.h"

#include <gtest/gtest.h>

namespace binhdang::domain {
namespace {

TEST(MailboxAddress, AnOfficersAddressIsTakenAndNothingThatCouldBreakAHeader) {
  for (const char* ok : {"lothia@binhlu.laichau.gov.vn", "nguyen.van-a+bc@sld.hanoi.gov.vn",
                         "a@b.vn", "O'Brien@example.org"})
    EXPECT_TRUE(IsMailboxAddress(ok)) << ok;
  for (const char* bad : {"", "a", "a@b", "@b.vn", "a@", "a b@c.vn", "a@b.vn\r\nBcc: x@y.vn",
                          "<a@b.vn>", "\"a\"@b.vn", "a@b..vn", "a@-b.vn", "a.@b.vn", ".a@b.vn",
                          "a..b@c.vn", "a@b_c.vn", "tên@xã.vn", "a@b.vn,c@d.vn"})
    EXPECT_FALSE(IsMailboxAddress(bad)) << bad;
  EXPECT_FALSE(IsMailboxAddress(std::string(65, 'a') + "@b.vn")) << "a local part over 64";
  EXPECT_FALSE(IsMailboxAddress("a@" + std::string(250, 'b') + ".vn")) << "over 254 in all";
}

TEST(EmailPreference, NamesGoBothWays) {
  for (auto p : {EmailPreference::kEach, EmailPreference::kDigest, EmailPreference::kOff})
    EXPECT_EQ(ParseEmailPreference(EmailPreferenceName(p)), p);
  EXPECT_FALSE(ParseEmailPreference("weekly").has_value());
}

}  // namespace
}  // namespace binhdang::domain
