// /api/v1/report-templates and /api/v1/reports: entry, submission, review, consolidation,
// completeness and the data-value export.
#include "http/api.h"
#include "http/json_input.h"
#include "http/json_output.h"
#include "http/reports_json.h"

namespace binhdang::http {

namespace {
using nlohmann::json;

Result<long long> VersionOf(const Request& req, json& body) {
  BD_ASSIGN_OR_RETURN(body, ParseJsonObject(req));
  Fields f(body);
  f.AllowOnly({"version", "comment"});
  const long long version = f.Integer("version", true, 1).value_or(0);
  f.String("comment");
  if (!f.ok()) return f.ToError();
  return version;
}

}  // namespace

void RegisterReportRoutes(Router& router, Api& api) {
  auto& svc = api.services();
  router.Add("GET", "/api/v1/report-templates", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto list, svc.reports.ListTemplates(req.caller));
               json items = json::array();
               for (const auto& t : list) items.push_back(TemplateToJson(t));
               return Response::Json(ListJson(items, ""));
             });
  router.Add("GET", "/api/v1/report-templates/{id}", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto t, svc.reports.GetTemplate(req.caller, id));
               return Response::Json(TemplateToJson(t));
             });
  router.Add("POST", "/api/v1/report-templates", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"code", "title", "periods", "sections", "tables", "id", "version",
                            "item_label"});
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto t, svc.reports.SaveTemplate(req.caller, body));
               return Response::Json(TemplateToJson(t), 201);
             });

  router.Add("GET", "/api/v1/reports", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
    service::ReportQuery q;
    BD_ASSIGN_OR_RETURN(q.page, PageOf(req));
    q.template_code = req.Query("template").value_or("");
    q.period = req.Query("period").value_or("");
    if (auto s = req.Query("status"); s && !s->empty()) {
      q.status = domain::ParseReportStatus(*s);
      if (!q.status) {
        return Error::Invalid("status",
                              "trạng thái phải là draft, submitted, returned hoặc accepted",
                              "status must be draft, submitted, returned or accepted");
      }
    }
    if (auto u = req.Query("unit"); u && !u->empty()) {
      q.unit = ParseId(*u);
      if (!q.unit) return Error::Invalid("unit", "mã đơn vị không hợp lệ", "invalid unit id");
    }
    BD_ASSIGN_OR_RETURN(auto page, svc.reports.List(req.caller, q));
    auto tree = svc.directory.Tree();
    json items = json::array();
    for (const auto& r : page.items) items.push_back(ReportJson(r, *tree, false));
    return Response::Json(ListJson(items, page.next_cursor));
  });
  router.Add("POST", "/api/v1/reports", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"template_id", "unit_id", "period", "plan_id", "sections", "rows"});
               service::ReportInput in;
               in.template_id = f.IdField("template_id", true).value_or(0);
               in.unit_id = f.IdField("unit_id", true).value_or(0);
               in.plan_id = f.IdField("plan_id");
               in.period = f.String("period").value_or("");
               if (in.period.empty() && !in.plan_id) {
                 f.validator().Fail("period", "cần kỳ báo cáo (period) hoặc kế hoạch (plan_id)",
                                    "period or plan_id is required");
               }
               ReadSections(f, body, in.sections);
               ReadRows(f, body, in.rows);
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto r, svc.reports.Create(req.caller, in));
               return Response::Json(ReportJson(r, *svc.directory.Tree()), 201);
             });
  router.Add("GET", "/api/v1/reports/consolidated", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto q, SumQueryOf(req, svc.reports));
               BD_ASSIGN_OR_RETURN(
                   auto c, svc.reports.Consolidated(req.caller, q.template_code, q.period, q.unit));
               return Response::Json(ConsolidatedJson(c, *svc.directory.Tree()));
             });
  router.Add("POST", "/api/v1/reports/consolidated/draft", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"template", "period", "unit_id"});
               const std::string code = f.String("template", true).value_or("");
               const std::string period = f.String("period", true).value_or("");
               const Id unit = f.IdField("unit_id", true).value_or(0);
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(
                   auto r, svc.reports.DraftFromConsolidation(req.caller, code, period, unit));
               return Response::Json(ReportJson(r, *svc.directory.Tree()), 201);
             });
  // Nhắc nhở: the reporters of the children whose report is not sent are told it is due.
  router.Add("POST", "/api/v1/reports/completeness/remind", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"template", "period", "unit_id"});
               const std::string code = f.String("template", true).value_or("");
               const std::string period = f.String("period", true).value_or("");
               const Id unit = f.IdField("unit_id", true).value_or(0);
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto done, svc.reports.Remind(req.caller, code, period, unit));
               auto tree = svc.directory.Tree();
               json without = json::array();
               for (Id id : done.without_reporter) {
                 const auto* u = tree->Find(id);
                 without.push_back({{"id", IdToString(id)}, {"name", u ? u->full_name : ""}});
               }
               return Response::Json(
                   {{"units", done.units}, {"users", done.users}, {"without_reporter", without}});
             });
  router.Add("GET", "/api/v1/reports/completeness", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto q, SumQueryOf(req, svc.reports));
               BD_ASSIGN_OR_RETURN(auto c, svc.reports.CompletenessOf(req.caller, q.template_code,
                                                                      q.period, q.unit, q.due));
               return Response::Json(CompletenessJson(c, *svc.directory.Tree()));
             });
  // DHIS2 dataValueSets: CSV (the default) or JSON (?format=json); documents/report_datavalues.h.
  router.Add("GET", "/api/v1/reports/data-values", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto q, SumQueryOf(req, svc.reports));
               const std::string format = req.Query("format").value_or("csv");
               if (format != "csv" && format != "json") {
                 return Error::Invalid("format", "định dạng phải là csv hoặc json",
                                       "format must be csv or json");
               }
               BD_ASSIGN_OR_RETURN(
                   auto body, svc.reports.ExportDataValues(req.caller, q.template_code, q.period,
                                                           q.unit, format == "json"));
               Response res;
               res.content_type =
                   format == "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8";
               res.body = std::move(body);
               return res;
             });
  // ADX (DHIS2's XML exchange): the accepted reports of the subtree out, reports in.
  router.Add(
      "GET", "/api/v1/reports/adx", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
        BD_ASSIGN_OR_RETURN(auto q, SumQueryOf(req, svc.reports));
        BD_ASSIGN_OR_RETURN(auto xml,
                            svc.reports.ExportAdx(req.caller, q.template_code, q.period, q.unit));
        const std::string name = "adx-" + q.template_code + "-" + q.period + ".xml";
        return AttachmentResponse(std::move(xml), "application/adx+xml; charset=utf-8", name, name);
      });
  router.Add(
      "POST", "/api/v1/reports/adx", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
        // ?unit= the unit the file is for (default: the caller's), checked before the body.
        Id scope = req.caller.user ? req.caller.user->unit_id : 0;
        if (auto u = req.Query("unit"); u && !u->empty()) {
          auto id = ParseId(*u);
          if (!id) return Error::Invalid("unit", "mã đơn vị không hợp lệ", "bad unit id");
          scope = *id;
        }
        BD_RETURN_IF_ERROR(svc.reports.MayImportAdx(req.caller, scope));
        const std::string& type = req.Header("content-type");
        if (!type.starts_with("application/adx+xml") && !type.starts_with("application/xml") &&
            !type.starts_with("text/xml")) {
          return Error{ErrorCode::kUnsupportedMedia,
                       {"Nội dung phải là tệp ADX (Content-Type: application/adx+xml)",
                        "The body must be ADX (Content-Type: application/adx+xml)"},
                       {},
                       0};
        }
        BD_ASSIGN_OR_RETURN(auto imported, svc.reports.ImportAdx(req.caller, scope, req.body));
        auto tree = svc.directory.Tree();
        nlohmann::json reports = nlohmann::json::array();
        for (const auto& r : imported.reports) {
          auto p = domain::ParsePeriod(r.period);
          const auto* unit = tree->Find(r.unit_id);
          reports.push_back({{"id", IdToString(r.id)},
                             {"unit_id", IdToString(r.unit_id)},
                             {"unit_name", unit ? unit->full_name : ""},
                             {"period", r.period},
                             {"period_label", p ? p->Label() : r.period},
                             {"status", domain::ReportStatusName(r.status)},
                             {"version", r.version}});
        }
        return Response::Json({{"created", imported.created},
                               {"updated", imported.updated},
                               {"submitted", imported.submitted},
                               {"reports", std::move(reports)}});
      });
  router.Add("GET", "/api/v1/reports/consolidated/xlsx", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto q, SumQueryOf(req, svc.reports));
               BD_ASSIGN_OR_RETURN(auto bytes, svc.reports.ExportConsolidationXlsx(
                                                   req.caller, q.template_code, q.period, q.unit));
               return XlsxResponse(std::move(bytes),
                                   "tong-hop-" + q.template_code + "-" + q.period + ".xlsx");
             });
  router.Add("GET", "/api/v1/reports/{id}/xlsx", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto bytes, svc.reports.ExportXlsx(req.caller, id));
               return XlsxResponse(std::move(bytes), "bao-cao-" + IdToString(id) + ".xlsx");
             });
  // The body is the .xlsx itself (Content-Type of a spreadsheet or application/octet-stream).
  router.Add("POST", "/api/v1/reports/{id}/xlsx", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto r, svc.reports.ImportXlsx(req.caller, id, req.body));
               return Response::Json(ReportJson(r, *svc.directory.Tree()));
             });
  router.Add("GET", "/api/v1/reports/{id}", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto r, svc.reports.Get(req.caller, id));
               return Response::Json(ReportJson(r, *svc.directory.Tree()));
             });
  router.Add("PATCH", "/api/v1/reports/{id}", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"version", "sections", "rows"});
               service::ReportPatch p;
               p.version = f.Integer("version", true, 1).value_or(0);
               if (body.contains("sections")) {
                 p.sections.emplace();
                 ReadSections(f, body, *p.sections);
               }
               if (body.contains("rows")) {
                 p.rows.emplace();
                 ReadRows(f, body, *p.rows);
               }
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto r, svc.reports.Update(req.caller, id, p));
               return Response::Json(ReportJson(r, *svc.directory.Tree()));
             });
  router.Add("POST", "/api/v1/reports/{id}/submit", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               json body;
               BD_ASSIGN_OR_RETURN(long long version, VersionOf(req, body));
               BD_ASSIGN_OR_RETURN(auto r, svc.reports.Submit(req.caller, id, version));
               return Response::Json(ReportJson(r, *svc.directory.Tree()));
             });
  router.Add("POST", "/api/v1/reports/{id}/withdraw", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               json body;
               BD_ASSIGN_OR_RETURN(long long version, VersionOf(req, body));
               BD_ASSIGN_OR_RETURN(auto r, svc.reports.Withdraw(req.caller, id, version));
               return Response::Json(ReportJson(r, *svc.directory.Tree()));
             });
  router.Add("POST", "/api/v1/reports/{id}/return", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               json body;
               BD_ASSIGN_OR_RETURN(long long version, VersionOf(req, body));
               const std::string comment = body.contains("comment") && body["comment"].is_string()
                                               ? body["comment"].get<std::string>()
                                               : "";
               BD_ASSIGN_OR_RETURN(auto r, svc.reports.Return(req.caller, id, version, comment));
               return Response::Json(ReportJson(r, *svc.directory.Tree()));
             });
  router.Add("POST", "/api/v1/reports/{id}/accept", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               json body;
               BD_ASSIGN_OR_RETURN(long long version, VersionOf(req, body));
               BD_ASSIGN_OR_RETURN(auto r, svc.reports.Accept(req.caller, id, version));
               return Response::Json(ReportJson(r, *svc.directory.Tree()));
             });
}

}  // namespace binhdang::http
