#include "storage/cases_repo.h"

namespace binhdang::storage {

namespace {
const char* const kIdentitySealedColumns[] = {"full_name_enc", "date_of_birth_enc", "phone_enc",
                                              "address_enc", "national_id_enc"};
std::string SealedOf(const StoredCase& c, size_t i) {
  auto it = c.sealed.find(std::string(domain::kIdentityFields[i]));
  return it == c.sealed.end() ? std::string() : it->second;
}
}  // namespace

Id CasesRepo::Insert(const StoredCase& c) {
  const auto& r = c.record;
  const std::string opened = r.opened_on.Iso();
  const int disability = r.disability ? 1 : 0;
  const int consent = r.consent_to_count ? 1 : 0;
  const long long created = r.created_ms;
  std::string s[5];
  for (size_t i = 0; i < 5; ++i) s[i] = SealedOf(c, i);
  Id id = 0;
  sql_ << "INSERT INTO cases (code, unit_id, owner_id, status, sex, age_band, ethnicity, "
          "disability, opened_on, full_name_enc, date_of_birth_enc, phone_enc, address_enc, "
          "national_id_enc, blind_index, key_id, version, created_at, updated_at, "
          "consent_to_count, dv_age_group) VALUES "
          "(:code, :unit, :owner, :status, :sex, :age, :eth, :dis, :opened, :n, :d, :p, :a, :nid, "
          ":bi, :kid, 1, :c, :c2, :consent, :dvage) RETURNING id",
      soci::use(r.code), soci::use(r.unit_id), soci::use(r.owner_id), soci::use(r.status),
      soci::use(r.sex), soci::use(r.age_band), soci::use(r.ethnicity), soci::use(disability),
      soci::use(opened), soci::use(s[0]), soci::use(s[1]), soci::use(s[2]), soci::use(s[3]),
      soci::use(s[4]), soci::use(c.blind_index), soci::use(c.key_id), soci::use(created),
      soci::use(created), soci::use(consent), soci::use(r.dv_age_group), soci::into(id);
  return id;
}

std::vector<StoredCase> CasesRepo::Select(const std::string& where,
                                          const std::vector<long long>& ids,
                                          const std::string* text_arg) {
  std::vector<StoredCase> out;
  StoredCase c;
  auto& r = c.record;
  std::string opened, s[5];
  int disability = 0, consent = 0;
  long long created = 0, updated = 0;
  soci::statement st(sql_);
  st.exchange(soci::into(r.id));
  st.exchange(soci::into(r.code));
  st.exchange(soci::into(r.unit_id));
  st.exchange(soci::into(r.owner_id));
  st.exchange(soci::into(r.status));
  st.exchange(soci::into(r.sex));
  st.exchange(soci::into(r.age_band));
  st.exchange(soci::into(r.ethnicity));
  st.exchange(soci::into(disability));
  st.exchange(soci::into(opened));
  for (auto& x : s) st.exchange(soci::into(x));
  st.exchange(soci::into(c.blind_index));
  st.exchange(soci::into(c.key_id));
  st.exchange(soci::into(r.version));
  st.exchange(soci::into(created));
  st.exchange(soci::into(updated));
  st.exchange(soci::into(consent));
  st.exchange(soci::into(r.dv_age_group));
  std::vector<long long> bound = ids;
  if (text_arg) st.exchange(soci::use(*text_arg));
  for (auto& a : bound) st.exchange(soci::use(a));
  st.alloc();
  st.prepare(
      "SELECT id, code, unit_id, owner_id, status, sex, age_band, ethnicity, disability, "
      "opened_on, full_name_enc, date_of_birth_enc, phone_enc, address_enc, national_id_enc, "
      "blind_index, key_id, version, created_at, updated_at, consent_to_count, dv_age_group "
      "FROM cases " +
      where);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    r.disability = disability != 0;
    r.consent_to_count = consent != 0;
    r.opened_on = Date::Parse(opened).value_or(Date());
    r.created_ms = created;
    r.updated_ms = updated;
    c.sealed.clear();
    for (size_t i = 0; i < 5; ++i) c.sealed[std::string(domain::kIdentityFields[i])] = s[i];
    out.push_back(c);
  }
  return out;
}

