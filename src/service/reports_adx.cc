// ADX export and import of report figures (ReportsService::ExportAdx, ImportAdx).
#include <charconv>
#include <set>
#include <unordered_map>

#include "documents/report_adx.h"
#include "documents/report_datavalues.h"
#include "domain/access.h"
#include "service/mutate.h"
#include "service/reports.h"
#include "storage/reports_repo.h"
#include "storage/users_repo.h"

namespace binhdang::service {

std::string AdxOrgUnit(const domain::Unit& u) {
  if (u.kind == domain::UnitKind::kAgency)
    return "CQ-" + (u.code.empty() ? IdToString(u.id) : u.code);
  const std::string code = u.code.empty() ? "ID-" + IdToString(u.id) : u.code;
  return u.valid_to ? code + "@" + u.valid_to->Iso() : code;
}

namespace {

using documents::AdxGroup;
using documents::AdxValue;

//! Every unit of the tree by its ADX orgUnit; 0 for a name two units share.
std::unordered_map<std::string, Id> UnitsByAdxCode(const domain::UnitTree& tree) {
  std::unordered_map<std::string, Id> out;
  std::vector<Id> stack(tree.roots().begin(), tree.roots().end());
  while (!stack.empty()) {
    const Id id = stack.back();
    stack.pop_back();
    const auto* unit = tree.Find(id);
    // A unit named by its id (no code) is not looked up: the same id is another unit, or
    // none, on another server.
    if (!unit->code.empty()) {
      auto [it, added] = out.emplace(AdxOrgUnit(*unit), id);
      if (!added) it->second = 0;
    }
    for (Id child : tree.Children(id)) stack.push_back(child);
  }
  return out;
}

//! The ADX values of a report's rows: one per table, item, level, column (and sex), rows with
//! the same item and level summed, the details of "other" rows joined in the annotation.
std::vector<AdxValue> AdxValuesOf(const domain::ReportTemplate& t, const domain::Report& r) {
  struct Cell {
    long long total = 0, male = 0, female = 0;
    bool split = false;
  };
  struct Row {
    std::map<std::string, Cell> cells;
    std::string details;
  };
  std::map<std::tuple<std::string, std::string, std::string>, Row> rows;
  std::vector<std::tuple<std::string, std::string, std::string>> order;
  for (const auto& row : r.rows) {
    auto key = std::make_tuple(row.table, row.item, row.level);
    auto [it, added] = rows.try_emplace(key);
    if (added) order.push_back(key);
    if (!row.detail.empty()) {
      if (!it->second.details.empty()) it->second.details += "; ";
      it->second.details += row.detail;
    }
    for (const auto& [column, v] : row.values) {
      Cell& c = it->second.cells[column];
      c.total += v.total;
      c.male += v.male;
      c.female += v.female;
      c.split = c.split || v.split;
    }
  }
  std::vector<AdxValue> out;
  for (const auto& key : order) {
    const auto& [table, item, level] = key;
    const Row& row = rows[key];
    const auto* templ_table = t.Table(table);
    for (const auto& [column, c] : row.cells) {
      const auto* col = templ_table ? templ_table->Column(column) : nullptr;
      AdxValue v;
      v.data_element = t.code + "." + table + "." + column;
      v.item = item;
      v.level = level;
      v.annotation = row.details;
      if (col && col->by_sex) {
        v.sex = "male";
        v.value = std::to_string(c.male);
        out.push_back(v);
        v.sex = "female";
        v.value = std::to_string(c.female);
      } else {
        v.value = std::to_string(c.total);
      }
      out.push_back(std::move(v));
    }
  }
  return out;
}

//! A group's checked content: what the import writes.
struct AdxPlan {
  TemplateCache::Ptr templ;
  domain::Period period;
  Id unit_id = 0;
  std::vector<domain::ReportRow> rows;
  bool complete = false;
  std::string where;  // "adx/group[3]"
};

//! A count as ADX writes it: decimal digits only.
std::optional<long long> AdxCount(const std::string& s) {
  long long n = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || n < 0 ||
      n > 1'000'000'000'000LL)
    return std::nullopt;
  return n;
}

}  // namespace

