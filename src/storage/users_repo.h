// Queries on users, their login state and their sessions.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/user.h"

namespace binhdang::storage {

//! A user row with what only the service layer may see.
struct UserRecord {
  domain::User user;
  std::string password_hash;
  int failed_logins = 0;
  int64_t locked_until_ms = 0;
};

//! A request to grant a case role, and what became of it.
struct RoleGrant {
  Id id = 0;
  Id user_id = 0;
  domain::Role role = domain::Role::kCaseWorker;
  std::string reason;
  Id requested_by = 0;
  int64_t requested_ms = 0;
  Id decided_by = 0;  // 0 while pending
  int64_t decided_ms = 0;
  std::string status;  // "pending", "approved", "rejected"
};

//! Sign-in attempts counted under one key in the current window.
struct Attempts {
  int attempts = 0;
  int64_t window_start_ms = 0;
};

struct SessionRecord {
  std::string token_hash;
  Id user_id = 0;
  std::string csrf_token;
  int64_t created_ms = 0;
  int64_t last_seen_ms = 0;
  int64_t expires_ms = 0;
};

class UsersRepo {
 public:
  explicit UsersRepo(soci::session& sql) : sql_(sql) {}
  soci::session& session() { return sql_; }

  //! The user; `lock` (Store::ForUpdateSql(), in a write transaction) locks its row until commit.
  std::optional<UserRecord> Get(Id id, const char* lock = "");
  std::optional<UserRecord> FindByUsername(const std::string& username);
  //! All users ordered by username; the service filters and pages.
  std::vector<domain::User> List();
  //! The active users of one unit, by username.
  std::vector<domain::User> ActiveOfUnit(Id unit_id);
  long long Count();

  Id Insert(const domain::User& user, const std::string& password_hash, int64_t now_ms);
  //! Writes profile fields (full name, unit, roles, active) if the version still matches.
  bool Update(const domain::User& user, int64_t now_ms);
  void SetPassword(Id id, const std::string& password_hash, int64_t now_ms);
  //! Counts a failed sign-in of the user, atomically (failed_logins = failed_logins + 1).
  void RecordLoginFailure(Id id);
  void RecordLoginSuccess(Id id, int64_t now_ms);
  void SetMustChangePassword(Id id, bool must);
  //! Writes the user's e-mail address and preference if the version still matches.
  bool SetEmail(Id id, long long version, const std::string& email, domain::EmailPreference pref,
                int64_t now_ms);

  //! Counts one attempt under `key` atomically and returns the count of the window, which
  //! starts again at `now_ms` when the stored one began before `window_cutoff_ms`.
  Attempts ReserveAttempt(const std::string& key, int64_t now_ms, int64_t window_cutoff_ms);
  //! Takes back one reserved attempt (it was not made, or it succeeded).
  void RefundAttempt(const std::string& key);
  void ClearAttempts(const std::string& key);
  std::optional<Attempts> PeekAttempts(const std::string& key);
  //! Every key of `prefix` with more than `attempts` attempts in a window begun after
  //! `window_cutoff_ms`.
  std::vector<std::pair<std::string, Attempts>> ThrottledKeys(const std::string& prefix,
                                                              int attempts,
                                                              int64_t window_cutoff_ms);

  //! The value of `key` in the meta table, storing `candidate` first if there is none (the
  //! first of several servers to ask wins).
  std::string MetaValueOr(const std::string& key, const std::string& candidate);

  Id InsertGrant(const RoleGrant& g);
  std::optional<RoleGrant> GetGrant(Id id);
  //! Pending grants; of one user when `user_id` is set.
  std::vector<RoleGrant> PendingGrants(std::optional<Id> user_id = std::nullopt);
  //! Decides a pending grant; false when it was no longer pending.
  bool DecideGrant(Id id, const std::string& status, Id by, int64_t now_ms);

  void InsertSession(const SessionRecord& s);
  std::optional<SessionRecord> FindSession(const std::string& token_hash);
  //! The session and its user in one query (the check every signed-in request makes).
  std::optional<std::pair<SessionRecord, UserRecord>> FindSessionWithUser(
      const std::string& token_hash);
  void TouchSession(const std::string& token_hash, int64_t now_ms);
  void DeleteSession(const std::string& token_hash);
  void DeleteSessionsOf(Id user_id);
  void DeleteExpiredSessions(int64_t now_ms);

 private:
  soci::session& sql_;
};

std::string JoinRoles(const std::vector<domain::Role>& roles);
std::vector<domain::Role> SplitRoles(const std::string& roles);

}  // namespace binhdang::storage
