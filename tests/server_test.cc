// The HTTP server under the conditions a real deployment meets: oversized requests, many
// keep-alive connections, malformed requests and a graceful stop with requests in flight.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "support/test_env.h"

namespace binhdang::testing {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

// Writes raw bytes and reads one response; returns its status, or 0 if the server closed.
int RawExchange(tcp::socket& socket, const std::string& bytes) {
  beast::error_code ec;
  net::write(socket, net::buffer(bytes), ec);
  if (ec) return 0;
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(socket, buffer, res, ec);
  return ec ? 0 : res.result_int();
}

tcp::socket Connect(net::io_context& io, unsigned short port) {
  tcp::socket s(io);
  s.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  return s;
}

TEST(Server, OversizedBodyIs413AndOversizedHeaderToo) {
  TestServer server;
  ASSERT_TRUE(server.ok());
  net::io_context io;
  auto s1 = Connect(io, server.port());
  // The server refuses on the declared length, before the body is sent.
  EXPECT_EQ(
      RawExchange(s1,
                  "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  "Content-Length: " +
                      std::to_string(17 * 1024 * 1024) + "\r\n\r\n"),
      413);
  // A chunked body that grows past the limit is cut off with a 413 too.
  auto s3 = Connect(io, server.port());
  std::string chunked =
      "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  const std::string chunk(1024 * 1024, 'x');
  for (int i = 0; i < 17; ++i) chunked += "100000\r\n" + chunk + "\r\n";
  chunked += "0\r\n\r\n";
  beast::error_code ec;
  net::write(s3, net::buffer(chunked), ec);
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(s3, buffer, res, ec);
  // Either the 413 arrived or the server closed while we were still sending; never a 2xx.
  EXPECT_TRUE(ec || res.result_int() == 413) << res.result_int();
  EXPECT_EQ(Client(server.port()).Get("/api/v1/health").status, 200) << "still serving";
  auto s2 = Connect(io, server.port());
  EXPECT_EQ(RawExchange(s2, "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " +
                                std::string(20000, 'a') + "\r\n\r\n"),
            413);
}

TEST(Server, SecurityHeadersOnEveryResponse) {
  TestServer server;
  ASSERT_TRUE(server.ok());
  Client c(server.port());
  for (const char* path : {"/api/v1/health", "/api/v1/me", "/api/v1/nothing"}) {
    auto r = c.Get(path);
    EXPECT_EQ(r.headers["x-content-type-options"], "nosniff") << path;
    EXPECT_EQ(r.headers["x-frame-options"], "DENY") << path;
    EXPECT_EQ(r.headers["cache-control"], "no-store") << path << ": API answers are never cached";
  }
  EXPECT_EQ(c.Login("admin", TestServer::kAdminPassword), 200);
  auto login =
      c.Post("/api/v1/session", {{"username", "admin"}, {"password", TestServer::kAdminPassword}});
  EXPECT_NE(login.headers["set-cookie"].find("HttpOnly; SameSite=Strict"), std::string::npos);
}

TEST(Server, MalformedRequestIs400NotACrash) {
  TestServer server;
  ASSERT_TRUE(server.ok());
  net::io_context io;
  auto s = Connect(io, server.port());
  EXPECT_EQ(RawExchange(s, "GARBAGE\r\n\r\n"), 400);
  auto s2 = Connect(io, server.port());
  EXPECT_EQ(RawExchange(s2, "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"),
            400);
  Client c(server.port());
  EXPECT_EQ(c.Get("/api/v1/health").status, 200) << "still serving";
}

TEST(Server, AThousandKeepAliveConnections) {
  TestServer server;
  ASSERT_TRUE(server.ok());
  net::io_context io;
  std::vector<tcp::socket> sockets;
  constexpr int kConnections = 1000;
  for (int i = 0; i < kConnections; ++i) sockets.push_back(Connect(io, server.port()));
  const std::string request = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n";
  for (int round = 0; round < 2; ++round) {
    int ok = 0;
    for (auto& s : sockets) ok += RawExchange(s, request) == 200;
    EXPECT_EQ(ok, kConnections) << "round " << round
                                << ": every connection answered and stayed open";
  }
  const std::string metrics = Client(server.port()).Get("/metrics").body;
  EXPECT_NE(metrics.find("binhdang_http_open_connections 10"), std::string::npos)
      << "about 1000 open";
}

// A server on an empty (migrated, unit-less) database with the given options, for tests that
// stop it themselves. Run() happens on `runner`.
struct BareServer {
  explicit BareServer(http::ServerOptions options) {
    db = TestDatabase::Create("sqlite");
    if (!db || !db->store().Migrate().ok()) return;
    services = std::make_unique<service::Services>(db->store(), true);
    services->directory.Reload();
    api = std::make_unique<http::Api>(*services, http::ApiOptions{});
    options.port = 0;
    options.access_log = false;
    server = std::make_unique<http::Server>(*api, options);
    if (!server->Start().ok()) return;
    runner = std::thread([this] { server->Run(); });
  }
  bool ok() const { return runner.joinable(); }
  std::unique_ptr<TestDatabase> db;
  std::unique_ptr<service::Services> services;
  std::unique_ptr<http::Api> api;
  std::unique_ptr<http::Server> server;
  std::thread runner;
};

TEST(Server, GracefulStopFinishesRequestsInFlightAndClosesIdleOnes) {
  BareServer bare({});
  ASSERT_TRUE(bare.ok());
  http::Server& server = *bare.server;
  std::thread& runner = bare.runner;

  net::io_context io;
  auto idle = Connect(io, server.port());
  ASSERT_EQ(RawExchange(idle, "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"), 200);
  auto in_flight = Connect(io, server.port());
  // The header and half the body arrive before the stop; the rest after.
  const std::string body = R"({"username":"nobody","password":"x"})";
  const std::string head =
      "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: "
      "application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 10);
  net::write(in_flight, net::buffer(head));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  server.Stop();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(RawExchange(in_flight, body.substr(10)), 401) << "the request in flight is answered";
  EXPECT_EQ(RawExchange(idle, "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"), 0)
      << "idle keep-alive closed";
  runner.join();  // Run() returns once every connection is gone
  beast::error_code ec;
  tcp::socket late(io);
  late.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), server.port()), ec);
  EXPECT_TRUE(ec) << "no new connections after the stop";
}

TEST(Server, SlowClientsAreCutOff) {
  http::ServerOptions options;
  options.read_timeout = std::chrono::seconds(1);
  BareServer bare(options);
  ASSERT_TRUE(bare.ok());
  http::Server& server = *bare.server;
  std::thread& runner = bare.runner;
  net::io_context io;
  auto slow = Connect(io, server.port());
  net::write(slow,
             net::buffer(std::string("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")));  // never ends
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  beast::error_code ec;
  char byte;
  slow.read_some(net::buffer(&byte, 1), ec);
  EXPECT_TRUE(ec) << "the server closed the connection of a client that stalled mid-request";
  server.Stop();
  runner.join();
}

}  // namespace
}  // namespace binhdang::testing
