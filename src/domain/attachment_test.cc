#include "domain/attachment.h"

#include <gtest/gtest.h>

namespace binhdang::domain {
namespace {

TEST(Attachment, TheTypeComesFromTheFirstBytes) {
  EXPECT_EQ(SniffAttachmentType("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(SniffAttachmentType(std::string("\xFF\xD8\xFF\xDB", 4)), "image/jpeg");
  EXPECT_EQ(SniffAttachmentType(std::string("\x89PNG\r\n\x1a\n", 8)), "image/png");
  EXPECT_EQ(SniffAttachmentType(std::string("\x89PNG\r\n", 6)), std::nullopt) << "cut short";
  EXPECT_EQ(SniffAttachmentType("<html>%PDF-"), std::nullopt);
  EXPECT_EQ(SniffAttachmentType(" %PDF-1.4"), std::nullopt);
  EXPECT_EQ(SniffAttachmentType(std::string("\xFF\xD8", 2)), std::nullopt);
  EXPECT_EQ(SniffAttachmentType(""), std::nullopt);
  EXPECT_EQ(SniffAttachmentType("PK\x03\x04 a docx"), std::nullopt);
}

TEST(Attachment, NamesLoseTheirFolderAndControlsAndGainTheTypesExtension) {
  EXPECT_EQ(*AttachmentFileName("Báo cáo.pdf", "application/pdf"), "Báo cáo.pdf");
  EXPECT_EQ(*AttachmentFileName("Báo cáo.PDF", "application/pdf"), "Báo cáo.PDF");
  EXPECT_EQ(*AttachmentFileName("/tmp/x/../a.jpeg", "image/jpeg"), "a.jpeg");
  EXPECT_EQ(*AttachmentFileName("C:\\Scan\\b.JPG", "image/jpeg"), "b.JPG");
  EXPECT_EQ(*AttachmentFileName("anh", "image/png"), "anh.png");
  EXPECT_EQ(*AttachmentFileName("trang.html", "application/pdf"), "trang.html.pdf");
  EXPECT_EQ(*AttachmentFileName("  a\r\nb\t\"c\".pdf ", "application/pdf"), "abc.pdf");
  for (const char* bad : {"", "   ", "dir/", "..", "\x01\x02"}) {
    auto r = AttachmentFileName(bad, "application/pdf");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().details.at(0).field, "name");
  }
  EXPECT_FALSE(AttachmentFileName("\xC3(", "application/pdf").ok()) << "not UTF-8";
  // Cut at 200 bytes on a character, never inside one ("ệ" is three bytes).
  std::string long_name;
  for (int i = 0; i < 100; ++i) long_name += "ệ";
  const std::string kept = *AttachmentFileName(long_name, "image/png");
  EXPECT_EQ(kept, long_name.substr(0, 198) + ".png");
}

TEST(Attachment, UploadsAreCheckedForSizeTypeAndKind) {
  const std::string pdf = "%PDF-1.4 x";
  EXPECT_EQ(*CheckUpload(pdf, AttachmentKind::kSignedScan, AttachmentOwner::kPlan),
            "application/pdf");
  EXPECT_EQ(CheckUpload("", AttachmentKind::kEvidence, AttachmentOwner::kPlan).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(CheckUpload("GIF89a", AttachmentKind::kEvidence, AttachmentOwner::kPlan).error().code,
            ErrorCode::kUnsupportedMedia);
  std::string big = pdf + std::string(kMaxAttachmentBytes, 'x');
  EXPECT_EQ(CheckUpload(big, AttachmentKind::kEvidence, AttachmentOwner::kPlan).error().code,
            ErrorCode::kPayloadTooLarge);
  big.resize(kMaxAttachmentBytes);
  EXPECT_TRUE(CheckUpload(big, AttachmentKind::kEvidence, AttachmentOwner::kReport).ok());
  EXPECT_EQ(CheckUpload(pdf, AttachmentKind::kSignedScan, AttachmentOwner::kActivity).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(DefaultKind(AttachmentOwner::kActivity), AttachmentKind::kEvidence);
  EXPECT_EQ(DefaultKind(AttachmentOwner::kReport), AttachmentKind::kSignedScan);
  EXPECT_EQ(AttachmentKindFromName("photo"), std::nullopt);
  EXPECT_EQ(AttachmentOwnerFromName("activity"), AttachmentOwner::kActivity);
}

}  // namespace
}  // namespace binhdang::domain
