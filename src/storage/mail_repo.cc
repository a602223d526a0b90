#include "storage/mail_repo.h"

namespace binhdang::storage {

namespace {
constexpr const char* kMailColumns =
    "SELECT id, user_id, to_addr, subject, body, created_at, attempts, next_attempt_at, status, "
    "sent_at, last_error FROM mail_queue";

struct MailRow {
  QueuedMail m;
  long long user = 0, created = 0, next = 0, sent = 0;
  soci::indicator ind_user = soci::i_null, ind_sent = soci::i_null;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(m.id));
    st.exchange(soci::into(user, ind_user));
    st.exchange(soci::into(m.to_addr));
    st.exchange(soci::into(m.subject));
    st.exchange(soci::into(m.body));
    st.exchange(soci::into(created));
    st.exchange(soci::into(m.attempts));
    st.exchange(soci::into(next));
    st.exchange(soci::into(m.status));
    st.exchange(soci::into(sent, ind_sent));
    st.exchange(soci::into(m.last_error));
  }
  QueuedMail Take() const {
    QueuedMail out = m;
    out.user_id = ind_user == soci::i_ok ? user : 0;
    out.created_ms = created;
    out.next_attempt_ms = next;
    out.sent_ms = ind_sent == soci::i_ok ? sent : 0;
    return out;
  }
};
}  // namespace

std::vector<UnmailedNotice> MailRepo::Unmailed(int64_t since_ms, int64_t digest_cutoff_ms,
                                               const std::vector<std::string>& urgent_kinds,
                                               size_t limit) {
  std::string kinds;
  for (const auto& k : urgent_kinds) {
    bool plain = !k.empty();
    for (char c : k)
      plain = plain && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    if (!plain) continue;  // never into the SQL
    kinds += (kinds.empty() ? "'" : ", '") + k + "'";
  }
  const std::string urgent = kinds.empty() ? "" : " OR n.kind IN (" + kinds + ")";
  std::vector<UnmailedNotice> out;
  UnmailedNotice n;
  long long created = 0, read = 0;
  soci::indicator ind_read = soci::i_null;
  const long long since = since_ms, cutoff = digest_cutoff_ms, lim = static_cast<long long>(limit);
  soci::statement st =
      (sql_.prepare << "SELECT n.id, n.user_id, u.email, u.full_name, u.email_pref, n.kind, "
                       "n.message_vi, n.link, n.created_at, n.read_at "
                       "FROM notifications n JOIN users u ON u.id = n.user_id "
                       "WHERE n.mailed_at IS NULL AND n.created_at >= :s AND u.email <> '' "
                       "AND u.email_pref <> 'off' AND u.active = 1 AND (n.created_at < :c OR "
                       "n.read_at IS NOT NULL OR u.email_pref = 'each'" +
                           urgent + ") ORDER BY n.id LIMIT :l",
       soci::use(since), soci::use(cutoff), soci::use(lim), soci::into(n.id), soci::into(n.user_id),
       soci::into(n.email), soci::into(n.full_name), soci::into(n.email_pref), soci::into(n.kind),
       soci::into(n.message), soci::into(n.link), soci::into(created), soci::into(read, ind_read));
  st.execute();
  while (st.fetch()) {
    n.created_ms = created;
    n.read = ind_read == soci::i_ok;
    out.push_back(n);
  }
  return out;
}