std::optional<StoredCase> CasesRepo::Get(Id id) {
  auto rows = Select("WHERE id = :id", {id}, nullptr);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

bool CasesRepo::CodeTaken(const std::string& code) {
  long long n = 0;
  sql_ << "SELECT count(*) FROM cases WHERE code = :c", soci::use(code), soci::into(n);
  return n > 0;
}

std::vector<StoredCase> CasesRepo::Of(Id user_id, int64_t now_ms) {
  return Select(
      "WHERE owner_id = :u OR id IN (SELECT case_id FROM case_members WHERE user_id = :u2) "
      "OR id IN (SELECT case_id FROM case_emergency_access WHERE user_id = :u3 AND until_at > "
      ":now) "
      "ORDER BY id DESC",
      {user_id, user_id, user_id, now_ms}, nullptr);
}

std::vector<StoredCase> CasesRepo::WithBlindIndex(const std::string& blind_index) {
  return Select("WHERE blind_index = :b ORDER BY id", {}, &blind_index);
}

std::vector<StoredCase> CasesRepo::All() { return Select("ORDER BY id", {}, nullptr); }

void CasesRepo::Reseal(const StoredCase& c) {
  std::string s[5];
  for (size_t i = 0; i < 5; ++i) s[i] = SealedOf(c, i);
  sql_ << "UPDATE cases SET full_name_enc = :n, date_of_birth_enc = :d, phone_enc = :p, "
          "address_enc = :a, national_id_enc = :nid, blind_index = :bi, key_id = :kid "
          "WHERE id = :id",
      soci::use(s[0]), soci::use(s[1]), soci::use(s[2]), soci::use(s[3]), soci::use(s[4]),
      soci::use(c.blind_index), soci::use(c.key_id), soci::use(c.record.id);
}

bool CasesRepo::UpdateStatus(Id id, const std::string& status, long long version, int64_t now_ms) {
  const long long now = now_ms;
  soci::statement st = (sql_.prepare << "UPDATE cases SET status = :s, version = version + 1, "
                                        "updated_at = :now WHERE id = :id AND version = :v",
                        soci::use(status), soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

long long CasesRepo::Version(Id id) {
  long long v = 0;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT version FROM cases WHERE id = :id", soci::use(id), soci::into(v, ind);
  return ind == soci::i_ok ? v : 0;
}

std::vector<domain::CaseMember> CasesRepo::Members(Id case_id) {
  std::vector<domain::CaseMember> out;
  domain::CaseMember m;
  long long added = 0;
  soci::statement st =
      (sql_.prepare << "SELECT user_id, role, added_at FROM case_members "
                       "WHERE case_id = :c ORDER BY added_at, user_id",
       soci::use(case_id), soci::into(m.user_id), soci::into(m.role), soci::into(added));
  st.execute();
  while (st.fetch()) {
    m.added_ms = added;
    out.push_back(m);
  }
  return out;
}

bool CasesRepo::AddMember(Id case_id, const domain::CaseMember& m, Id added_by) {
  const long long added = m.added_ms;
  soci::statement st =
      (sql_.prepare
           << "INSERT INTO case_members (case_id, user_id, role, added_at, added_by) "
              "VALUES (:c, :u, :r, :a, :b) ON CONFLICT (case_id, user_id, role) DO NOTHING",
       soci::use(case_id), soci::use(m.user_id), soci::use(m.role), soci::use(added),
       soci::use(added_by));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

Id CasesRepo::InsertIncident(const domain::Incident& i, Id created_by) {
  const std::string occurred = i.occurred_on.Iso(), reported = i.reported_on.Iso();
  const long long created = i.created_ms;
  Id id = 0;
  sql_ << "INSERT INTO case_incidents (case_id, occurred_on, reported_on, how_reported, "
          "place_type, gbv_type, dv_form, perpetrator_relationship, perpetrator_sex, "
          "perpetrator_age_band, created_at, created_by, reported_by) VALUES (:c, :o, :r, :h, :p, "
          ":g, :f, :rel, :ps, :pa, :at, :by, :rb) RETURNING id",
      soci::use(i.case_id), soci::use(occurred), soci::use(reported), soci::use(i.how_reported),
      soci::use(i.place_type), soci::use(i.gbv_type), soci::use(i.dv_form),
      soci::use(i.perpetrator_relationship), soci::use(i.perpetrator_sex),
      soci::use(i.perpetrator_age_band), soci::use(created), soci::use(created_by),
      soci::use(i.reported_by), soci::into(id);
  return id;
}

std::vector<domain::Incident> CasesRepo::Incidents(Id case_id) {
  std::vector<domain::Incident> out;
  domain::Incident i;
  std::string occurred, reported;
  long long created = 0;
  soci::statement st =
      (sql_.prepare << "SELECT id, case_id, occurred_on, reported_on, how_reported, place_type, "
                       "gbv_type, dv_form, perpetrator_relationship, perpetrator_sex, "
                       "perpetrator_age_band, created_at, reported_by FROM case_incidents "
                       "WHERE case_id = :c "
                       "ORDER BY occurred_on, id",
       soci::use(case_id), soci::into(i.id), soci::into(i.case_id), soci::into(occurred),
       soci::into(reported), soci::into(i.how_reported), soci::into(i.place_type),
       soci::into(i.gbv_type), soci::into(i.dv_form), soci::into(i.perpetrator_relationship),
       soci::into(i.perpetrator_sex), soci::into(i.perpetrator_age_band), soci::into(created),
       soci::into(i.reported_by));
  st.execute();
  while (st.fetch()) {
    i.occurred_on = Date::Parse(occurred).value_or(Date());
    i.reported_on = Date::Parse(reported).value_or(Date());
    i.created_ms = created;
    out.push_back(i);
  }
  return out;
}

void CasesRepo::LogAccess(Id case_id, const CaseAccess& a) {
  const long long at = a.at_ms;
  sql_ << "INSERT INTO case_access_log (case_id, user_id, username, at, what, address) "
          "VALUES (:c, :u, :n, :at, :w, :a)",
      soci::use(case_id), soci::use(a.user_id), soci::use(a.username), soci::use(at),
      soci::use(a.what), soci::use(a.address);
}

std::vector<CaseAccess> CasesRepo::AccessLog(Id case_id) {
  std::vector<CaseAccess> out;
  CaseAccess a;
  long long at = 0;
  soci::statement st =
      (sql_.prepare << "SELECT id, user_id, username, at, what, address FROM "
                       "case_access_log WHERE case_id = :c ORDER BY id DESC",
       soci::use(case_id), soci::into(a.id), soci::into(a.user_id), soci::into(a.username),
       soci::into(at), soci::into(a.what), soci::into(a.address));
  st.execute();
  while (st.fetch()) {
    a.at_ms = at;
    out.push_back(a);
  }
  return out;
}

std::optional<std::string> CasesRepo::Meta(const std::string& key, const char* lock_suffix) {
  std::string value;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT value FROM meta WHERE key = :k" + std::string(lock_suffix), soci::use(key),
      soci::into(value, ind);
  if (ind != soci::i_ok) return std::nullopt;
  return value;
}

void CasesRepo::SetMeta(const std::string& key, const std::string& value) {
  sql_ << "INSERT INTO meta (key, value) VALUES (:k, :v) "
          "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      soci::use(key), soci::use(value);
}

}  // namespace binhdang::storage
