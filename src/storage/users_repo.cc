#include "storage/users_repo.h"

namespace binhdang::storage {

namespace {
constexpr const char* kUserColumns =
    "SELECT id, username, full_name, unit_id, roles, active, version, last_login_at, "
    "password_hash, failed_logins, locked_until, must_change_password, email, email_pref "
    "FROM users";

struct UserRow {
  UserRecord r;
  std::string roles;
  int active = 1;
  int must_change = 0;
  std::string email_pref;
  long long last_login = 0;
  soci::indicator ind_last = soci::i_null;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(r.user.id));
    st.exchange(soci::into(r.user.username));
    st.exchange(soci::into(r.user.full_name));
    st.exchange(soci::into(r.user.unit_id));
    st.exchange(soci::into(roles));
    st.exchange(soci::into(active));
    st.exchange(soci::into(r.user.version));
    st.exchange(soci::into(last_login, ind_last));
    st.exchange(soci::into(r.password_hash));
    st.exchange(soci::into(r.failed_logins));
    st.exchange(soci::into(r.locked_until_ms));
    st.exchange(soci::into(must_change));
    st.exchange(soci::into(r.user.email));
    st.exchange(soci::into(email_pref));
  }
  UserRecord Take() const {
    UserRecord out = r;
    out.user.roles = SplitRoles(roles);
    out.user.active = active != 0;
    out.user.must_change_password = must_change != 0;
    out.user.email_pref =
        domain::ParseEmailPreference(email_pref).value_or(domain::EmailPreference::kDigest);
    out.user.last_login_ms =
        ind_last == soci::i_ok ? std::optional<int64_t>(last_login) : std::nullopt;
    return out;
  }
};
}  // namespace

std::string JoinRoles(const std::vector<domain::Role>& roles) {
  std::string out;
  for (auto role : roles) {
    if (!out.empty()) out += ',';
    out += domain::RoleName(role);
  }
  return out;
}

std::vector<domain::Role> SplitRoles(const std::string& roles) {
  std::vector<domain::Role> out;
  size_t start = 0;
  while (start <= roles.size()) {
    size_t end = roles.find(',', start);
    if (end == std::string::npos) end = roles.size();
    if (auto r = domain::ParseRole(std::string_view(roles).substr(start, end - start)))
      out.push_back(*r);
    start = end + 1;
  }
  return out;
}

std::optional<UserRecord> UsersRepo::Get(Id id, const char* lock) {
  UserRow row;
  soci::statement st(sql_);
  row.Bind(st);
  st.exchange(soci::use(id));
  st.alloc();
  st.prepare(std::string(kUserColumns) + " WHERE id = :id" + lock);
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  return row.Take();
}

std::optional<UserRecord> UsersRepo::FindByUsername(const std::string& username) {
  UserRow row;
  soci::statement st(sql_);
  row.Bind(st);
  st.exchange(soci::use(username));
  st.alloc();
  st.prepare(std::string(kUserColumns) + " WHERE username = :u");
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  return row.Take();
}

std::vector<domain::User> UsersRepo::List() {
  std::vector<domain::User> out;
  UserRow row;
  soci::statement st(sql_);
  row.Bind(st);
  st.alloc();
  st.prepare(std::string(kUserColumns) + " ORDER BY username");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) out.push_back(row.Take().user);
  return out;
}

std::vector<domain::User> UsersRepo::ActiveOfUnit(Id unit_id) {
  std::vector<domain::User> out;
  UserRow row;
  soci::statement st(sql_);
  row.Bind(st);
  st.exchange(soci::use(unit_id));
  st.alloc();
  st.prepare(std::string(kUserColumns) + " WHERE unit_id = :u AND active = 1 ORDER BY username");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) out.push_back(row.Take().user);
  return out;
}

long long UsersRepo::Count() {
  long long n = 0;
  sql_ << "SELECT count(*) FROM users", soci::into(n);
  return n;
}

