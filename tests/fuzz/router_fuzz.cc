// The route table: "METHOD /path" lines against every route the server registers (the real Api
// over a throwaway SQLite database), as the dispatcher looks them up.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "fuzz/harness.h"
#include "http/api.h"
#include "service/services.h"
#include "storage/store.h"

using namespace binhdang;

namespace {
struct World {
  std::string dir;
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<service::Services> services;
  std::unique_ptr<http::Api> api;
  World() {
    spdlog::set_level(spdlog::level::off);
    dir = (std::filesystem::temp_directory_path() /
           ("binhdang-fuzz-router-" + std::to_string(::getpid())))
              .string();
    std::filesystem::create_directories(dir);
    store = std::move(storage::Store::Open("sqlite:" + dir + "/db.sqlite", 1)).value();
    (void)store->Migrate();
    services = std::make_unique<service::Services>(*store, true);
    api = std::make_unique<http::Api>(*services, http::ApiOptions{});
  }
  ~World() {
    api.reset();
    services.reset();
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};
}  // namespace

BINHDANG_FUZZ_TARGET(router) {
  static World world;
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  const size_t space = s.find(' ');
  const std::string method(s.substr(0, space == std::string_view::npos ? 0 : space));
  const std::string path(space == std::string_view::npos ? s : s.substr(space + 1));
  auto match = world.api->router().Find(method, path);
  if (match.route) {
    http::Request req;
    req.params = match.params;
    (void)http::PathId(req);
  }
  return 0;
}
