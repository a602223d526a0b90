// POST/DELETE /api/v1/session and GET /api/v1/me.
#include "http/api.h"
#include "http/json_input.h"
#include "http/json_output.h"

namespace binhdang::http {

namespace {
std::string SessionCookie(const std::string& token, bool secure, bool clear) {
  std::string c = "binhdang_session=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  if (secure) c += "; Secure";
  if (clear) c += "; Max-Age=0";
  return c;
}
}  // namespace

void RegisterSessionRoutes(Router& router, Api& api) {
  router.Add("POST", "/api/v1/session", Access::kPublic, [&api](Request& req) -> Result<Response> {
    BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
    Fields f(body);
    f.AllowOnly({"username", "password"});
    auto username = f.String("username", true);
    auto password = f.String("password", true);
    if (!f.ok()) return f.ToError();
    BD_ASSIGN_OR_RETURN(auto signed_in,
                        api.services().sessions.Login(*username, *password, req.caller.address));
    auto tree = api.services().directory.Tree();
    Response r = Response::Json(
        {{"user", UserJson(signed_in.user, *tree)}, {"csrf_token", signed_in.csrf_token}});
    r.headers.emplace_back("Set-Cookie",
                           SessionCookie(signed_in.token, api.options().secure_cookies, false));
    return r;
  });
  router.Add("DELETE", "/api/v1/session", Access::kSignedIn, [&api](Request& req) -> Result<Response> {
    api.services().sessions.Logout(req.session_token, req.caller);
    Response r = Response::NoContent();
    r.headers.emplace_back("Set-Cookie", SessionCookie("", api.options().secure_cookies, true));
    return r;
  });
  router.Add("GET", "/api/v1/me", Access::kSignedIn, [&api](Request& req) -> Result<Response> {
    BD_ASSIGN_OR_RETURN(auto auth, api.services().sessions.Authenticate(req.session_token));
    auto tree = api.services().directory.Tree();
    return Response::Json({{"user", UserJson(auth.user, *tree)}, {"csrf_token", auth.csrf_token}});
  });
}

}  // namespace binhdang::http
