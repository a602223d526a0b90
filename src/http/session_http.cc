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

// Marks the browser as one its user signed in from: sign-ins from it are not held back while
// the user's name is being guessed elsewhere (service::LoginGuard).
std::string DeviceCookie(const std::string& token, bool secure) {
  std::string c = "binhdang_device=" + token +
                  "; Path=/api/v1/session; HttpOnly; SameSite=Strict; Max-Age=15552000";
  if (secure) c += "; Secure";
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
    service::LoginContext context{req.caller.address,
                                  CookieValue(req.Header("cookie"), "binhdang_device")};
    BD_ASSIGN_OR_RETURN(auto signed_in,
                        api.services().sessions.Login(*username, *password, context));
    auto tree = api.services().directory.Tree();
    Response r = Response::Json(
        {{"user", UserJson(signed_in.user, *tree)}, {"csrf_token", signed_in.csrf_token}});
    r.headers.emplace_back("Set-Cookie",
                           SessionCookie(signed_in.token, api.options().secure_cookies, false));
    r.headers.emplace_back("Set-Cookie",
                           DeviceCookie(signed_in.device_token, api.options().secure_cookies));
    return r;
  });
  router.Add(
      "DELETE", "/api/v1/session", Access::kSignedIn, [&api](Request& req) -> Result<Response> {
        api.services().sessions.Logout(req.session_token, req.caller);
        Response r = Response::NoContent();
        r.headers.emplace_back("Set-Cookie", SessionCookie("", api.options().secure_cookies, true));
        return r;
      });
  router.Add("GET", "/api/v1/me", Access::kSignedIn, [&api](Request& req) -> Result<Response> {
    BD_ASSIGN_OR_RETURN(auto auth, api.services().sessions.Authenticate(req.session_token));
    // With what the account shows besides its row (pending case roles, a sign-in wait).
    BD_ASSIGN_OR_RETURN(auto user, api.services().users.Get(req.caller, auth.user.id));
    auto tree = api.services().directory.Tree();
    return Response::Json({{"user", UserJson(user, *tree)}, {"csrf_token", auth.csrf_token}});
  });
  router.Add("PATCH", "/api/v1/me", Access::kSignedIn, [&api](Request& req) -> Result<Response> {
    BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
    Fields f(body);
    f.AllowOnly({"version", "email", "email_pref"});
    auto version = f.Integer("version", true, 1);
    auto email = f.String("email", true);
    auto pref = f.String("email_pref", true);
    if (!f.ok()) return f.ToError();
    BD_ASSIGN_OR_RETURN(auto user,
                        api.services().users.SetOwnEmail(req.caller, *version, *email, *pref));
    auto tree = api.services().directory.Tree();
    return Response::Json({{"user", UserJson(user, *tree)}});
  });
  router.Add(
      "POST", "/api/v1/me/password", Access::kSignedIn, [&api](Request& req) -> Result<Response> {
        BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
        Fields f(body);
        f.AllowOnly({"current_password", "new_password"});
        auto current = f.String("current_password", true);
        auto next = f.String("new_password", true);
        if (!f.ok()) return f.ToError();
        BD_RETURN_IF_ERROR(api.services().users.ChangeOwnPassword(req.caller, *current, *next));
        return Response::NoContent();
      });
}

}  // namespace binhdang::http
