// Calendar feeds: a user's secret address for the task deadlines of one unit. Only the hash
// of the token is stored.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "common/ids.h"

namespace binhdang::storage {

struct CalendarFeed {
  Id id = 0;
  std::string token_hash;
  Id user_id = 0;
  Id unit_id = 0;
  int64_t created_ms = 0;
  int64_t expires_ms = 0;
  int64_t revoked_ms = 0;    // 0: not revoked
  int64_t last_used_ms = 0;  // 0: never read
};

class CalendarRepo {
 public:
  explicit CalendarRepo(soci::session& sql) : sql_(sql) {}
  Id Insert(const CalendarFeed& feed);
  std::optional<CalendarFeed> Get(Id id);
  std::optional<CalendarFeed> FindByTokenHash(const std::string& token_hash);
  //! The user's feeds that are neither revoked nor expired, newest first.
  std::vector<CalendarFeed> LiveOf(Id user_id, int64_t now_ms);
  //! Revokes the user's live feeds of `unit_id` (rotation); returns how many.
  int RevokeOf(Id user_id, Id unit_id, int64_t now_ms);
  bool Revoke(Id id, int64_t now_ms);
  void Touch(Id id, int64_t now_ms);

 private:
  std::vector<CalendarFeed> Select(const std::string& where, const std::vector<long long>& args,
                                   const std::string* text_arg);
  soci::session& sql_;
};

}  // namespace binhdang::storage
