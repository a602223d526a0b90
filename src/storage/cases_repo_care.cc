// CasesRepo, the care of a case: measures, referrals, follow-ups and closure.
#include "storage/cases_repo.h"
#include "storage/stored.h"

namespace binhdang::storage {

namespace {

//! An optional value as SOCI binds it: the value and its indicator.
struct OptText {
  std::string value;
  soci::indicator ind = soci::i_null;
  explicit OptText(const std::optional<Date>& d) {
    if (d) value = d->Iso(), ind = soci::i_ok;
  }
};
struct OptLong {
  long long value = 0;
  soci::indicator ind = soci::i_null;
  explicit OptLong(const std::optional<int64_t>& v) {
    if (v) value = *v, ind = soci::i_ok;
  }
};

std::optional<int64_t> LongOf(long long v, soci::indicator ind) {
  if (ind != soci::i_ok) return std::nullopt;
  return v;
}

// The sealed care columns, by table: key rotation re-seals each.
struct SealedColumn {
  const char* table;
  const char* column;
};
constexpr SealedColumn kNoteSealedColumns[] = {{"case_measures", "note_enc"},
                                               {"case_referrals", "override_reason_enc"},
                                               {"case_followups", "note_enc"},
                                               {"case_transfers", "reason_enc"},
                                               {"case_emergency_access", "reason_enc"}};

}  // namespace

// ---- Measures -------------------------------------------------------------------------------

Id CasesRepo::InsertMeasure(const domain::Measure& m) {
  OptLong decided(m.decided_ms);
  OptText starts(m.starts_on), ends(m.ends_on);
  const long long requested = m.requested_ms, created = m.created_ms;
  Id id = 0;
  sql_ << "INSERT INTO case_measures (case_id, type, authority, status, requested_at, decided_at, "
          "starts_on, ends_on, note_enc, created_by, created_at, version) VALUES (:c, :t, :a, :s, "
          ":r, :d, :so, :eo, :n, :by, :at, 1) RETURNING id",
      soci::use(m.case_id), soci::use(m.type), soci::use(m.authority), soci::use(m.status),
      soci::use(requested), soci::use(decided.value, decided.ind),
      soci::use(starts.value, starts.ind), soci::use(ends.value, ends.ind), soci::use(m.note),
      soci::use(m.created_by), soci::use(created), soci::into(id);
  return id;
}

namespace {
std::vector<domain::Measure> SelectMeasures(soci::session& sql, const char* where, Id arg) {
  std::vector<domain::Measure> out;
  domain::Measure m;
  long long requested = 0, decided = 0, created = 0;
  std::string starts, ends;
  soci::indicator di = soci::i_null, si = soci::i_null, ei = soci::i_null;
  soci::statement st =
      (sql.prepare << std::string("SELECT id, case_id, type, authority, status, requested_at, "
                                  "decided_at, starts_on, ends_on, note_enc, created_by, "
                                  "created_at, version FROM case_measures ") +
                          where + " ORDER BY requested_at, id",
       soci::use(arg), soci::into(m.id), soci::into(m.case_id), soci::into(m.type),
       soci::into(m.authority), soci::into(m.status), soci::into(requested),
       soci::into(decided, di), soci::into(starts, si), soci::into(ends, ei), soci::into(m.note),
       soci::into(m.created_by), soci::into(created), soci::into(m.version));
  st.execute();
  while (st.fetch()) {
    m.requested_ms = requested;
    m.decided_ms = LongOf(decided, di);
    m.starts_on = DateOf(starts, si);
    m.ends_on = DateOf(ends, ei);
    m.created_ms = created;
    out.push_back(m);
  }
  return out;
}
}  // namespace

std::optional<domain::Measure> CasesRepo::Measure(Id id) {
  auto v = SelectMeasures(sql_, "WHERE id = :id", id);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<domain::Measure> CasesRepo::Measures(Id case_id) {
  return SelectMeasures(sql_, "WHERE case_id = :c", case_id);
}

std::vector<domain::Measure> CasesRepo::NoContactOrdersToWatch() {
  return SelectMeasures(sql_,
                        "WHERE id > :z AND type = 'no_contact' AND (status = 'requested' OR "
                        "(status = 'in_force' AND ends_on IS NOT NULL)) AND case_id IN "
                        "(SELECT id FROM cases WHERE status <> 'closed')",
                        0);
}

bool CasesRepo::UpdateMeasure(const domain::Measure& m) {
  OptLong decided(m.decided_ms);
  OptText starts(m.starts_on), ends(m.ends_on);
  soci::statement st =
      (sql_.prepare << "UPDATE case_measures SET status = :s, decided_at = :d, starts_on = :so, "
                       "ends_on = :eo, note_enc = :n, version = version + 1 WHERE id = :id AND "
                       "version = :v",
       soci::use(m.status), soci::use(decided.value, decided.ind),
       soci::use(starts.value, starts.ind), soci::use(ends.value, ends.ind), soci::use(m.note),
       soci::use(m.id), soci::use(m.version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

// ---- Referrals ------------------------------------------------------------------------------

Id CasesRepo::InsertReferral(const domain::Referral& r) {
  OptText consent_on(r.consent_on);
  OptLong override_by(r.override_by ? std::optional<int64_t>(r.override_by) : std::nullopt);
  const int consent = r.consent ? 1 : 0;
  const long long created = r.created_ms;
  Id id = 0;
  sql_ << "INSERT INTO case_referrals (case_id, provider_id, service, consent, consent_on, "
          "override_reason_enc, override_by, status, created_by, created_at, version) VALUES "
          "(:c, :p, :s, :co, :con, :o, :ob, :st, :by, :at, 1) RETURNING id",
      soci::use(r.case_id), soci::use(r.provider_id), soci::use(r.service), soci::use(consent),
      soci::use(consent_on.value, consent_on.ind), soci::use(r.override_reason),
      soci::use(override_by.value, override_by.ind), soci::use(r.status), soci::use(r.created_by),
      soci::use(created), soci::into(id);
  return id;
}

namespace {
std::vector<domain::Referral> SelectReferrals(soci::session& sql, const char* where, Id arg) {
  std::vector<domain::Referral> out;
  domain::Referral r;
  int consent = 0;
  std::string consent_on;
  long long override_by = 0, created = 0;
  soci::indicator ci = soci::i_null, oi = soci::i_null;
  soci::statement st =
      (sql.prepare << std::string("SELECT id, case_id, provider_id, service, consent, consent_on, "
                                  "override_reason_enc, override_by, status, created_by, "
                                  "created_at, version FROM case_referrals ") +
                          where + " ORDER BY created_at, id",
       soci::use(arg), soci::into(r.id), soci::into(r.case_id), soci::into(r.provider_id),
       soci::into(r.service), soci::into(consent), soci::into(consent_on, ci),
       soci::into(r.override_reason), soci::into(override_by, oi), soci::into(r.status),
       soci::into(r.created_by), soci::into(created), soci::into(r.version));
  st.execute();
  while (st.fetch()) {
    r.consent = consent != 0;
    r.consent_on = DateOf(consent_on, ci);
    r.override_by = oi == soci::i_ok ? override_by : 0;
    r.created_ms = created;
    out.push_back(r);
  }
  return out;
}
}  // namespace

std::optional<domain::Referral> CasesRepo::Referral(Id id) {
  auto v = SelectReferrals(sql_, "WHERE id = :id", id);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<domain::Referral> CasesRepo::Referrals(Id case_id) {
  return SelectReferrals(sql_, "WHERE case_id = :c", case_id);
}

bool CasesRepo::UpdateReferralStatus(Id id, const std::string& status, long long version) {
  soci::statement st = (sql_.prepare << "UPDATE case_referrals SET status = :s, version = "
                                        "version + 1 WHERE id = :id AND version = :v",
                        soci::use(status), soci::use(id), soci::use(version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

// ---- Follow-ups -----------------------------------------------------------------------------

Id CasesRepo::InsertFollowup(const domain::Followup& f) {
  const std::string due = f.due_on.Iso();
  OptText done(f.done_on);
  const long long created = f.created_ms;
  Id id = 0;
  sql_ << "INSERT INTO case_followups (case_id, due_on, done_on, note_enc, created_by, "
          "created_at, version) VALUES (:c, :d, :dn, :n, :by, :at, 1) RETURNING id",
      soci::use(f.case_id), soci::use(due), soci::use(done.value, done.ind), soci::use(f.note),
      soci::use(f.created_by), soci::use(created), soci::into(id);
  return id;
}

namespace {
std::vector<domain::Followup> SelectFollowups(soci::session& sql, const char* where, Id arg) {
  std::vector<domain::Followup> out;
  domain::Followup f;
  std::string due, done;
  long long created = 0;
  soci::indicator di = soci::i_null;
  soci::statement st =
      (sql.prepare << std::string("SELECT id, case_id, due_on, done_on, note_enc, created_by, "
                                  "created_at, version FROM case_followups ") +
                          where + " ORDER BY due_on, id",
       soci::use(arg), soci::into(f.id), soci::into(f.case_id), soci::into(due),
       soci::into(done, di), soci::into(f.note), soci::into(f.created_by), soci::into(created),
       soci::into(f.version));
  st.execute();
  while (st.fetch()) {
    f.due_on = Date::Parse(due).value_or(Date());
    f.done_on = DateOf(done, di);
    f.created_ms = created;
    out.push_back(f);
  }
  return out;
}
}  // namespace

std::optional<domain::Followup> CasesRepo::Followup(Id id) {
  auto v = SelectFollowups(sql_, "WHERE id = :id", id);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<domain::Followup> CasesRepo::Followups(Id case_id) {
  return SelectFollowups(sql_, "WHERE case_id = :c", case_id);
}

bool CasesRepo::UpdateFollowup(const domain::Followup& f) {
  const std::string due = f.due_on.Iso();
  OptText done(f.done_on);
  soci::statement st = (sql_.prepare << "UPDATE case_followups SET due_on = :d, done_on = :dn, "
                                        "note_enc = :n, version = version + 1 WHERE id = :id AND "
                                        "version = :v",
                        soci::use(due), soci::use(done.value, done.ind), soci::use(f.note),
                        soci::use(f.id), soci::use(f.version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

// ---- Sealed texts ---------------------------------------------------------------------------

void CasesRepo::SetSealed(const std::string& table, const std::string& column, Id id,
                          const std::string& sealed) {
  for (const auto& c : kNoteSealedColumns) {
    if (table == c.table && column == c.column) {
      sql_ << std::string("UPDATE ") + c.table + " SET " + c.column + " = :s WHERE id = :id",
          soci::use(sealed), soci::use(id);
      return;
    }
  }
  throw std::logic_error("SetSealed: not a sealed column: " + table + "." + column);
}

std::vector<SealedText> CasesRepo::SealedTexts() {
  std::vector<SealedText> out;
  for (const auto& c : kNoteSealedColumns) {
    SealedText t;
    t.table = c.table;
    t.column = c.column;
    soci::statement st = (sql_.prepare << std::string("SELECT id, case_id, ") + c.column +
                                              " FROM " + c.table + " ORDER BY id",
                          soci::into(t.id), soci::into(t.case_id), soci::into(t.sealed));
    st.execute();
    while (st.fetch()) out.push_back(t);
  }
  return out;
}

// ---- Closure --------------------------------------------------------------------------------

CaseClosure CasesRepo::Closure(Id case_id) {
  CaseClosure c;
  long long requested = 0, closed_by = 0, closed_at = 0;
  soci::indicator ri = soci::i_null, bi = soci::i_null, ai = soci::i_null;
  sql_ << "SELECT close_reason, close_requested_by, closed_by, closed_at FROM cases WHERE id = :id",
      soci::use(case_id), soci::into(c.reason), soci::into(requested, ri),
      soci::into(closed_by, bi), soci::into(closed_at, ai);
  if (ri == soci::i_ok) c.requested_by = requested;
  if (bi == soci::i_ok) c.closed_by = closed_by;
  if (ai == soci::i_ok) c.closed_ms = closed_at;
  return c;
}

bool CasesRepo::UpdateClosure(Id id, const std::string& status, const CaseClosure& closure,
                              long long version, int64_t now_ms) {
  const long long now = now_ms;
  OptLong requested(closure.requested_by ? std::optional<int64_t>(*closure.requested_by)
                                         : std::nullopt);
  OptLong closed_by(closure.closed_by ? std::optional<int64_t>(*closure.closed_by) : std::nullopt);
  OptLong closed_at(closure.closed_ms);
  soci::statement st =
      (sql_.prepare << "UPDATE cases SET status = :s, close_reason = :r, close_requested_by = :rb, "
                       "closed_by = :cb, closed_at = :ca, version = version + 1, updated_at = :now "
                       "WHERE id = :id AND version = :v",
       soci::use(status), soci::use(closure.reason), soci::use(requested.value, requested.ind),
       soci::use(closed_by.value, closed_by.ind), soci::use(closed_at.value, closed_at.ind),
       soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace binhdang::storage
