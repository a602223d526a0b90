// GET /api/v1/health and GET /metrics.
#include "http/api.h"

namespace binhdang::http {

void RegisterHealthRoutes(Router& router, Api& api) {
  router.Add("GET", "/api/v1/health", Access::kPublic, [&api](Request&) -> Result<Response> {
    auto& store = api.services().store;
    bool db_ok = true;
    try {
      auto sql = store.Lease();
      int one = 0;
      *sql << "SELECT 1", soci::into(one);
    } catch (const std::exception&) {
      db_ok = false;
    }
    return Response::Json({{"status", db_ok ? "ok" : "degraded"},
                           {"database", store.name()},
                           {"version", BINHDANG_VERSION}},
                          db_ok ? 200 : 503);
  });
  router.Add("GET", "/metrics", Access::kPublic, [&api](Request&) -> Result<Response> {
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = api.metrics().Render();
    return r;
  });
}

}  // namespace binhdang::http
