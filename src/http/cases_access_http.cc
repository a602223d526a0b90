// /api/v1/cases/{id}/transfer, /cases/emergency-access, /case-approvals: who else comes to a
// case; /api/v1/case-statistics and /case-statistics/report: the only figures that leave the
// case module (counted cases only, small cells suppressed).
#include "common/time.h"
#include "domain/case_statistics.h"
#include "http/api.h"
#include "http/cases_json.h"
#include "http/json_input.h"

namespace binhdang::http {

using nlohmann::json;

namespace {

json CellsJson(const std::vector<domain::ShownCell>& cells) {
  json o = json::object();
  for (const auto& c : cells) o[c.code] = c.value;
  return o;
}

//! unit and pe of a statistics request, both required. Only whole years: figures of nested or
//! overlapping periods (a half and its quarter, all time and a year) could be subtracted from
//! each other to reveal counts below 5.
struct StatsQuery {
  Id unit = 0;
  domain::Period period;
};
Result<StatsQuery> ReadStatsQuery(const Request& req) {
  Validator v;
  StatsQuery q;
  auto unit = ParseId(req.Query("unit").value_or(""));
  if (!unit) v.Fail("unit", "Cần chọn đơn vị (unit)", "unit is required");
  const std::string pe = req.Query("pe").value_or("");
  auto period = domain::ParsePeriod(pe);
  if (pe.empty()) {
    v.Fail("pe", "Cần chọn năm thống kê (pe), ví dụ \"2026\"", "pe is required");
  } else if (!period || period->kind != domain::PeriodKind::kYear) {
    v.Fail("pe", "Thống kê vụ việc theo năm: kỳ (pe) là một năm, ví dụ \"2026\"",
           "pe is a year, such as 2026");
  }
  if (!v.ok()) return v.ToError();
  q.unit = *unit;
  q.period = *period;
  return q;
}

}  // namespace

void RegisterCaseAccessRoutes(Router& router, Api& api) {
  auto& svc = api.services();
  router.Add("POST", "/api/v1/cases/{id}/transfer", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"to_user_id", "reason", "version"});
               auto to = f.IdField("to_user_id", true);
               auto reason = f.String("reason", true);
               auto version = f.Integer("version", true, 1);
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto out,
                                   svc.cases.Transfer(req.caller, id, *to, *reason, *version));
               if (!out.view) return Response::Json({{"transferred", true}, {"code", out.code}});
               json j = ViewJson(*out.view, *svc.directory.Tree());
               j["transferred"] = true;
               return Response::Json(j);
             });
  router.Add("GET", "/api/v1/cases/{id}/transfer-candidates", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto list, svc.cases.TransferCandidates(req.caller, id));
               auto tree = svc.directory.Tree();
               json items = json::array();
               for (const auto& c : list) {
                 const domain::Unit* unit = tree->Find(c.unit_id);
                 items.push_back({{"user_id", IdToString(c.user_id)},
                                  {"username", c.username},
                                  {"full_name", c.full_name},
                                  {"unit_name", unit ? json(unit->full_name) : json(nullptr)}});
               }
               return Response::Json(ListJson(items, ""));
             });
  router.Add("POST", "/api/v1/cases/emergency-access", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"code", "reason"});
               auto code = f.String("code", true);
               auto reason = f.String("reason", true);
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto out, svc.cases.BreakGlass(req.caller, *code, *reason));
               return Response::Json({{"case_id", IdToString(out.case_id)},
                                      {"code", out.code},
                                      {"until", IsoInstant(out.until_ms)}},
                                     201);
             });
  router.Add("GET", "/api/v1/case-approvals", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto out, svc.cases.PendingApprovals(req.caller));
               auto tree = svc.directory.Tree();
               json closures = json::array();
               for (const auto& v : out.closures) closures.push_back(ViewJson(v, *tree));
               json overrides = json::array();
               for (const auto& o : out.overrides) {
                 const domain::Unit* unit = tree->Find(o.unit_id);
                 overrides.push_back({{"case_id", IdToString(o.case_id)},
                                      {"case_code", o.case_code},
                                      {"unit_name", unit ? json(unit->full_name) : json(nullptr)},
                                      {"referral", ReferralJson(o.referral, o.provider_name)}});
               }
               return Response::Json({{"closures", closures}, {"overrides", overrides}});
             });
  router.Add("GET", "/api/v1/case-statistics", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto q, ReadStatsQuery(req));
               BD_ASSIGN_OR_RETURN(auto s, svc.cases.Statistics(req.caller, q.unit, q.period));
               return Response::Json({{"unit_id", IdToString(s.unit_id)},
                                      {"period", s.period ? json(s.period->id()) : json(nullptr)},
                                      {"period_label", s.period ? json(s.period->Label())
                                                                : json("Toàn bộ thời gian")},
                                      {"total", s.total},
                                      {"counted", s.total},
                                      {"not_counted_no_consent", s.not_counted},
                                      {"incidents", s.incidents},
                                      {"by_sex", CellsJson(s.by_sex)},
                                      {"by_age_band", CellsJson(s.by_age_band)},
                                      {"by_dv_age_group", CellsJson(s.by_dv_age_group)},
                                      {"by_gbv_type", CellsJson(s.by_gbv_type)},
                                      {"by_dv_form", CellsJson(s.by_dv_form)},
                                      {"by_reported_by", CellsJson(s.by_reported_by)},
                                      {"by_measure", CellsJson(s.by_measure)},
                                      {"by_service", CellsJson(s.by_service)},
                                      {"by_unit", CellsJson(s.by_unit)},
                                      {"sought_help", s.sought_help},
                                      {"needed_support", s.needed_support},
                                      {"received_support", s.received_support},
                                      {"suppressed_below", domain::kSmallCell}});
             });
  router.Add("GET", "/api/v1/case-statistics/report", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto q, ReadStatsQuery(req));
               BD_ASSIGN_OR_RETURN(auto r, svc.cases.DvAnnualReport(req.caller, q.unit, q.period));
               const domain::Unit* unit = svc.directory.Tree()->Find(r.unit_id);
               json rows = json::array();
               for (const auto& row : r.rows) {
                 rows.push_back({{"code", row.number},
                                 {"label", row.label},
                                 {"unit", row.unit},
                                 {"level", row.level},
                                 {"value", row.value.empty() ? json(nullptr) : json(row.value)}});
               }
               return Response::Json(
                   {{"title", "Báo cáo thông tin về phòng, chống bạo lực gia đình"},
                    {"basis",
                     "Theo Thông tư số 07/2017/TT-BVHTTDL, áp dụng cho chính quyền địa "
                     "phương hai cấp"},
                    {"unit_id", IdToString(r.unit_id)},
                    {"unit_name", unit ? json(unit->full_name) : json(nullptr)},
                    {"period", r.period.id()},
                    {"period_label", r.period.Label()},
                    {"note",
                     "Chỉ tính các vụ việc người bị bạo lực đồng ý cho thống kê. Ô \"<5\": "
                     "từ 1 đến 4; ô \"*\": ẩn để không suy ra được ô nhỏ."},
                    {"rows", rows}});
             });
}

}  // namespace binhdang::http
