// /api/v1/cases…: GBV case management (need-to-know), and /api/v1/case-statistics, the only
// figures that leave the case module (anonymised, small counts suppressed). The survivor's
// identity travels only in the answer of POST /cases/{id}/identity, which is logged.
#include "common/time.h"
#include "http/api.h"
#include "http/cases_json.h"
#include "http/json_input.h"

namespace binhdang::http {

using nlohmann::json;

namespace {

json IncidentJson(const domain::Incident& i) {
  return {{"id", IdToString(i.id)},
          {"occurred_on", i.occurred_on.Iso()},
          {"reported_on", i.reported_on.Iso()},
          {"days_to_report", i.DaysToReport()},
          {"how_reported", i.how_reported},
          {"reported_by", i.reported_by},
          {"place_type", i.place_type},
          {"gbv_type", i.gbv_type},
          {"dv_form", i.dv_form.empty() ? json(nullptr) : json(i.dv_form)},
          {"perpetrator_relationship", i.perpetrator_relationship},
          {"perpetrator_sex", i.perpetrator_sex},
          {"perpetrator_age_band", i.perpetrator_age_band}};
}

}  // namespace

json RecordJson(const domain::CaseRecord& c, const domain::UnitTree& tree) {
  const domain::Unit* unit = tree.Find(c.unit_id);
  return {{"id", IdToString(c.id)},
          {"code", c.code},
          {"unit_id", IdToString(c.unit_id)},
          {"unit_name", unit ? json(unit->full_name) : json(nullptr)},
          {"owner_id", IdToString(c.owner_id)},
          {"status", c.status},
          {"sex", c.sex},
          {"age_band", c.age_band},
          {"ethnicity", c.ethnicity},
          {"disability", c.disability},
          {"consent_to_count", c.consent_to_count},
          {"dv_age_group", c.dv_age_group},
          {"opened_on", c.opened_on.Iso()},
          {"status_label", domain::LabelOf(domain::kCaseStatuses, c.status)},
          {"version", c.version},
          {"updated_at", IsoInstant(c.updated_ms)}};
}

json ViewJson(const service::CaseView& v, const domain::UnitTree& tree) {
  json j = RecordJson(v.record, tree);
  json incidents = json::array();
  for (const auto& i : v.incidents) incidents.push_back(IncidentJson(i));
  json members = json::array();
  for (const auto& m : v.members) {
    members.push_back({{"user_id", IdToString(m.user_id)},
                       {"full_name", NameOf(v, m.user_id)},
                       {"role", m.role},
                       {"added_at", IsoInstant(m.added_ms)}});
  }
  j["incidents"] = std::move(incidents);
  j["members"] = std::move(members);
  j["owner_name"] = NameOf(v, v.record.owner_id);
  j["can_manage"] = v.can_manage;
  j["emergency_until"] =
      v.emergency_until_ms ? json(IsoInstant(*v.emergency_until_ms)) : json(nullptr);
  json transfers = json::array();
  for (const auto& t : v.transfers) {
    transfers.push_back({{"from_user_id", IdToString(t.from_user)},
                         {"from_name", NameOf(v, t.from_user)},
                         {"to_user_id", IdToString(t.to_user)},
                         {"to_name", NameOf(v, t.to_user)},
                         {"by_user_id", IdToString(t.by_user)},
                         {"by_name", NameOf(v, t.by_user)},
                         {"reason", t.reason},
                         {"at", IsoInstant(t.at_ms)}});
  }
  j["transfers"] = std::move(transfers);
  json grants = json::array();
  for (const auto& g : v.emergency_grants) {
    grants.push_back({{"user_id", IdToString(g.user_id)},
                      {"full_name", NameOf(v, g.user_id)},
                      {"reason", g.reason},
                      {"granted_at", IsoInstant(g.granted_ms)},
                      {"until", IsoInstant(g.until_ms)}});
  }
  j["emergency_grants"] = std::move(grants);
  j["possible_duplicates"] = v.possible_duplicates;
  AddCareJson(v, j);
  return j;
}

namespace {

//! The incident fields of `f`; problems accumulate in `f`.
domain::Incident ReadIncident(Fields& f) {
  domain::Incident i;
  i.occurred_on = f.DateField("occurred_on", true).value_or(Date());
  i.reported_on = f.DateField("reported_on", true).value_or(Date());
  i.how_reported = f.String("how_reported", true).value_or("");
  i.reported_by = f.String("reported_by").value_or("other");
  i.place_type = f.String("place_type", true).value_or("");
  i.gbv_type = f.String("gbv_type", true).value_or("");
  i.dv_form = f.String("dv_form").value_or("");
  i.perpetrator_relationship = f.String("perpetrator_relationship", true).value_or("");
  i.perpetrator_sex = f.String("perpetrator_sex").value_or("unknown");
  i.perpetrator_age_band = f.String("perpetrator_age_band").value_or("unknown");
  return i;
}

const std::initializer_list<const char*> kIncidentFields = {
    "occurred_on",     "reported_on",
    "how_reported",    "reported_by",
    "place_type",      "gbv_type",
    "dv_form",         "perpetrator_relationship",
    "perpetrator_sex", "perpetrator_age_band"};

}  // namespace

void RegisterCaseRoutes(Router& router, Api& api) {
  auto& svc = api.services();
  router.Add("GET", "/api/v1/cases", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
    BD_ASSIGN_OR_RETURN(auto page, PageOf(req));
    BD_ASSIGN_OR_RETURN(auto list, svc.cases.Mine(req.caller, page));
    auto tree = svc.directory.Tree();
    json items = json::array();
    for (const auto& v : list.items) {
      json j = RecordJson(v.record, *tree);
      // The list names no one: the code, the first incident's type and date, the status.
      j["gbv_type"] = v.incidents.empty() ? json(nullptr) : json(v.incidents.front().gbv_type);
      j["occurred_on"] =
          v.incidents.empty() ? json(nullptr) : json(v.incidents.front().occurred_on.Iso());
      items.push_back(std::move(j));
    }
    return Response::Json(ListJson(items, list.next_cursor));
  });
  router.Add("POST", "/api/v1/cases", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
    BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
    Fields f(body);
    f.AllowOnly({"unit_id", "sex", "age_band", "ethnicity", "disability", "opened_on", "full_name",
                 "date_of_birth", "phone", "address", "national_id", "incident",
                 "consent_to_count"});
    service::NewCase in;
    in.record.unit_id = f.IdField("unit_id", true).value_or(0);
    in.record.sex = f.String("sex", true).value_or("");
    in.record.age_band = f.String("age_band").value_or("unknown");
    in.record.ethnicity = f.String("ethnicity").value_or("");
    in.record.disability = f.Bool("disability").value_or(false);
    // Asked at intake; without an answer the case is not counted (GBVIMS).
    in.record.consent_to_count = f.Bool("consent_to_count").value_or(false);
    in.record.opened_on = f.DateField("opened_on").value_or(Date());
    in.identity.full_name = f.String("full_name", true).value_or("");
    in.identity.date_of_birth = f.String("date_of_birth").value_or("");
    in.identity.phone = f.String("phone").value_or("");
    in.identity.address = f.String("address").value_or("");
    in.identity.national_id = f.String("national_id").value_or("");
    if (body.contains("incident") && !body["incident"].is_null()) {
      if (!body["incident"].is_object()) {
        f.validator().Fail("incident", "incident phải là một đối tượng",
                           "incident must be an object");
      } else {
        Fields fi(body["incident"]);
        fi.AllowOnly(kIncidentFields);
        in.incident = ReadIncident(fi);
        if (!fi.ok()) {
          for (const auto& d : fi.ToError().details) {
            f.validator().Fail("incident." + d.field, d.message.vi, d.message.en);
          }
        }
      }
    }
    if (!f.ok()) return f.ToError();
    BD_ASSIGN_OR_RETURN(auto view, svc.cases.Create(req.caller, std::move(in)));
    return Response::Json(ViewJson(view, *svc.directory.Tree()), 201);
  });
  router.Add("POST", "/api/v1/cases/duplicates", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"full_name", "date_of_birth"});
               auto name = f.String("full_name", true);
               auto dob = f.String("date_of_birth").value_or("");
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto hits, svc.cases.Duplicates(req.caller, *name, dob));
               auto tree = svc.directory.Tree();
               json items = json::array();
               for (const auto& h : hits) {
                 const domain::Unit* unit = tree->Find(h.unit_id);
                 items.push_back({{"code", h.code},
                                  {"id", h.on_case ? json(IdToString(h.case_id)) : json(nullptr)},
                                  {"unit_id", IdToString(h.unit_id)},
                                  {"unit_name", unit ? json(unit->full_name) : json(nullptr)},
                                  {"on_case", h.on_case}});
               }
               return Response::Json(ListJson(items, ""));
             });
  router.Add("GET", "/api/v1/cases/{id}", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto view, svc.cases.Get(req.caller, id));
               return Response::Json(ViewJson(view, *svc.directory.Tree()));
             });
  router.Add(
      "PATCH", "/api/v1/cases/{id}", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
        BD_ASSIGN_OR_RETURN(Id id, PathId(req));
        BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
        Fields f(body);
        f.AllowOnly({"version", "status", "consent_to_count"});
        auto version = f.Integer("version", true, 1);
        auto status = f.String("status");
        auto consent = f.Bool("consent_to_count");
        if (f.ok() && status.has_value() == consent.has_value()) {
          f.validator().Fail("status", "Mỗi lần sửa một trong hai: status hoặc consent_to_count",
                             "Change either status or consent_to_count");
        }
        if (!f.ok()) return f.ToError();
        BD_ASSIGN_OR_RETURN(
            auto record, status ? svc.cases.SetStatus(req.caller, id, *status, *version)
                                : svc.cases.SetConsentToCount(req.caller, id, *consent, *version));
        return Response::Json(RecordJson(record, *svc.directory.Tree()));
      });
  // POST, not GET: showing who the survivor is is a deliberate act, logged, never prefetched.
  router.Add("POST", "/api/v1/cases/{id}/identity", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto identity, svc.cases.Identity(req.caller, id));
               return Response::Json({{"full_name", identity.full_name},
                                      {"date_of_birth", identity.date_of_birth},
                                      {"phone", identity.phone},
                                      {"address", identity.address},
                                      {"national_id", identity.national_id}});
             });
  router.Add("POST", "/api/v1/cases/{id}/incidents", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly(kIncidentFields);
               auto incident = ReadIncident(f);
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto added, svc.cases.AddIncident(req.caller, id, incident));
               return Response::Json(IncidentJson(added), 201);
             });
  router.Add("POST", "/api/v1/cases/{id}/members", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"user_id", "role"});
               auto user = f.IdField("user_id", true);
               auto role = f.String("role", true);
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto view, svc.cases.AddMember(req.caller, id, *user, *role));
               return Response::Json(ViewJson(view, *svc.directory.Tree()));
             });
  router.Add("GET", "/api/v1/cases/{id}/access-log", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto log, svc.cases.AccessLog(req.caller, id));
               json items = json::array();
               for (const auto& a : log) {
                 items.push_back({{"user_id", IdToString(a.user_id)},
                                  {"username", a.username},
                                  {"at", IsoInstant(a.at_ms)},
                                  {"what", a.what}});
               }
               return Response::Json(ListJson(items, ""));
             });
}

}  // namespace binhdang::http
