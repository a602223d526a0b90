// /api/v1/units/{id}/calendar-token, /api/v1/units/{id}/tasks.ics and /api/v1/calendar-feeds:
// a user's secret calendar addresses, rotated, listed and revoked.
#include "common/time.h"
#include "http/api.h"
#include "http/plans_json.h"

namespace binhdang::http {

namespace {
nlohmann::json FeedJson(const storage::CalendarFeed& f, const domain::UnitTree& tree) {
  const domain::Unit* unit = tree.Find(f.unit_id);
  return {{"id", IdToString(f.id)},
          {"unit_id", IdToString(f.unit_id)},
          {"unit_name", unit ? nlohmann::json(unit->full_name) : nlohmann::json(nullptr)},
          {"created_at", IsoInstant(f.created_ms)},
          {"expires_at", IsoInstant(f.expires_ms)},
          {"last_used_at",
           f.last_used_ms ? nlohmann::json(IsoInstant(f.last_used_ms)) : nlohmann::json(nullptr)}};
}
}  // namespace

void RegisterCalendarRoutes(Router& router, Api& api) {
  auto& svc = api.services();
  router.Add("POST", "/api/v1/units/{id}/calendar-token", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto created, svc.calendar.Create(req.caller, id));
               auto j = FeedJson(created.feed, *svc.directory.Tree());
               j["token"] = created.token;
               j["url"] = "/api/v1/units/" + IdToString(id) + "/tasks.ics?token=" + created.token;
               return Response::Json(j, 201);
             });
  router.Add("GET", "/api/v1/units/{id}/tasks.ics", Access::kPublic,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto tasks,
                                   svc.calendar.Tasks(id, req.Query("token").value_or("")));
               const domain::Unit* unit = svc.directory.Tree()->Find(id);
               Response res;
               res.content_type = "text/calendar; charset=utf-8";
               res.body = TasksCalendar(tasks, unit ? unit->full_name : "", NowMs());
               return res;
             });
  router.Add("GET", "/api/v1/calendar-feeds", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto feeds, svc.calendar.Mine(req.caller));
               auto tree = svc.directory.Tree();
               nlohmann::json items = nlohmann::json::array();
               for (const auto& f : feeds) items.push_back(FeedJson(f, *tree));
               return Response::Json(ListJson(items, ""));
             });
  router.Add("DELETE", "/api/v1/calendar-feeds/{id}", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_RETURN_IF_ERROR(svc.calendar.Revoke(req.caller, id));
               return Response::NoContent();
             });
}

void RegisterNotificationRoutes(Router& router, Api& api) {
  auto& svc = api.services();
  router.Add("GET", "/api/v1/notifications", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto list, svc.notifications.Mine(req.caller));
               nlohmann::json items = nlohmann::json::array();
               for (const auto& n : list.items) {
                 items.push_back({{"id", IdToString(n.id)},
                                  {"kind", n.kind},
                                  {"message", n.message.In(req.caller.english)},
                                  {"link", n.link},
                                  {"created_at", IsoInstant(n.created_ms)},
                                  {"read_at", n.read_ms ? nlohmann::json(IsoInstant(n.read_ms))
                                                        : nlohmann::json(nullptr)}});
               }
               return Response::Json({{"items", items}, {"unread", list.unread}});
             });
  router.Add("POST", "/api/v1/notifications/{id}/read", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_RETURN_IF_ERROR(svc.notifications.MarkRead(req.caller, id));
               return Response::NoContent();
             });
}

}  // namespace binhdang::http
