// A user's notifications: read their own, mark them read.
#pragma once

#include "domain/user.h"
#include "service/context.h"
#include "storage/notifications_repo.h"
#include "storage/store.h"

namespace binhdang::service {

struct NotificationList {
  std::vector<storage::Notification> items;
  long long unread = 0;
};

class Mutation;

//! Tells the active users of `unit` who hold one of `roles` `message` about `link` (a web page,
//! "#/reports/12"), inside the write `m` so the notice commits with what it is about. With
//! `once_since_ms` > 0, a user told the same kind about the same link since then is skipped.
//! Returns how many users were told.
int NotifyUnit(Mutation& m, Id unit, const std::vector<domain::Role>& roles,
               const std::string& kind, const Message& message, const std::string& link,
               int64_t once_since_ms = 0);

class NotificationsService {
 public:
  explicit NotificationsService(storage::Store& store) : store_(store) {}
  Result<NotificationList> Mine(const Caller& caller);
  Status MarkRead(const Caller& caller, Id id);

 private:
  storage::Store& store_;
};

}  // namespace binhdang::service
