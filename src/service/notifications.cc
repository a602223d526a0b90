#include "service/notifications.h"

#include "common/time.h"
#include "service/mutate.h"

namespace binhdang::service {

Result<NotificationList> NotificationsService::Mine(const Caller& caller) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto sql = store_.Lease();
  storage::NotificationsRepo repo(*sql);
  return NotificationList{repo.Of(caller.user_id(), 100), repo.UnreadCount(caller.user_id())};
}

Status NotificationsService::MarkRead(const Caller& caller, Id id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  return Mutate(store_, caller, [&](Mutation& m) -> Status {
    if (!storage::NotificationsRepo(m.sql()).MarkRead(id, caller.user_id(), m.now_ms())) {
      return Error::NotFound("thông báo", "Notification");
    }
    m.Audit({"notification.read", "notification", IdToString(id), caller.user->unit_id, "ok", ""});
    return Ok();
  });
}

}  // namespace binhdang::service
