#include "common/mime.h"

#include <array>
#include <cstdio>

#include "common/crypto.h"

namespace binhdang::mime {

namespace {

std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) out += (c == '\r' || c == '\n' || c == '\t') ? ' ' : c;
  return out;
}

bool PlainAtom(std::string_view text) {
  if (text.empty() || text.size() > 60) return false;
  for (unsigned char c : text) {
    if (c < 0x20 || c > 0x7e || c == '"' || c == '=' || c == '?' || c == '\\' || c == '<' ||
        c == '>' || c == '(' || c == ')' || c == ',' || c == ';' || c == ':' || c == '@' ||
        c == '[' || c == ']')
      return false;
  }
  return true;
}

// Where a UTF-8 character that starts at `i` ends.
size_t CharEnd(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  size_t end = i + n;
  if (end > s.size()) end = s.size();
  for (size_t k = i + 1; k < end; ++k) {
    if ((static_cast<unsigned char>(s[k]) & 0xc0) != 0x80) return k;  // a broken sequence
  }
  return end;
}

}  // namespace

std::string EncodeWords(std::string_view raw) {
  const std::string text = OneLine(raw);
  if (PlainAtom(text)) return text;
  // "=?UTF-8?B?" + base64 + "?=": 39 bytes of text make 52 of base64, 64 in all, so that
  // "Subject: " and the first word stay within the 76 characters RFC 2047 allows a line.
  constexpr size_t kBytesPerWord = 39;
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = i;
    while (end < text.size()) {
      const size_t next = CharEnd(text, end);
      if (next - i > kBytesPerWord) break;
      end = next;
    }
    if (end == i) end = CharEnd(text, i);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + crypto::ToBase64(std::string_view(text).substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string Rfc5322Date(int64_t unix_ms) {
  static constexpr std::array<const char*, 7> kDays = {"Thu", "Fri", "Sat", "Sun",
                                                       "Mon", "Tue", "Wed"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int64_t secs = unix_ms / 1000 + 7 * 3600;  // Vietnam: UTC+7, no daylight saving
  int64_t days = secs / 86400;
  if (secs % 86400 < 0) --days;
  const int64_t rem = secs - days * 86400;
  const int weekday = static_cast<int>(((days % 7) + 7) % 7);  // 1970-01-01 was a Thursday
  // Days to a civil date (Howard Hinnant's algorithm).
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04lld %02d:%02d:%02d +0700", kDays[weekday], day,
                kMonths[month - 1], static_cast<long long>(year), static_cast<int>(rem / 3600),
                static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60));
  return buf;
}

std::string Compose(const Mail& mail) {
  std::string body;
  body.reserve(mail.body.size() + mail.body.size() / 20);
  for (char c : mail.body) {
    if (c == '\r') continue;
    if (c == '\n') body += '\r';
    body += c;
  }
  const std::string encoded = crypto::ToBase64(body);
  std::string out;
  out += "From: " + EncodeWords(mail.from_name) + " <" + mail.from_addr + ">\r\n";
  out += "To: <" + mail.to_addr + ">\r\n";
  out += "Subject: " + EncodeWords(mail.subject) + "\r\n";
  out += "Date: " + Rfc5322Date(mail.date_ms) + "\r\n";
  out += "Message-ID: <" + mail.message_id + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  out += "\r\n";
  for (size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;
}

}  // namespace binhdang::mime
