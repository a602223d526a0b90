#include "http/reports_json.h"

#include <climits>

#include "domain/period.h"
#include "http/json_output.h"

namespace binhdang::http {

using nlohmann::json;

namespace {
json CellJson(const domain::CellValue& c) {
  if (c.split) return {{"male", c.male}, {"female", c.female}};
  return c.total;
}
std::string ReportUnitName(Id id, const domain::UnitTree& tree) {
  const auto* u = tree.Find(id);
  return u ? u->full_name : "";
}
}  // namespace

json ReportJson(const domain::Report& r, const domain::UnitTree& tree, bool with_content) {
  auto period = domain::ParsePeriod(r.period);
  json j = {
      {"id", IdToString(r.id)},
      {"template_id", IdToString(r.template_id)},
      {"template_code", r.template_code},
      {"unit_id", IdToString(r.unit_id)},
      {"unit_name", ReportUnitName(r.unit_id, tree)},
      {"period", r.period},
      {"period_label", period ? period->Label() : r.period},
      {"plan_id", r.plan_id ? json(IdToString(*r.plan_id)) : json(nullptr)},
      {"status", domain::ReportStatusName(r.status)},
      {"due_date", r.due_date.Iso()},
      {"submitted_at", r.submitted_at_ms ? json(IsoInstant(*r.submitted_at_ms)) : json(nullptr)},
      {"reviewed_at", r.reviewed_at_ms ? json(IsoInstant(*r.reviewed_at_ms)) : json(nullptr)},
      {"on_time", r.Submitted() ? json(r.OnTime()) : json(nullptr)},
      {"return_comment", r.return_comment},
      {"version", r.version},
      {"updated_at", IsoInstant(r.updated_at_ms)}};
  if (with_content) {
    j["sections"] = r.sections;
    json rows = json::array();
    for (const auto& row : r.rows) {
      json values = json::object();
      for (const auto& [k, c] : row.values) values[k] = CellJson(c);
      rows.push_back({{"table", row.table},
                      {"item", row.item},
                      {"detail", row.detail},
                      {"level", row.level},
                      {"values", values}});
    }
    j["rows"] = rows;
  }
  return j;
}

json AsOfJson(const analytics::AsOf& a) {
  return {{"sequence", a.sequence},
          {"changed_at", a.changed_at_ms ? json(IsoInstant(a.changed_at_ms)) : json(nullptr)},
          {"checked_at", IsoInstant(a.checked_at_ms)}};
}

json ConsolidatedJson(const service::ConsolidatedReport& c, const domain::UnitTree& tree) {
  json tables = json::array();
  const auto rows = analytics::RowsOf(c.templ, c.sums, "");
  for (const auto& t : c.templ.tables) {
    json table_rows = json::array();
    for (const auto& r : rows) {
      if (r.table != t.key) continue;
      json values = json::object();
      for (const auto& [k, cell] : r.values) values[k] = CellJson(cell);
      table_rows.push_back({{"item", r.item},
                            {"name", t.Item(r.item)->name},
                            {"level", r.level},
                            {"values", values}});
    }
    json totals = json::object();
    for (const auto& [k, cell] : analytics::TotalsOf(t, c.sums)) totals[k] = CellJson(cell);
    tables.push_back(
        {{"key", t.key}, {"title", t.title}, {"rows", table_rows}, {"totals", totals}});
  }
  json narratives = json::array();
  for (const auto& n : c.narratives) {
    narratives.push_back({{"unit_id", IdToString(n.unit_id)},
                          {"unit_name", ReportUnitName(n.unit_id, tree)},
                          {"section", n.section},
                          {"text", n.text}});
  }
  json units = json::array();
  for (Id u : c.sums.included)
    units.push_back({{"id", IdToString(u)}, {"name", ReportUnitName(u, tree)}});
  return {{"unit_id", IdToString(c.sums.unit_id)},
          {"unit_name", ReportUnitName(c.sums.unit_id, tree)},
          {"template", TemplateToJson(c.templ)},
          {"period", c.period},
          {"tables", tables},
          {"narratives", narratives},
          {"included_units", units},
          {"as_of", AsOfJson(c.as_of)}};
}

json CompletenessJson(const service::Completeness& c, const domain::UnitTree& tree) {
  json children = json::array();
  for (const auto& e : c.children) {
    json j = {{"unit_id", IdToString(e.unit_id)},
              {"unit_name", ReportUnitName(e.unit_id, tree)},
              {"state", e.state}};
    j["report"] = e.report ? ReportJson(*e.report, tree, false) : json(nullptr);
    children.push_back(j);
  }
  auto rate = [&](size_t n) {
    return c.expected ? static_cast<double>(n) / static_cast<double>(c.expected) : 0.0;
  };
  return {{"unit_id", IdToString(c.unit_id)},
          {"unit_name", ReportUnitName(c.unit_id, tree)},
          {"due_date", c.due_date.Iso()},
          {"expected", c.expected},
          {"submitted", c.submitted},
          {"on_time", c.on_time},
          {"late", c.late},
          {"missing", c.missing},
          {"submitted_rate", rate(c.submitted)},
          {"on_time_rate", rate(c.on_time)},
          {"children", children},
          {"as_of", AsOfJson(c.as_of)}};
}

void ReadSections(Fields& f, const json& body, std::map<std::string, std::string>& out) {
  if (!body.contains("sections")) return;
  const json& s = body["sections"];
  if (!s.is_object()) {
    f.validator().Fail("sections", "sections phải là đối tượng {mục: nội dung}",
                       "sections must be an object {key: text}");
    return;
  }
  for (const auto& [k, v] : s.items()) {
    if (!v.is_string())
      f.validator().Fail("sections/" + k, "nội dung mục phải là văn bản",
                         "section text must be a string");
    else
      out[k] = v.get<std::string>();
  }
}

void ReadRows(Fields& f, const json& body, std::vector<domain::ReportRow>& out) {
  if (!body.contains("rows")) return;
  const json& rows = body["rows"];
  Validator& v = f.validator();
  if (!rows.is_array()) {
    v.Fail("rows", "rows phải là một mảng", "rows must be an array");
    return;
  }
  if (rows.size() > 2000) {
    v.Fail("rows", "báo cáo có quá 2.000 dòng", "more than 2,000 rows");
    return;
  }
  auto count = [&](const json& n, const std::string& path, long long& into) {
    std::optional<long long> whole;
    if (n.is_number_integer()) {
      whole = n.get<long long>();
    } else if (n.is_number_float()) {
      whole = IntegralDouble(n.get<double>(), LLONG_MIN, LLONG_MAX);  // the range first
    }
    if (whole) {
      into = *whole;
    } else {
      v.Fail(path, "số liệu phải là số nguyên không âm", "counts are non-negative integers");
    }
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    const json& r = rows[i];
    const std::string path = "rows/" + std::to_string(i);
    if (!r.is_object()) {
      v.Fail(path, "mỗi dòng phải là một đối tượng", "each row must be an object");
      continue;
    }
    domain::ReportRow row;
    for (const auto& [k, x] : r.items()) {
      if (k != "table" && k != "item" && k != "detail" && k != "level" && k != "values")
        v.Fail(path + "/" + k, "trường không được hỗ trợ", "unknown field");
    }
    auto str = [&](const char* key, std::string& into, bool required) {
      if (!r.contains(key) || r[key].is_null()) {
        if (required)
          v.Fail(path + "/" + key, "thiếu trường bắt buộc", "required field is missing");
      } else if (!r[key].is_string()) {
        v.Fail(path + "/" + key, "phải là văn bản", "must be a string");
      } else {
        into = r[key].get<std::string>();
      }
    };
    str("table", row.table, true);
    str("item", row.item, true);
    str("detail", row.detail, false);
    str("level", row.level, true);
    if (r.contains("values")) {
      if (!r["values"].is_object()) {
        v.Fail(path + "/values", "values phải là đối tượng {cột: số}",
               "values must be an object {column: number}");
      } else {
        for (const auto& [col, x] : r["values"].items()) {
          domain::CellValue cell;
          const std::string cpath = path + "/values/" + col;
          if (x.is_object()) {
            cell.split = true;
            for (const auto& [k, y] : x.items()) {
              if (k == "male")
                count(y, cpath + "/male", cell.male);
              else if (k == "female")
                count(y, cpath + "/female", cell.female);
              else
                v.Fail(cpath + "/" + k, "chỉ có male (nam) và female (nữ)", "only male and female");
            }
          } else {
            count(x, cpath, cell.total);
          }
          row.values[col] = cell;
        }
      }
    }
    out.push_back(std::move(row));
  }
}

Result<SumQuery> SumBodyOf(Request& req) {
  BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
  Fields f(body);
  f.AllowOnly({"template", "period", "unit_id"});
  SumQuery q;
  q.template_code = f.String("template", true).value_or("");
  q.period = f.String("period", true).value_or("");
  q.unit = f.IdField("unit_id", true).value_or(0);
  if (!f.ok()) return f.ToError();
  return q;
}

Result<SumQuery> SumQueryOf(Request& req, service::ReportsService& reports) {
  SumQuery q;
  Validator v;
  q.template_code = req.Query("template").value_or("");
  q.period = req.Query("period").value_or("");
  std::optional<Id> plan;
  if (auto p = req.Query("plan"); p && !p->empty()) {
    plan = ParseId(*p);
    if (!plan) v.Fail("plan", "mã kế hoạch không hợp lệ", "invalid plan id");
  }
  if (q.template_code.empty()) v.Fail("template", "cần mã mẫu báo cáo", "template is required");
  if (q.period.empty() && !plan)
    v.Fail("period", "cần kỳ báo cáo (period) hoặc kế hoạch (plan)", "period or plan is required");
  if (auto unit = req.Query("unit"); unit && !unit->empty()) {
    auto id = ParseId(*unit);
    if (!id)
      v.Fail("unit", "mã đơn vị không hợp lệ", "invalid unit id");
    else
      q.unit = *id;
  } else if (req.caller.user) {
    q.unit = req.caller.user->unit_id;
  }
  if (!v.ok()) return v.ToError();
  if (plan) {
    BD_ASSIGN_OR_RETURN(auto deadline, reports.PlanDeadline(req.caller, *plan, q.template_code));
    if (q.period.empty()) q.period = deadline.first;
    q.due = deadline.second;
  }
  return q;
}

}  // namespace binhdang::http