Id UsersRepo::Insert(const domain::User& u, const std::string& password_hash, int64_t now_ms) {
  const std::string roles = JoinRoles(u.roles);
  const int active = u.active ? 1 : 0;
  const long long now = now_ms;
  Id id = 0;
  sql_ << "INSERT INTO users (username, full_name, password_hash, unit_id, roles, active, "
          "version, created_at, updated_at) VALUES (:u, :f, :p, :unit, :r, :a, 1, :now, :now2) "
          "RETURNING id",
      soci::use(u.username), soci::use(u.full_name), soci::use(password_hash), soci::use(u.unit_id),
      soci::use(roles), soci::use(active), soci::use(now), soci::use(now), soci::into(id);
  return id;
}

bool UsersRepo::Update(const domain::User& u, int64_t now_ms) {
  const std::string roles = JoinRoles(u.roles);
  const int active = u.active ? 1 : 0;
  const long long now = now_ms;
  soci::statement st =
      (sql_.prepare << "UPDATE users SET full_name = :f, unit_id = :unit, roles = :r, "
                       "active = :a, version = version + 1, updated_at = :now "
                       "WHERE id = :id AND version = :v",
       soci::use(u.full_name), soci::use(u.unit_id), soci::use(roles), soci::use(active),
       soci::use(now), soci::use(u.id), soci::use(u.version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void UsersRepo::SetPassword(Id id, const std::string& password_hash, int64_t now_ms) {
  const long long now = now_ms;
  sql_ << "UPDATE users SET password_hash = :p, failed_logins = 0, locked_until = 0, "
          "updated_at = :now WHERE id = :id",
      soci::use(password_hash), soci::use(now), soci::use(id);
}

void UsersRepo::RecordLoginFailure(Id id) {
  sql_ << "UPDATE users SET failed_logins = failed_logins + 1 WHERE id = :id", soci::use(id);
}

bool UsersRepo::SetEmail(Id id, long long version, const std::string& email,
                         domain::EmailPreference pref, int64_t now_ms) {
  const long long now = now_ms;
  const std::string p(domain::EmailPreferenceName(pref));
  soci::statement st =
      (sql_.prepare << "UPDATE users SET email = :e, email_pref = :p, version = version + 1, "
                       "updated_at = :n WHERE id = :id AND version = :v",
       soci::use(email), soci::use(p), soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void UsersRepo::SetMustChangePassword(Id id, bool must) {
  const int m = must ? 1 : 0;
  sql_ << "UPDATE users SET must_change_password = :m WHERE id = :id", soci::use(m), soci::use(id);
}

Attempts UsersRepo::ReserveAttempt(const std::string& key, int64_t now_ms,
                                   int64_t window_cutoff_ms) {
  const long long now = now_ms, cutoff = window_cutoff_ms;
  // One statement: concurrent attempts serialise on the row (PostgreSQL) or the write lock
  // (SQLite), so none of them reads a count another is about to change.
  sql_ << "INSERT INTO login_throttle (key, attempts, window_start) VALUES (:k, 1, :now) "
          "ON CONFLICT (key) DO UPDATE SET "
          "attempts = CASE WHEN login_throttle.window_start < :c1 THEN 1 "
          "ELSE login_throttle.attempts + 1 END, "
          "window_start = CASE WHEN login_throttle.window_start < :c2 THEN :now2 "
          "ELSE login_throttle.window_start END",
      soci::use(key), soci::use(now), soci::use(cutoff), soci::use(cutoff), soci::use(now);
  Attempts a;
  long long start = 0;
  sql_ << "SELECT attempts, window_start FROM login_throttle WHERE key = :k", soci::use(key),
      soci::into(a.attempts), soci::into(start);
  a.window_start_ms = start;
  return a;
}

void UsersRepo::RefundAttempt(const std::string& key) {
  sql_ << "UPDATE login_throttle SET attempts = attempts - 1 WHERE key = :k AND attempts > 0",
      soci::use(key);
}

void UsersRepo::ClearAttempts(const std::string& key) {
  sql_ << "DELETE FROM login_throttle WHERE key = :k", soci::use(key);
}

std::optional<Attempts> UsersRepo::PeekAttempts(const std::string& key) {
  Attempts a;
  long long start = 0;
  sql_ << "SELECT attempts, window_start FROM login_throttle WHERE key = :k", soci::use(key),
      soci::into(a.attempts), soci::into(start);
  if (!sql_.got_data()) return std::nullopt;
  a.window_start_ms = start;
  return a;
}

std::vector<std::pair<std::string, Attempts>> UsersRepo::ThrottledKeys(const std::string& prefix,
                                                                       int attempts,
                                                                       int64_t window_cutoff_ms) {
  std::vector<std::pair<std::string, Attempts>> out;
  std::string key;
  Attempts a;
  long long start = 0;
  const long long cutoff = window_cutoff_ms;
  const std::string like = prefix + "%";
  soci::statement st =
      (sql_.prepare << "SELECT key, attempts, window_start FROM login_throttle "
                       "WHERE key LIKE :p AND attempts > :a AND window_start >= :c",
       soci::use(like), soci::use(attempts), soci::use(cutoff), soci::into(key),
       soci::into(a.attempts), soci::into(start));
  st.execute();
  while (st.fetch()) {
    a.window_start_ms = start;
    out.emplace_back(key, a);
  }
  return out;
}

std::string UsersRepo::MetaValueOr(const std::string& key, const std::string& candidate) {
  sql_ << "INSERT INTO meta (key, value) VALUES (:k, :v) ON CONFLICT (key) DO NOTHING",
      soci::use(key), soci::use(candidate);
  std::string value;
  sql_ << "SELECT value FROM meta WHERE key = :k", soci::use(key), soci::into(value);
  return value;
}

namespace {
constexpr const char* kGrantColumns =
    "SELECT id, user_id, role, reason, requested_by, requested_at, decided_by, decided_at, "
    "status FROM role_grants";

std::vector<RoleGrant> ReadGrants(soci::session& sql, const std::string& where,
                                  std::optional<Id> arg) {
  std::vector<RoleGrant> out;
  RoleGrant g;
  std::string role;
  long long requested_at = 0, decided_at = 0, requested_by = 0, decided_by = 0;
  soci::indicator ind_rb = soci::i_null, ind_db = soci::i_null, ind_da = soci::i_null;
  soci::statement st(sql);
  st.exchange(soci::into(g.id));
  st.exchange(soci::into(g.user_id));
  st.exchange(soci::into(role));
  st.exchange(soci::into(g.reason));
  st.exchange(soci::into(requested_by, ind_rb));
  st.exchange(soci::into(requested_at));
  st.exchange(soci::into(decided_by, ind_db));
  st.exchange(soci::into(decided_at, ind_da));
  st.exchange(soci::into(g.status));
  Id bound = arg.value_or(0);
  if (arg) st.exchange(soci::use(bound));
  st.alloc();
  st.prepare(std::string(kGrantColumns) + where + " ORDER BY id");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    RoleGrant row = g;
    auto parsed = domain::ParseRole(role);
    if (!parsed) throw std::runtime_error("role_grants: unknown role " + role);
    row.role = *parsed;
    row.requested_by = ind_rb == soci::i_ok ? requested_by : 0;
    row.requested_ms = requested_at;
    row.decided_by = ind_db == soci::i_ok ? decided_by : 0;
    row.decided_ms = ind_da == soci::i_ok ? decided_at : 0;
    out.push_back(std::move(row));
  }
  return out;
}
}  // namespace

Id UsersRepo::InsertGrant(const RoleGrant& g) {
  const std::string role(domain::RoleName(g.role));
  const long long at = g.requested_ms;
  Id id = 0;
  soci::indicator ind_by = g.requested_by ? soci::i_ok : soci::i_null;
  sql_ << "INSERT INTO role_grants (user_id, role, reason, requested_by, requested_at, status) "
          "VALUES (:u, :r, :reason, :by, :at, 'pending') RETURNING id",
      soci::use(g.user_id), soci::use(role), soci::use(g.reason), soci::use(g.requested_by, ind_by),
      soci::use(at), soci::into(id);
  return id;
}

std::optional<RoleGrant> UsersRepo::GetGrant(Id id) {
  auto rows = ReadGrants(sql_, " WHERE id = :id", id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<RoleGrant> UsersRepo::PendingGrants(std::optional<Id> user_id) {
  if (user_id) return ReadGrants(sql_, " WHERE status = 'pending' AND user_id = :u", user_id);
  return ReadGrants(sql_, " WHERE status = 'pending'", std::nullopt);
}

bool UsersRepo::DecideGrant(Id id, const std::string& status, Id by, int64_t now_ms) {
  const long long now = now_ms;
  soci::statement st = (sql_.prepare << "UPDATE role_grants SET status = :s, decided_by = :by, "
                                        "decided_at = :at WHERE id = :id AND status = 'pending'",
                        soci::use(status), soci::use(by), soci::use(now), soci::use(id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void UsersRepo::RecordLoginSuccess(Id id, int64_t now_ms) {
  const long long now = now_ms;
  sql_ << "UPDATE users SET failed_logins = 0, locked_until = 0, last_login_at = :now "
          "WHERE id = :id",
      soci::use(now), soci::use(id);
}

void UsersRepo::InsertSession(const SessionRecord& s) {
  const long long c = s.created_ms, l = s.last_seen_ms, e = s.expires_ms;
  sql_ << "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
          "expires_at) VALUES (:t, :u, :c, :cr, :l, :e)",
      soci::use(s.token_hash), soci::use(s.user_id), soci::use(s.csrf_token), soci::use(c),
      soci::use(l), soci::use(e);
}

std::optional<SessionRecord> UsersRepo::FindSession(const std::string& token_hash) {
  SessionRecord s;
  long long c = 0, l = 0, e = 0;
  sql_ << "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at "
          "FROM sessions WHERE token_hash = :t",
      soci::use(token_hash), soci::into(s.token_hash), soci::into(s.user_id),
      soci::into(s.csrf_token), soci::into(c), soci::into(l), soci::into(e);
  if (!sql_.got_data()) return std::nullopt;
  s.created_ms = c;
  s.last_seen_ms = l;
  s.expires_ms = e;
  return s;
}

std::optional<std::pair<SessionRecord, UserRecord>> UsersRepo::FindSessionWithUser(
    const std::string& token_hash) {
  UserRow row;
  SessionRecord s;
  long long created = 0, last_seen = 0, expires = 0;
  soci::statement st(sql_);
  row.Bind(st);
  st.exchange(soci::into(s.csrf_token));
  st.exchange(soci::into(created));
  st.exchange(soci::into(last_seen));
  st.exchange(soci::into(expires));
  st.exchange(soci::use(token_hash));
  st.alloc();
  st.prepare(
      "SELECT u.id, u.username, u.full_name, u.unit_id, u.roles, u.active, u.version, "
      "u.last_login_at, u.password_hash, u.failed_logins, u.locked_until, "
      "u.must_change_password, u.email, u.email_pref, "
      "s.csrf_token, s.created_at, s.last_seen_at, s.expires_at "
      "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = :t");
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  s.token_hash = token_hash;
  s.created_ms = created;
  s.last_seen_ms = last_seen;
  s.expires_ms = expires;
  UserRecord user = row.Take();
  s.user_id = user.user.id;
  return std::make_pair(std::move(s), std::move(user));
}

void UsersRepo::TouchSession(const std::string& token_hash, int64_t now_ms) {
  const long long now = now_ms;
  sql_ << "UPDATE sessions SET last_seen_at = :n WHERE token_hash = :t", soci::use(now),
      soci::use(token_hash);
}

void UsersRepo::DeleteSession(const std::string& token_hash) {
  sql_ << "DELETE FROM sessions WHERE token_hash = :t", soci::use(token_hash);
}

void UsersRepo::DeleteSessionsOf(Id user_id) {
  sql_ << "DELETE FROM sessions WHERE user_id = :u", soci::use(user_id);
}

void UsersRepo::DeleteExpiredSessions(int64_t now_ms) {
  const long long now = now_ms;
  sql_ << "DELETE FROM sessions WHERE expires_at < :n", soci::use(now);
}

}  // namespace binhdang::storage
