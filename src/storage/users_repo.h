// Queries on users, their login state and their sessions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/user.h"

namespace binhdang::storage {

//! A user row with what only the service layer may see.
struct UserRecord {
  domain::User user;
  std::string password_hash;
  int failed_logins = 0;
  int64_t locked_until_ms = 0;
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

  std::optional<UserRecord> Get(Id id);
  std::optional<UserRecord> FindByUsername(const std::string& username);
  //! All users ordered by username; the service filters and pages.
  std::vector<domain::User> List();
  long long Count();

  Id Insert(const domain::User& user, const std::string& password_hash, int64_t now_ms);
  //! Writes profile fields (full name, unit, roles, active) if the version still matches.
  bool Update(const domain::User& user, int64_t now_ms);
  void SetPassword(Id id, const std::string& password_hash, int64_t now_ms);
  void RecordLoginFailure(Id id, int failed_logins, int64_t locked_until_ms);
  void RecordLoginSuccess(Id id, int64_t now_ms);

  void InsertSession(const SessionRecord& s);
  std::optional<SessionRecord> FindSession(const std::string& token_hash);
  //! The session and its user in one query (the check every signed-in request makes).
  std::optional<std::pair<SessionRecord, UserRecord>> FindSessionWithUser(const std::string& token_hash);
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
