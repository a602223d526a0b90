// The OpenAPI document served at /api/v1/openapi.json against the router it describes: every
// route is documented with its method and nothing documented is missing from the router; each
// path parameter is declared; public routes and only they need no session; state-changing
// operations name the CSRF header. (web/tests/openapi.test.mjs validates the document against
// the OpenAPI 3.1 schema with a validator from npm.)
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "support/test_env.h"

namespace binhdang::testing {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool Requires(const nlohmann::json& security, const std::string& scheme) {
  for (const auto& requirement : security)
    if (requirement.contains(scheme)) return true;
  return false;
}

TEST(OpenApi, TheDocumentDescribesEveryRouteOfTheRouterAndNoOther) {
  TestServer server("sqlite");
  ASSERT_TRUE(server.ok());
  Client anonymous(server.port());
  auto res = anonymous.Get("/api/v1/openapi.json");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.headers["content-type"].rfind("application/json", 0), 0u);
  const nlohmann::json doc = res.json();
  ASSERT_TRUE(doc.is_object()) << "the document is JSON";
  EXPECT_EQ(doc.value("openapi", "").rfind("3.1", 0), 0u);
  ASSERT_TRUE(doc.contains("paths"));
  const nlohmann::json& paths = doc["paths"];
  const nlohmann::json global_security = doc.value("security", nlohmann::json::array());
  EXPECT_TRUE(Requires(global_security, "session")) << "a session is needed unless said";

  std::set<std::string> routed;
  const std::regex param(R"(\{([a-z_]+)\})");
  for (const auto& route : server.api().router().routes()) {
    const std::string key = route.method + " " + route.pattern;
    routed.insert(key);
    if (!paths.contains(route.pattern) || !paths[route.pattern].contains(Lower(route.method))) {
      ADD_FAILURE() << key << " is not in resources/openapi/openapi.json";
      continue;
    }
    const nlohmann::json& path_item = paths[route.pattern];
    const nlohmann::json& op = path_item[Lower(route.method)];
    EXPECT_FALSE(op.value("operationId", "").empty()) << key;
    EXPECT_FALSE(op.value("summary", "").empty()) << key;
    // Each {name} of the pattern is a declared path parameter (on the operation or the path).
    for (auto it = std::sregex_iterator(route.pattern.begin(), route.pattern.end(), param);
         it != std::sregex_iterator(); ++it) {
      const std::string name = (*it)[1];
      bool declared = false;
      for (const auto* list : {&op, &path_item}) {
        for (const auto& p : list->value("parameters", nlohmann::json::array()))
          declared = declared || (p.value("in", "") == "path" && p.value("name", "") == name &&
                                  p.value("required", false));
      }
      EXPECT_TRUE(declared) << key << " declares no required path parameter " << name;
    }
    const nlohmann::json security = op.contains("security") ? op["security"] : global_security;
    if (route.access == http::Access::kPublic) {
      EXPECT_FALSE(Requires(security, "session")) << key << " is public: security must be []";
    } else {
      EXPECT_TRUE(Requires(security, "session")) << key << " needs a session";
      if (route.method != "GET") {
        EXPECT_TRUE(Requires(security, "csrf")) << key << " needs the X-CSRF-Token header";
      }
    }
  }
  for (const auto& [pattern, item] : paths.items()) {
    for (const auto& [method, op] : item.items()) {
      if (method == "parameters" || method == "summary" || method == "description") continue;
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      EXPECT_TRUE(routed.count(upper + " " + pattern))
          << upper << " " << pattern << " is documented but no route answers it";
    }
  }
  EXPECT_GT(routed.size(), 100u);
}

}  // namespace
}  // namespace binhdang::testing
