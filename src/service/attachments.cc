#include "service/attachments.h"

#include "common/crypto.h"
#include "domain/access.h"
#include "service/mutate.h"
#include "storage/attachments_repo.h"

namespace binhdang::service {

using domain::AttachmentOwner;
using domain::Right;

namespace {
Error AttachmentNotFound() { return Error::NotFound("tệp đính kèm", "Attachment"); }
}  // namespace

Result<Id> AttachmentsService::Authorise(const Caller& caller, AttachmentOwner owner, Id owner_id,
                                         bool write) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  const domain::User& user = *caller.user;
  auto tree = directory_.Tree();
  switch (owner) {
    case AttachmentOwner::kPlan: {
      BD_ASSIGN_OR_RETURN(auto plan, plans_.Get(caller, owner_id));
      if (write && !domain::Can(user, Right::kWritePlans, plan.unit_id, *tree))
        return Error::Forbidden();
      return plan.unit_id;
    }
    case AttachmentOwner::kReport: {
      BD_ASSIGN_OR_RETURN(auto report, reports_.Get(caller, owner_id));
      if (write && !domain::Can(user, Right::kEnterReports, report.unit_id, *tree))
        return Error::Forbidden();
      return report.unit_id;
    }
    case AttachmentOwner::kActivity: {
      BD_ASSIGN_OR_RETURN(auto detail, plans_.GetActivity(caller, owner_id));
      const Id lead = detail.activity.lead_unit_id;
      const bool may = domain::Can(user, Right::kWritePlans, detail.plan.unit_id, *tree) ||
                       domain::Can(user, Right::kUpdateActivities, detail.plan.unit_id, *tree) ||
                       (lead && domain::Can(user, Right::kUpdateActivities, lead, *tree));
      if (write && !may) return Error::Forbidden();
      return detail.plan.unit_id;
    }
  }
  return Error::Forbidden();
}

Result<domain::Attachment> AttachmentsService::Upload(const Caller& caller,
                                                      const AttachmentUpload& in) {
  BD_ASSIGN_OR_RETURN(const Id unit_id, Authorise(caller, in.owner, in.owner_id, true));
  const auto kind = in.kind.value_or(domain::DefaultKind(in.owner));
  BD_ASSIGN_OR_RETURN(const std::string type, domain::CheckUpload(in.content, kind, in.owner));
  BD_ASSIGN_OR_RETURN(const std::string name, domain::AttachmentFileName(in.file_name, type));
  domain::Attachment a;
  a.owner = in.owner;
  a.owner_id = in.owner_id;
  a.kind = kind;
  a.file_name = name;
  a.content_type = type;
  a.size = static_cast<long long>(in.content.size());
  a.sha256 = crypto::Sha256Hex(in.content);
  a.created_by = caller.user->id;
  a.created_by_name = caller.user->full_name;
  return Mutate(store_, caller, [&](Mutation& m) -> Result<domain::Attachment> {
    storage::AttachmentsRepo repo(m.sql());
    if (repo.CountOf(a.owner, a.owner_id) >= domain::kMaxAttachmentsPerObject) {
      return Error::Conflict("Mỗi đối tượng có tối đa 50 tệp đính kèm",
                             "An object has at most 50 attachments");
    }
    domain::Attachment stored = a;
    stored.created_ms = m.now_ms();
    stored.id = repo.Insert(stored, in.content);
    m.Audit({"attachment.create", "attachment", IdToString(stored.id), unit_id, "ok",
             std::string(domain::AttachmentOwnerName(a.owner)) + " " + IdToString(a.owner_id) +
                 ": " + a.file_name + " (" + std::to_string(a.size) + " B, sha256 " + a.sha256 +
                 ")"});
    return stored;
  });
}

Result<std::vector<domain::Attachment>> AttachmentsService::List(const Caller& caller,
                                                                 AttachmentOwner owner,
                                                                 Id owner_id) {
  if (auto seen = Authorise(caller, owner, owner_id, false); !seen.ok()) return seen.take_error();
  auto sql = store_.Lease();
  return storage::AttachmentsRepo(*sql).ListOf(owner, owner_id);
}

Result<AttachmentFile> AttachmentsService::Download(const Caller& caller, Id id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  std::optional<storage::StoredAttachment> row;
  {
    auto sql = store_.Lease();
    row = storage::AttachmentsRepo(*sql).Get(id);
  }
  if (!row) return AttachmentNotFound();
  if (auto seen = Authorise(caller, row->meta.owner, row->meta.owner_id, false); !seen.ok())
    return seen.take_error();
  if (row->deleted) return AttachmentNotFound();
  std::optional<std::string> content;
  {
    auto sql = store_.Lease();
    content = storage::AttachmentsRepo(*sql).Content(id);
  }
  if (!content) return AttachmentNotFound();
  if (crypto::Sha256Hex(*content) != row->meta.sha256) {
    return Error::Internal("attachment " + IdToString(id) + " does not match its checksum");
  }
  return AttachmentFile{std::move(row->meta), std::move(*content)};
}

Status AttachmentsService::Remove(const Caller& caller, Id id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  std::optional<storage::StoredAttachment> row;
  {
    auto sql = store_.Lease();
    row = storage::AttachmentsRepo(*sql).Get(id);
  }
  if (!row) return AttachmentNotFound();
  BD_ASSIGN_OR_RETURN(const Id unit_id,
                      Authorise(caller, row->meta.owner, row->meta.owner_id, true));
  return Mutate(store_, caller, [&](Mutation& m) -> Status {
    storage::AttachmentsRepo repo(m.sql());
    if (!repo.MarkDeleted(id, caller.user->id, m.now_ms())) return AttachmentNotFound();
    m.Audit({"attachment.delete", "attachment", IdToString(id), unit_id, "ok",
             row->meta.file_name + " (sha256 " + row->meta.sha256 + ")"});
    return Ok();
  });
}

}  // namespace binhdang::service
