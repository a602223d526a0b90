#include "service/sessions.h"

#include <algorithm>
#include <cctype>

#include "common/crypto.h"
#include "common/text.h"
#include "common/time.h"
#include "service/audit.h"
#include "service/mutate.h"
#include "storage/users_repo.h"

namespace binhdang::service {

namespace {
Error BadCredentials(int attempts_left) {
  Error e{ErrorCode::kInvalidCredentials,
          {"Tên đăng nhập hoặc mật khẩu không đúng", "Wrong username or password"},
          {},
          0};
  if (attempts_left >= 0) {
    e.details.push_back({"attempts_left",
                         {"còn " + std::to_string(attempts_left) + " lần thử trước khi phải chờ",
                          std::to_string(attempts_left) + " attempts left before a wait"}});
  }
  return e;
}

Error TooMany(int64_t retry_ms) {
  const int64_t seconds = std::max<int64_t>(1, (retry_ms + 999) / 1000);
  const int64_t minutes = (seconds + 59) / 60;
  Error e{ErrorCode::kTooManyRequests,
          {"Đăng nhập sai quá nhiều lần; vui lòng thử lại sau " + std::to_string(minutes) +
               " phút, hoặc nhờ quản trị viên mở khóa",
           "Too many failed sign-ins; try again in " + std::to_string(minutes) +
               " minutes, or ask an administrator to unlock"},
          {},
          0};
  e.retry_after_s = seconds;
  return e;
}

}  // namespace

Error PasswordPoolFull() {
  Error e{ErrorCode::kUnavailable,
          {"Máy chủ đang bận kiểm tra mật khẩu; vui lòng thử lại sau giây lát",
           "The server is busy checking passwords; try again in a moment"},
          {},
          0};
  e.retry_after_s = 1;
  return e;
}

SessionsService::SessionsService(storage::Store& store, PasswordHasher& hasher, LoginGuard& guard,
                                 SessionCache& cache, SessionPolicy policy)
    : store_(store), hasher_(hasher), guard_(guard), cache_(cache), policy_(policy) {
  auto dummy = hasher_.Hash("not-a-real-password-0");
  dummy_hash_ = dummy ? *dummy : crypto::HashPassword("not-a-real-password-0");
}

Result<SignedIn> SessionsService::Login(const std::string& username_in, const std::string& password,
                                        const LoginContext& context) {
  const std::string username = text::AsciiLower(username_in);
  const int64_t now = NowMs();
  const LoginLimits& limits = guard_.limits();
  const std::string user_key = guard_.UserKey(username);
  const std::string address_key = LoginGuard::AddressKey(context.address);

  std::optional<storage::UserRecord> rec;
  {
    auto sql = store_.Lease();
    rec = storage::UsersRepo(*sql).FindByUsername(username);
  }
  Caller who;
  who.address = context.address;
  const std::string audit_name = rec ? rec->user.username : guard_.AuditName(username);
  const Id audit_id = rec ? rec->user.id : 0;
  const Id audit_unit = rec ? rec->user.unit_id : 0;
  const bool trusted = rec && !context.device_token.empty() &&
                       guard_.TrustedDevice(context.device_token, rec->user.id, now);
  auto audit = [&](soci::session& sql, const char* outcome) {
    WriteAudit(sql, store_, who,
               {"session.login", "user", audit_id ? IdToString(audit_id) : "", audit_unit, outcome,
                audit_name});
  };

  // Reserve the attempt before the password is checked: parallel attempts each take one, so
  // none gets past the limit however many arrive at once.
  storage::Attempts by_address, by_name;
  {
    auto sql = store_.Lease();
    storage::Transaction tx(*sql, store_);
    storage::UsersRepo repo(*sql);
    const int64_t cutoff = now - limits.window_ms;
    by_address = repo.ReserveAttempt(address_key, now, cutoff);
    if (!trusted) by_name = repo.ReserveAttempt(user_key, now, cutoff);
    const bool address_over = by_address.attempts > limits.address_attempts;
    const bool name_over = !trusted && by_name.attempts > limits.user_attempts;
    if (address_over || name_over) {
      const int64_t until = std::max(address_over ? by_address.window_start_ms : 0,
                                     name_over ? by_name.window_start_ms : 0) +
                            limits.window_ms;
      audit(*sql, "throttled");
      tx.Commit();
      return TooMany(until - now);
    }
    tx.Commit();
  }

  const auto match = hasher_.Verify(password, rec ? rec->password_hash : dummy_hash_);
  if (!match) {
    // Nothing was checked: give the attempt back.
    auto sql = store_.Lease();
    storage::Transaction tx(*sql, store_);
    storage::UsersRepo repo(*sql);
    repo.RefundAttempt(address_key);
    if (!trusted) repo.RefundAttempt(user_key);
    tx.Commit();
    return PasswordPoolFull();
  }

  auto sql = store_.Lease();
  storage::UsersRepo repo(*sql);
  if (!rec || !*match || !rec->user.active) {
    storage::Transaction tx(*sql, store_);
    if (rec) repo.RecordLoginFailure(rec->user.id);
    audit(*sql, "failed");
    tx.Commit();
    return BadCredentials(trusted ? -1 : std::max(0, limits.user_attempts - by_name.attempts));
  }

  SignedIn out{rec->user, crypto::RandomToken(32), crypto::RandomToken(24),
               guard_.DeviceToken(rec->user.id, now)};
  storage::SessionRecord s{crypto::HashHex(out.token), rec->user.id, out.csrf_token, now, now,
                           now + policy_.absolute_ms};
  storage::Transaction tx(*sql, store_);
  repo.RecordLoginSuccess(rec->user.id, now);
  // The real user is in from a new browser: their name's count starts again (from a trusted
  // one it proves nothing about guesses elsewhere). The address keeps only its failures.
  if (!trusted) repo.ClearAttempts(user_key);
  repo.RefundAttempt(address_key);
  repo.InsertSession(s);
  if (now % 64 == 0) repo.DeleteExpiredSessions(now);
  who.user = rec->user;
  audit(*sql, "ok");
  tx.Commit();
  out.user.last_login_ms = now;
  return out;
}

Result<Authenticated> SessionsService::Authenticate(const std::string& token) {
  if (token.empty() || token.size() > 128) return Error::Unauthenticated();
  const int64_t now = NowMs();
  const std::string hash = crypto::HashHex(token);
  std::optional<SessionCache::Entry> found = cache_.Find(hash, now);
  storage::Connection sql;  // leased only when the database is needed
  if (!found) {
    const uint64_t generation = cache_.Generation();
    sql = store_.Lease();
    auto row = storage::UsersRepo(*sql).FindSessionWithUser(hash);
    if (!row) return Error::Unauthenticated();
    found = SessionCache::Entry{std::move(row->first), std::move(row->second.user)};
    cache_.Put(hash, *found, now, generation);
  }
  const auto& [session, user] = *found;
  if (session.expires_ms < now || now - session.last_seen_ms > policy_.idle_ms || !user.active) {
    return Error::Unauthenticated();
  }
  // Writing on every request would serialise readers behind the write lock; a minute of
  // slack on the idle clock costs nothing.
  if (now - session.last_seen_ms > 60 * 1000) {
    if (!sql) sql = store_.Lease();
    storage::UsersRepo(*sql).TouchSession(hash, now);
    cache_.Touch(hash, now);
  }
  return Authenticated{user, session.csrf_token};
}

void SessionsService::Logout(const std::string& token, const Caller& caller) {
  const std::string hash = crypto::HashHex(token);
  auto done = Mutate(store_, caller, [&](Mutation& m) -> Status {
    storage::UsersRepo(m.sql()).DeleteSession(hash);
    m.Audit({"session.logout", "user", IdToString(caller.user_id()),
             caller.user ? caller.user->unit_id : 0, "ok", ""});
    return Ok();
  });
  if (!done.ok()) {
    // Signed out already (an anonymous caller): the session row is gone or never was.
    auto sql = store_.Lease();
    storage::UsersRepo(*sql).DeleteSession(hash);
  }
  cache_.Forget(hash);
}

}  // namespace binhdang::service
