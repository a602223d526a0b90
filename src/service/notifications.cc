#include "service/notifications.h"

#include "common/time.h"

namespace binhdang::service {

Result<NotificationList> NotificationsService::Mine(const Caller& caller) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto sql = store_.Lease();
  storage::NotificationsRepo repo(*sql);
  return NotificationList{repo.Of(caller.user_id(), 100), repo.UnreadCount(caller.user_id())};
}

Status NotificationsService::MarkRead(const Caller& caller, Id id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto sql = store_.Lease();
  storage::Transaction tx(*sql, store_);
  if (!storage::NotificationsRepo(*sql).MarkRead(id, caller.user_id(), NowMs())) {
    return Error::NotFound("thông báo", "Notification");
  }
  tx.Commit();
  return Ok();
}

}  // namespace binhdang::service
