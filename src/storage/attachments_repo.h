// Attachments of plans, reports and activities (migration 12). The content is kept as base64
// text beside its SHA-256, the same on SQLite and PostgreSQL; removal only marks the row.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/attachment.h"

namespace binhdang::storage {

struct StoredAttachment {
  domain::Attachment meta;
  bool deleted = false;
};

class AttachmentsRepo {
 public:
  explicit AttachmentsRepo(soci::session& sql) : sql_(sql) {}
  //! Inserts `a` (its id ignored) with `content`; returns the new id.
  Id Insert(const domain::Attachment& a, std::string_view content);
  //! The attachment `id`, removed ones included (deleted tells), without its content.
  std::optional<StoredAttachment> Get(Id id, const char* lock = "");
  //! The content of `id`, decoded; nullopt when there is no such row or it was removed.
  std::optional<std::string> Content(Id id);
  //! The attachments of one object that are not removed, oldest first.
  std::vector<domain::Attachment> ListOf(domain::AttachmentOwner owner, Id owner_id);
  int CountOf(domain::AttachmentOwner owner, Id owner_id);
  //! Marks `id` removed by `user_id`; false when it already was.
  bool MarkDeleted(Id id, Id user_id, int64_t now_ms);

 private:
  std::vector<StoredAttachment> Select(const std::string& where, long long a, long long b,
                                       const std::string* text);
  soci::session& sql_;
};

}  // namespace binhdang::storage
