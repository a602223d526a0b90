// Data-driven API tests (the DuckDB sqllogictest idea): each tests/api/*.test file is a script of
// requests and expected responses played against a real server on a fresh database, once on
// SQLite and once on PostgreSQL. The format:
//
//   # comment
//   @login USER PASSWORD        sign in (the expected status may follow: @login bob pw 401)
//   @logout                     forget the session cookie and CSRF token
//   @english / @vietnamese      Accept-Language of the following requests
//   @nocsrf                     the next request is sent without the CSRF header
//   === NAME                    starts a case:
//   METHOD /path?query          the request line; ${var} is replaced everywhere
//   Header: value               optional request headers
//   { json body }               optional body (any lines up to the ---)
//   --- STATUS                  the expected status
//   { json }                    optional expected body: a subset match (see Matches)
//   @capture VAR /json/pointer  stores a value of the last response as ${VAR}
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/test_env.h"

namespace binhdang::testing {
namespace {

using nlohmann::json;

// True iff `actual` contains `expected`: objects key by key (recursively), arrays element by
// element for the expected prefix, "$any" matches anything, "$nonempty" any non-empty string
// or array, {"$len": N} an array of N elements, and {"$contains": X} an array with an element
// matching X.
bool Matches(const json& expected, const json& actual, std::string& why,
             const std::string& at = "") {
  if (expected.is_string()) {
    const auto& s = expected.get_ref<const std::string&>();
    if (s == "$any") return true;
    if (s == "$nonempty") {
      if ((actual.is_string() && !actual.get<std::string>().empty()) ||
          (actual.is_array() && !actual.empty()))
        return true;
      why = at + ": expected non-empty, got " + actual.dump();
      return false;
    }
  }
  if (expected.is_object()) {
    if (expected.contains("$len")) {
      if (actual.is_array() && actual.size() == expected["$len"].get<size_t>()) return true;
      why = at + ": expected array of " + expected["$len"].dump() + ", got " +
            actual.dump().substr(0, 200);
      return false;
    }
    if (expected.contains("$contains")) {
      if (actual.is_array()) {
        for (const auto& e : actual) {
          std::string ignored;
          if (Matches(expected["$contains"], e, ignored, at)) return true;
        }
      }
      why = at + ": no element matches " + expected["$contains"].dump();
      return false;
    }
    if (!actual.is_object()) {
      why = at + ": expected an object, got " + actual.dump().substr(0, 200);
      return false;
    }
    for (const auto& [k, v] : expected.items()) {
      if (!actual.contains(k)) {
        why = at + "/" + k + ": missing";
        return false;
      }
      if (!Matches(v, actual[k], why, at + "/" + k)) return false;
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() < expected.size()) {
      why = at + ": expected at least " + std::to_string(expected.size()) + " elements, got " +
            actual.dump().substr(0, 200);
      return false;
    }
    for (size_t i = 0; i < expected.size(); ++i) {
      if (!Matches(expected[i], actual[i], why, at + "/" + std::to_string(i))) return false;
    }
    return true;
  }
  if (expected != actual) {
    why = at + ": expected " + expected.dump() + ", got " + actual.dump().substr(0, 200);
    return false;
  }
  return true;
}

std::string Substitute(std::string s, const std::map<std::string, std::string>& vars) {
  for (const auto& [k, v] : vars) {
    const std::string token = "${" + k + "}";
    for (size_t pos = s.find(token); pos != std::string::npos;
         pos = s.find(token, pos + v.size())) {
      s.replace(pos, token.size(), v);
    }
  }
  return s;
}

std::vector<std::string> ApiTestFiles() {
  std::vector<std::string> files;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(BINHDANG_TEST_DIR) + "/api")) {
    if (e.path().extension() == ".test") files.push_back(e.path().stem().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class ApiScript : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {};

TEST_P(ApiScript, Plays) {
  const auto& [backend, name] = GetParam();
  TestServer server(backend);
  if (!server.ok()) GTEST_SKIP() << "no " << backend << " server";
  std::ifstream in(std::string(BINHDANG_TEST_DIR) + "/api/" + name + ".test");
  ASSERT_TRUE(in) << name;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);

  Client client(server.port());
  std::map<std::string, std::string> vars;
  json last;
  bool skip_csrf = false;
  int cases = 0;
  size_t i = 0;
  auto location = [&](size_t line) { return name + ".test:" + std::to_string(line + 1); };
  while (i < lines.size()) {
    const std::string line = Substitute(lines[i], vars);
    if (line.empty() || line[0] == '#') {
      ++i;
      continue;
    }
    std::istringstream words(line);
    std::string word;
    words >> word;
    if (word == "@login") {
      std::string user, password;
      int expected = 200;
      words >> user >> password;
      words >> expected;
      EXPECT_EQ(client.Login(user, password), expected) << location(i);
      ++i;
    } else if (word == "@logout") {
      client.Forget();
      ++i;
    } else if (word == "@english" || word == "@vietnamese") {
      client.english = word == "@english";
      ++i;
    } else if (word == "@nocsrf") {
      skip_csrf = true;
      ++i;
    } else if (word == "@capture") {
      std::string var, pointer;
      words >> var >> pointer;
      const json& v =
          last.contains(json::json_pointer(pointer)) ? last[json::json_pointer(pointer)] : json();
      EXPECT_FALSE(v.is_null()) << location(i) << ": nothing at " << pointer << " in "
                                << last.dump().substr(0, 300);
      vars[var] = v.is_string() ? v.get<std::string>() : v.dump();
      ++i;
    } else if (word == "===") {
      const std::string case_name = line.substr(4);
      const size_t case_line = i;
      ++i;
      std::istringstream request_line(Substitute(lines.at(i), vars));
      std::string method, target;
      request_line >> method >> target;
      ++i;
      std::map<std::string, std::string> headers;
      static const std::regex kHeader(R"(^([A-Za-z][A-Za-z0-9-]*): (.*)$)");
      std::smatch m;
      std::string header_line;
      while (i < lines.size() &&
             std::regex_match(header_line = Substitute(lines[i], vars), m, kHeader)) {
        headers[m[1]] = m[2];
        ++i;
      }
      std::string body;
      while (i < lines.size() && !lines[i].starts_with("---"))
        body += Substitute(lines[i++], vars) + "\n";
      ASSERT_LT(i, lines.size()) << location(case_line) << ": missing --- line";
      const int expected_status = std::stoi(lines[i].substr(3));
      ++i;
      std::string expected_body;
      while (i < lines.size() && !lines[i].starts_with("===") && !lines[i].starts_with("@") &&
             !lines[i].starts_with("#")) {
        expected_body += Substitute(lines[i++], vars) + "\n";
      }
      if (body.find_first_not_of(" \n") == std::string::npos) body.clear();
      if (!body.empty() && !headers.count("Content-Type"))
        headers["Content-Type"] = "application/json";
      if (skip_csrf) headers["X-CSRF-Token"] = "";
      skip_csrf = false;
      auto result = client.Request(method, target, body, headers);
      ++cases;
      last = result.json();
      EXPECT_EQ(result.status, expected_status)
          << location(case_line) << " (" << case_name << "): " << result.body.substr(0, 400);
      EXPECT_LT(result.status, 500) << location(case_line) << ": a 5xx is never right";
      if (expected_body.find_first_not_of(" \n") != std::string::npos) {
        json expected = json::parse(expected_body, nullptr, false);
        ASSERT_FALSE(expected.is_discarded())
            << location(case_line) << ": expected body is not JSON";
        std::string why;
        EXPECT_TRUE(Matches(expected, last, why))
            << location(case_line) << " (" << case_name << "): " << why;
      }
    } else {
      FAIL() << location(i) << ": cannot read line: " << line;
    }
  }
  EXPECT_GT(cases, 0) << name << " has no cases";
}

INSTANTIATE_TEST_SUITE_P(Api, ApiScript,
                         ::testing::Combine(::testing::ValuesIn(Backends()),
                                            ::testing::ValuesIn(ApiTestFiles())),
                         [](const auto& info) {
                           std::string n = std::get<0>(info.param) + "_" + std::get<1>(info.param);
                           for (auto& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

}  // namespace
}  // namespace binhdang::testing
