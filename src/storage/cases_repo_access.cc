// CasesRepo: explicit transfers, emergency access grants, and the clear facts statistics count.
#include <unordered_map>

#include "storage/cases_repo.h"

namespace binhdang::storage {

bool CasesRepo::UpdateOwner(Id id, Id owner_id, long long version, int64_t now_ms) {
  const long long now = now_ms;
  soci::statement st = (sql_.prepare << "UPDATE cases SET owner_id = :o, version = version + 1, "
                                        "updated_at = :now WHERE id = :id AND version = :v",
                        soci::use(owner_id), soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool CasesRepo::UpdateConsent(Id id, bool consent, long long version, int64_t now_ms) {
  const long long now = now_ms;
  const int c = consent ? 1 : 0;
  soci::statement st = (sql_.prepare << "UPDATE cases SET consent_to_count = :c, "
                                        "version = version + 1, updated_at = :now "
                                        "WHERE id = :id AND version = :v",
                        soci::use(c), soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

Id CasesRepo::InsertTransfer(const CaseTransfer& t) {
  const long long at = t.at_ms;
  Id id = 0;
  sql_ << "INSERT INTO case_transfers (case_id, from_user, to_user, by_user, reason_enc, at) "
          "VALUES (:c, :f, :t, :b, '', :at) RETURNING id",
      soci::use(t.case_id), soci::use(t.from_user), soci::use(t.to_user), soci::use(t.by_user),
      soci::use(at), soci::into(id);
  return id;
}

std::vector<CaseTransfer> CasesRepo::Transfers(Id case_id) {
  std::vector<CaseTransfer> out;
  CaseTransfer t;
  long long at = 0;
  soci::statement st =
      (sql_.prepare << "SELECT id, case_id, from_user, to_user, by_user, reason_enc, at "
                       "FROM case_transfers WHERE case_id = :c ORDER BY id",
       soci::use(case_id), soci::into(t.id), soci::into(t.case_id), soci::into(t.from_user),
       soci::into(t.to_user), soci::into(t.by_user), soci::into(t.reason), soci::into(at));
  st.execute();
  while (st.fetch()) {
    t.at_ms = at;
    out.push_back(t);
  }
  return out;
}

Id CasesRepo::InsertEmergencyGrant(const EmergencyGrant& g) {
  const long long granted = g.granted_ms, until = g.until_ms;
  Id id = 0;
  sql_ << "INSERT INTO case_emergency_access (case_id, user_id, reason_enc, granted_at, until_at) "
          "VALUES (:c, :u, '', :g, :until) RETURNING id",
      soci::use(g.case_id), soci::use(g.user_id), soci::use(granted), soci::use(until),
      soci::into(id);
  return id;
}

std::vector<EmergencyGrant> CasesRepo::ActiveGrants(Id case_id, int64_t now_ms) {
  std::vector<EmergencyGrant> out;
  EmergencyGrant g;
  long long granted = 0, until = 0;
  const long long now = now_ms;
  soci::statement st =
      (sql_.prepare << "SELECT id, case_id, user_id, reason_enc, granted_at, until_at "
                       "FROM case_emergency_access WHERE case_id = :c AND until_at > :now "
                       "ORDER BY id",
       soci::use(case_id), soci::use(now), soci::into(g.id), soci::into(g.case_id),
       soci::into(g.user_id), soci::into(g.reason), soci::into(granted), soci::into(until));
  st.execute();
  while (st.fetch()) {
    g.granted_ms = granted;
    g.until_ms = until;
    out.push_back(g);
  }
  return out;
}

std::optional<StoredCase> CasesRepo::ByCode(const std::string& code) {
  auto rows = Select("WHERE code = :code", {}, &code);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<domain::CaseFacts> CasesRepo::Facts(std::optional<Date> from, std::optional<Date> to,
                                                const std::vector<Id>* units) {
  // Four scans (cases, then their incidents, measures and referrals), joined here by case id:
  // one pass each, whatever the number of cases. The units are ids the caller took from the
  // unit tree (integers, never text from a request): written into the SQL as numbers.
  const std::string lo = from ? from->Iso() : "0000-00-00", hi = to ? to->Iso() : "9999-99-99";
  std::string of_units;
  if (units) {
    of_units = " AND c.unit_id IN (";
    for (size_t i = 0; i < units->size(); ++i) of_units += (i ? "," : "") + IdToString((*units)[i]);
    of_units += units->empty() ? "0)" : ")";
  }
  std::vector<domain::CaseFacts> out;
  std::unordered_map<Id, size_t> at;
  {
    domain::CaseFacts f;
    Id id = 0;
    int consent = 0;
    std::string opened;
    soci::statement st =
        (sql_.prepare << "SELECT id, unit_id, sex, age_band, dv_age_group, consent_to_count, "
                         "opened_on FROM cases c WHERE opened_on >= :lo AND opened_on <= :hi" +
                             of_units,
         soci::use(lo), soci::use(hi), soci::into(id), soci::into(f.unit_id), soci::into(f.sex),
         soci::into(f.age_band), soci::into(f.dv_age_group), soci::into(consent),
         soci::into(opened));
    st.execute();
    while (st.fetch()) {
      f.consent_to_count = consent != 0;
      f.opened_on = Date::Parse(opened).value_or(Date());
      at[id] = out.size();
      out.push_back(f);
    }
  }
  const std::string in_period =
      " JOIN cases c ON c.id = x.case_id WHERE c.opened_on >= :lo AND c.opened_on <= :hi" +
      of_units;
  {
    Id case_id = 0;
    domain::CaseFacts::IncidentFacts i;
    soci::indicator form_ind = soci::i_ok;
    soci::statement st =
        (sql_.prepare << "SELECT x.case_id, x.gbv_type, x.dv_form, x.reported_by, "
                         "x.perpetrator_sex FROM case_incidents x" +
                             in_period,
         soci::use(lo), soci::use(hi), soci::into(case_id), soci::into(i.gbv_type),
         soci::into(i.dv_form, form_ind), soci::into(i.reported_by), soci::into(i.perpetrator_sex));
    st.execute();
    while (st.fetch()) {
      if (form_ind != soci::i_ok) i.dv_form.clear();
      auto it = at.find(case_id);
      if (it != at.end()) out[it->second].incidents.push_back(i);
    }
  }
  for (const char* q : {"SELECT x.case_id, x.type, x.status FROM case_measures x",
                        "SELECT x.case_id, x.service, x.status FROM case_referrals x"}) {
    const bool measures = std::string(q).find("case_measures") != std::string::npos;
    Id case_id = 0;
    std::string a, b;
    soci::statement st = (sql_.prepare << std::string(q) + in_period, soci::use(lo), soci::use(hi),
                          soci::into(case_id), soci::into(a), soci::into(b));
    st.execute();
    while (st.fetch()) {
      auto it = at.find(case_id);
      if (it == at.end()) continue;
      (measures ? out[it->second].measures : out[it->second].referrals).emplace_back(a, b);
    }
  }
  return out;
}

}  // namespace binhdang::storage
