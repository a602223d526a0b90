// /api/v1/cases/{id}/measures|referrals|followups|close: the care of a case; /api/v1/services:
// the public service directory (no sign-in to search); /api/v1/case-codes: every coded list of
// the case module with its Vietnamese labels, for forms.
#include "common/text.h"
#include "common/time.h"
#include "domain/case_statistics.h"
#include "http/api.h"
#include "http/cases_json.h"
#include "http/json_input.h"

namespace binhdang::http {

using nlohmann::json;

namespace {

json Opt(const std::optional<Date>& d) { return d ? json(d->Iso()) : json(nullptr); }
json OptInstant(const std::optional<int64_t>& ms) {
  return ms ? json(IsoInstant(*ms)) : json(nullptr);
}

json CodesJson(std::span<const domain::Code> list) {
  json out = json::array();
  for (const auto& c : list) out.push_back({{"code", c.code}, {"label", c.vi}});
  return out;
}

std::optional<int64_t> InstantField(Fields& f, const json& body, const char* key) {
  if (!body.contains(key) || body[key].is_null()) return std::nullopt;
  auto s = f.String(key);
  if (!s) return std::nullopt;
  auto ms = ParseInstant(*s);
  if (!ms) {
    f.validator().Fail(key, "Thời điểm phải có dạng 2026-12-01T14:05 (giờ Việt Nam)",
                       "an instant looks like 2026-12-01T14:05 (Vietnam time)");
  }
  return ms;
}

}  // namespace

json NameOf(const service::CaseView& v, Id user_id) {
  auto it = v.user_names.find(user_id);
  return it == v.user_names.end() ? json(nullptr) : json(it->second);
}

json ReferralJson(const domain::Referral& r, const std::string& provider_name) {
  return {{"id", IdToString(r.id)},
          {"provider_id", IdToString(r.provider_id)},
          {"provider_name", provider_name.empty() ? json(nullptr) : json(provider_name)},
          {"service", r.service},
          {"service_label", domain::LabelOf(domain::kServiceKinds, r.service)},
          {"consent", r.consent},
          {"consent_on", Opt(r.consent_on)},
          {"override_reason", r.consent ? json(nullptr) : json(r.override_reason)},
          {"override_by", r.override_by ? json(IdToString(r.override_by)) : json(nullptr)},
          {"status", r.status},
          {"status_label", domain::LabelOf(domain::kReferralStatuses, r.status)},
          {"created_at", IsoInstant(r.created_ms)},
          {"version", r.version}};
}

void AddCareJson(const service::CaseView& v, json& out) {
  json measures = json::array();
  for (const auto& [m, clock] : v.measures) {
    measures.push_back(
        {{"id", IdToString(m.id)},
         {"type", m.type},
         {"type_label", domain::LabelOf(domain::kMeasureTypes, m.type)},
         {"authority", m.authority},
         {"authority_label", domain::LabelOf(domain::kMeasureAuthorities, m.authority)},
         {"status", m.status},
         {"status_label", domain::LabelOf(domain::kMeasureStatuses, m.status)},
         {"requested_at", IsoInstant(m.requested_ms)},
         {"decided_at", OptInstant(m.decided_ms)},
         {"starts_on", Opt(m.starts_on)},
         {"ends_on", Opt(m.ends_on)},
         {"note", m.note},
         {"version", m.version},
         {"decision_due_at", OptInstant(clock.decision_due_ms)},
         {"decision_overdue", clock.decision_overdue},
         {"decided_late", clock.decided_late},
         {"max_ends_on", Opt(clock.max_ends_on)},
         {"expired", clock.expired}});
  }
  json referrals = json::array();
  for (const auto& r : v.referrals) {
    auto name = v.provider_names.find(r.provider_id);
    json j = ReferralJson(r, name == v.provider_names.end() ? std::string() : name->second);
    j["override_by_name"] = r.override_by ? NameOf(v, r.override_by) : json(nullptr);
    referrals.push_back(std::move(j));
  }
  json followups = json::array();
  const Date today = Date::TodayInVietnam();
  for (const auto& f : v.followups) {
    followups.push_back({{"id", IdToString(f.id)},
                         {"due_on", f.due_on.Iso()},
                         {"done_on", Opt(f.done_on)},
                         {"overdue", !f.done_on && f.due_on < today},
                         {"note", f.note},
                         {"version", f.version}});
  }
  out["measures"] = std::move(measures);
  out["referrals"] = std::move(referrals);
  out["followups"] = std::move(followups);
  out["closure"] = {
      {"reason", v.closure.reason.empty() ? json(nullptr) : json(v.closure.reason)},
      {"reason_label", v.closure.reason.empty()
                           ? json(nullptr)
                           : json(domain::LabelOf(domain::kCloseReasons, v.closure.reason))},
      {"requested_by",
       v.closure.requested_by ? json(IdToString(*v.closure.requested_by)) : json(nullptr)},
      {"requested_by_name",
       v.closure.requested_by ? NameOf(v, *v.closure.requested_by) : json(nullptr)},
      {"closed_by", v.closure.closed_by ? json(IdToString(*v.closure.closed_by)) : json(nullptr)},
      {"closed_by_name", v.closure.closed_by ? NameOf(v, *v.closure.closed_by) : json(nullptr)},
      {"closed_at", OptInstant(v.closure.closed_ms)}};
  out["can_approve_closure"] = v.can_approve_closure;
}

json ProviderJson(const domain::Provider& p, const domain::UnitTree& tree) {
  const domain::Unit* unit = p.unit_id ? tree.Find(p.unit_id) : nullptr;
  json services = json::array();
  for (const auto& s : p.services) {
    services.push_back({{"code", s}, {"label", domain::LabelOf(domain::kServiceKinds, s)}});
  }
  return {{"id", IdToString(p.id)},
          {"name", p.name},
          {"type", p.type},
          {"type_label", domain::LabelOf(domain::kProviderTypes, p.type)},
          {"unit_id", p.unit_id ? json(IdToString(p.unit_id)) : json(nullptr)},
          {"unit_name", unit ? json(unit->full_name) : json("Toàn quốc")},
          {"services", std::move(services)},
          {"phone", p.phone},
          {"hours", p.hours},
          {"free_of_charge", p.free_of_charge},
          {"how_to_reach", p.how_to_reach},
          {"street_address", p.street_address.empty() ? json(nullptr) : json(p.street_address)},
          {"address_protected", domain::AddressIsProtected(p.type)},
          {"active", p.active},
          {"version", p.version}};
}

namespace {

domain::Provider ReadProvider(Fields& f) {
  domain::Provider p;
  p.name = f.String("name", true).value_or("");
  p.type = f.String("type", true).value_or("");
  p.unit_id = f.IdField("unit_id").value_or(0);
  p.services = f.Strings("services", true).value_or(std::vector<std::string>{});
  p.phone = f.String("phone", true).value_or("");
  p.hours = f.String("hours").value_or("");
  p.free_of_charge = f.Bool("free_of_charge").value_or(false);
  p.how_to_reach = f.String("how_to_reach").value_or("");
  p.street_address = f.String("street_address").value_or("");
  p.active = f.Bool("active").value_or(true);
  return p;
}

const std::initializer_list<const char*> kProviderFields = {
    "name",  "type",           "unit_id",      "services",       "phone",
    "hours", "free_of_charge", "how_to_reach", "street_address", "active"};

}  // namespace

void RegisterCaseCareRoutes(Router& router, Api& api) {
  auto& svc = api.services();
  auto view = [&svc](const service::CaseView& v, int status = 200) {
    return Response::Json(ViewJson(v, *svc.directory.Tree()), status);
  };
  router.Add("GET", "/api/v1/case-codes", Access::kSignedIn, [](Request&) -> Result<Response> {
    return Response::Json({{"gbv_types", CodesJson(domain::kGbvTypes)},
                           {"dv_forms", CodesJson(domain::kDvForms)},
                           {"report_channels", CodesJson(domain::kReportChannels)},
                           {"reported_by", CodesJson(domain::kReporters)},
                           {"dv_age_groups", CodesJson(domain::kDvAgeGroups)},
                           {"place_types", CodesJson(domain::kPlaceTypes)},
                           {"relationships", CodesJson(domain::kRelationships)},
                           {"sexes", CodesJson(domain::kSexes)},
                           {"age_bands", CodesJson(domain::kAgeBands)},
                           {"case_statuses", CodesJson(domain::kCaseStatuses)},
                           {"measure_types", CodesJson(domain::kMeasureTypes)},
                           {"measure_authorities", CodesJson(domain::kMeasureAuthorities)},
                           {"measure_statuses", CodesJson(domain::kMeasureStatuses)},
                           {"referral_statuses", CodesJson(domain::kReferralStatuses)},
                           {"close_reasons", CodesJson(domain::kCloseReasons)},
                           {"provider_types", CodesJson(domain::kProviderTypes)},
                           {"service_kinds", CodesJson(domain::kServiceKinds)}});
  });
  router.Add("POST", "/api/v1/cases/{id}/measures", Access::kSignedIn,
             [&svc, view](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"type", "authority", "status", "requested_at", "decided_at",
                            "starts_on", "ends_on", "note"});
               domain::Measure m;
               m.type = f.String("type", true).value_or("");
               m.authority = f.String("authority", true).value_or("");
               m.status = f.String("status").value_or("requested");
               m.requested_ms = InstantField(f, body, "requested_at").value_or(0);
               m.decided_ms = InstantField(f, body, "decided_at");
               m.starts_on = f.DateField("starts_on");
               m.ends_on = f.DateField("ends_on");
               m.note = f.String("note").value_or("");
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto v, svc.cases.AddMeasure(req.caller, id, std::move(m)));
               return view(v, 201);
             });
  router.Add("PATCH", "/api/v1/cases/{id}/measures/{measure}", Access::kSignedIn,
             [&svc, view](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(Id measure, PathId(req, "measure"));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"version", "status", "decided_at", "starts_on", "ends_on", "note"});
               service::MeasurePatch p;
               p.version = f.Integer("version", true, 1).value_or(0);
               p.status = f.String("status");
               p.decided_ms = InstantField(f, body, "decided_at");
               p.starts_on = f.DateField("starts_on");
               p.ends_on = f.DateField("ends_on");
               p.note = f.String("note");
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto v, svc.cases.UpdateMeasure(req.caller, id, measure, p));
               return view(v);
             });
  router.Add("POST", "/api/v1/cases/{id}/referrals", Access::kSignedIn,
             [&svc, view](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"provider_id", "service", "consent", "consent_on", "override_reason"});
               domain::Referral r;
               r.provider_id = f.IdField("provider_id", true).value_or(0);
               r.service = f.String("service", true).value_or("");
               r.consent = f.Bool("consent", true).value_or(false);
               r.consent_on = f.DateField("consent_on");
               r.override_reason = f.String("override_reason").value_or("");
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto v, svc.cases.AddReferral(req.caller, id, std::move(r)));
               return view(v, 201);
             });
  router.Add("PATCH", "/api/v1/cases/{id}/referrals/{referral}", Access::kSignedIn,
             [&svc, view](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(Id referral, PathId(req, "referral"));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"version", "status"});
               auto version = f.Integer("version", true, 1);
               auto status = f.String("status", true);
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto v, svc.cases.SetReferralStatus(req.caller, id, referral,
                                                                       *status, *version));
               return view(v);
             });
  router.Add("POST", "/api/v1/cases/{id}/followups", Access::kSignedIn,
             [&svc, view](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"due_on", "done_on", "note"});
               domain::Followup fu;
               fu.due_on = f.DateField("due_on", true).value_or(Date());
               fu.done_on = f.DateField("done_on");
               fu.note = f.String("note").value_or("");
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto v, svc.cases.AddFollowup(req.caller, id, std::move(fu)));
               return view(v, 201);
             });
  router.Add("PATCH", "/api/v1/cases/{id}/followups/{followup}", Access::kSignedIn,
             [&svc, view](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(Id followup, PathId(req, "followup"));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"version", "due_on", "done_on", "note"});
               service::FollowupPatch p;
               p.version = f.Integer("version", true, 1).value_or(0);
               p.due_on = f.DateField("due_on");
               p.done_on = f.DateField("done_on");
               p.note = f.String("note");
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto v, svc.cases.UpdateFollowup(req.caller, id, followup, p));
               return view(v);
             });
  router.Add("POST", "/api/v1/cases/{id}/close", Access::kSignedIn,
             [&svc, view](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"version", "reason"});
               auto version = f.Integer("version", true, 1);
               auto reason = f.String("reason", true);
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto v,
                                   svc.cases.RequestClosure(req.caller, id, *reason, *version));
               return view(v);
             });
  router.Add("POST", "/api/v1/cases/{id}/close/decision", Access::kSignedIn,
             [&svc, view](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"version", "approve"});
               auto version = f.Integer("version", true, 1);
               auto approve = f.Bool("approve", true);
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto v,
                                   svc.cases.DecideClosure(req.caller, id, *approve, *version));
               return view(v);
             });

  // ---- The public service directory.
  router.Add("GET", "/api/v1/services", Access::kPublic, [&svc](Request& req) -> Result<Response> {
    BD_ASSIGN_OR_RETURN(auto page, PageOf(req));
    service::ProviderQuery q;
    q.q = req.Query("q").value_or("");
    q.type = req.Query("type").value_or("");
    q.include_inactive = req.Query("inactive").value_or("") == "1";
    if (auto unit = req.Query("unit"); unit && !unit->empty()) {
      auto id = ParseId(*unit);
      if (!id) return Error::Invalid("unit", "Mã đơn vị không hợp lệ", "unit is not an id");
      q.unit_id = *id;
    }
    if (q.q.size() > 200) return Error::Invalid("q", "Từ khóa dài quá 200 ký tự", "q is too long");
    BD_ASSIGN_OR_RETURN(auto list, svc.providers.Search(req.caller, q, page));
    auto tree = svc.directory.Tree();
    json items = json::array();
    for (const auto& p : list.items) items.push_back(ProviderJson(p, *tree));
    // Like every /api/ answer it carries Cache-Control: no-store (api.cc): who looked for help
    // is kept by no cache.
    return Response::Json(ListJson(items, list.next_cursor));
  });
  // Where the person is, for the public page: today's provinces and communes by name (unit
  // names are public reference data; nothing else of the unit tree is shown here).
  router.Add(
      "GET", "/api/v1/services/areas", Access::kPublic, [&svc](Request& req) -> Result<Response> {
        const std::string q = text::Trim(req.Query("q").value_or(""));
        if (q.size() > 100)
          return Error::Invalid("q", "Từ khóa dài quá 100 ký tự", "q is too long");
        json items = json::array();
        if (q.size() >= 2) {
          auto tree = svc.directory.Tree();
          domain::UnitTree::SearchQuery query;
          query.q = q;
          query.at = Date::TodayInVietnam();
          for (Id id : tree->Search(query)) {
            const domain::Unit* u = tree->Find(id);
            if (!u ||
                (u->kind != domain::UnitKind::kCommune && u->kind != domain::UnitKind::kProvince))
              continue;
            auto ancestors = tree->Ancestors(id);
            std::string within;
            for (const auto* a : ancestors) {
              if (a->kind == domain::UnitKind::kProvince) within = a->full_name;
            }
            items.push_back({{"id", IdToString(id)}, {"name", u->full_name}, {"within", within}});
            if (items.size() >= 10) break;
          }
        }
        return Response::Json(ListJson(items, ""));
      });
  router.Add("GET", "/api/v1/services/{id}", Access::kPublic,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto p, svc.providers.Get(req.caller, id));
               return Response::Json(ProviderJson(p, *svc.directory.Tree()));
             });
  router.Add("POST", "/api/v1/services", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly(kProviderFields);
               auto p = ReadProvider(f);
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto created, svc.providers.Create(req.caller, std::move(p)));
               return Response::Json(ProviderJson(created, *svc.directory.Tree()), 201);
             });
  router.Add("PATCH", "/api/v1/services/{id}", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               std::vector<std::string> allowed(kProviderFields.begin(), kProviderFields.end());
               allowed.push_back("version");
               f.AllowOnly(allowed);
               auto version = f.Integer("version", true, 1);
               auto p = ReadProvider(f);
               if (!f.ok()) return f.ToError();
               p.id = id;
               p.version = *version;
               BD_ASSIGN_OR_RETURN(auto updated, svc.providers.Update(req.caller, std::move(p)));
               return Response::Json(ProviderJson(updated, *svc.directory.Tree()));
             });
}

}  // namespace binhdang::http
