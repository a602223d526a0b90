// /api/v1/analytics (a table of data elements and indicators by period and unit, as JSON, CSV
// or XLSX), /analytics/elements, /indicators, /targets and /targets/progress.
#include <cmath>
#include <cstdio>
#include <map>

#include "common/time.h"
#include "documents/xlsx_sheet.h"
#include "http/api.h"
#include "http/json_input.h"
#include "http/reports_json.h"

namespace binhdang::http {

using nlohmann::json;

namespace {

json Number(double v) {
  if (std::fabs(v) < 9e15 && v == std::floor(v)) return static_cast<long long>(v);
  return v;
}

std::string NumberText(double v) {
  if (std::fabs(v) < 9e15 && v == std::floor(v)) return std::to_string(static_cast<long long>(v));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string Csv(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

//! The table's columns: (name, title).
std::vector<std::pair<std::string, std::string>> Headers(const service::AnalyticsTable& t) {
  std::vector<std::pair<std::string, std::string>> h{
      {"dx", "Dữ liệu"}, {"pe", "Kỳ"}, {"ou", "Đơn vị"}};
  if (t.by_sex) h.push_back({"sex", "Giới tính"});
  if (t.by_level) h.push_back({"level", "Cấp thực hiện"});
  if (t.by_item) h.push_back({"item", "Nội dung"});
  h.push_back({"value", "Giá trị"});
  return h;
}

std::vector<std::string> Cells(const service::AnalyticsTable& t, const service::AnalyticsRow& r) {
  std::vector<std::string> c{r.dx, r.pe, r.ou};
  if (t.by_sex) c.push_back(r.sex);
  if (t.by_level) c.push_back(r.level);
  if (t.by_item) c.push_back(r.item);
  return c;
}

std::string NameOf(const service::AnalyticsTable& t, const std::string& id) {
  auto it = t.items.find(id);
  return it == t.items.end() ? id : it->second;
}

json TableJson(const service::AnalyticsTable& t) {
  json headers = json::array();
  for (const auto& [name, title] : Headers(t))
    headers.push_back({{"name", name}, {"title", title}});
  json rows = json::array();
  for (const auto& r : t.rows) {
    json row = json::array();
    for (const auto& c : Cells(t, r)) row.push_back(c);
    row.push_back(Number(r.value));
    rows.push_back(std::move(row));
  }
  json items = json::object();
  for (const auto& [id, name] : t.items) items[id] = name;
  json dims = {{"dx", t.dx}, {"pe", t.pe}, {"ou", t.ou}};
  return {{"headers", headers},
          {"rows", rows},
          {"meta", {{"items", items}, {"dimensions", dims}, {"notes", t.notes}}},
          {"as_of", AsOfJson(t.as_of)}};
}

//! The table for people: a code and a name for each dimension, then the value.
std::pair<std::vector<std::string>, std::vector<std::vector<std::string>>> Readable(
    const service::AnalyticsTable& t) {
  std::vector<std::string> head;
  const auto headers = Headers(t);
  const std::map<std::string, std::string> code_titles = {
      {"dx", "Mã dữ liệu"},    {"pe", "Mã kỳ"},     {"ou", "Mã đơn vị"},
      {"sex", "Mã giới tính"}, {"level", "Mã cấp"}, {"item", "Mã nội dung"}};
  for (size_t i = 0; i + 1 < headers.size(); ++i) {
    head.push_back(code_titles.at(headers[i].first));
    head.push_back(headers[i].second);
  }
  head.push_back("Giá trị");
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : t.rows) {
    std::vector<std::string> row;
    for (const auto& c : Cells(t, r)) {
      row.push_back(c);
      row.push_back(c.empty() ? "" : NameOf(t, c));
    }
    row.push_back(NumberText(r.value));
    rows.push_back(std::move(row));
  }
  return {head, rows};
}

std::optional<double> NumberField(Fields& f, const json& body, const char* key, bool required) {
  if (!body.contains(key)) {
    if (required)
      f.validator().Fail(key, std::string("cần ") + key, std::string(key) + " is required");
    return std::nullopt;
  }
  const json& v = body[key];
  if (!v.is_number() || !std::isfinite(v.get<double>())) {
    f.validator().Fail(key, "phải là một số", "must be a number");
    return std::nullopt;
  }
  return v.get<double>();
}

json IndicatorJson(const domain::Indicator& in) {
  return {{"id", IdToString(in.id)},
          {"code", in.code},
          {"name", in.name},
          {"numerator", in.numerator},
          {"denominator", in.denominator},
          {"factor", Number(in.factor)},
          {"decimals", in.decimals},
          {"source", in.source},
          {"built_in", in.built_in},
          {"version", in.version}};
}

json TargetJson(const service::TargetView& v) {
  const auto& t = v.target;
  return {{"id", IdToString(t.id)},
          {"indicator", v.indicator_code},
          {"indicator_name", v.indicator_name},
          {"unit_id", IdToString(t.unit_id)},
          {"unit_name", v.unit_name},
          {"year", t.year},
          {"comparator", std::string(domain::ComparatorSymbol(t.comparator))},
          {"value", Number(t.value)},
          {"source", t.source},
          {"plan_id", t.plan_id ? json(IdToString(*t.plan_id)) : json(nullptr)},
          {"built_in", t.built_in},
          {"version", t.version}};
}

//! The fields of an indicator in a POST or PATCH body.
Result<domain::Indicator> IndicatorFrom(const json& body, bool create) {
  Fields f(body);
  f.AllowOnly(
      {"code", "name", "numerator", "denominator", "factor", "decimals", "source", "version"});
  domain::Indicator in;
  in.code = f.String("code", create).value_or("");
  in.name = f.String("name", true).value_or("");
  in.numerator = f.String("numerator", true).value_or("");
  in.denominator = f.String("denominator").value_or("");
  in.factor = NumberField(f, body, "factor", false).value_or(1);
  in.decimals = static_cast<int>(f.Integer("decimals", false, 0, 4).value_or(1));
  in.source = f.String("source").value_or("");
  in.version = f.Integer("version", !create, 1).value_or(1);
  if (!f.ok()) return f.ToError();
  return in;
}

}  // namespace

void RegisterAnalyticsRoutes(Router& router, Api& api) {
  auto& svc = api.services();
  router.Add(
      "GET", "/api/v1/analytics", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
        service::AnalyticsRequest r{req.Query("dx").value_or(""), req.Query("pe").value_or(""),
                                    req.Query("ou").value_or(""), req.Query("by").value_or("")};
        const std::string format = req.Query("format").value_or("json");
        if (format != "json" && format != "csv" && format != "xlsx") {
          return Error::Invalid("format", "định dạng là json, csv hoặc xlsx",
                                "format is json, csv or xlsx");
        }
        BD_ASSIGN_OR_RETURN(auto table, svc.analytics.Query(req.caller, r));
        if (format == "json") return Response::Json(TableJson(table));
        auto [head, rows] = Readable(table);
        if (format == "csv") {
          std::string csv = "\xEF\xBB\xBF";  // a BOM, so that spreadsheet programs read UTF-8
          for (size_t i = 0; i < head.size(); ++i) csv += (i ? "," : "") + Csv(head[i]);
          csv += "\r\n";
          for (const auto& row : rows) {
            for (size_t i = 0; i < row.size(); ++i) csv += (i ? "," : "") + Csv(row[i]);
            csv += "\r\n";
          }
          Response res;
          res.content_type = "text/csv; charset=utf-8";
          res.body = std::move(csv);
          res.headers.push_back({"Content-Disposition", "attachment; filename=\"phan-tich.csv\""});
          return res;
        }
        documents::SheetTable sheet;
        sheet.name = "Phân tích";
        sheet.headers = head;
        for (size_t i = 0; i < head.size(); ++i) sheet.widths.push_back(i % 2 ? 36 : 14);
        sheet.widths.back() = 14;
        sheet.rows = rows;
        sheet.notes = table.notes;
        sheet.notes.push_back("Số liệu tính đến thay đổi số " +
                              std::to_string(table.as_of.sequence) + ", lúc " +
                              IsoInstant(table.as_of.checked_at_ms) + ".");
        for (size_t i = 0; i + 1 < head.size(); i += 2)
          sheet.text_columns.push_back(static_cast<int>(i));
        sheet.number_columns.push_back(static_cast<int>(head.size() - 1));
        BD_ASSIGN_OR_RETURN(auto bytes, documents::TablesXlsx({sheet}));
        return XlsxResponse(std::move(bytes), "phan-tich.xlsx");
      });
  router.Add("GET", "/api/v1/analytics/elements", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto list, svc.analytics.Elements(req.caller));
               json items = json::array();
               for (const auto& e : list) {
                 items.push_back({{"code", e.code},
                                  {"name", e.name},
                                  {"template", e.template_code},
                                  {"template_title", e.template_title},
                                  {"table", e.table},
                                  {"table_title", e.table_title},
                                  {"column", e.column},
                                  {"column_name", e.column_name},
                                  {"by_sex", e.by_sex},
                                  {"cases", e.cases}});
               }
               return Response::Json({{"items", items}});
             });
  router.Add("GET", "/api/v1/indicators", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto list, svc.analytics.Indicators(req.caller));
               json items = json::array();
               for (const auto& in : list) items.push_back(IndicatorJson(in));
               return Response::Json({{"items", items}});
             });
  router.Add("POST", "/api/v1/indicators", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               BD_ASSIGN_OR_RETURN(auto in, IndicatorFrom(body, true));
               BD_ASSIGN_OR_RETURN(auto saved, svc.analytics.CreateIndicator(req.caller, in));
               return Response::Json(IndicatorJson(saved), 201);
             });
  router.Add("PATCH", "/api/v1/indicators/{id}", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               BD_ASSIGN_OR_RETURN(auto in, IndicatorFrom(body, false));
               in.id = id;
               BD_ASSIGN_OR_RETURN(auto saved, svc.analytics.UpdateIndicator(req.caller, in));
               return Response::Json(IndicatorJson(saved));
             });
  router.Add("GET", "/api/v1/targets", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
    std::optional<Id> unit;
    std::optional<int> year;
    Validator v;
    if (auto u = req.Query("unit")) {
      unit = ParseId(*u);
      if (!unit) v.Fail("unit", "mã đơn vị không hợp lệ", "bad unit id");
    }
    if (auto y = req.Query("year")) {
      auto p = domain::ParsePeriod(*y);
      if (!p || p->kind != domain::PeriodKind::kYear)
        v.Fail("year", "năm có dạng 2025", "year looks like 2025");
      else
        year = p->year;
    }
    if (!v.ok()) return v.ToError();
    BD_ASSIGN_OR_RETURN(auto list, svc.analytics.Targets(req.caller, unit, year));
    json items = json::array();
    for (const auto& t : list) items.push_back(TargetJson(t));
    return Response::Json({{"items", items}});
  });
  router.Add(
      "POST", "/api/v1/targets", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
        BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
        Fields f(body);
        f.AllowOnly({"indicator", "unit_id", "year", "comparator", "value", "source", "plan_id"});
        domain::IndicatorTarget t;
        auto indicator = f.String("indicator", true);
        auto unit = f.IdField("unit_id", true);
        auto year = f.Integer("year", true, 2000, 2100);
        auto comparator = f.String("comparator", true);
        auto value = NumberField(f, body, "value", true);
        auto source = f.String("source");
        auto plan = f.IdField("plan_id");
        std::optional<domain::Comparator> cmp;
        if (comparator) {
          cmp = domain::ParseComparator(*comparator);
          if (!cmp)
            f.validator().Fail("comparator", "so sánh là \">=\", \"<=\" hoặc \"=\"",
                               "comparator is >=, <= or =");
        }
        if (!f.ok()) return f.ToError();
        t.unit_id = *unit;
        t.year = static_cast<int>(*year);
        t.comparator = *cmp;
        t.value = *value;
        t.source = source.value_or("");
        t.plan_id = plan;
        BD_ASSIGN_OR_RETURN(auto saved, svc.analytics.CreateTarget(req.caller, t, *indicator));
        return Response::Json(TargetJson(saved), 201);
      });
  router.Add("PATCH", "/api/v1/targets/{id}", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"year", "comparator", "value", "source", "version"});
               service::TargetPatch p;
               if (auto y = f.Integer("year", false, 2000, 2100)) p.year = static_cast<int>(*y);
               if (auto c = f.String("comparator")) {
                 p.comparator = domain::ParseComparator(*c);
                 if (!p.comparator)
                   f.validator().Fail("comparator", "so sánh là \">=\", \"<=\" hoặc \"=\"",
                                      "comparator is >=, <= or =");
               }
               p.value = NumberField(f, body, "value", false);
               p.source = f.String("source");
               p.version = f.Integer("version", true, 1).value_or(0);
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto saved, svc.analytics.UpdateTarget(req.caller, id, p));
               return Response::Json(TargetJson(saved));
             });
  router.Add(
      "GET", "/api/v1/targets/progress", Access::kSignedIn,
      [&svc](Request& req) -> Result<Response> {
        Validator v;
        auto unit = ParseId(req.Query("unit").value_or(""));
        if (!unit) v.Fail("unit", "Cần chọn đơn vị (unit)", "unit is required");
        std::optional<int> year;
        if (auto y = req.Query("year")) {
          auto p = domain::ParsePeriod(*y);
          if (!p || p->kind != domain::PeriodKind::kYear)
            v.Fail("year", "năm có dạng 2025", "year looks like 2025");
          else
            year = p->year;
        }
        if (!v.ok()) return v.ToError();
        BD_ASSIGN_OR_RETURN(auto answer, svc.analytics.Progress(req.caller, *unit, year));
        json items = json::array();
        for (const auto& p : answer.items) {
          json trend = json::array();
          for (const auto& y : p.trend)
            trend.push_back(
                {{"year", y.year}, {"value", y.value ? Number(*y.value) : json(nullptr)}});
          items.push_back({{"target", TargetJson(p.target)},
                           {"value", p.value ? Number(*p.value) : json(nullptr)},
                           {"value_year", p.value_year ? json(p.value_year) : json(nullptr)},
                           {"status", std::string(domain::TargetStatusName(p.status))},
                           {"status_label", std::string(domain::TargetStatusLabel(p.status))},
                           {"note", p.note},
                           {"trend", trend}});
        }
        return Response::Json({{"unit_id", IdToString(answer.unit_id)},
                               {"items", items},
                               {"as_of", AsOfJson(answer.as_of)}});
      });
}

}  // namespace binhdang::http
