#include "storage/attachments_repo.h"

#include <stdexcept>

#include "common/crypto.h"

namespace binhdang::storage {

using domain::AttachmentOwner;

Id AttachmentsRepo::Insert(const domain::Attachment& a, std::string_view content) {
  const std::string owner = domain::AttachmentOwnerName(a.owner);
  const std::string kind = domain::AttachmentKindName(a.kind);
  const std::string encoded = crypto::ToBase64(content);
  const long long size = a.size, created = a.created_ms;
  Id id = 0;
  sql_ << "INSERT INTO attachments (owner_type, owner_id, kind, file_name, content_type, size, "
          "sha256, content, created_by, created_at) "
          "VALUES (:o, :oid, :k, :f, :t, :s, :h, :c, :by, :at) RETURNING id",
      soci::use(owner), soci::use(a.owner_id), soci::use(kind), soci::use(a.file_name),
      soci::use(a.content_type), soci::use(size), soci::use(a.sha256), soci::use(encoded),
      soci::use(a.created_by), soci::use(created), soci::into(id);
  return id;
}

std::vector<StoredAttachment> AttachmentsRepo::Select(const std::string& where, long long a,
                                                      long long b, const std::string* text) {
  std::vector<StoredAttachment> out;
  StoredAttachment row;
  std::string owner, kind, by_name;
  long long size = 0, created = 0, deleted_at = 0;
  soci::indicator ind_deleted = soci::i_null, ind_name = soci::i_null;
  soci::statement st(sql_);
  st.exchange(soci::into(row.meta.id));
  st.exchange(soci::into(owner));
  st.exchange(soci::into(row.meta.owner_id));
  st.exchange(soci::into(kind));
  st.exchange(soci::into(row.meta.file_name));
  st.exchange(soci::into(row.meta.content_type));
  st.exchange(soci::into(size));
  st.exchange(soci::into(row.meta.sha256));
  st.exchange(soci::into(row.meta.created_by));
  st.exchange(soci::into(by_name, ind_name));
  st.exchange(soci::into(created));
  st.exchange(soci::into(deleted_at, ind_deleted));
  if (text) st.exchange(soci::use(*text));
  st.exchange(soci::use(a));
  if (b) st.exchange(soci::use(b));
  st.alloc();
  st.prepare(
      "SELECT a.id, a.owner_type, a.owner_id, a.kind, a.file_name, a.content_type, a.size, "
      "a.sha256, a.created_by, u.full_name, a.created_at, a.deleted_at "
      "FROM attachments a LEFT JOIN users u ON u.id = a.created_by " +
      where);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    auto o = domain::AttachmentOwnerFromName(owner);
    auto k = domain::AttachmentKindFromName(kind);
    if (!o || !k) {
      throw std::runtime_error("attachment " + std::to_string(row.meta.id) +
                               " has an unknown owner type or kind: " + owner + ", " + kind);
    }
    row.meta.owner = *o;
    row.meta.kind = *k;
    row.meta.size = size;
    row.meta.created_ms = created;
    row.meta.created_by_name = ind_name == soci::i_ok ? by_name : std::string();
    row.deleted = ind_deleted == soci::i_ok;
    out.push_back(row);
  }
  return out;
}

std::optional<StoredAttachment> AttachmentsRepo::Get(Id id, const char* lock) {
  auto rows = Select(std::string("WHERE a.id = :id") + lock, id, 0, nullptr);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<std::string> AttachmentsRepo::Content(Id id) {
  std::string encoded;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT content FROM attachments WHERE id = :id AND deleted_at IS NULL", soci::use(id),
      soci::into(encoded, ind);
  if (!sql_.got_data() || ind != soci::i_ok) return std::nullopt;
  auto raw = crypto::FromBase64(encoded);
  if (!raw) throw std::runtime_error("attachment " + std::to_string(id) + ": content not base64");
  return raw;
}

std::vector<domain::Attachment> AttachmentsRepo::ListOf(AttachmentOwner owner, Id owner_id) {
  const std::string type = domain::AttachmentOwnerName(owner);
  std::vector<domain::Attachment> out;
  for (auto& row : Select("WHERE a.owner_type = :o AND a.owner_id = :id AND a.deleted_at IS NULL "
                          "ORDER BY a.id",
                          owner_id, 0, &type))
    out.push_back(std::move(row.meta));
  return out;
}

int AttachmentsRepo::CountOf(AttachmentOwner owner, Id owner_id) {
  const std::string type = domain::AttachmentOwnerName(owner);
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM attachments WHERE owner_type = :o AND owner_id = :id "
          "AND deleted_at IS NULL",
      soci::use(type), soci::use(owner_id), soci::into(n);
  return static_cast<int>(n);
}

bool AttachmentsRepo::MarkDeleted(Id id, Id user_id, int64_t now_ms) {
  const long long now = now_ms;
  soci::statement st = (sql_.prepare << "UPDATE attachments SET deleted_at = :n, deleted_by = :u "
                                        "WHERE id = :id AND deleted_at IS NULL",
                        soci::use(now), soci::use(user_id), soci::use(id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

}  // namespace binhdang::storage
