// /api/v1/units and /api/v1/agency-types.
#include "http/api.h"
#include "http/json_input.h"
#include "http/json_output.h"
#include "http/unit_json_cache.h"

namespace binhdang::http {

namespace {
using nlohmann::json;

Result<service::UnitQuery> QueryOf(const Request& req) {
  service::UnitQuery q;
  BD_ASSIGN_OR_RETURN(q.page, PageOf(req));
  q.q = req.Query("q").value_or("");
  if (q.q.size() > 200)
    return Error::Invalid("q", "từ khóa dài quá 200 ký tự", "q is longer than 200 characters");
  if (auto parent = req.Query("parent"); parent && !parent->empty()) {
    q.parent = ParseId(*parent);
    if (!q.parent)
      return Error::Invalid("parent", "mã đơn vị cha không hợp lệ", "invalid parent id");
  }
  if (auto kind = req.Query("kind"); kind && !kind->empty()) {
    q.kind = domain::ParseUnitKind(*kind);
    if (!q.kind) {
      return Error::Invalid("kind",
                            "loại đơn vị phải là country, province, district, commune hoặc agency",
                            "kind must be country, province, district, commune or agency");
    }
  }
  const std::string at = req.Query("at").value_or("");
  if (at.empty()) {
    q.at = Date::TodayInVietnam();
  } else if (at != "any") {
    q.at = Date::Parse(at);
    if (!q.at)
      return Error::Invalid("at", "ngày phải có dạng YYYY-MM-DD hoặc any",
                            "at must be YYYY-MM-DD or any");
  }
  return q;
}

json UnitsJson(const std::vector<domain::Unit>& units, const domain::UnitTree& tree,
               std::optional<Date> at = std::nullopt) {
  json items = json::array();
  for (const auto& u : units) items.push_back(UnitJson(u, tree, at));
  return items;
}
}  // namespace

void RegisterUnitRoutes(Router& router, Api& api) {
  auto& svc = api.services();
  auto cache = std::make_shared<UnitJsonCache>();
  auto list = [cache](const std::shared_ptr<const domain::UnitTree>& tree,
                      const service::Page<domain::Unit>& page, std::optional<Date> at) {
    Response r;
    r.body = cache->List(tree, page.items, page.next_cursor, at);
    return r;
  };
  router.Add("GET", "/api/v1/units", Access::kSignedIn,
             [&svc, list](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto query, QueryOf(req));
               auto tree = svc.directory.Tree();
               BD_ASSIGN_OR_RETURN(auto page, svc.units.List(req.caller, query));
               return list(tree, page, query.at);
             });
  router.Add("GET", "/api/v1/units/{id}", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto detail, svc.units.Get(req.caller, id));
               auto tree = svc.directory.Tree();
               BD_ASSIGN_OR_RETURN(auto query, QueryOf(req));
               json j = UnitJson(detail.unit, *tree, query.at);
               j["ancestors"] = UnitsJson(detail.ancestors, *tree, query.at);
               return Response::Json(j);
             });
  router.Add("GET", "/api/v1/units/{id}/children", Access::kSignedIn,
             [&svc, list](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto query, QueryOf(req));
               auto tree = svc.directory.Tree();
               BD_ASSIGN_OR_RETURN(auto page, svc.units.Children(req.caller, id, query));
               return list(tree, page, query.at);
             });
  router.Add("GET", "/api/v1/units/{id}/lineage", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto lineage, svc.units.Lineage(req.caller, id));
               auto tree = svc.directory.Tree();
               auto entries = [&](const std::vector<service::LineageEntry>& list) {
                 json out = json::array();
                 for (const auto& e : list) {
                   out.push_back({{"unit", UnitJson(e.unit, *tree)},
                                  {"type", domain::MergeTypeName(e.type)}});
                 }
                 return out;
               };
               return Response::Json({{"unit", UnitJson(lineage.unit, *tree)},
                                      {"predecessors", entries(lineage.predecessors)},
                                      {"successors", entries(lineage.successors)}});
             });
  router.Add(
      "GET", "/api/v1/agency-types", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
        BD_ASSIGN_OR_RETURN(auto types, svc.units.AgencyTypes(req.caller));
        json items = json::array();
        for (const auto& t : types) {
          items.push_back({{"code", t.code}, {"name", req.caller.english ? t.name_en : t.name_vi}});
        }
        return Response::Json({{"items", items}});
      });
  router.Add("POST", "/api/v1/units", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
    BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
    Fields f(body);
    f.AllowOnly({"parent_id", "name", "agency_type", "code", "kind"});
    service::AgencyInput in;
    in.parent_id = f.IdField("parent_id", true).value_or(0);
    in.name = f.String("name", true).value_or("");
    in.agency_type = f.String("agency_type", true).value_or("");
    in.code = f.String("code").value_or("");
    if (auto kind = f.String("kind"); kind && *kind != "agency") {
      f.validator().Fail("kind", "chỉ tạo được đơn vị loại agency (cơ quan)",
                         "only agencies can be created");
    }
    if (!f.ok()) return f.ToError();
    BD_ASSIGN_OR_RETURN(auto unit, svc.units.CreateAgency(req.caller, in));
    return Response::Json(UnitJson(unit, *svc.directory.Tree()), 201);
  });
  // The days before a due date when the unit's activities are reminded (service/reminders.h).
  auto days_json = [](const service::ReminderDaysView& v) {
    return json{{"unit_id", IdToString(v.unit_id)},
                {"first_days", v.days.first},
                {"last_days", v.days.last},
                {"set_by_unit_id", v.set_by_unit_id ? json(IdToString(v.set_by_unit_id)) : json()},
                {"may_change", v.may_change}};
  };
  router.Add("GET", "/api/v1/units/{id}/reminder-days", Access::kSignedIn,
             [&svc, days_json](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto v, svc.reminders.Days(req.caller, id));
               return Response::Json(days_json(v));
             });
  router.Add("PUT", "/api/v1/units/{id}/reminder-days", Access::kSignedIn,
             [&svc, days_json](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"first_days", "last_days"});
               auto first = f.Integer("first_days", true, 0, 1000);
               auto last = f.Integer("last_days", true, 0, 1000);
               if (!f.ok()) return f.ToError();
               domain::ReminderDays d{static_cast<int>(*first), static_cast<int>(*last)};
               BD_ASSIGN_OR_RETURN(auto v, svc.reminders.SetDays(req.caller, id, d));
               return Response::Json(days_json(v));
             });
  router.Add("DELETE", "/api/v1/units/{id}/reminder-days", Access::kSignedIn,
             [&svc, days_json](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto v, svc.reminders.ClearDays(req.caller, id));
               return Response::Json(days_json(v));
             });
  router.Add("PATCH", "/api/v1/units/{id}", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"version", "name", "agency_type", "valid_to"});
               service::AgencyPatch p;
               p.version = f.Integer("version", true, 1).value_or(0);
               p.name = f.String("name");
               p.agency_type = f.String("agency_type");
               p.valid_to = f.NullableDate("valid_to");
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto unit, svc.units.UpdateAgency(req.caller, id, p));
               return Response::Json(UnitJson(unit, *svc.directory.Tree()));
             });
  router.Add("GET", "/api/v1/agency-sets", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               json items = json::array();
               for (const auto& set : svc.units.AgencySets()) {
                 json agencies = json::array();
                 for (const auto& a : set.agencies)
                   agencies.push_back({{"name", a.name}, {"agency_type", a.agency_type}});
                 items.push_back({{"code", set.code},
                                  {"name", req.caller.english ? set.name_en : set.name_vi},
                                  {"applies_to", domain::UnitKindName(set.applies_to)},
                                  {"agencies", agencies}});
               }
               return Response::Json({{"items", items}});
             });
  // Applies an agency set to a unit, or to every unit of the set's kind within it.
  router.Add("POST", "/api/v1/units/{id}/agency-sets/{code}", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto outcome,
                                   svc.units.ApplyAgencySet(req.caller, id, req.params["code"]));
               return Response::Json({{"set", outcome.set},
                                      {"units", outcome.units},
                                      {"added", outcome.added},
                                      {"present", outcome.present}});
             });
}

}  // namespace binhdang::http