Result<domain::Period> ReportsService::VisitAccepted(const Caller& caller,
                                                     const std::string& template_code,
                                                     const std::string& period, Id unit_id,
                                                     const AcceptedVisit& each) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  if (!tree->Find(unit_id)) return Error::Invalid("unit", "đơn vị không tồn tại", "no such unit");
  BD_ASSIGN_OR_RETURN(auto found, TemplateByCode(template_code));
  BD_ASSIGN_OR_RETURN(auto p, domain::CheckReportPeriod(*found, period));
  if (!caller.user || !domain::Can(*caller.user, domain::Right::kView, unit_id, *tree))
    return Error::Forbidden();
  auto sql = store_.Lease();
  storage::ReportsRepo repo(*sql);
  for (const auto& header :
       repo.List({template_code, period, domain::ReportStatus::kAccepted, std::nullopt, {}})) {
    if (!domain::InSubtreeAcrossTime(header.unit_id, unit_id, *tree)) continue;
    const auto* unit = tree->Find(header.unit_id);
    auto report = repo.Get(header.id);
    auto templ = templates_.Get(*sql, header.template_id);
    if (!unit || !report || !templ) continue;
    each(*unit, *report, *templ);
  }
  return p;
}

Result<std::string> ReportsService::ExportAdx(const Caller& caller,
                                              const std::string& template_code,
                                              const std::string& period, Id unit_id) {
  std::vector<AdxGroup> groups;
  BD_ASSIGN_OR_RETURN(
      auto p, VisitAccepted(caller, template_code, period, unit_id,
                            [&](const domain::Unit& unit, const domain::Report& report,
                                const domain::ReportTemplate& templ) {
                              AdxGroup g;
                              g.org_unit = AdxOrgUnit(unit);
                              g.data_set = template_code;
                              if (report.submitted_at_ms)
                                g.complete_date = Date::InVietnam(*report.submitted_at_ms).Iso();
                              g.values = AdxValuesOf(templ, report);
                              groups.push_back(std::move(g));
                            }));
  for (auto& g : groups) g.period = documents::AdxPeriod(p);
  return documents::WriteAdx(groups, NowMs());
}

Result<std::string> ReportsService::ExportDataValues(const Caller& caller,
                                                     const std::string& template_code,
                                                     const std::string& period, Id unit_id,
                                                     bool json) {
  std::vector<documents::DhisDataValue> values;
  std::vector<std::pair<size_t, Id>> authors;  // first value of a report, who entered it
  BD_ASSIGN_OR_RETURN(
      auto p, VisitAccepted(caller, template_code, period, unit_id,
                            [&](const domain::Unit& unit, const domain::Report& report,
                                const domain::ReportTemplate& templ) {
                              authors.emplace_back(values.size(), report.created_by);
                              for (const auto& v : AdxValuesOf(templ, report)) {
                                documents::DhisDataValue d;
                                d.data_element = v.data_element;
                                d.org_unit = AdxOrgUnit(unit);
                                d.category_option_combo = v.item +
                                                          (v.level.empty() ? "" : "|" + v.level) +
                                                          (v.sex.empty() ? "" : "|" + v.sex);
                                d.value = v.value;
                                d.last_updated = IsoInstant(report.updated_at_ms);
                                d.comment = v.annotation;
                                values.push_back(std::move(d));
                              }
                            }));
  // After the permission checks: the action month has no DHIS2 period.
  if (!documents::Dhis2Period(p)) {
    return Error::Invalid("period",
                          "DHIS2 không có loại kỳ cho " + p.Label() +
                              " (15/11–15/12); hãy xuất ADX, kỳ " + documents::AdxPeriod(p),
                          "DHIS2 has no period type for the action month (15/11–15/12); export "
                          "ADX instead, period " +
                              documents::AdxPeriod(p));
  }
  const std::string dhis_period = *documents::Dhis2Period(p);
  {
    auto sql = store_.Lease();
    storage::UsersRepo users(*sql);
    std::map<Id, std::string> names;
    for (size_t i = 0; i < authors.size(); ++i) {
      const auto [from, who] = authors[i];
      const size_t to = i + 1 < authors.size() ? authors[i + 1].first : values.size();
      auto [it, added] = names.try_emplace(who);
      if (added) {
        auto rec = users.Get(who);
        it->second = rec ? rec->user.username : "binhdang";
      }
      for (size_t k = from; k < to; ++k) values[k].stored_by = it->second;
    }
  }
  for (auto& v : values) v.period = dhis_period;
  return json ? documents::WriteDataValueSetsJson(values, template_code)
              : documents::WriteDataValueSetsCsv(values);
}

Status ReportsService::MayImportAdx(const Caller& caller, Id scope) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  if (!tree->Find(scope)) return Error::Invalid("unit", "đơn vị không tồn tại", "no such unit");
  if (!caller.user || !domain::Can(*caller.user, domain::Right::kEnterReports, scope, *tree))
    return Error::Forbidden();
  return Ok();
}

