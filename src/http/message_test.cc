#include "http/message.h"

#include <gtest/gtest.h>

#include "http/router.h"

namespace binhdang::http {
namespace {

TEST(Query, DecodesPairs) {
  auto q = ParseQuery("q=h%C3%A0+t%C4%A9nh&limit=5&&flag&bad=%zz");
  EXPECT_EQ(q["q"], "hà tĩnh");
  EXPECT_EQ(q["limit"], "5");
  EXPECT_EQ(q["flag"], "");
  EXPECT_FALSE(q.count("bad")) << "a malformed escape drops the pair";
}

TEST(Cookies, FindsTheNamedOne) {
  EXPECT_EQ(CookieValue("a=1; binhdang_session=xyz; b=2", "binhdang_session"), "xyz");
  EXPECT_EQ(CookieValue("binhdang_session_old=1", "binhdang_session"), "");
  EXPECT_EQ(CookieValue("", "x"), "");
}

TEST(Router, MatchesPatternsAndTellsWrongMethods) {
  Router r;
  r.Add("GET", "/api/v1/units/{id}", Access::kSignedIn, nullptr);
  r.Add("GET", "/api/v1/units/{id}/children", Access::kSignedIn, nullptr);
  auto m = r.Find("GET", "/api/v1/units/42/children");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->pattern, "/api/v1/units/{id}/children");
  EXPECT_EQ(m.params["id"], "42");
  auto wrong = r.Find("DELETE", "/api/v1/units/42");
  EXPECT_FALSE(wrong.route);
  EXPECT_TRUE(wrong.path_known);
  EXPECT_FALSE(r.Find("GET", "/api/v1/nothing").path_known);
}

}  // namespace
}  // namespace binhdang::http
