// Official documents out, in the NĐ 30 layout, as PDF and DOCX:
//   GET /api/v1/plans/{id}/document.pdf|.docx                 the kế hoạch
//   GET /api/v1/reports/{id}/document.pdf|.docx               a unit's báo cáo
//   GET /api/v1/reports/consolidated/document.pdf|.docx?template=&period=&unit=
//                                                             the báo cáo of a consolidation
// Same access as reading the plan, the report or the consolidation (what the caller may not
// read is a 404 or 403 as there).
#include <cctype>

#include "documents/plan_document.h"
#include "documents/plan_docx.h"
#include "documents/plan_pdf.h"
#include "http/api.h"
#include "http/reports_json.h"

namespace binhdang::http {

namespace {

enum class Format { kPdf, kDocx };

Result<std::string> Write(const documents::OfficialDocument& doc, Format f) {
  return f == Format::kPdf ? documents::WriteDocumentPdf(doc) : documents::WriteDocumentDocx(doc);
}

//! `stem` as "ke-hoach-144" (ASCII) and `vietnamese` as "Kế hoạch 144-KH-UBND", with the extension.
Response Attachment(std::string bytes, Format f, const std::string& stem,
                    const std::string& vietnamese) {
  const std::string ext = f == Format::kPdf ? ".pdf" : ".docx";
  return AttachmentResponse(std::move(bytes), f == Format::kPdf ? "application/pdf" : kDocxType,
                            stem + ext, vietnamese + ext);
}

std::string Ascii(const std::string& s) {
  std::string out;
  for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  return out;
}

}  // namespace

void RegisterDocumentRoutes(Router& router, Api& api) {
  auto& svc = api.services();
  for (const auto& [ext, format] :
       {std::pair{"pdf", Format::kPdf}, std::pair{"docx", Format::kDocx}}) {
    const Format f = format;
    router.Add(
        "GET", std::string("/api/v1/plans/{id}/document.") + ext, Access::kSignedIn,
        [&svc, f](Request& req) -> Result<Response> {
          BD_ASSIGN_OR_RETURN(Id id, PathId(req));
          BD_ASSIGN_OR_RETURN(auto plan, svc.plans.Get(req.caller, id));
          BD_ASSIGN_OR_RETURN(auto activities, svc.plans.Activities(req.caller, id));
          BD_ASSIGN_OR_RETURN(
              auto bytes,
              Write(documents::BuildPlanDocument(plan, activities, *svc.directory.Tree()), f));
          const std::string key = plan.number ? std::to_string(*plan.number) : IdToString(plan.id);
          return Attachment(
              std::move(bytes), f, "ke-hoach-" + key,
              "Kế hoạch " + key + (plan.number ? "-" + Ascii(plan.symbol) : std::string()));
        });
    router.Add("GET", std::string("/api/v1/reports/consolidated/document.") + ext,
               Access::kSignedIn, [&svc, f](Request& req) -> Result<Response> {
                 BD_ASSIGN_OR_RETURN(auto q, SumQueryOf(req, svc.reports));
                 BD_ASSIGN_OR_RETURN(auto doc, svc.reports.ConsolidationDocument(
                                                   req.caller, q.template_code, q.period, q.unit));
                 BD_ASSIGN_OR_RETURN(auto bytes, Write(doc, f));
                 const std::string key = Ascii(q.template_code) + "-" + Ascii(q.period);
                 return Attachment(std::move(bytes), f, "tong-hop-" + key,
                                   "Báo cáo tổng hợp " + key);
               });
    router.Add("GET", std::string("/api/v1/reports/{id}/document.") + ext, Access::kSignedIn,
               [&svc, f](Request& req) -> Result<Response> {
                 BD_ASSIGN_OR_RETURN(Id id, PathId(req));
                 BD_ASSIGN_OR_RETURN(auto doc, svc.reports.Document(req.caller, id));
                 BD_ASSIGN_OR_RETURN(auto bytes, Write(doc, f));
                 return Attachment(std::move(bytes), f, "bao-cao-" + IdToString(id),
                                   "Báo cáo " + IdToString(id));
               });
  }
}

}  // namespace binhdang::http
