// /api/v1/users.
#include "common/time.h"
#include "http/api.h"
#include "http/json_input.h"
#include "http/json_output.h"

namespace binhdang::http {

void RegisterUserRoutes(Router& router, Api& api) {
  auto& svc = api.services();
  router.Add("GET", "/api/v1/users", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
    service::UserQuery q;
    BD_ASSIGN_OR_RETURN(q.page, PageOf(req));
    q.q = req.Query("q").value_or("");
    if (auto unit = req.Query("unit"); unit && !unit->empty()) {
      q.unit = ParseId(*unit);
      if (!q.unit) return Error::Invalid("unit", "mã đơn vị không hợp lệ", "invalid unit id");
    }
    BD_ASSIGN_OR_RETURN(auto page, svc.users.List(req.caller, q));
    auto tree = svc.directory.Tree();
    nlohmann::json items = nlohmann::json::array();
    for (const auto& u : page.items) items.push_back(UserJson(u, *tree));
    return Response::Json(ListJson(items, page.next_cursor));
  });
  router.Add("GET", "/api/v1/users/{id}", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto user, svc.users.Get(req.caller, id));
               return Response::Json(UserJson(user, *svc.directory.Tree()));
             });
  router.Add("POST", "/api/v1/users", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
    BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
    Fields f(body);
    f.AllowOnly({"username", "full_name", "password", "unit_id", "roles"});
    service::UserInput in;
    in.username = f.String("username", true).value_or("");
    in.full_name = f.String("full_name", true).value_or("");
    in.password = f.String("password", true).value_or("");
    in.unit_id = f.IdField("unit_id", true).value_or(0);
    in.roles = f.Strings("roles", true).value_or(std::vector<std::string>{});
    if (!f.ok()) return f.ToError();
    BD_ASSIGN_OR_RETURN(auto user, svc.users.Create(req.caller, in));
    return Response::Json(UserJson(user, *svc.directory.Tree()), 201);
  });
  router.Add("PATCH", "/api/v1/users/{id}", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"version", "full_name", "unit_id", "roles", "active", "password"});
               service::UserPatch p;
               p.version = f.Integer("version", true, 1).value_or(0);
               p.full_name = f.String("full_name");
               p.unit_id = f.IdField("unit_id");
               p.roles = f.Strings("roles");
               p.active = f.Bool("active");
               p.password = f.String("password");
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto user, svc.users.Update(req.caller, id, p));
               return Response::Json(UserJson(user, *svc.directory.Tree()));
             });
  router.Add("POST", "/api/v1/users/{id}/unlock", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto user, svc.users.Unlock(req.caller, id));
               return Response::Json(UserJson(user, *svc.directory.Tree()));
             });
  router.Add("GET", "/api/v1/role-grants", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto grants, svc.users.PendingGrants(req.caller));
               auto tree = svc.directory.Tree();
               nlohmann::json items = nlohmann::json::array();
               for (const auto& g : grants) {
                 items.push_back({{"id", IdToString(g.grant.id)},
                                  {"role", domain::RoleName(g.grant.role)},
                                  {"reason", g.grant.reason},
                                  {"user", UserJson(g.user, *tree)},
                                  {"requested_by", g.requested_by_name},
                                  {"requested_at", IsoInstant(g.grant.requested_ms)}});
               }
               return Response::Json(ListJson(items, ""));
             });
  auto decide = [&svc](bool approve) {
    return [&svc, approve](Request& req) -> Result<Response> {
      BD_ASSIGN_OR_RETURN(Id id, PathId(req));
      BD_ASSIGN_OR_RETURN(auto user, svc.users.DecideGrant(req.caller, id, approve));
      return Response::Json(UserJson(user, *svc.directory.Tree()));
    };
  };
  router.Add("POST", "/api/v1/role-grants/{id}/approve", Access::kSignedIn, decide(true));
  router.Add("POST", "/api/v1/role-grants/{id}/reject", Access::kSignedIn, decide(false));
}

}  // namespace binhdang::http
