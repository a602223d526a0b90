// E-mail: the notices not mailed yet (with their user's address and preference) and the queue
// of composed messages with their attempts. A message is queued in the same transaction that
// marks its notices mailed, and leaves the queue only when a server has taken it (sent) or
// refused it for good (failed), so neither a crash nor an outage loses or repeats one.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "common/ids.h"

namespace binhdang::storage {

//! A notice not mailed yet, to a user who has an address and wants mail.
struct UnmailedNotice {
  Id id = 0;
  Id user_id = 0;
  std::string email;
  std::string full_name;
  std::string email_pref;  // "each" or "digest"
  std::string kind;
  std::string message;  // Vietnamese
  std::string link;
  int64_t created_ms = 0;
  bool read = false;
};

struct QueuedMail {
  Id id = 0;
  Id user_id = 0;  // 0: not a user's (a test message)
  std::string to_addr;
  std::string subject;
  std::string body;  // the composed message (mime::Compose)
  int64_t created_ms = 0;
  int attempts = 0;
  int64_t next_attempt_ms = 0;
  std::string status;  // "queued", "sent", "failed"
  int64_t sent_ms = 0;
  std::string last_error;
};

struct MailQueueCounts {
  long long queued = 0;
  long long sent = 0;
  long long failed = 0;
  long long closed = 0;          // cancelled or expired
  int64_t oldest_queued_ms = 0;  // 0: none queued
};

class MailRepo {
 public:
  explicit MailRepo(soci::session& sql) : sql_(sql) {}

  //! Notices created at or after `since_ms`, not mailed, of active users with an address and a
  //! preference other than "off", oldest first, at most `limit` — and of those only what can go
  //! now: read already, of a user who wants each, of one of `urgent_kinds` (letters, digits and
  //! '_' only), or created before `digest_cutoff_ms`; the rest waits without taking the limit.
  std::vector<UnmailedNotice> Unmailed(int64_t since_ms, int64_t digest_cutoff_ms,
                                       const std::vector<std::string>& urgent_kinds, size_t limit);
  //! Marks a notice mailed (or passed over: read before its digest); false if it already was.
  bool MarkMailed(Id notice_id, int64_t now_ms);

  Id Enqueue(const QueuedMail& mail);
  //! Queued messages whose next attempt is due at `now_ms`, oldest first.
  std::vector<QueuedMail> Due(int64_t now_ms, size_t limit);
  //! Takes a due message for one sender: its next attempt moves to `lease_until_ms` if it is
  //! still `expected_next_ms`. False when another sender took it first.
  bool Claim(Id id, int64_t expected_next_ms, int64_t lease_until_ms);
  //! The outcome of a claimed message, if this sender still holds its claim (`lease_ms`, as
  //! Claim set it): false when the claim ran out and another sender took it.
  bool MarkSent(Id id, int64_t lease_ms, int attempts, int64_t now_ms);
  bool MarkRetry(Id id, int64_t lease_ms, int attempts, int64_t next_ms, const std::string& error);
  bool MarkFailed(Id id, int64_t lease_ms, int attempts, const std::string& error);
  //! Takes a queued message out of the queue unsent: "cancelled" (its user no longer wants it
  //! there) or "expired" (not sent in time).
  void Close(Id id, const std::string& status, const std::string& reason);
  //! Deletes messages no longer queued that were created before `before_ms`; how many.
  long long Prune(int64_t before_ms);
  std::optional<QueuedMail> Get(Id id);
  MailQueueCounts Counts();

 private:
  soci::session& sql_;
};

}  // namespace binhdang::storage
