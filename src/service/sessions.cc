#include "service/sessions.h"

#include <algorithm>
#include <cctype>

#include "common/crypto.h"
#include "common/time.h"
#include "service/audit.h"
#include "storage/users_repo.h"

namespace binhdang::service {

namespace {
Error BadCredentials() {
  return {ErrorCode::kInvalidCredentials,
          {"Tên đăng nhập hoặc mật khẩu không đúng", "Wrong username or password"}, {}, 0};
}

Error Locked(int64_t until_ms) {
  const int64_t minutes = std::max<int64_t>(1, (until_ms - NowMs() + 59999) / 60000);
  Error e{ErrorCode::kLocked,
          {"Tài khoản tạm khóa do đăng nhập sai nhiều lần; thử lại sau " +
               std::to_string(minutes) + " phút",
           "Account locked after repeated failed logins; try again in " +
               std::to_string(minutes) + " minutes"},
          {},
          0};
  e.details.push_back({"locked_until", {IsoInstant(until_ms), IsoInstant(until_ms)}});
  return e;
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

Result<SignedIn> SessionsService::Login(const std::string& username_in,
                                        const std::string& password, const std::string& address) {
  const std::string username = Lower(username_in);
  const int64_t now = NowMs();
  auto sql = store_.Lease();
  storage::UsersRepo repo(*sql);
  auto rec = repo.FindByUsername(username);
  Caller who;
  who.address = address;
  if (rec) who.user = rec->user;

  if (rec && rec->locked_until_ms > now) {
    storage::Transaction tx(*sql, store_);
    WriteAudit(*sql, store_, who, {"session.login", "user", IdToString(rec->user.id),
                                   rec->user.unit_id, "locked", ""});
    tx.Commit();
    return Locked(rec->locked_until_ms);
  }
  // Verify even for unknown users so that timing does not reveal which names exist.
  static const std::string kDummyHash = crypto::HashPassword("not-a-real-password-0");
  const bool match = crypto::VerifyPassword(password, rec ? rec->password_hash : kDummyHash);
  if (!rec || !match || !rec->user.active) {
    storage::Transaction tx(*sql, store_);
    std::optional<int64_t> locked_until;
    if (rec) {
      const int failures = rec->failed_logins + 1;
      if (failures >= policy_.max_failures) locked_until = now + policy_.lock_ms;
      repo.RecordLoginFailure(rec->user.id, locked_until ? 0 : failures, locked_until.value_or(0));
    }
    who.user.reset();  // the attempt was not made by a signed-in user
    AuditRecord r{"session.login", "user", rec ? IdToString(rec->user.id) : "",
                  rec ? rec->user.unit_id : 0, locked_until ? "locked" : "failed", username};
    WriteAudit(*sql, store_, who, r);
    tx.Commit();
    if (locked_until) return Locked(*locked_until);
    return BadCredentials();
  }

  SignedIn out{rec->user, crypto::RandomToken(32), crypto::RandomToken(24)};
  storage::SessionRecord s{crypto::HashHex(out.token), rec->user.id, out.csrf_token, now, now,
                           now + policy_.absolute_ms};
  storage::Transaction tx(*sql, store_);
  repo.RecordLoginSuccess(rec->user.id, now);
  repo.InsertSession(s);
  if (now % 64 == 0) repo.DeleteExpiredSessions(now);
  WriteAudit(*sql, store_, who,
             {"session.login", "user", IdToString(rec->user.id), rec->user.unit_id, "ok", ""});
  tx.Commit();
  out.user.last_login_ms = now;
  return out;
}

Result<Authenticated> SessionsService::Authenticate(const std::string& token) {
  if (token.empty() || token.size() > 128) return Error::Unauthenticated();
  const int64_t now = NowMs();
  const std::string hash = crypto::HashHex(token);
  auto sql = store_.Lease();
  storage::UsersRepo repo(*sql);
  auto found = repo.FindSessionWithUser(hash);
  if (!found) return Error::Unauthenticated();
  const auto& [session, rec] = *found;
  if (session.expires_ms < now || now - session.last_seen_ms > policy_.idle_ms || !rec.user.active) {
    return Error::Unauthenticated();
  }
  // Writing on every request would serialise readers behind the write lock; a minute of
  // slack on the idle clock costs nothing.
  if (now - session.last_seen_ms > 60 * 1000) repo.TouchSession(hash, now);
  return Authenticated{rec.user, session.csrf_token};
}

void SessionsService::Logout(const std::string& token, const Caller& caller) {
  auto sql = store_.Lease();
  storage::Transaction tx(*sql, store_);
  storage::UsersRepo(*sql).DeleteSession(crypto::HashHex(token));
  WriteAudit(*sql, store_, caller,
             {"session.logout", "user", IdToString(caller.user_id()),
              caller.user ? caller.user->unit_id : 0, "ok", ""});
  tx.Commit();
}

}  // namespace binhdang::service
