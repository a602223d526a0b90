// A client of SMTP (RFC 5321) for binhdang's mail: one connection that sends several messages,
// STARTTLS (RFC 3207) or TLS from the start, the server's certificate checked against the
// system's authorities or a given file and the host's name, AUTH PLAIN or LOGIN only over TLS,
// and a time limit on every step so a silent server cannot hold the sender.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace binhdang::service {

struct SmtpOptions {
  std::string host;  // "" : mail is off
  int port = 587;
  std::string security = "starttls";  // "starttls", "tls" (port 465) or "none" (a local relay)
  std::string user;                   // "" : no AUTH
  std::string password;
  std::string ca_file;            // "" : the system's authorities
  std::string helo = "binhdang";  // the name given in EHLO
  int timeout_ms = 30000;
};

//! What became of one message (or of the connection).
struct SmtpOutcome {
  bool sent = false;
  //! The server refused the message for good (5xx to its sender, recipient or content):
  //! retrying will not help. Everything else (no connection, 4xx, a time limit) is worth
  //! another try later.
  bool permanent = false;
  std::string error;  // the server's reply or what went wrong, for the log and the queue
  //! The server, the connection or the configuration failed, not this message: the messages
  //! after it would fail the same way and wait too.
  bool stop = false;
};

class SmtpSession {
 public:
  explicit SmtpSession(SmtpOptions options);
  ~SmtpSession();
  SmtpSession(const SmtpSession&) = delete;
  SmtpSession& operator=(const SmtpSession&) = delete;

  //! Connects, greets, starts TLS and authenticates. A failure is never `permanent` for the
  //! messages: they wait for the server or the configuration to be mended.
  SmtpOutcome Open();
  //! Sends one message (`data`: the composed message with CRLF line endings) from `from` to
  //! `to`. After a failure that is not `permanent` the session is closed.
  SmtpOutcome Send(std::string_view from, std::string_view to, std::string_view data);
  //! Says QUIT and closes (also done by the destructor).
  void Close();
  bool open() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace binhdang::service
