#include "http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace binhdang::http {
namespace {

TEST(StaticFiles, ServesTypesCachingAndGzip) {
  const auto dir = std::filesystem::temp_directory_path() / "binhdang-static-test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "index.html") << "<!doctype html><title>binhdang</title>";
  std::ofstream(dir / "main-ABC123.js") << std::string(4000, 'x');
  StaticFiles files(dir.string());
  EXPECT_EQ(files.size(), 2u);

  Request req;
  req.method = "GET";
  req.path = "/";
  auto index = files.Serve(req);
  ASSERT_TRUE(index);
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  auto header = [](const Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return std::string();
  };
  EXPECT_EQ(header(*index, "Cache-Control"), "no-cache");

  req.path = "/main-ABC123.js";
  req.headers["accept-encoding"] = "gzip, br";
  auto js = files.Serve(req);
  ASSERT_TRUE(js);
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(header(*js, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(header(*js, "Content-Encoding"), "gzip");
  EXPECT_LT(js->body.size(), 200u);

  req.headers["if-none-match"] = header(*js, "ETag");
  EXPECT_EQ(files.Serve(req)->status, 304);

  req.headers.clear();
  req.path = "/units/42";  // a front-end route falls back to the app shell
  EXPECT_EQ(files.Serve(req)->content_type, "text/html; charset=utf-8");
  req.path = "/missing.png";
  EXPECT_FALSE(files.Serve(req));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace binhdang::http
