#include "service/notifications.h"

#include "common/time.h"
#include "service/mutate.h"
#include "storage/users_repo.h"

namespace binhdang::service {

int NotifyUnit(Mutation& m, Id unit, const std::vector<domain::Role>& roles,
               const std::string& kind, const Message& message, const std::string& link,
               int64_t once_since_ms) {
  storage::NotificationsRepo notices(m.sql());
  int told = 0;
  for (const auto& user : storage::UsersRepo(m.sql()).ActiveOfUnit(unit)) {
    bool holds = false;
    for (domain::Role r : roles) holds = holds || user.Has(r);
    if (!holds) continue;
    if (once_since_ms > 0) {
      // Two writes telling the same user at once (two servers sweeping, two clicks) queue on
      // the user's row (PostgreSQL; SQLite writes one at a time), so the second sees the first.
      Id locked = 0;
      m.sql() << "SELECT id FROM users WHERE id = :id" + std::string(m.lock()), soci::use(user.id),
          soci::into(locked);
      if (notices.SentSince(user.id, kind, link, once_since_ms)) continue;
    }
    storage::Notification n;
    n.user_id = user.id;
    n.kind = kind;
    n.message = message;
    n.link = link;
    n.created_ms = m.now_ms();
    notices.Insert(n);
    ++told;
  }
  return told;
}

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
