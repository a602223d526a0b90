// Attachments (service/attachments.h):
//   GET  /api/v1/{plans|reports|activities}/{id}/attachments     the object's attachments
//   POST /api/v1/{plans|reports|activities}/{id}/attachments?name=&kind=
//        the body is the file itself (PDF, JPEG or PNG, at most 10 MB); `name` the file name
//        as the user's computer calls it; `kind` signed_scan | evidence (default: signed_scan
//        for plans and reports, evidence for activities). 201 with the attachment.
//   GET    /api/v1/attachments/{id}   the file, always as a download (never shown inline)
//   DELETE /api/v1/attachments/{id}   removes it from the object (the bytes are kept)
#include "common/time.h"
#include "http/api.h"

namespace binhdang::http {

namespace {

using domain::AttachmentOwner;

nlohmann::json AttachmentJson(const domain::Attachment& a) {
  return {{"id", IdToString(a.id)},
          {"owner_type", domain::AttachmentOwnerName(a.owner)},
          {"owner_id", IdToString(a.owner_id)},
          {"kind", domain::AttachmentKindName(a.kind)},
          {"file_name", a.file_name},
          {"content_type", a.content_type},
          {"size", a.size},
          {"sha256", a.sha256},
          {"created_by", {{"id", IdToString(a.created_by)}, {"full_name", a.created_by_name}}},
          {"created_at", IsoInstant(a.created_ms)},
          {"href", "/api/v1/attachments/" + IdToString(a.id)}};
}

Result<std::optional<domain::AttachmentKind>> KindOf(const Request& req) {
  auto name = req.Query("kind");
  if (!name || name->empty()) return std::optional<domain::AttachmentKind>();
  auto kind = domain::AttachmentKindFromName(*name);
  if (!kind) {
    return Error::Invalid("kind",
                          "loại tệp là signed_scan (bản ký, đóng dấu) hoặc evidence (minh chứng)",
                          "kind is signed_scan or evidence");
  }
  return std::optional<domain::AttachmentKind>(*kind);
}

const char* Extension(const std::string& content_type) {
  return content_type == "application/pdf" ? ".pdf"
         : content_type == "image/jpeg"    ? ".jpg"
                                           : ".png";
}

}  // namespace

void RegisterAttachmentRoutes(Router& router, Api& api) {
  auto& svc = api.services();
  for (const auto& [collection, owner] :
       {std::pair{"plans", AttachmentOwner::kPlan}, std::pair{"reports", AttachmentOwner::kReport},
        std::pair{"activities", AttachmentOwner::kActivity}}) {
    const AttachmentOwner o = owner;
    const std::string path = std::string("/api/v1/") + collection + "/{id}/attachments";
    router.Add("GET", path, Access::kSignedIn, [&svc, o](Request& req) -> Result<Response> {
      BD_ASSIGN_OR_RETURN(Id id, PathId(req));
      BD_ASSIGN_OR_RETURN(auto list, svc.attachments.List(req.caller, o, id));
      nlohmann::json items = nlohmann::json::array();
      for (const auto& a : list) items.push_back(AttachmentJson(a));
      return Response::Json({{"items", std::move(items)}});
    });
    router.Add("POST", path, Access::kSignedIn, [&svc, o](Request& req) -> Result<Response> {
      BD_ASSIGN_OR_RETURN(Id id, PathId(req));
      BD_ASSIGN_OR_RETURN(auto kind, KindOf(req));
      service::AttachmentUpload upload{o, id, kind, req.Query("name").value_or(""),
                                       std::move(req.body)};
      BD_ASSIGN_OR_RETURN(auto saved, svc.attachments.Upload(req.caller, upload));
      return Response::Json(AttachmentJson(saved), 201);
    });
  }
  router.Add("GET", "/api/v1/attachments/{id}", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto file, svc.attachments.Download(req.caller, id));
               const std::string type = file.meta.content_type;
               Response res =
                   AttachmentResponse(std::move(file.content), type,
                                      "tep-dinh-kem-" + IdToString(file.meta.id) + Extension(type),
                                      file.meta.file_name);
               // Even a PDF opened from the download runs no script of ours' origin.
               res.headers.emplace_back("Content-Security-Policy", "sandbox");
               return res;
             });
  router.Add("DELETE", "/api/v1/attachments/{id}", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_RETURN_IF_ERROR(svc.attachments.Remove(req.caller, id));
               return Response::NoContent();
             });
}

}  // namespace binhdang::http
