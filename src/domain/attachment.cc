#include "domain/attachment.h"

#include "common/text.h"

namespace binhdang::domain {

const char* AttachmentOwnerName(AttachmentOwner owner) {
  switch (owner) {
    case AttachmentOwner::kPlan:
      return "plan";
    case AttachmentOwner::kReport:
      return "report";
    case AttachmentOwner::kActivity:
      return "activity";
  }
  return "plan";
}

std::optional<AttachmentOwner> AttachmentOwnerFromName(std::string_view name) {
  for (auto o : {AttachmentOwner::kPlan, AttachmentOwner::kReport, AttachmentOwner::kActivity})
    if (name == AttachmentOwnerName(o)) return o;
  return std::nullopt;
}

const char* AttachmentKindName(AttachmentKind kind) {
  return kind == AttachmentKind::kSignedScan ? "signed_scan" : "evidence";
}

std::optional<AttachmentKind> AttachmentKindFromName(std::string_view name) {
  for (auto k : {AttachmentKind::kSignedScan, AttachmentKind::kEvidence})
    if (name == AttachmentKindName(k)) return k;
  return std::nullopt;
}

AttachmentKind DefaultKind(AttachmentOwner owner) {
  return owner == AttachmentOwner::kActivity ? AttachmentKind::kEvidence
                                             : AttachmentKind::kSignedScan;
}

bool KindFits(AttachmentKind kind, AttachmentOwner owner) {
  return kind == AttachmentKind::kEvidence || owner != AttachmentOwner::kActivity;
}

std::optional<std::string> SniffAttachmentType(std::string_view content) {
  if (content.starts_with("%PDF-")) return "application/pdf";
  if (content.size() >= 3 && static_cast<unsigned char>(content[0]) == 0xFF &&
      static_cast<unsigned char>(content[1]) == 0xD8 &&
      static_cast<unsigned char>(content[2]) == 0xFF)
    return "image/jpeg";
  if (content.starts_with(std::string_view("\x89PNG\r\n\x1a\n", 8))) return "image/png";
  return std::nullopt;
}

namespace {
const char* ExtensionOf(const std::string& content_type) {
  if (content_type == "application/pdf") return ".pdf";
  if (content_type == "image/jpeg") return ".jpg";
  return ".png";
}

bool EndsWithAny(const std::string& lower, std::initializer_list<const char*> endings) {
  for (const char* e : endings)
    if (lower.ends_with(e)) return true;
  return false;
}
}  // namespace

Result<std::string> AttachmentFileName(std::string_view name, const std::string& content_type) {
  if (!text::IsCleanUtf8(name)) {
    return Error::Invalid("name", "tên tệp không phải văn bản UTF-8", "the file name is not UTF-8");
  }
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string kept;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7F && c != '"') kept += c;
  }
  kept = text::Trim(kept);
  if (kept.size() > kMaxFileNameBytes) {
    size_t cut = kMaxFileNameBytes;
    while (cut > 0 && (static_cast<unsigned char>(kept[cut]) & 0xC0) == 0x80) --cut;
    kept.resize(cut);
  }
  if (kept.empty() || kept == "." || kept == "..") {
    return Error::Invalid("name", "cần tên tệp", "the file needs a name");
  }
  const std::string lower = text::AsciiLower(kept);
  const bool fits = content_type == "application/pdf" ? lower.ends_with(".pdf")
                    : content_type == "image/jpeg"    ? EndsWithAny(lower, {".jpg", ".jpeg"})
                                                      : lower.ends_with(".png");
  if (!fits) kept += ExtensionOf(content_type);
  return kept;
}

Result<std::string> CheckUpload(std::string_view content, AttachmentKind kind,
                                AttachmentOwner owner) {
  if (content.empty()) return Error::Invalid("file", "tệp trống", "the file is empty");
  if (content.size() > kMaxAttachmentBytes) {
    return Error{ErrorCode::kPayloadTooLarge,
                 {"Tệp lớn hơn 10 MB", "The file is larger than 10 MB"},
                 {{"file", {"tệp lớn hơn 10 MB", "larger than 10 MB"}}},
                 0};
  }
  auto type = SniffAttachmentType(content);
  if (!type) {
    return Error{
        ErrorCode::kUnsupportedMedia,
        {"Chỉ nhận tệp PDF, JPEG hoặc PNG (nhận biết theo nội dung tệp)",
         "Only PDF, JPEG or PNG files are accepted (recognised from their content)"},
        {{"file",
          {"nội dung không phải PDF, JPEG hay PNG", "the content is not PDF, JPEG or PNG"}}},
        0};
  }
  if (!KindFits(kind, owner)) {
    return Error::Invalid("kind", "bản ký đóng dấu chỉ đính kèm kế hoạch hoặc báo cáo",
                          "a signed scan belongs to a plan or a report");
  }
  return *type;
}

}  // namespace binhdang::domain
