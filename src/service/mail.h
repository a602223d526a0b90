// E-mail of the notices (issue 11): each notice as it comes or a daily digest at 07:00
// (Vietnam), with the urgent ones — a report returned, an activity due, a password reset, a
// case handed over — at once; nothing for a user with no address or who chose none. A notice
// read in the app before its mail goes is not mailed. A notice about a GBV case is mailed only
// as "there is something for you in binhdang": no case detail leaves by mail.
//
// Two steps, both safe to run on several servers and again after a crash:
//   Compose  turns unmailed notices into messages in the queue (mail_queue), marking them
//            mailed in the same transaction;
//   Deliver  sends the queued messages over SMTP (service/smtp_client.h). A message is claimed
//            for ten minutes before it is sent; a server that cannot be reached or answers 4xx
//            leaves it queued for another try (1 minute, doubling, at most 6 hours apart, for
//            5 days), a 5xx to its recipient marks it failed with the server's reply; a refused
//            sender or login stops the round with every message still queued. A message whose
//            user has since changed the address, chosen no mail or been deactivated is taken
//            out unsent (the notice stays in the app). A crash between the server's "250" and
//            the record of it sends that one message twice.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "common/result.h"
#include "service/smtp_client.h"
#include "storage/mail_repo.h"
#include "storage/store.h"

namespace binhdang::service {

struct MailOptions {
  SmtpOptions smtp;        // smtp.host "" : mail is off
  std::string from_addr;   // "binhdang@laichau.gov.vn"
  std::string public_url;  // "https://binhdang.laichau.gov.vn": links in the mails; "" for none
  int digest_hour = 7;     // the digest goes after this hour, Vietnam time
};

struct ComposeResult {
  int each = 0;         // messages of one notice
  int digests = 0;      // digest messages
  int passed_over = 0;  // notices read before their mail went
};

struct DeliverResult {
  int sent = 0;
  int retried = 0;  // left queued for another try
  int failed = 0;   // refused for good
  int closed = 0;   // taken out unsent: the user changed the address or wants none, or 5 days
};

class MailService {
 public:
  explicit MailService(storage::Store& store) : store_(store) {}
  ~MailService();
  MailService(const MailService&) = delete;
  MailService& operator=(const MailService&) = delete;

  //! Takes the options (before Every). An error names a bad sender address, port or security.
  Status Configure(MailOptions options);
  bool enabled() const { return !options_.smtp.host.empty(); }

  //! Queues what is due at `now_ms`: each notice of users who want each and every urgent one,
  //! and once the digest hour has passed, one digest per user of the rest from before it.
  ComposeResult Compose(int64_t now_ms);
  //! Sends the queued messages due at `now_ms` (at most 50 a call).
  DeliverResult Deliver(int64_t now_ms);
  //! Deletes sent and given-up messages older than 90 days; how many.
  long long Prune(int64_t now_ms);
  //! Composes and delivers now and then every `interval_ms` until destroyed (when enabled).
  void Every(int64_t interval_ms);

  storage::MailQueueCounts Counts();

 private:
  storage::Store& store_;
  MailOptions options_;
  std::thread worker_;
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stop_ = false;
};

}  // namespace binhdang::service