bool MailRepo::MarkMailed(Id notice_id, int64_t now_ms) {
  const long long now = now_ms;
  soci::statement st = (sql_.prepare << "UPDATE notifications SET mailed_at = :n "
                                        "WHERE id = :id AND mailed_at IS NULL",
                        soci::use(now), soci::use(notice_id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

Id MailRepo::Enqueue(const QueuedMail& m) {
  const long long created = m.created_ms, next = m.next_attempt_ms;
  long long user = m.user_id;
  soci::indicator ind_user = m.user_id ? soci::i_ok : soci::i_null;
  Id id = 0;
  sql_ << "INSERT INTO mail_queue (user_id, to_addr, subject, body, created_at, attempts, "
          "next_attempt_at, status) VALUES (:u, :t, :s, :b, :c, 0, :n, 'queued') RETURNING id",
      soci::use(user, ind_user), soci::use(m.to_addr), soci::use(m.subject), soci::use(m.body),
      soci::use(created), soci::use(next), soci::into(id);
  return id;
}

std::vector<QueuedMail> MailRepo::Due(int64_t now_ms, size_t limit) {
  std::vector<QueuedMail> out;
  MailRow row;
  const long long now = now_ms, lim = static_cast<long long>(limit);
  soci::statement st(sql_);
  row.Bind(st);
  st.exchange(soci::use(now));
  st.exchange(soci::use(lim));
  st.alloc();
  st.prepare(std::string(kMailColumns) +
             " WHERE status = 'queued' AND next_attempt_at <= :n ORDER BY id LIMIT :l");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) out.push_back(row.Take());
  return out;
}

bool MailRepo::Claim(Id id, int64_t expected_next_ms, int64_t lease_until_ms) {
  const long long expected = expected_next_ms, lease = lease_until_ms;
  soci::statement st = (sql_.prepare << "UPDATE mail_queue SET next_attempt_at = :l "
                                        "WHERE id = :id AND status = 'queued' AND "
                                        "next_attempt_at = :e",
                        soci::use(lease), soci::use(id), soci::use(expected));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

namespace {
bool Affected(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows() == 1;
}
}  // namespace

bool MailRepo::MarkSent(Id id, int64_t lease_ms, int attempts, int64_t now_ms) {
  const long long now = now_ms, lease = lease_ms;
  soci::statement st =
      (sql_.prepare << "UPDATE mail_queue SET status = 'sent', sent_at = :n, attempts = :a, "
                       "last_error = '' WHERE id = :id AND status = 'queued' AND "
                       "next_attempt_at = :l",
       soci::use(now), soci::use(attempts), soci::use(id), soci::use(lease));
  return Affected(st);
}

bool MailRepo::MarkRetry(Id id, int64_t lease_ms, int attempts, int64_t next_ms,
                         const std::string& error) {
  const long long next = next_ms, lease = lease_ms;
  soci::statement st =
      (sql_.prepare << "UPDATE mail_queue SET attempts = :a, next_attempt_at = :n, "
                       "last_error = :e WHERE id = :id AND status = 'queued' AND "
                       "next_attempt_at = :l",
       soci::use(attempts), soci::use(next), soci::use(error), soci::use(id), soci::use(lease));
  return Affected(st);
}

bool MailRepo::MarkFailed(Id id, int64_t lease_ms, int attempts, const std::string& error) {
  const long long lease = lease_ms;
  soci::statement st =
      (sql_.prepare << "UPDATE mail_queue SET status = 'failed', attempts = :a, last_error = :e "
                       "WHERE id = :id AND status = 'queued' AND next_attempt_at = :l",
       soci::use(attempts), soci::use(error), soci::use(id), soci::use(lease));
  return Affected(st);
}

void MailRepo::Close(Id id, const std::string& status, const std::string& reason) {
  sql_ << "UPDATE mail_queue SET status = :s, last_error = :e WHERE id = :id AND status = "
          "'queued'",
      soci::use(status), soci::use(reason), soci::use(id);
}

long long MailRepo::Prune(int64_t before_ms) {
  const long long before = before_ms;
  soci::statement st = (sql_.prepare << "DELETE FROM mail_queue WHERE status <> 'queued' AND "
                                        "created_at < :b",
                        soci::use(before));
  st.execute(true);
  return st.get_affected_rows();
}

std::optional<QueuedMail> MailRepo::Get(Id id) {
  MailRow row;
  soci::statement st(sql_);
  row.Bind(st);
  st.exchange(soci::use(id));
  st.alloc();
  st.prepare(std::string(kMailColumns) + " WHERE id = :id");
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  return row.Take();
}

MailQueueCounts MailRepo::Counts() {
  MailQueueCounts c;
  std::string status;
  long long n = 0;
  soci::statement st = (sql_.prepare << "SELECT status, count(*) FROM mail_queue GROUP BY status",
                        soci::into(status), soci::into(n));
  st.execute();
  while (st.fetch()) {
    if (status == "queued") c.queued = n;
    if (status == "sent") c.sent = n;
    if (status == "failed") c.failed = n;
    if (status == "cancelled" || status == "expired") c.closed += n;
  }
  long long oldest = 0;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT min(created_at) FROM mail_queue WHERE status = 'queued'", soci::into(oldest, ind);
  c.oldest_queued_ms = ind == soci::i_ok ? oldest : 0;
  return c;
}

}  // namespace binhdang::storage
