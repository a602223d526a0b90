// Internet messages (RFC 5322 with MIME) as binhdang sends them: plain UTF-8 text, its body in
// base64 so that no line is too long and none starts with a dot, its subject and sender's name
// as RFC 2047 encoded words so that Vietnamese survives every mail server.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace binhdang::mime {

struct Mail {
  std::string from_name;   // "binhdang" or a unit's name, any UTF-8
  std::string from_addr;   // a checked mailbox address (domain::IsMailboxAddress)
  std::string to_addr;     // idem
  std::string subject;     // any UTF-8; line breaks become spaces
  std::string body;        // UTF-8 text, lines separated by "\n"
  int64_t date_ms = 0;     // the Date header, written in Vietnam's time (+0700)
  std::string message_id;  // "<id@host>" without the brackets
};

//! `text` as RFC 2047 "B" encoded words of UTF-8, each at most 75 characters and never splitting
//! a character, joined by folding ("\r\n "); plain ASCII without specials is returned as is.
std::string EncodeWords(std::string_view text);
//! The RFC 5322 date of `unix_ms` in +0700: "Thu, 03 Dec 2026 23:05:09 +0700".
std::string Rfc5322Date(int64_t unix_ms);
//! The whole message, CRLF line endings, ready for SMTP DATA (before dot-stuffing).
std::string Compose(const Mail& mail);

}  // namespace binhdang::mime
