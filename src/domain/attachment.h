// Attachments (tệp đính kèm): the signed and sealed scan of an issued plan or report, and the
// evidence photos of an activity. Only PDF, JPEG and PNG are kept, recognised from their first
// bytes (the name the browser sent is not trusted), never more than kMaxAttachmentBytes, and
// always served as a download, so nothing uploaded can run as a page. Pure code.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/ids.h"
#include "common/result.h"

namespace binhdang::domain {

//! What an attachment belongs to.
enum class AttachmentOwner { kPlan, kReport, kActivity };
//! "plan", "report", "activity" (the API's and the audit log's words).
const char* AttachmentOwnerName(AttachmentOwner owner);
std::optional<AttachmentOwner> AttachmentOwnerFromName(std::string_view name);

//! Why it is kept: the signed scan (bản ký, đóng dấu) of a plan or report, or evidence of an
//! activity (ảnh, biên bản).
enum class AttachmentKind { kSignedScan, kEvidence };
const char* AttachmentKindName(AttachmentKind kind);
std::optional<AttachmentKind> AttachmentKindFromName(std::string_view name);
//! The kind an upload gets when it names none: the signed scan for plans and reports, evidence
//! for activities.
AttachmentKind DefaultKind(AttachmentOwner owner);
//! Whether `kind` may be attached to `owner` (a signed scan belongs to a plan or a report).
bool KindFits(AttachmentKind kind, AttachmentOwner owner);

inline constexpr size_t kMaxAttachmentBytes = 10 * 1024 * 1024;
inline constexpr int kMaxAttachmentsPerObject = 50;
inline constexpr size_t kMaxFileNameBytes = 200;

struct Attachment {
  Id id = 0;
  AttachmentOwner owner = AttachmentOwner::kPlan;
  Id owner_id = 0;
  AttachmentKind kind = AttachmentKind::kSignedScan;
  std::string file_name;     // as shown and downloaded: NFC, no folder, the type's extension
  std::string content_type;  // "application/pdf", "image/jpeg", "image/png"
  long long size = 0;        // bytes
  std::string sha256;        // hex, of the content
  Id created_by = 0;
  std::string created_by_name;
  int64_t created_ms = 0;
};

//! The media type `content` starts as: "application/pdf" (%PDF-), "image/jpeg" (FF D8 FF),
//! "image/png" (the eight bytes of the PNG signature); nullopt for anything else.
std::optional<std::string> SniffAttachmentType(std::string_view content);

//! The name to keep for an upload called `name` whose content is `content_type`: the part after
//! the last '/' or '\', control characters removed, trimmed, at most kMaxFileNameBytes (cut on
//! a character), with the type's extension (".pdf", ".jpg", ".png") added when it has another.
//! kInvalidArgument naming `name` when nothing is left or it is not UTF-8.
Result<std::string> AttachmentFileName(std::string_view name, const std::string& content_type);

//! The checks of an upload before it is stored: not empty, at most kMaxAttachmentBytes
//! (kPayloadTooLarge), a type SniffAttachmentType knows (kUnsupportedMedia naming "file"), a
//! kind that fits the owner. Returns the sniffed media type.
Result<std::string> CheckUpload(std::string_view content, AttachmentKind kind,
                                AttachmentOwner owner);

}  // namespace binhdang::domain
