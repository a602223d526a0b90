#include "http/json_output.h"

namespace binhdang::http {

using nlohmann::json;

json DateJson(const std::optional<Date>& d) { return d ? json(d->Iso()) : json(nullptr); }

json UnitJson(const domain::Unit& u, const domain::UnitTree& tree, std::optional<Date> at) {
  json j = UnitJsonWithoutCount(u);
  j["child_count"] = tree.ChildCountAt(u.id, at.value_or(Date::TodayInVietnam()));
  return j;
}

json UnitJsonWithoutCount(const domain::Unit& u) {
  return {{"id", IdToString(u.id)},
          {"code", u.code},
          {"name", u.name},
          {"full_name", u.full_name},
          {"kind", domain::UnitKindName(u.kind)},
          {"agency_type", u.agency_type.empty() ? json(nullptr) : json(u.agency_type)},
          {"parent_id", u.parent_id ? json(IdToString(u.parent_id)) : json(nullptr)},
          {"valid_from", DateJson(u.valid_from)},
          {"valid_to", DateJson(u.valid_to)},
          {"version", u.version}};
}

json UserJson(const domain::User& u, const domain::UnitTree& tree) {
  json roles = json::array();
  for (auto r : u.roles) roles.push_back(domain::RoleName(r));
  json pending = json::array();
  for (auto r : u.pending_roles) pending.push_back(domain::RoleName(r));
  const domain::Unit* unit = tree.Find(u.unit_id);
  return {{"id", IdToString(u.id)},
          {"username", u.username},
          {"full_name", u.full_name},
          {"unit_id", IdToString(u.unit_id)},
          {"unit_name", unit ? json(unit->full_name) : json(nullptr)},
          {"roles", roles},
          {"active", u.active},
          {"version", u.version},
          {"last_login_at", u.last_login_ms ? json(IsoInstant(*u.last_login_ms)) : json(nullptr)},
          {"must_change_password", u.must_change_password},
          {"pending_roles", pending},
          {"email", u.email},
          {"email_pref", domain::EmailPreferenceName(u.email_pref)},
          {"sign_in_blocked_until", u.sign_in_blocked_until_ms > NowMs()
                                        ? json(IsoInstant(u.sign_in_blocked_until_ms))
                                        : json(nullptr)}};
}

json AuditJson(const domain::AuditEntry& e) {
  return {{"id", IdToString(e.id)},
          {"at", IsoInstant(e.at_ms)},
          {"user_id", e.user_id ? json(IdToString(e.user_id)) : json(nullptr)},
          {"username", e.username},
          {"action", e.action},
          {"object_type", e.object_type},
          {"object_id", e.object_id},
          {"unit_id", e.unit_id ? json(IdToString(e.unit_id)) : json(nullptr)},
          {"address", e.address},
          {"outcome", e.outcome},
          {"detail", e.detail},
          {"hash", e.hash}};
}

}  // namespace binhdang::http
