// HTTP as clients expect it (issue 10), against the real server over raw sockets: HEAD, Allow
// on 405 and OPTIONS, conditional requests, ETags per representation, Host, absolute-form
// targets, Expect: 100-continue, HSTS behind HTTPS and a /metrics exposition promtool accepts.
// Each test is a regression test for what the server did wrong before.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "support/test_env.h"

namespace binhdang::testing {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

struct RawResponse {
  int status = 0;                              // 0: nothing parseable arrived within the time limit
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool has(const std::string& name) const { return headers.count(name) > 0; }
  std::string at(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// One keep-alive connection: writes raw bytes and reads responses, each within five seconds.
class Connection {
 public:
  explicit Connection(unsigned short port) : socket_(io_) {
    socket_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  }
  void Send(const std::string& bytes) { net::write(socket_, net::buffer(bytes)); }
  //! The next response; `head` when it answers a HEAD (no body follows, whatever it says).
  RawResponse Read(bool head = false, bool header_only = false) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.skip(head);
    parser.body_limit(64 * 1024 * 1024);
    beast::error_code result = net::error::timed_out;
    bool done = false;
    auto finish = [&](beast::error_code ec, size_t) {
      result = ec;
      done = true;
    };
    if (header_only)
      bhttp::async_read_header(socket_, buffer_, parser, finish);
    else
      bhttp::async_read(socket_, buffer_, parser, finish);
    io_.restart();
    io_.run_for(std::chrono::seconds(5));
    if (!done) {
      socket_.cancel();
      io_.restart();
      io_.run();
      return {};
    }
    if (result) return {};
    RawResponse out;
    const auto& res = parser.get();
    out.status = static_cast<int>(res.result_int());
    for (const auto& f : res) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.headers[name] = std::string(f.value());
    }
    if (!header_only) out.body = res.body();
    return out;
  }
  RawResponse Exchange(const std::string& bytes, bool head = false) {
    Send(bytes);
    return Read(head);
  }

