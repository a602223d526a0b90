// What a user must be told, kept until they read it.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/ids.h"

namespace binhdang::storage {

struct Notification {
  Id id = 0;
  Id user_id = 0;
  //! "password_reset", "role_granted", "role_rejected", "role_suspended", "case_transferred",
  //! "case_emergency_access", "report_returned", "plan_issued", "report_reminder"
  std::string kind;
  Message message;
  std::string link;  // the web page it is about ("#/reports/12"); "" for none
  int64_t created_ms = 0;
  int64_t read_ms = 0;  // 0: unread
};

class NotificationsRepo {
 public:
  explicit NotificationsRepo(soci::session& sql) : sql_(sql) {}
  Id Insert(const Notification& n);
  //! The newest first, at most `limit`.
  std::vector<Notification> Of(Id user_id, size_t limit);
  long long UnreadCount(Id user_id);
  //! Whether the user was told `kind` about `link` at or after `since_ms`.
  bool SentSince(Id user_id, const std::string& kind, const std::string& link, int64_t since_ms);
  //! Marks one of the user's notifications read; false when it is not theirs.
  bool MarkRead(Id id, Id user_id, int64_t now_ms);

 private:
  soci::session& sql_;
};

}  // namespace binhdang::storage
