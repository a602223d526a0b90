#include "storage/users_repo.h"

namespace binhdang::storage {

namespace {
constexpr const char* kUserColumns =
    "SELECT id, username, full_name, unit_id, roles, active, version, last_login_at, "
    "password_hash, failed_logins, locked_until FROM users";

struct UserRow {
  UserRecord r;
  std::string roles;
  int active = 1;
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
  }
  UserRecord Take() const {
    UserRecord out = r;
    out.user.roles = SplitRoles(roles);
    out.user.active = active != 0;
    out.user.last_login_ms = ind_last == soci::i_ok ? std::optional<int64_t>(last_login) : std::nullopt;
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
    if (auto r = domain::ParseRole(std::string_view(roles).substr(start, end - start))) out.push_back(*r);
    start = end + 1;
  }
  return out;
}

std::optional<UserRecord> UsersRepo::Get(Id id) {
  UserRow row;
  soci::statement st(sql_);
  row.Bind(st);
  st.exchange(soci::use(id));
  st.alloc();
  st.prepare(std::string(kUserColumns) + " WHERE id = :id");
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
      soci::use(u.username), soci::use(u.full_name), soci::use(password_hash),
      soci::use(u.unit_id), soci::use(roles), soci::use(active), soci::use(now),
      soci::use(now), soci::into(id);
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

void UsersRepo::RecordLoginFailure(Id id, int failed_logins, int64_t locked_until_ms) {
  const long long until = locked_until_ms;
  sql_ << "UPDATE users SET failed_logins = :f, locked_until = :l WHERE id = :id",
      soci::use(failed_logins), soci::use(until), soci::use(id);
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
  st.prepare("SELECT u.id, u.username, u.full_name, u.unit_id, u.roles, u.active, u.version, "
             "u.last_login_at, u.password_hash, u.failed_logins, u.locked_until, "
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
