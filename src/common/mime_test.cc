#include "common/mime.h"

#include <gtest/gtest.h>

#include "common/crypto.h"

namespace binhdang::mime {
namespace {

// Decodes what EncodeWords wrote, checking each word's form and length on the way.
std::string Decode(const std::string& words) {
  std::string out;
  size_t at = 0;
  while (at < words.size()) {
    if (words.compare(at, 3, "\r\n ") == 0) at += 3;
    EXPECT_EQ(words.compare(at, 10, "=?UTF-8?B?"), 0) << words.substr(at);
    const size_t end = words.find("?=", at + 10);
    EXPECT_NE(end, std::string::npos);
    EXPECT_LE(end + 2 - at, 75u) << "an encoded word longer than RFC 2047 allows";
    auto raw = crypto::FromBase64(words.substr(at + 10, end - at - 10));
    EXPECT_TRUE(raw.has_value());
    // Each word holds whole characters: it decodes to valid UTF-8 on its own.
    if (raw && !raw->empty()) {
      const unsigned char last = static_cast<unsigned char>(raw->back());
      EXPECT_TRUE(last < 0x80 || (last & 0xc0) == 0x80) << "a word ends inside a character";
      EXPECT_NE(static_cast<unsigned char>(raw->front()) & 0xc0, 0x80)
          << "a word starts inside a character";
    }
    out += raw.value_or("");
    at = end + 2;
  }
  return out;
}

TEST(Mime, PlainAsciiStaysAndVietnameseIsEncodedInWholeCharacters) {
  EXPECT_EQ(EncodeWords("binhdang"), "binhdang");
  const std::string subject =
      "[binhdang] Báo cáo Tháng hành động vì bình đẳng giới và phòng, chống bạo lực trên cơ sở "
      "giới năm 2026 được trả lại để chỉnh sửa";
  const std::string words = EncodeWords(subject);
  EXPECT_EQ(words.find('\n') != std::string::npos, true) << "a long subject is folded";
  EXPECT_EQ(Decode(words), subject);
  EXPECT_EQ(Decode(EncodeWords("Hệ thống")), "Hệ thống");
}

TEST(Mime, ALineBreakInASubjectCannotStartAHeader) {
  const std::string words = EncodeWords("Trả lại\r\nBcc: ai@do.vn");
  EXPECT_EQ(words.find("\r\nBcc"), std::string::npos);
  EXPECT_EQ(Decode(words), "Trả lại  Bcc: ai@do.vn");
}

TEST(Mime, DatesAreWrittenInVietnamTime) {
  // 2026-12-03T16:05:09Z is 23:05:09 in Hà Nội, a Thursday; 1970-01-01T00:00Z was 07:00 there.
  EXPECT_EQ(Rfc5322Date(1796313909000), "Thu, 03 Dec 2026 23:05:09 +0700");
  EXPECT_EQ(Rfc5322Date(0), "Thu, 01 Jan 1970 07:00:00 +0700");
  EXPECT_EQ(Rfc5322Date(1709306400000), "Fri, 01 Mar 2024 22:20:00 +0700");  // after 29 Feb
}

TEST(Mime, TheBodyIsBase64InShortLinesAfterTheHeaders) {
  Mail m{"Hệ thống binhdang",
         "binhdang@laichau.gov.vn",
         "a@xa.gov.vn",
         "Nhắc nộp báo cáo",
         std::string(500, 'x') + "\n.\nKính gửi",
         0,
         "abc@laichau.gov.vn"};
  const std::string out = Compose(m);
  const size_t split = out.find("\r\n\r\n");
  ASSERT_NE(split, std::string::npos);
  const std::string headers = out.substr(0, split);
  for (size_t at = 0; at < headers.size();) {
    const size_t end = std::min(headers.find("\r\n", at), headers.size());
    EXPECT_LE(end - at, 76u) << headers.substr(at, end - at);
    at = end + 2;
  }
  EXPECT_NE(headers.find("Content-Type: text/plain; charset=UTF-8"), std::string::npos);
  EXPECT_NE(headers.find("To: <a@xa.gov.vn>"), std::string::npos);
  EXPECT_NE(headers.find("Message-ID: <abc@laichau.gov.vn>"), std::string::npos);
  std::string body64;
  size_t at = split + 4;
  while (at < out.size()) {
    const size_t end = out.find("\r\n", at);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - at, 76u);
    EXPECT_NE(out[at], '.');
    body64 += out.substr(at, end - at);
    at = end + 2;
  }
  EXPECT_EQ(crypto::FromBase64(body64).value_or(""), std::string(500, 'x') + "\r\n.\r\nKính gửi");
}

}  // namespace
}  // namespace binhdang::mime