 private:
  net::io_context io_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
};

// A built front end in a temporary directory: the app shell and one large hashed bundle.
struct WebDir {
  WebDir() {
    dir = std::filesystem::temp_directory_path() / ("binhdang-web-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "index.html") << "<!doctype html><title>binhdang</title>";
    std::ofstream(dir / "app-ABC123.js") << "console.log('" << std::string(8000, 'x') << "');";
  }
  ~WebDir() { std::filesystem::remove_all(dir); }
  std::filesystem::path dir;
};

std::string HttpGet(const std::string& target, const std::string& extra = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + extra + "\r\n";
}

TEST(HttpSemantics, HeadAnswersEveryGetRouteWithHeadersOnly) {
  WebDir web;
  TestServer server("sqlite", {web.dir.string(), false});
  ASSERT_TRUE(server.ok());
  Connection c(server.port());
  for (const char* target : {"/api/v1/health", "/app-ABC123.js", "/"}) {
    auto get = c.Exchange(HttpGet(target));
    ASSERT_EQ(get.status, 200) << target;
    auto head = c.Exchange(std::string("HEAD ") + target + " HTTP/1.1\r\nHost: x\r\n\r\n", true);
    EXPECT_EQ(head.status, 200) << target << ": HEAD is answered, not a 405";
    EXPECT_EQ(head.at("content-length"), std::to_string(get.body.size())) << target;
    EXPECT_EQ(head.at("content-type"), get.at("content-type")) << target;
    // Had the HEAD carried a body, it would be read as the start of this response.
    auto next = c.Exchange(HttpGet("/api/v1/health"));
    EXPECT_EQ(next.status, 200) << target << ": the keep-alive connection is intact after HEAD";
    EXPECT_NE(next.body.find("\"status\""), std::string::npos) << target;
  }
}

TEST(HttpSemantics, MethodNotAllowedAndOptionsCarryAllow) {
  WebDir web;
  TestServer server("sqlite", {web.dir.string(), false});
  ASSERT_TRUE(server.ok());
  Connection c(server.port());
  auto wrong = c.Exchange("DELETE /api/v1/units HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.at("allow"), "GET, HEAD, POST, OPTIONS");
  EXPECT_NE(wrong.body.find("method_not_allowed"), std::string::npos);
  auto options = c.Exchange("OPTIONS /api/v1/units HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(options.status, 204);
  EXPECT_EQ(options.at("allow"), "GET, HEAD, POST, OPTIONS");
  EXPECT_FALSE(options.has("content-length"));
  auto health = c.Exchange("OPTIONS /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(health.status, 204);
  EXPECT_EQ(health.at("allow"), "GET, HEAD, OPTIONS");
  // A static file exists for GET: other methods are a 405, not a 404.
  auto post = c.Exchange("POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.at("allow"), "GET, HEAD, OPTIONS");
  auto shell = c.Exchange("OPTIONS /index.html HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(shell.status, 204);
  EXPECT_EQ(shell.at("allow"), "GET, HEAD, OPTIONS");
  EXPECT_EQ(c.Exchange("POST /missing.png HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").status,
            404);
}

TEST(HttpSemantics, ConditionalGetsAndOneETagPerRepresentation) {
  WebDir web;
  TestServer server("sqlite", {web.dir.string(), false});
  ASSERT_TRUE(server.ok());
  Connection c(server.port());
  auto identity = c.Exchange(HttpGet("/app-ABC123.js"));
  auto gzip = c.Exchange(HttpGet("/app-ABC123.js", "Accept-Encoding: gzip\r\n"));
  ASSERT_EQ(identity.status, 200);
  ASSERT_EQ(gzip.status, 200);
  ASSERT_EQ(gzip.at("content-encoding"), "gzip");
  const std::string tag = identity.at("etag"), gz_tag = gzip.at("etag");
  ASSERT_FALSE(tag.empty());
  EXPECT_NE(tag, gz_tag) << "the gzip and identity bytes are different representations";
  // The identity tag does not validate the gzip copy, nor the other way round.
  EXPECT_EQ(c.Exchange(HttpGet("/app-ABC123.js",
                               "Accept-Encoding: gzip\r\nIf-None-Match: " + tag + "\r\n"))
                .status,
            200);
  EXPECT_EQ(c.Exchange(HttpGet("/app-ABC123.js", "If-None-Match: " + gz_tag + "\r\n")).status, 200);
  for (const std::string& header :
       {tag, "W/" + tag, "\"other\", " + tag, "\"a\",W/" + tag + " , \"b\"", std::string("*")}) {
    auto r = c.Exchange(HttpGet("/app-ABC123.js", "If-None-Match: " + header + "\r\n"));
    EXPECT_EQ(r.status, 304) << header;
    EXPECT_FALSE(r.has("content-length")) << header << ": a 304 has no Content-Length: 0";
    EXPECT_EQ(r.at("etag"), tag) << header;
  }
  auto gz304 = c.Exchange(
      HttpGet("/app-ABC123.js", "Accept-Encoding: gzip\r\nIf-None-Match: W/" + gz_tag + "\r\n"));
  EXPECT_EQ(gz304.status, 304);
  EXPECT_EQ(c.Exchange(HttpGet("/api/v1/health")).status, 200)
      << "the connection survived the 304s";
}

TEST(HttpSemantics, HostIsRequiredAndAbsoluteFormIsRoutedByPath) {
  TestServer server;
  ASSERT_TRUE(server.ok());
  {
    Connection c(server.port());
    EXPECT_EQ(c.Exchange("GET /api/v1/health HTTP/1.1\r\n\r\n").status, 400)
        << "HTTP/1.1 without Host";
  }
  {
    Connection c(server.port());
    EXPECT_EQ(c.Exchange("GET /api/v1/health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n").status, 400)
        << "two Hosts";
  }
  {
    Connection c(server.port());
    EXPECT_EQ(c.Exchange("GET /api/v1/health HTTP/1.0\r\n\r\n").status, 200)
        << "HTTP/1.0 needs no Host";
  }
  Connection c(server.port());
  auto absolute = c.Exchange(
      "GET http://binhdang.example/api/v1/health HTTP/1.1\r\nHost: binhdang.example\r\n\r\n");
  EXPECT_EQ(absolute.status, 200);
  EXPECT_NE(absolute.body.find("\"status\""), std::string::npos);
  auto query = c.Exchange(
      "GET HTTPS://binhdang.example/api/v1/units?limit=1 HTTP/1.1\r\nHost: "
      "binhdang.example\r\n\r\n");
  EXPECT_EQ(query.status, 401) << "routed to /api/v1/units, which needs a session";
}

TEST(HttpSemantics, ExpectContinueIsAnsweredBeforeTheBody) {
  TestServer server;
  ASSERT_TRUE(server.ok());
  Connection c(server.port());
  const std::string body = R"({"username":"nobody","password":"x"})";
  c.Send(
      "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: "
      "100-continue\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n");
  // Nothing of the body has been sent: only the interim answer can arrive.
  auto interim = c.Read(false, true);
  EXPECT_EQ(interim.status, 100);
  c.Send(body);
  EXPECT_EQ(c.Read().status, 401);
  // Over the limit, the client gets the 413 instead, and sends nothing.
  Connection big(server.port());
  big.Send(
      "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: "
      "100-continue\r\n"
      "Content-Length: " +
      std::to_string(17 * 1024 * 1024) + "\r\n\r\n");
  EXPECT_EQ(big.Read().status, 413);
}

TEST(HttpSemantics, StrictTransportSecurityWithSecureCookies) {
  TestServer secure("sqlite", {"", true});
  ASSERT_TRUE(secure.ok());
  Connection c(secure.port());
  for (const std::string& request :
       {HttpGet("/api/v1/health"), HttpGet("/api/v1/nothing"), HttpGet("/metrics")}) {
    auto r = c.Exchange(request);
    EXPECT_EQ(r.at("strict-transport-security"), "max-age=31536000; includeSubDomains") << request;
  }
  Connection bad(secure.port());
  auto malformed = bad.Exchange("GARBAGE\r\n\r\n");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.at("strict-transport-security"), "max-age=31536000; includeSubDomains");
  // Plain HTTP (no --secure-cookies): no HSTS, which would lock browsers out.
  TestServer plain;
  ASSERT_TRUE(plain.ok());
  Connection p(plain.port());
  EXPECT_FALSE(p.Exchange(HttpGet("/api/v1/health")).has("strict-transport-security"));
}

// The Prometheus text format as promtool checks it: every sample belongs to a family with
// both # HELP and # TYPE, histogram samples through their _bucket, _sum and _count.
TEST(HttpSemantics, MetricsHaveHelpAndTypeForEveryFamily) {
  TestServer server;
  ASSERT_TRUE(server.ok());
  Connection c(server.port());
  ASSERT_EQ(c.Exchange(HttpGet("/api/v1/health")).status, 200);
  ASSERT_EQ(c.Exchange(HttpGet("/api/v1/nothing")).status, 404);
  auto metrics = c.Exchange(HttpGet("/metrics"));
  ASSERT_EQ(metrics.status, 200);
  std::map<std::string, std::string> types;
  std::set<std::string> helps;
  std::vector<std::string> samples;
  std::istringstream lines(metrics.body);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    std::istringstream words(line);
    std::string first, kind, name, type;
    words >> first;
    if (first == "#") {
      words >> kind >> name >> type;
      if (kind == "HELP") {
        EXPECT_TRUE(helps.insert(name).second) << "HELP twice for " << name;
      } else if (kind == "TYPE") {
        EXPECT_TRUE(types.emplace(name, type).second) << "TYPE twice for " << name;
      }
      continue;
    }
    samples.push_back(first.substr(0, first.find('{')));
  }
  ASSERT_GT(samples.size(), 5u);
  for (const auto& sample : samples) {
    std::string family = sample;
    if (!types.count(family)) {
      for (const char* suffix : {"_bucket", "_sum", "_count"}) {
        if (sample.ends_with(suffix))
          family = sample.substr(0, sample.size() - std::strlen(suffix));
      }
      ASSERT_TRUE(types.count(family)) << sample << " has no # TYPE";
      EXPECT_TRUE(types[family] == "histogram" || types[family] == "summary") << sample;
    }
    EXPECT_TRUE(helps.count(family)) << sample << " has no # HELP";
  }
}

}  // namespace
}  // namespace binhdang::testing
