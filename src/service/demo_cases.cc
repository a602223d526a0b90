#include "service/demo_cases.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "common/time.h"
#include "service/audit.h"
#include "service/mutate.h"
#include "storage/units_repo.h"
#include "storage/users_repo.h"

namespace binhdang::service {

namespace {

using nlohmann::json;

constexpr int64_t kHourMs = 60LL * 60 * 1000;

Error Bad(const std::string& path, const std::string& what) {
  return Error::Internal("tệp vụ việc minh họa " + path + ": " + what);
}

//! The demo unit: a commune named as a demo unit under the demo province, created when missing.
Result<Id> DemoUnit(Services& services, const json& unit, const std::string& path) {
  const std::string full_name = unit.value("full_name", "");
  const std::string province_name = unit.value("province", "");
  if (full_name.empty() || province_name.empty()) return Bad(path, "thiếu đơn vị minh họa");
  const Date today = Date::TodayInVietnam();
  auto tree = services.directory.Tree();
  Id province = 0;
  for (Id id : tree->Search({province_name, std::nullopt, domain::UnitKind::kProvince, today})) {
    if (tree->Find(id)->full_name == province_name) province = id;
  }
  if (!province) return Bad(path, "không có " + province_name);
  for (Id id : tree->Children(province)) {
    const domain::Unit* u = tree->Find(id);
    if (u->kind == domain::UnitKind::kCommune && u->full_name == full_name && u->ValidAt(today))
      return id;
  }
  // The units service creates agencies only; a commune comes from the units import, so the demo
  // commune is written as the bootstrap writes reference units, with an audit record.
  const domain::Unit* parent = tree->Find(province);
  domain::Unit u;
  u.code = unit.value("code", "");
  u.name = unit.value("name", full_name);
  u.full_name = full_name;
  u.kind = domain::UnitKind::kCommune;
  u.parent_id = province;
  u.valid_from = parent->valid_from;
  Id id = 0;
  BD_RETURN_IF_ERROR(Mutate(services.store, Caller::System(), [&](Mutation& m) -> Status {
    id = storage::UnitsRepo(m.sql()).Insert(u, m.now_ms());
    storage::BumpCounter(m.sql(), kUnitsRevision);
    m.Audit({"unit.create", "unit", IdToString(id), province, "ok", "demo unit " + full_name});
    return Ok();
  }));
  services.directory.Reload();
  return id;
}

//! The demo user `j` of `unit`, created when missing.
Result<domain::User> DemoUser(Services& services, const json& j, Id unit,
                              const std::string& password, DemoCasesReport& report) {
  const std::string username = j.value("username", "");
  {
    auto sql = services.store.Lease();
    if (auto found = storage::UsersRepo(*sql).FindByUsername(username)) return found->user;
  }
  UserInput in{username, j.value("full_name", username), password, unit,
               j.value("roles", std::vector<std::string>{})};
  auto made = services.users.CreateBySystem(in);
  if (made.ok()) report.users.push_back(username);
  return made;
}

std::optional<Date> DaysAgo(const json& j, const char* key, Date today) {
  if (!j.contains(key) || !j[key].is_number_integer()) return std::nullopt;
  return today.AddDays(-j[key].get<int64_t>());
}

domain::Measure MeasureOf(const json& j, int64_t now, Date today) {
  domain::Measure m;
  m.type = j.value("type", "");
  m.authority = j.value("authority", "");
  m.status = j.value("status", "requested");
  m.requested_ms = now - j.value("requested_hours_ago", 0LL) * kHourMs;
  if (j.contains("decided_hours_after")) {
    m.decided_ms = m.requested_ms + j.value("decided_hours_after", 0LL) * kHourMs;
  }
  m.starts_on = DaysAgo(j, "starts_days_ago", today);
  if (m.starts_on && j.contains("lasts_days"))
    m.ends_on = m.starts_on->AddDays(j.value("lasts_days", 1LL) - 1);
  m.note = j.value("note", "");
  return m;
}

}  // namespace

Result<DemoCasesReport> SeedDemoCases(Services& services, const std::string& path,
                                      const std::string& password) {
  if (!services.cases.available()) {
    // The module's own answer says why (no key, or not this database's key).
    Caller nobody;
    nobody.user = domain::User{};
    auto probe = services.cases.Mine(nobody, {});
    if (!probe.ok()) return probe.take_error();
  }
  std::ifstream in(path);
  if (!in) return Bad(path, "không đọc được");
  const json doc = json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.contains("unit") || !doc.contains("users") ||
      !doc.contains("cases") || !doc["cases"].is_array() || doc["users"].size() != 2) {
    return Bad(path, "không đúng định dạng");
  }
  DemoCasesReport report;
  BD_ASSIGN_OR_RETURN(report.unit_id, DemoUnit(services, doc["unit"], path));
  BD_ASSIGN_OR_RETURN(auto worker_user,
                      DemoUser(services, doc["users"][0], report.unit_id, password, report));
  BD_ASSIGN_OR_RETURN(auto supervisor_user,
                      DemoUser(services, doc["users"][1], report.unit_id, password, report));
  const Caller worker{worker_user, "demo", false, false};
  {
    auto mine = services.cases.Mine(worker, {1, 0});
    if (!mine.ok()) return mine.take_error();
    if (!mine->items.empty()) return report;  // seeded before
  }
  // The nationwide lines of the service directory receive the referrals: the demo never adds a
  // provider, which the public directory would show.
  std::map<std::string, Id> provider_by_phone;
  {
    auto found = services.providers.Search(Caller::System(), {}, {1000, 0});
    if (!found.ok()) return found.take_error();
    for (const auto& p : found->items) provider_by_phone[p.phone] = p.id;
  }
  const Date today = Date::TodayInVietnam();
  const int64_t now = NowMs();
  auto refused = [&](const json& c, const Error& e) {
    return Bad(path, c.value("full_name", "?") + ": " + e.message.vi);
  };
  for (const auto& c : doc["cases"]) {
    NewCase nc;
    nc.record.unit_id = report.unit_id;
    nc.record.sex = c.value("sex", "female");
    nc.record.ethnicity = c.value("ethnicity", "");
    nc.record.disability = c.value("disability", false);
    nc.record.consent_to_count = c.value("consent_to_count", false);
    nc.record.opened_on = today.AddDays(-c.value("opened_days_ago", 0LL));
    nc.identity = {c.value("full_name", ""), c.value("date_of_birth", ""), c.value("phone", ""),
                   c.value("address", ""), c.value("national_id", "")};
    if (nc.identity.full_name.find("(hư cấu)") == std::string::npos) {
      return Bad(path, nc.identity.full_name + " không được đánh dấu (hư cấu)");
    }
    const json& inc = c.value("incident", json::object());
    domain::Incident incident;
    incident.occurred_on = today.AddDays(-inc.value("occurred_days_ago", 0LL));
    incident.reported_on = today.AddDays(-inc.value("reported_days_ago", 0LL));
    incident.how_reported = inc.value("how_reported", "");
    incident.reported_by = inc.value("reported_by", "other");
    incident.place_type = inc.value("place_type", "");
    incident.gbv_type = inc.value("gbv_type", "");
    incident.dv_form = inc.value("dv_form", "");
    incident.perpetrator_relationship = inc.value("perpetrator_relationship", "");
    incident.perpetrator_sex = inc.value("perpetrator_sex", "unknown");
    incident.perpetrator_age_band = inc.value("perpetrator_age_band", "unknown");
    nc.incident = incident;
    auto created = services.cases.Create(worker, std::move(nc));
    if (!created.ok()) return refused(c, created.error());
    const Id id = created->record.id;
    ++report.cases;
    // The demo supervisor is named on every case: they approve closures and see the overrides.
    auto view = services.cases.AddMember(worker, id, supervisor_user.id, "supervisor");
    if (!view.ok()) return refused(c, view.error());
    for (const auto& m : c.value("measures", json::array())) {
      view = services.cases.AddMeasure(worker, id, MeasureOf(m, now, today));
      if (!view.ok()) return refused(c, view.error());
    }
    if (c.contains("referral")) {
      const json& r = c["referral"];
      auto provider = provider_by_phone.find(r.value("provider_phone", ""));
      if (provider == provider_by_phone.end())
        return Bad(path, "không có số " + r.value("provider_phone", ""));
      domain::Referral referral;
      referral.provider_id = provider->second;
      referral.service = r.value("service", "");
      referral.consent = true;
      referral.consent_on = created->record.opened_on;
      view = services.cases.AddReferral(worker, id, referral);
      if (!view.ok()) return refused(c, view.error());
    }
    if (c.contains("followup")) {
      const json& f = c["followup"];
      domain::Followup followup;
      followup.due_on = today.AddDays(f.value("due_in_days", 7LL));
      followup.done_on = DaysAgo(f, "done_days_ago", today);
      followup.note = f.value("note", "");
      view = services.cases.AddFollowup(worker, id, followup);
      if (!view.ok()) return refused(c, view.error());
    }
    const std::string status = c.value("status", "open");
    long long version = view->record.version;
    if (status == "in_progress" || status == "closure_requested") {
      auto record = services.cases.SetStatus(worker, id, "in_progress", version);
      if (!record.ok()) return refused(c, record.error());
      version = record->version;
    }
    if (status == "closure_requested") {
      view =
          services.cases.RequestClosure(worker, id, c.value("close_reason", "needs_met"), version);
      if (!view.ok()) return refused(c, view.error());
    }
  }
  return report;
}

}  // namespace binhdang::service
