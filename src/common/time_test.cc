#include "common/time.h"

#include <gtest/gtest.h>

namespace binhdang {
namespace {

TEST(Date, ParsesOnlyRealDays) {
  EXPECT_EQ(Date::Parse("2024-02-29"), Date(2024, 2, 29));
  EXPECT_FALSE(Date::Parse("2023-02-29"));
  EXPECT_FALSE(Date::Parse("2024-13-01"));
  EXPECT_FALSE(Date::Parse("2024-1-01"));
  EXPECT_FALSE(Date::Parse("abcd-ef-gh"));
  EXPECT_FALSE(Date::Parse(""));
}

TEST(Date, FormatsAndCounts) {
  const Date d(2024, 12, 10);
  EXPECT_EQ(d.Iso(), "2024-12-10");
  EXPECT_EQ(d.Vietnamese(), "10/12/2024");
  EXPECT_EQ(Date::FromDays(d.ToDays()), d);
  EXPECT_EQ(Date(1970, 1, 1).ToDays(), 0);
  EXPECT_EQ(Date(2024, 11, 15).AddDays(30), Date(2024, 12, 15));
  EXPECT_LT(Date(2024, 11, 30), Date(2024, 12, 1));
}

TEST(Date, VietnamIsUtcPlusSeven) {
  // 2024-12-09T17:00:00Z is midnight of 10/12/2024 in Hà Nội.
  const int64_t ms = (Date(2024, 12, 9).ToDays() * 86400 + 17 * 3600) * 1000LL;
  EXPECT_EQ(Date::InVietnam(ms), Date(2024, 12, 10));
  EXPECT_EQ(Date::InVietnam(ms - 1), Date(2024, 12, 9));
  EXPECT_EQ(IsoInstant(ms), "2024-12-09T17:00:00Z");
  EXPECT_EQ(VietnamDateTime(ms), "00:00 ngày 10/12/2024");
  EXPECT_EQ(VietnamDateTime(ms - 60 * 1000), "23:59 ngày 09/12/2024");
}

TEST(Time, ParseInstantTakesVietnamTimeOrUtcAndNothingLoose) {
  const int64_t utc = *ParseInstant("2026-12-01T07:05:00Z");
  EXPECT_EQ(ParseInstant("2026-12-01T14:05"), utc) << "Vietnam is UTC+7";
  EXPECT_EQ(ParseInstant("2026-12-01T14:05:00"), utc);
  EXPECT_EQ(ParseInstant("2026-12-01T07:05Z"), utc);
  EXPECT_EQ(IsoInstant(utc), "2026-12-01T07:05:00Z");
  for (const char* bad : {"", "2026-12-01", "2026-12-01T14", "2026-12-01T 1:05", "2026-12-01T+1:05",
                          "2026-12-01T24:00", "2026-12-01T14:60", "2026-12-01T14:05:60",
                          "2026-02-30T10:00", "2026-12-01 14:05", "2026-12-01T14:05ZZ",
                          "2026-12-01T14:05:0", "2026-12-01T14-05", "hôm qua"}) {
    EXPECT_FALSE(ParseInstant(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace binhdang
