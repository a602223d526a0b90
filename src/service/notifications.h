// A user's notifications: read their own, mark them read.
#pragma once

#include "service/context.h"
#include "storage/notifications_repo.h"
#include "storage/store.h"

namespace binhdang::service {

struct NotificationList {
  std::vector<storage::Notification> items;
  long long unread = 0;
};

class NotificationsService {
 public:
  explicit NotificationsService(storage::Store& store) : store_(store) {}
  Result<NotificationList> Mine(const Caller& caller);
  Status MarkRead(const Caller& caller, Id id);

 private:
  storage::Store& store_;
};

}  // namespace binhdang::service
