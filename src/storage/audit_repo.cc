#include "storage/audit_repo.h"

namespace binhdang::storage {

namespace {
constexpr const char* kAuditColumns =
    "SELECT id, at, user_id, username, action, object_type, object_id, unit_id, address, "
    "outcome, detail, prev_hash, hash FROM audit_log";

struct AuditRow {
  domain::AuditEntry e;
  long long user_id = 0, unit_id = 0;
  soci::indicator ind_user = soci::i_null, ind_unit = soci::i_null;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(e.id));
    st.exchange(soci::into(e.at_ms));
    st.exchange(soci::into(user_id, ind_user));
    st.exchange(soci::into(e.username));
    st.exchange(soci::into(e.action));
    st.exchange(soci::into(e.object_type));
    st.exchange(soci::into(e.object_id));
    st.exchange(soci::into(unit_id, ind_unit));
    st.exchange(soci::into(e.address));
    st.exchange(soci::into(e.outcome));
    st.exchange(soci::into(e.detail));
    st.exchange(soci::into(e.prev_hash));
    st.exchange(soci::into(e.hash));
  }
  domain::AuditEntry Take() const {
    domain::AuditEntry out = e;
    out.user_id = ind_user == soci::i_ok ? user_id : 0;
    out.unit_id = ind_unit == soci::i_ok ? unit_id : 0;
    return out;
  }
};
}  // namespace

Id AuditRepo::Append(domain::AuditEntry e) {
  long long last_id = 0;
  std::string last_hash;
  sql_ << std::string("SELECT last_id, last_hash FROM audit_head WHERE one = 1") +
              store_.ForUpdateSql(),
      soci::into(last_id), soci::into(last_hash);
  e.prev_hash = last_hash;
  e.hash = domain::ChainHash(e, last_hash);
  const long long at = e.at_ms, user_id = e.user_id, unit_id = e.unit_id;
  soci::indicator ind_user = e.user_id ? soci::i_ok : soci::i_null;
  soci::indicator ind_unit = e.unit_id ? soci::i_ok : soci::i_null;
  Id id = 0;
  sql_ << "INSERT INTO audit_log (at, user_id, username, action, object_type, object_id, "
          "unit_id, address, outcome, detail, prev_hash, hash) VALUES (:at, :uid, :un, :ac, "
          ":ot, :oi, :unit, :ad, :out, :d, :ph, :h) RETURNING id",
      soci::use(at), soci::use(user_id, ind_user), soci::use(e.username), soci::use(e.action),
      soci::use(e.object_type), soci::use(e.object_id), soci::use(unit_id, ind_unit),
      soci::use(e.address), soci::use(e.outcome), soci::use(e.detail), soci::use(e.prev_hash),
      soci::use(e.hash), soci::into(id);
  sql_ << "UPDATE audit_head SET last_id = :id, last_hash = :h WHERE one = 1", soci::use(id),
      soci::use(e.hash);
  return id;
}

std::vector<domain::AuditEntry> AuditRepo::List(const AuditFilter& f) {
  std::string where = " WHERE 1 = 1";
  const long long user = f.user_id.value_or(0), before = f.before.value_or(0);
  if (f.user_id) where += " AND user_id = :user";
  if (!f.action.empty()) where += " AND action = :action";
  if (f.before) where += " AND id < :before";
  AuditRow row;
  soci::statement st(sql_);
  row.Bind(st);
  if (f.user_id) st.exchange(soci::use(user));
  if (!f.action.empty()) st.exchange(soci::use(f.action));
  if (f.before) st.exchange(soci::use(before));
  st.alloc();
  st.prepare(std::string(kAuditColumns) + where + " ORDER BY id DESC LIMIT " +
             std::to_string(f.limit));
  st.define_and_bind();
  st.execute();
  std::vector<domain::AuditEntry> out;
  while (st.fetch()) out.push_back(row.Take());
  return out;
}

std::optional<Id> AuditRepo::Verify(long long* checked) {
  AuditRow row;
  soci::statement st(sql_);
  row.Bind(st);
  st.alloc();
  st.prepare(std::string(kAuditColumns) + " ORDER BY id");
  st.define_and_bind();
  st.execute();
  std::string prev;
  long long n = 0;
  while (st.fetch()) {
    const domain::AuditEntry e = row.Take();
    ++n;
    if (e.prev_hash != prev || domain::ChainHash(e, prev) != e.hash) {
      if (checked) *checked = n;
      return e.id;
    }
    prev = e.hash;
  }
  if (checked) *checked = n;
  // A deleted tail shows as a head that points past the last entry.
  std::string head;
  sql_ << "SELECT last_hash FROM audit_head WHERE one = 1", soci::into(head);
  if (head != prev) return -1;
  return std::nullopt;
}

}  // namespace binhdang::storage
