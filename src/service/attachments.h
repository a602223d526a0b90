// Attachments of plans, reports and activities: the signed and sealed scan of an issued plan
// or report, the evidence of an activity. Whoever may read the object sees and downloads its
// attachments; whoever may change it attaches and removes them (a plan: its unit's planners; a
// report: its unit's reporters; an activity: those who update its progress or write its plan).
// Removal keeps the bytes (the row is marked), so nothing attached is lost; the audit log names
// each upload and removal with the file's SHA-256.
#pragma once

#include <string>
#include <vector>

#include "domain/attachment.h"
#include "service/context.h"
#include "service/plans.h"
#include "service/reports.h"
#include "service/unit_directory.h"
#include "storage/store.h"

namespace binhdang::service {

struct AttachmentUpload {
  domain::AttachmentOwner owner = domain::AttachmentOwner::kPlan;
  Id owner_id = 0;
  std::optional<domain::AttachmentKind> kind;  // the owner's default when absent
  std::string file_name;
  std::string content;
};

struct AttachmentFile {
  domain::Attachment meta;
  std::string content;
};

class AttachmentsService {
 public:
  AttachmentsService(storage::Store& store, UnitDirectory& directory, PlansService& plans,
                     ReportsService& reports)
      : store_(store), directory_(directory), plans_(plans), reports_(reports) {}

  //! Stores `upload` after the checks of domain::CheckUpload and AttachmentFileName; kConflict
  //! when the object already has kMaxAttachmentsPerObject.
  Result<domain::Attachment> Upload(const Caller& caller, const AttachmentUpload& upload);
  //! The attachments of one object, oldest first.
  Result<std::vector<domain::Attachment>> List(const Caller& caller, domain::AttachmentOwner owner,
                                               Id owner_id);
  //! One attachment with its content; its checksum is verified on the way out.
  Result<AttachmentFile> Download(const Caller& caller, Id id);
  //! Marks the attachment removed (kNotFound when it already is).
  Status Remove(const Caller& caller, Id id);

 private:
  //! The unit the object is attached to, after checking that the caller may read it (and,
  //! with `write`, change its attachments): the answers of the plans and reports services.
  Result<Id> Authorise(const Caller& caller, domain::AttachmentOwner owner, Id owner_id,
                       bool write);

  storage::Store& store_;
  UnitDirectory& directory_;
  PlansService& plans_;
  ReportsService& reports_;
};

}  // namespace binhdang::service
