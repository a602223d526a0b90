// Test support: real databases, a real HTTP server on a free port, and an HTTP client.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>

#include "http/api.h"
#include "http/server.h"
#include "service/services.h"
#include "storage/store.h"

namespace binhdang::testing {

//! The backends a conformance test runs on.
std::vector<std::string> Backends();  // {"sqlite", "postgresql"}

//! A fresh, empty database: a SQLite file in a temporary directory, or a new schema in the
//! PostgreSQL server of BINHDANG_TEST_PG. Removed when destroyed.
class TestDatabase {
 public:
  //! Fails the calling test (and returns nullptr) when PostgreSQL is required but absent;
  //! returns nullptr and skips when it is optional and absent.
  static std::unique_ptr<TestDatabase> Create(const std::string& backend);
  ~TestDatabase();
  const std::string& url() const { return url_; }
  storage::Store& store() { return *store_; }
  std::unique_ptr<storage::Store> Open(size_t pool = 8) const;

 private:
  std::string backend_, url_, dir_, schema_, admin_url_;
  std::unique_ptr<storage::Store> store_;
};

//! A bootstrapped database (units imported, admin with kAdminPassword) behind a real HTTP
//! server on 127.0.0.1 and a free port.
class TestServer {
 public:
  static constexpr const char* kAdminPassword = "admin-Secret-1";
  //! The case data key of every test server (32 bytes).
  static constexpr const char* kCaseKey = "binhdang-test-case-key-32-bytes!";
  explicit TestServer(const std::string& backend = "sqlite", http::ApiOptions api_options = {});
  //! With its own password pool and sign-in limits (the default: fast hashes, default limits).
  TestServer(const std::string& backend, service::SecurityOptions security,
             http::ApiOptions api_options = {});
  ~TestServer();
  unsigned short port() const { return port_; }
  service::Services& services() { return *services_; }
  http::Api& api() { return *api_; }
  storage::Store& store() { return db_->store(); }
  bool ok() const { return ok_; }

 private:
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<service::Services> services_;
  std::unique_ptr<http::Api> api_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  unsigned short port_ = 0;
  bool ok_ = false;
};

struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  nlohmann::json json() const;
};

//! A client with a cookie jar and the CSRF token of its session.
class Client {
 public:
  explicit Client(unsigned short port) : port_(port) {}
  HttpResult Request(const std::string& method, const std::string& target,
                     const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {});
  HttpResult Get(const std::string& target) { return Request("GET", target); }
  HttpResult Post(const std::string& target, const nlohmann::json& body) {
    return Request("POST", target, body.dump());
  }
  HttpResult Patch(const std::string& target, const nlohmann::json& body) {
    return Request("PATCH", target, body.dump());
  }
  //! Signs in; returns the status.
  int Login(const std::string& username, const std::string& password);
  //! Forgets the session; the trusted-device cookie stays, as in a browser.
  void Forget() {
    cookie_.clear();
    csrf_.clear();
  }
  void ForgetDevice() { device_.clear(); }
  const std::string& device() const { return device_; }
  bool english = false;

 private:
  unsigned short port_;
  std::string cookie_;
  std::string device_;
  std::string csrf_;
};

}  // namespace binhdang::testing
