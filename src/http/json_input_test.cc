#include "http/json_input.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace binhdang::http {
namespace {

// Regression (issue 12): doubles were converted to long long before their range was checked.
TEST(JsonInput, IntegralDoubleChecksTheRangeBeforeConverting) {
  constexpr long long kMin = std::numeric_limits<long long>::min();
  constexpr long long kMax = std::numeric_limits<long long>::max();
  EXPECT_EQ(IntegralDouble(3.0, 0, 10), 3);
  EXPECT_EQ(IntegralDouble(-0.0, 0, 10), 0);
  EXPECT_EQ(IntegralDouble(3.5, 0, 10), std::nullopt);
  EXPECT_EQ(IntegralDouble(11.0, 0, 10), std::nullopt);
  EXPECT_EQ(IntegralDouble(-1.0, 0, 10), std::nullopt);
  EXPECT_EQ(IntegralDouble(1e300, kMin, kMax), std::nullopt);
  EXPECT_EQ(IntegralDouble(-1e300, kMin, kMax), std::nullopt);
  EXPECT_EQ(IntegralDouble(9223372036854775808.0, kMin, kMax), std::nullopt);  // 2^63
  EXPECT_EQ(IntegralDouble(-9223372036854775808.0, kMin, kMax), kMin);         // -2^63 fits
  EXPECT_EQ(IntegralDouble(9223372036854774784.0, kMin, kMax), 9223372036854774784LL);
  EXPECT_EQ(IntegralDouble(std::nan(""), kMin, kMax), std::nullopt);
  EXPECT_EQ(IntegralDouble(std::numeric_limits<double>::infinity(), kMin, kMax), std::nullopt);
}

Request JsonRequest(std::string body) {
  Request r;
  r.headers["content-type"] = "application/json";
  r.body = std::move(body);
  return r;
}

// Regression (issue 10.8): every string of a body, at any depth, arrives in NFC.
TEST(JsonInput, BodiesAreNfcAtEveryDepth) {
  auto j =
      ParseJsonObject(JsonRequest(R"({"a": "Ha\u0300", "b": [{"c": ["Ti\u0303nh"]}], "n": 1})"));
  ASSERT_TRUE(j.ok());
  EXPECT_EQ((*j)["a"], "H\u00E0");
  EXPECT_EQ((*j)["b"][0]["c"][0], "T\u0129nh");
  EXPECT_EQ((*j)["n"], 1);
}

}  // namespace
}  // namespace binhdang::http