Result<AdxImport> ReportsService::ImportAdx(const Caller& caller, Id scope, std::string_view xml) {
  BD_RETURN_IF_ERROR(MayImportAdx(caller, scope));
  BD_ASSIGN_OR_RETURN(auto groups, documents::ReadAdx(xml));
  auto tree = directory_.Tree();
  const auto units = UnitsByAdxCode(*tree);
  Validator v;
  std::vector<AdxPlan> plans;
  std::set<std::tuple<std::string, Id, std::string>> seen;
  bool forbidden = false;
  int gi = 0;
  if (groups.empty()) {
    return Error::Invalid("adx", "tệp ADX không có nhóm (group) nào",
                          "the ADX document has no group");
  }
  size_t problems = 0;  // the first hundred are named, as ReadAdx does
  auto fail_at = [&](std::string field, std::string vi, std::string en) {
    ++problems;
    v.Fail(std::move(field), std::move(vi), std::move(en));
  };
  for (const AdxGroup& g : groups) {
    if (problems >= 100) break;
    ++gi;
    AdxPlan plan;
    plan.where = "adx/group[" + std::to_string(gi) + "]";
    const std::string vi = "nhóm " + std::to_string(gi);
    auto templ = TemplateByCode(g.data_set);
    if (!templ.ok()) {
      fail_at(plan.where + "/@dataSet", vi + ": không có mẫu báo cáo mã \"" + g.data_set + "\"",
              "no template with code \"" + g.data_set + "\"");
      continue;
    }
    plan.templ = *templ;
    const auto& t = *plan.templ;
    auto period = documents::PeriodOfAdx(g.period, t.periods);
    auto unit = units.find(g.org_unit);
    if (!period) {
      fail_at(plan.where + "/@period",
              vi + ": kỳ \"" + g.period + "\" không phải kỳ báo cáo nào của mẫu " + t.title +
                  " (dạng ngày bắt đầu/độ dài, ví dụ 2024-11-15/P31D)",
              "period \"" + g.period + "\" is no period of this template");
    }
    if (unit == units.end() || unit->second == 0) {
      fail_at(plan.where + "/@orgUnit",
              vi + (unit == units.end() ? ": không có đơn vị mã \"" : ": nhiều đơn vị cùng mã \"") +
                  g.org_unit + "\"",
              (unit == units.end() ? "no unit with code \"" : "several units have code \"") +
                  g.org_unit + "\"");
    }
    if (!period || unit == units.end() || unit->second == 0) continue;
    plan.period = *period;
    plan.unit_id = unit->second;
    if (!domain::InSubtreeAcrossTime(plan.unit_id, scope, *tree)) {
      fail_at(plan.where + "/@orgUnit",
              vi + ": " + tree->Find(plan.unit_id)->full_name + " không thuộc " +
                  tree->Find(scope)->full_name,
              "the unit is outside the unit the file is imported for");
      continue;
    }
    if (!caller.user ||
        !domain::Can(*caller.user, domain::Right::kEnterReports, plan.unit_id, *tree)) {
      forbidden = true;
      continue;
    }
    if (!seen.insert({t.code, plan.unit_id, period->id()}).second) {
      fail_at(plan.where, vi + ": đơn vị và kỳ này đã có ở một nhóm trước",
              "an earlier group has the same unit and period");
      continue;
    }
    if (!g.complete_date.empty()) {
      if (!Date::Parse(g.complete_date.substr(0, 10))) {
        fail_at(plan.where + "/@completeDate", vi + ": completeDate phải là ngày YYYY-MM-DD",
                "completeDate must be a date YYYY-MM-DD");
      }
      plan.complete = true;
    }
    // The rows: one per table, item and level, in the order the values name them.
    std::map<std::tuple<std::string, std::string, std::string>, size_t> row_of;
    std::set<std::tuple<std::string, std::string, std::string, std::string>> cells;
    int di = 0;
    bool values_ok = true;
    for (const AdxValue& value : g.values) {
      if (problems >= 100) break;
      ++di;
      const std::string at = plan.where + "/dataValue[" + std::to_string(di) + "]";
      const std::string at_vi = vi + ", giá trị " + std::to_string(di);
      auto fail = [&](const std::string& field, const std::string& msg_vi, const std::string& en) {
        fail_at(at + field, at_vi + ": " + msg_vi, en);
        values_ok = false;
      };
      const std::string prefix = t.code + ".";
      const std::string rest =
          value.data_element.starts_with(prefix) ? value.data_element.substr(prefix.size()) : "";
      const size_t dot = rest.find('.');
      const auto* table = dot == std::string::npos ? nullptr : t.Table(rest.substr(0, dot));
      const auto* column = table ? table->Column(rest.substr(dot + 1)) : nullptr;
      if (!column) {
        fail("/@dataElement",
             "chỉ tiêu \"" + value.data_element + "\" không có trong mẫu (dạng " + t.code +
                 ".bảng.cột)",
             "data element \"" + value.data_element + "\" is not in the template");
        continue;
      }
      if (column->by_sex ? value.sex != "male" && value.sex != "female" : !value.sex.empty()) {
        fail("/@sex",
             column->by_sex ? "cột \"" + column->name + "\" cần sex=\"male\" hoặc \"female\""
                            : "cột \"" + column->name + "\" không chia theo giới tính",
             column->by_sex ? "this column needs sex male or female" : "this column has no sex");
        continue;
      }
      auto n = AdxCount(value.value);
      if (!n) {
        fail("/@value",
             "giá trị \"" + value.value +
                 "\" không phải số đếm (số nguyên từ 0 đến 1.000.000.000.000)",
             "value \"" + value.value + "\" is not a count (an integer from 0 to 10^12)");
        continue;
      }
      if (!cells.insert({value.data_element, value.item, value.level, value.sex}).second) {
        fail("", "trùng với một giá trị trước (cùng chỉ tiêu và phân tổ)",
             "the same data element and disaggregation as an earlier value");
        continue;
      }
      auto key = std::make_tuple(table->key, value.item, value.level);
      auto [it, added] = row_of.emplace(key, plan.rows.size());
      if (added) {
        domain::ReportRow row;
        row.table = table->key;
        row.item = value.item;
        row.level = value.level;
        row.detail = value.annotation;
        plan.rows.push_back(std::move(row));
      }
      domain::ReportRow& row = plan.rows[it->second];
      if (!value.annotation.empty() && !row.detail.empty() && value.annotation != row.detail) {
        fail("/annotation",
             "ghi chú khác với ghi chú của giá trị trước trong cùng dòng (cùng nội dung và cấp)",
             "the annotation differs from that of an earlier value of the same row");
        continue;
      }
      if (row.detail.empty()) row.detail = value.annotation;
      domain::CellValue& cell = row.values[column->key];
      if (column->by_sex) {
        cell.split = true;
        (value.sex == "male" ? cell.male : cell.female) = *n;
        cell.total = cell.male + cell.female;
      } else {
        cell.total = *n;
      }
    }
    if (!values_ok) continue;
    if (auto checked = domain::ValidateReportContent(t, {}, plan.rows); !checked.ok()) {
      for (const auto& d : checked.error().details)
        fail_at(plan.where + "/" + d.field, vi + ": " + d.message.vi, d.message.en);
      continue;
    }
    plans.push_back(std::move(plan));
  }
  if (forbidden) return Error::Forbidden();
  if (!v.ok()) return v.ToError();

  auto written = Mutate(store_, caller, [&](Mutation& m) -> Result<AdxImport> {
    AdxImport out;
    storage::ReportsRepo repo(m.sql());
    for (const AdxPlan& plan : plans) {
      const auto& t = *plan.templ;
      const std::string period = plan.period.id();
      auto existing = repo.Find(t.code, plan.unit_id, period);
      domain::Report r;
      if (existing) {
        if (existing->Submitted()) {
          return Error::Conflict(
              plan.where + ": báo cáo " + plan.period.Label() + " của " +
                  tree->Find(plan.unit_id)->full_name +
                  " đã gửi lên; cấp trên trả lại hoặc đơn vị rút lại thì mới nhập được",
              plan.where +
                  ": the report is submitted or accepted; it must be returned or "
                  "withdrawn before an import may change it");
        }
        r = *existing;
        if (r.template_id != t.id) {
          return Error::Conflict(plan.where + ": báo cáo đang lập theo phiên bản khác của mẫu",
                                 plan.where + ": the report uses another version of the template");
        }
      } else {
        r.template_id = t.id;
        r.template_code = t.code;
        r.unit_id = plan.unit_id;
        r.period = period;
        r.status = domain::ReportStatus::kDraft;
        r.due_date = plan.period.DefaultDeadline();
        r.created_by = caller.user_id();
        r.created_at_ms = m.now_ms();
      }
      r.rows = plan.rows;
      r.updated_at_ms = m.now_ms();
      if (plan.complete) {
        r.status = domain::ReportStatus::kSubmitted;
        r.submitted_at_ms = m.now_ms();
        ++out.submitted;
      }
      if (existing) {
        if (!repo.Update(r, t, true)) return Error::StaleVersion(existing->version);
        ++out.updated;
      } else {
        r.id = repo.Insert(r, t);
        ++out.created;
      }
      m.Audit({"report.import_adx", "report", IdToString(r.id), r.unit_id, "ok",
               t.code + " " + period + (plan.complete ? " submitted" : "")});
      auto stored = repo.Get(r.id);
      if (!stored) return Error::Internal("report " + IdToString(r.id) + " vanished in its write");
      out.reports.push_back(std::move(*stored));
    }
    return out;
  });
  if (written.ok()) analytics_.MarkDirty();
  return written;
}

}  // namespace binhdang::service
