// GET /api/v1/audit.
#include "http/api.h"
#include "http/json_output.h"

namespace binhdang::http {

void RegisterAuditRoutes(Router& router, Api& api) {
  auto& svc = api.services();
  router.Add("GET", "/api/v1/audit", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
    storage::AuditFilter filter;
    BD_ASSIGN_OR_RETURN(auto page, PageOf(req));
    filter.limit = static_cast<int>(page.limit);
    if (auto cursor = req.Query("cursor"); cursor && !cursor->empty())
      filter.before = ParseId(*cursor);
    if (auto user = req.Query("user"); user && !user->empty()) {
      filter.user_id = ParseId(*user);
      if (!filter.user_id)
        return Error::Invalid("user", "mã người dùng không hợp lệ", "invalid user id");
    }
    filter.action = req.Query("action").value_or("");
    BD_ASSIGN_OR_RETURN(auto result, svc.audit.List(req.caller, filter));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& e : result.items) items.push_back(AuditJson(e));
    return Response::Json(ListJson(items, result.next_cursor));
  });
}

}  // namespace binhdang::http
