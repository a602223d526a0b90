#include "support/test_env.h"

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <filesystem>

#include "common/crypto.h"
#include "service/bootstrap.h"
#include "storage/postgres/postgres_store.h"

namespace binhdang::testing {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

std::vector<std::string> Backends() { return {"sqlite", "postgresql"}; }

std::unique_ptr<TestDatabase> TestDatabase::Create(const std::string& backend) {
  crypto::Init();
  spdlog::set_level(spdlog::level::warn);
  auto db = std::unique_ptr<TestDatabase>(new TestDatabase());
  db->backend_ = backend;
  if (backend == "sqlite") {
    db->dir_ = std::filesystem::temp_directory_path() / ("binhdang-test-" + crypto::RandomToken(6));
    std::filesystem::create_directories(db->dir_);
    db->url_ = "sqlite:" + db->dir_ + "/test.db";
  } else {
    const char* pg = std::getenv("BINHDANG_TEST_PG");
    if (!pg || !*pg) {
      const char* required = std::getenv("BINHDANG_REQUIRE_PG");
      if (required && std::string(required) == "1") {
        ADD_FAILURE()
            << "BINHDANG_TEST_PG is not set; run the tests through scripts/with-postgres.sh";
      }
      return nullptr;
    }
    db->admin_url_ = pg;
    std::string token = crypto::RandomToken(6);
    for (auto& c : token)
      c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : 'x';
    db->schema_ = "t_" + token;
    {
      soci::session admin(soci::postgresql, storage::PostgresConnectionString(db->admin_url_));
      admin << "CREATE SCHEMA " + db->schema_;
    }
    db->url_ = db->admin_url_ + "?options=-csearch_path%3D" + db->schema_;
  }
  auto store = storage::Store::Open(db->url_, 8);
  if (!store.ok()) {
    ADD_FAILURE() << "cannot open " << db->url_ << ": " << store.error().message.en;
    return nullptr;
  }
  db->store_ = std::move(store).value();
  return db;
}

std::unique_ptr<storage::Store> TestDatabase::Open(size_t pool) const {
  auto store = storage::Store::Open(url_, pool);
  return store.ok() ? std::move(store).value() : nullptr;
}

TestDatabase::~TestDatabase() {
  store_.reset();
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  if (!schema_.empty()) {
    try {
      soci::session admin(soci::postgresql, storage::PostgresConnectionString(admin_url_));
      admin << "DROP SCHEMA " + schema_ + " CASCADE";
    } catch (const std::exception& e) {
      spdlog::warn("drop schema {}: {}", schema_, e.what());
    }
  }
}

TestServer::TestServer(const std::string& backend, http::ApiOptions api_options)
    : TestServer(backend, service::SecurityOptions{{0, 0, true}, {}}, std::move(api_options)) {}

TestServer::TestServer(const std::string& backend, service::SecurityOptions security,
                       http::ApiOptions api_options) {
  db_ = TestDatabase::Create(backend);
  if (!db_) return;
  auto boot = service::Bootstrap(db_->store(), {BINHDANG_RESOURCE_DIR, kAdminPassword, true});
  if (!boot.ok()) {
    ADD_FAILURE() << "bootstrap: " << boot.error().message.en;
    return;
  }
  services_ = std::make_unique<service::Services>(db_->store(), security);
  services_->directory.Reload();
  if (auto st =
          services_->units.LoadAgencySets(std::string(BINHDANG_RESOURCE_DIR) + "/agency-sets.json");
      !st.ok()) {
    ADD_FAILURE() << "agency sets: " << st.error().message.en;
  }
  // The reference indicators and targets, as `binhdang serve` loads them.
  if (auto added = services_->analytics.SeedReference(std::string(BINHDANG_RESOURCE_DIR) +
                                                      "/analytics/reference.json");
      !added.ok()) {
    ADD_FAILURE() << "reference indicators: " << added.error().message.en;
  }
  // Every test server has the test case data key (tests that need none disable the module).
  if (auto st = services_->cases.UseKey(kCaseKey); !st.ok()) {
    ADD_FAILURE() << "case key: " << st.error().message.en;
  }
  api_ = std::make_unique<http::Api>(*services_, std::move(api_options));
  http::ServerOptions options;
  options.port = 0;
  options.threads = 4;
  options.access_log = false;
  options.drain_timeout = std::chrono::seconds(5);
  server_ = std::make_unique<http::Server>(*api_, options);
  if (auto st = server_->Start(); !st.ok()) {
    ADD_FAILURE() << "server: " << st.error().message.en;
    return;
  }
  port_ = server_->port();
  thread_ = std::thread([this] { server_->Run(); });
  ok_ = true;
}

TestServer::~TestServer() {
  if (server_ && thread_.joinable()) {
    server_->Stop();
    thread_.join();
  }
}

nlohmann::json HttpResult::json() const {
  auto j = nlohmann::json::parse(body, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

HttpResult Client::Request(const std::string& method, const std::string& target,
                           const std::string& body,
                           const std::map<std::string, std::string>& headers) {
  net::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
  bhttp::request<bhttp::string_body> req(bhttp::string_to_verb(method), target, 11);
  req.set(bhttp::field::host, "127.0.0.1");
  if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
  std::string cookies;
  if (!cookie_.empty()) cookies = "binhdang_session=" + cookie_;
  if (!device_.empty())
    cookies += (cookies.empty() ? "" : "; ") + std::string("binhdang_device=") + device_;
  if (!cookies.empty()) req.set(bhttp::field::cookie, cookies);
  if (!csrf_.empty()) req.set("X-CSRF-Token", csrf_);
  if (english) req.set(bhttp::field::accept_language, "en");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(256 * 1024 * 1024);
  bhttp::read(stream, buffer, parser);
  auto& res = parser.get();
  HttpResult out;
  out.status = static_cast<int>(res.result_int());
  out.body = res.body();
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(f.value());
    if (name == "set-cookie") {
      const std::string v(f.value());
      if (v.starts_with("binhdang_session=")) {
        cookie_ = v.substr(17, v.find(';') - 17);
      }
      if (v.starts_with("binhdang_device=")) device_ = v.substr(16, v.find(';') - 16);
    }
  }
  beast::error_code ec;
  stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
  return out;
}

int Client::Login(const std::string& username, const std::string& password) {
  Forget();
  auto r = Post("/api/v1/session", {{"username", username}, {"password", password}});
  if (r.status == 200) csrf_ = r.json().value("csrf_token", "");
  return r.status;
}

}  // namespace binhdang::testing
