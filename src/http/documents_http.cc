// Official documents out: GET /api/v1/plans/{id}/document.pdf|.docx — the plan in the NĐ 30 layout.
// Same access as reading the plan (a plan the caller may not read is a 404).
#include <cstdio>

#include "documents/plan_docx.h"
#include "documents/plan_document.h"
#include "documents/plan_pdf.h"
#include "http/api.h"

namespace binhdang::http {

namespace {

//! RFC 5987 value: UTF-8, every byte outside attr-char percent-encoded.
std::string Rfc5987(const std::string& s) {
  std::string out = "UTF-8''";
  for (unsigned char c : s) {
    if (std::isalnum(c) || std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

//! "ke-hoach-144.pdf" (ASCII) and "Kế hoạch 144-KH-UBND.pdf" (filename*).
Response DocumentResponse(std::string bytes, const domain::Plan& plan, const std::string& ext,
                          const std::string& content_type) {
  const std::string key = plan.number ? std::to_string(*plan.number) : IdToString(plan.id);
  std::string symbol;
  for (char c : plan.symbol) symbol += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  const std::string ascii = "ke-hoach-" + key + "." + ext;
  const std::string vietnamese = "Kế hoạch " + key + (plan.number ? "-" + symbol : std::string()) + "." + ext;
  Response res;
  res.content_type = content_type;
  res.body = std::move(bytes);
  res.headers.push_back(
      {"Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=" + Rfc5987(vietnamese)});
  return res;
}

}  // namespace

void RegisterDocumentRoutes(Router& router, Api& api) {
  auto& svc = api.services();
  router.Add("GET", "/api/v1/plans/{id}/document.pdf", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
    BD_ASSIGN_OR_RETURN(Id id, PathId(req));
    BD_ASSIGN_OR_RETURN(auto plan, svc.plans.Get(req.caller, id));
    BD_ASSIGN_OR_RETURN(auto activities, svc.plans.Activities(req.caller, id));
    auto doc = documents::BuildPlanDocument(plan, activities, *svc.directory.Tree());
    BD_ASSIGN_OR_RETURN(auto bytes, documents::WriteDocumentPdf(doc));
    return DocumentResponse(std::move(bytes), plan, "pdf", "application/pdf");
  });
  router.Add("GET", "/api/v1/plans/{id}/document.docx", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
    BD_ASSIGN_OR_RETURN(Id id, PathId(req));
    BD_ASSIGN_OR_RETURN(auto plan, svc.plans.Get(req.caller, id));
    BD_ASSIGN_OR_RETURN(auto activities, svc.plans.Activities(req.caller, id));
    auto doc = documents::BuildPlanDocument(plan, activities, *svc.directory.Tree());
    BD_ASSIGN_OR_RETURN(auto bytes, documents::WriteDocumentDocx(doc));
    return DocumentResponse(std::move(bytes), plan, "docx",
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  });
}

}  // namespace binhdang::http
