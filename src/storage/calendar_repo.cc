#include "storage/calendar_repo.h"

namespace binhdang::storage {

Id CalendarRepo::Insert(const CalendarFeed& f) {
  const long long created = f.created_ms, expires = f.expires_ms;
  Id id = 0;
  sql_ << "INSERT INTO calendar_feeds (token_hash, user_id, unit_id, created_at, expires_at) "
          "VALUES (:t, :u, :unit, :c, :e) RETURNING id",
      soci::use(f.token_hash), soci::use(f.user_id), soci::use(f.unit_id), soci::use(created),
      soci::use(expires), soci::into(id);
  return id;
}

std::vector<CalendarFeed> CalendarRepo::Select(const std::string& where,
                                               const std::vector<long long>& args,
                                               const std::string* text_arg) {
  std::vector<CalendarFeed> out;
  CalendarFeed f;
  long long created = 0, expires = 0, revoked = 0, used = 0;
  soci::indicator ind_revoked = soci::i_null, ind_used = soci::i_null;
  soci::statement st(sql_);
  st.exchange(soci::into(f.id));
  st.exchange(soci::into(f.token_hash));
  st.exchange(soci::into(f.user_id));
  st.exchange(soci::into(f.unit_id));
  st.exchange(soci::into(created));
  st.exchange(soci::into(expires));
  st.exchange(soci::into(revoked, ind_revoked));
  st.exchange(soci::into(used, ind_used));
  std::vector<long long> bound = args;
  if (text_arg) st.exchange(soci::use(*text_arg));
  for (auto& a : bound) st.exchange(soci::use(a));
  st.alloc();
  st.prepare(
      "SELECT id, token_hash, user_id, unit_id, created_at, expires_at, revoked_at, "
      "last_used_at FROM calendar_feeds " +
      where);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    f.created_ms = created;
    f.expires_ms = expires;
    f.revoked_ms = ind_revoked == soci::i_ok ? revoked : 0;
    f.last_used_ms = ind_used == soci::i_ok ? used : 0;
    out.push_back(f);
  }
  return out;
}

std::optional<CalendarFeed> CalendarRepo::Get(Id id) {
  auto rows = Select("WHERE id = :id", {id}, nullptr);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<CalendarFeed> CalendarRepo::FindByTokenHash(const std::string& token_hash) {
  auto rows = Select("WHERE token_hash = :t", {}, &token_hash);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<CalendarFeed> CalendarRepo::LiveOf(Id user_id, int64_t now_ms) {
  return Select("WHERE user_id = :u AND revoked_at IS NULL AND expires_at > :n ORDER BY id DESC",
                {user_id, now_ms}, nullptr);
}

int CalendarRepo::RevokeOf(Id user_id, Id unit_id, int64_t now_ms) {
  const long long now = now_ms;
  soci::statement st =
      (sql_.prepare << "UPDATE calendar_feeds SET revoked_at = :n "
                       "WHERE user_id = :u AND unit_id = :unit AND revoked_at IS NULL",
       soci::use(now), soci::use(user_id), soci::use(unit_id));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

bool CalendarRepo::Revoke(Id id, int64_t now_ms) {
  const long long now = now_ms;
  soci::statement st = (sql_.prepare << "UPDATE calendar_feeds SET revoked_at = :n "
                                        "WHERE id = :id AND revoked_at IS NULL",
                        soci::use(now), soci::use(id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void CalendarRepo::Touch(Id id, int64_t now_ms) {
  const long long now = now_ms;
  sql_ << "UPDATE calendar_feeds SET last_used_at = :n WHERE id = :id", soci::use(now),
      soci::use(id);
}

}  // namespace binhdang::storage
