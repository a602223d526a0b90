#include "storage/notifications_repo.h"

namespace binhdang::storage {

Id NotificationsRepo::Insert(const Notification& n) {
  const long long at = n.created_ms;
  Id id = 0;
  sql_ << "INSERT INTO notifications (user_id, kind, message_vi, message_en, link, created_at) "
          "VALUES (:u, :k, :vi, :en, :link, :at) RETURNING id",
      soci::use(n.user_id), soci::use(n.kind), soci::use(n.message.vi), soci::use(n.message.en),
      soci::use(n.link), soci::use(at), soci::into(id);
  return id;
}

std::vector<Notification> NotificationsRepo::Of(Id user_id, size_t limit) {
  std::vector<Notification> out;
  Notification n;
  long long created = 0, read = 0;
  soci::indicator ind_read = soci::i_null;
  const long long lim = static_cast<long long>(limit);
  soci::statement st =
      (sql_.prepare << "SELECT id, user_id, kind, message_vi, message_en, link, created_at, "
                       "read_at FROM notifications WHERE user_id = :u ORDER BY id DESC LIMIT :l",
       soci::use(user_id), soci::use(lim), soci::into(n.id), soci::into(n.user_id),
       soci::into(n.kind), soci::into(n.message.vi), soci::into(n.message.en), soci::into(n.link),
       soci::into(created), soci::into(read, ind_read));
  st.execute();
  while (st.fetch()) {
    n.created_ms = created;
    n.read_ms = ind_read == soci::i_ok ? read : 0;
    out.push_back(n);
  }
  return out;
}

long long NotificationsRepo::UnreadCount(Id user_id) {
  long long n = 0;
  sql_ << "SELECT count(*) FROM notifications WHERE user_id = :u AND read_at IS NULL",
      soci::use(user_id), soci::into(n);
  return n;
}

bool NotificationsRepo::SentSince(Id user_id, const std::string& kind, const std::string& link,
                                  int64_t since_ms) {
  const long long since = since_ms;
  long long n = 0;
  sql_ << "SELECT count(*) FROM notifications WHERE user_id = :u AND kind = :k AND link = :l "
          "AND created_at >= :s",
      soci::use(user_id), soci::use(kind), soci::use(link), soci::use(since), soci::into(n);
  return n > 0;
}

bool NotificationsRepo::MarkRead(Id id, Id user_id, int64_t now_ms) {
  const long long now = now_ms;
  soci::statement st = (sql_.prepare << "UPDATE notifications SET read_at = :at "
                                        "WHERE id = :id AND user_id = :u AND read_at IS NULL",
                        soci::use(now), soci::use(id), soci::use(user_id));
  st.execute(true);
  if (st.get_affected_rows() == 1) return true;
  long long mine = 0;
  sql_ << "SELECT count(*) FROM notifications WHERE id = :id AND user_id = :u", soci::use(id),
      soci::use(user_id), soci::into(mine);
  return mine > 0;
}

}  // namespace binhdang::storage
