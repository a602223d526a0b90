#include "storage/reports_repo.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/time.h"
#include "storage/analytics_repo.h"
#include "storage/stored.h"

namespace binhdang::storage {

namespace {
using nlohmann::json;

std::optional<domain::ReportTemplate> TemplateOf(Id id, long long version,
                                                 const std::string& definition) {
  auto parsed = domain::TemplateFromJson(json::parse(definition, nullptr, false));
  // A stored definition always passed the same check when it was saved: one that does not
  // parse now is damaged data, an error rather than a template silently left out.
  if (!parsed.ok()) {
    throw std::runtime_error("report template " + std::to_string(id) +
                             " is unreadable: " + parsed.error().message.en);
  }
  domain::ReportTemplate t = std::move(parsed).value();
  t.id = id;
  t.version = version;
  return t;
}

constexpr const char* kTemplateColumns = "SELECT id, version, definition FROM report_templates";

std::vector<domain::ReportTemplate> QueryTemplates(soci::session& sql, const std::string& where,
                                                   const std::string* param,
                                                   const Id* id_param = nullptr) {
  Id id = 0;
  long long version = 0;
  std::string definition;
  soci::statement st(sql);
  st.exchange(soci::into(id));
  st.exchange(soci::into(version));
  st.exchange(soci::into(definition));
  if (param) st.exchange(soci::use(*param));
  if (id_param) st.exchange(soci::use(*id_param));
  st.alloc();
  st.prepare(std::string(kTemplateColumns) + where);
  st.define_and_bind();
  st.execute();
  std::vector<domain::ReportTemplate> out;
  while (st.fetch()) {
    if (auto t = TemplateOf(id, version, definition)) out.push_back(std::move(*t));
  }
  return out;
}

constexpr const char* kReportColumns =
    "SELECT id, template_id, template_code, unit_id, period, plan_id, status, sections, due_date, "
    "submitted_at, reviewed_at, return_comment, version, created_by, created_at, updated_at FROM "
    "reports";

struct ReportRowBuffer {
  domain::Report r;
  std::string status, sections, due;
  long long plan = 0, submitted = 0, reviewed = 0, created_by = 0;
  soci::indicator ind_plan = soci::i_null, ind_sub = soci::i_null, ind_rev = soci::i_null,
                  ind_by = soci::i_null;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(r.id));
    st.exchange(soci::into(r.template_id));
    st.exchange(soci::into(r.template_code));
    st.exchange(soci::into(r.unit_id));
    st.exchange(soci::into(r.period));
    st.exchange(soci::into(plan, ind_plan));
    st.exchange(soci::into(status));
    st.exchange(soci::into(sections));
    st.exchange(soci::into(due));
    st.exchange(soci::into(submitted, ind_sub));
    st.exchange(soci::into(reviewed, ind_rev));
    st.exchange(soci::into(r.return_comment));
    st.exchange(soci::into(r.version));
    st.exchange(soci::into(created_by, ind_by));
    st.exchange(soci::into(r.created_at_ms));
    st.exchange(soci::into(r.updated_at_ms));
  }
  domain::Report Take() const {
    domain::Report out = r;
    out.plan_id = ind_plan == soci::i_ok ? std::optional<Id>(plan) : std::nullopt;
    out.status = Stored(domain::ParseReportStatus(status), "status", status);
    out.sections.clear();
    const json j = json::parse(sections, nullptr, false);
    if (j.is_object()) {
      for (const auto& [k, v] : j.items())
        if (v.is_string()) out.sections[k] = v.get<std::string>();
    }
    out.due_date = Stored(Date::Parse(due), "due", due);
    out.submitted_at_ms = ind_sub == soci::i_ok ? std::optional<int64_t>(submitted) : std::nullopt;
    out.reviewed_at_ms = ind_rev == soci::i_ok ? std::optional<int64_t>(reviewed) : std::nullopt;
    out.created_by = ind_by == soci::i_ok ? created_by : 0;
    return out;
  }
};

std::string SectionsText(const domain::Report& r) {
  json j = json::object();
  for (const auto& [k, v] : r.sections) j[k] = v;
  return j.dump();
}
}  // namespace

Id TemplatesRepo::Insert(const domain::ReportTemplate& t, Id created_by, int64_t now_ms) {
  const std::string definition = domain::TemplateToJson(t).dump();
  const long long version = t.version, now = now_ms, by = created_by;
  soci::indicator ind_by = created_by ? soci::i_ok : soci::i_null;
  Id id = 0;
  sql_ << "INSERT INTO report_templates (code, version, title, definition, created_by, created_at) "
          "VALUES (:c, :v, :t, :d, :b, :n) RETURNING id",
      soci::use(t.code), soci::use(version), soci::use(t.title), soci::use(definition),
      soci::use(by, ind_by), soci::use(now), soci::into(id);
  return id;
}

std::optional<domain::ReportTemplate> TemplatesRepo::Get(Id id) {
  auto list = QueryTemplates(sql_, " WHERE id = :id", nullptr, &id);
  if (list.empty()) return std::nullopt;
  return list.front();
}

std::optional<domain::ReportTemplate> TemplatesRepo::Latest(const std::string& code) {
  auto list = QueryTemplates(sql_, " WHERE code = :c ORDER BY version DESC LIMIT 1", &code);
  if (list.empty()) return std::nullopt;
  return list.front();
}

std::optional<Id> TemplatesRepo::LatestId(const std::string& code) {
  Id id = 0;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT id FROM report_templates WHERE code = :c ORDER BY version DESC LIMIT 1",
      soci::use(code), soci::into(id, ind);
  if (!sql_.got_data() || ind != soci::i_ok) return std::nullopt;
  return id;
}

std::vector<domain::ReportTemplate> TemplatesRepo::ListLatest() {
  return QueryTemplates(sql_,
                        " t WHERE version = (SELECT max(version) FROM report_templates u "
                        "WHERE u.code = t.code) ORDER BY code",
                        nullptr);
}

long long TemplatesRepo::Count() {
  long long n = 0;
  sql_ << "SELECT count(*) FROM report_templates", soci::into(n);
  return n;
}

void ReportsRepo::WriteRows(Id report_id, const domain::Report& r,
                            const domain::ReportTemplate& t) {
  sql_ << "DELETE FROM report_values WHERE report_id = :id", soci::use(report_id);
  std::vector<long long> ids, row_nos, values;
  std::vector<std::string> tables, items, details, levels, columns, sexes;
  for (size_t i = 0; i < r.rows.size(); ++i) {
    const auto& row = r.rows[i];
    for (const auto& v : domain::DataValuesOf(t, r.unit_id, {row})) {
      ids.push_back(report_id);
      row_nos.push_back(static_cast<long long>(i));
      tables.push_back(v.table);
      items.push_back(v.item);
      details.push_back(row.detail);
      levels.push_back(v.level);
      columns.push_back(v.column);
      sexes.push_back(v.sex);
      values.push_back(v.value);
    }
  }
  if (ids.empty()) return;
  if (sql_.get_backend_name() != "postgresql") {
    // SQLite: one prepared statement stepped once per row is the fastest there is (a statement
    // of many rows costs more to prepare than it saves).
    sql_ << "INSERT INTO report_values (report_id, row_no, table_key, item_key, detail, level, "
            "column_key, sex, value) VALUES (:r, :n, :t, :i, :d, :l, :c, :s, :v)",
        soci::use(ids), soci::use(row_nos), soci::use(tables), soci::use(items), soci::use(details),
        soci::use(levels), soci::use(columns), soci::use(sexes), soci::use(values);
    return;
  }
  // PostgreSQL: a bound vector makes one round trip per row; many rows per statement, sent as
  // one query, make one per 100 rows (900 parameters, well under the limit).
  constexpr size_t kRowsPerStatement = 100;
  std::string text;
  for (size_t begin = 0; begin < ids.size(); begin += kRowsPerStatement) {
    const size_t n = std::min(kRowsPerStatement, ids.size() - begin);
    text =
        "INSERT INTO report_values (report_id, row_no, table_key, item_key, detail, level, "
        "column_key, sex, value) VALUES ";
    for (size_t k = 0; k < n; ++k) {
      const std::string i = std::to_string(k);
      text += (k ? ",(:r" : "(:r") + i + ",:n" + i + ",:t" + i + ",:i" + i + ",:d" + i + ",:l" + i +
              ",:c" + i + ",:s" + i + ",:v" + i + ")";
    }
    soci::statement st(sql_);
    st.alloc();
    st.prepare(text, soci::details::st_one_time_query);
    for (size_t k = begin; k < begin + n; ++k) {
      st.exchange(soci::use(ids[k]));
      st.exchange(soci::use(row_nos[k]));
      st.exchange(soci::use(tables[k]));
      st.exchange(soci::use(items[k]));
      st.exchange(soci::use(details[k]));
      st.exchange(soci::use(levels[k]));
      st.exchange(soci::use(columns[k]));
      st.exchange(soci::use(sexes[k]));
      st.exchange(soci::use(values[k]));
    }
    st.define_and_bind();
    st.execute(true);
  }
}

std::vector<domain::ReportRow> ReportsRepo::ReadRows(Id report_id) {
  std::vector<domain::ReportRow> rows;
  long long row_no = 0, value = 0;
  std::string table, item, detail, level, column, sex;
  soci::statement st =
      (sql_.prepare << "SELECT row_no, table_key, item_key, detail, level, column_key, "
                       "sex, value FROM report_values WHERE report_id = :id "
                       "ORDER BY row_no, column_key, sex",
       soci::into(row_no), soci::into(table), soci::into(item), soci::into(detail),
       soci::into(level), soci::into(column), soci::into(sex), soci::into(value),
       soci::use(report_id));
  st.execute();
  long long current = -1;
  while (st.fetch()) {
    if (row_no != current) {
      rows.push_back({table, item, detail, level, {}});
      current = row_no;
    }
    auto& cell = rows.back().values[column];
    if (sex == "male")
      cell.male = value, cell.split = true;
    else if (sex == "female")
      cell.female = value, cell.split = true;
    else
      cell.total = value;
  }
  return rows;
}

Id ReportsRepo::Insert(const domain::Report& r, const domain::ReportTemplate& t) {
  const std::string status(domain::ReportStatusName(r.status));
  const std::string sections = SectionsText(r), due = r.due_date.Iso();
  const long long plan = r.plan_id.value_or(0), submitted = r.submitted_at_ms.value_or(0),
                  reviewed = r.reviewed_at_ms.value_or(0), by = r.created_by,
                  created = r.created_at_ms, updated = r.updated_at_ms;
  soci::indicator ind_plan = r.plan_id ? soci::i_ok : soci::i_null;
  soci::indicator ind_sub = r.submitted_at_ms ? soci::i_ok : soci::i_null;
  soci::indicator ind_rev = r.reviewed_at_ms ? soci::i_ok : soci::i_null;
  soci::indicator ind_by = r.created_by ? soci::i_ok : soci::i_null;
  Id id = 0;
  sql_ << "INSERT INTO reports (template_id, template_code, unit_id, period, plan_id, status, "
          "sections, due_date, submitted_at, reviewed_at, return_comment, version, created_by, "
          "created_at, updated_at) VALUES (:t, :c, :u, :p, :plan, :s, :sec, :due, :sub, :rev, "
          ":ret, 1, :by, :ca, :ua) RETURNING id",
      soci::use(r.template_id), soci::use(r.template_code), soci::use(r.unit_id),
      soci::use(r.period), soci::use(plan, ind_plan), soci::use(status), soci::use(sections),
      soci::use(due), soci::use(submitted, ind_sub), soci::use(reviewed, ind_rev),
      soci::use(r.return_comment), soci::use(by, ind_by), soci::use(created), soci::use(updated),
      soci::into(id);
  WriteRows(id, r, t);
  AppendAnalyticsChange(sql_, id, NowMs());  // same transaction as the write
  return id;
}

std::optional<domain::Report> ReportsRepo::Get(Id id, const char* lock) {
  ReportRowBuffer row;
  soci::statement st(sql_);
  row.Bind(st);
  st.exchange(soci::use(id));
  st.alloc();
  st.prepare(std::string(kReportColumns) + " WHERE id = :id" + lock);
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  domain::Report r = row.Take();
  r.rows = ReadRows(id);
  return r;
}

std::optional<domain::Report> ReportsRepo::Find(const std::string& template_code, Id unit_id,
                                                const std::string& period) {
  Id id = 0;
  sql_ << "SELECT id FROM reports WHERE template_code = :c AND unit_id = :u AND period = :p",
      soci::use(template_code), soci::use(unit_id), soci::use(period), soci::into(id);
  if (!sql_.got_data()) return std::nullopt;
  return Get(id);
}

bool ReportsRepo::Update(const domain::Report& r, const domain::ReportTemplate& t, bool with_rows) {
  const std::string status(domain::ReportStatusName(r.status));
  const std::string sections = SectionsText(r);
  const long long submitted = r.submitted_at_ms.value_or(0),
                  reviewed = r.reviewed_at_ms.value_or(0), updated = r.updated_at_ms;
  soci::indicator ind_sub = r.submitted_at_ms ? soci::i_ok : soci::i_null;
  soci::indicator ind_rev = r.reviewed_at_ms ? soci::i_ok : soci::i_null;
  soci::statement st =
      (sql_.prepare << "UPDATE reports SET status = :s, sections = :sec, submitted_at = :sub, "
                       "reviewed_at = :rev, return_comment = :ret, version = version + 1, "
                       "updated_at = :ua WHERE id = :id AND version = :v",
       soci::use(status), soci::use(sections), soci::use(submitted, ind_sub),
       soci::use(reviewed, ind_rev), soci::use(r.return_comment), soci::use(updated),
       soci::use(r.id), soci::use(r.version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  if (with_rows) WriteRows(r.id, r, t);
  AppendAnalyticsChange(sql_, r.id, NowMs());  // same transaction as the write
  return true;
}

std::vector<domain::Report> ReportsRepo::List(const ReportFilter& f) {
  std::string where = " WHERE 1 = 1";
  const std::string status = f.status ? std::string(domain::ReportStatusName(*f.status)) : "";
  const long long unit = f.unit_id.value_or(0);
  if (!f.template_code.empty()) where += " AND template_code = :c";
  if (!f.period.empty()) where += " AND period = :p";
  if (f.status) where += " AND status = :s";
  if (f.unit_id) where += " AND unit_id = :u";
  if (!f.unit_ids.empty()) {
    where += " AND unit_id IN (";
    for (size_t i = 0; i < f.unit_ids.size(); ++i)
      where += (i ? "," : "") + std::to_string(f.unit_ids[i]);
    where += ")";
  }
  ReportRowBuffer row;
  soci::statement st(sql_);
  row.Bind(st);
  if (!f.template_code.empty()) st.exchange(soci::use(f.template_code));
  if (!f.period.empty()) st.exchange(soci::use(f.period));
  if (f.status) st.exchange(soci::use(status));
  if (f.unit_id) st.exchange(soci::use(unit));
  st.alloc();
  st.prepare(std::string(kReportColumns) + where + " ORDER BY id");
  st.define_and_bind();
  st.execute();
  std::vector<domain::Report> out;
  while (st.fetch()) out.push_back(row.Take());
  return out;
}

std::vector<Id> ReportsRepo::SubmittedUnits(const std::string& template_code,
                                            const std::string& period) {
  std::vector<Id> out;
  Id unit = 0;
  soci::statement st =
      (sql_.prepare << "SELECT unit_id FROM reports WHERE template_code = :c AND period = :p "
                       "AND status IN ('submitted', 'accepted')",
       soci::into(unit), soci::use(template_code), soci::use(period));
  st.execute();
  while (st.fetch()) out.push_back(unit);
  return out;
}

std::vector<domain::DataValue> ReportsRepo::Values(const std::string& template_code,
                                                   const std::string& period, bool accepted_only) {
  // Fetched in batches into column vectors: a national consolidation reads ~10^6 values.
  constexpr size_t kBatch = 8192;
  std::vector<long long> units(kBatch), values(kBatch);
  std::vector<std::string> tables(kBatch), items(kBatch), levels(kBatch), columns(kBatch),
      sexes(kBatch);
  const std::string statuses = accepted_only ? "('accepted')" : "('submitted', 'accepted')";
  soci::statement st =
      (sql_.prepare
           << "SELECT r.unit_id, v.table_key, v.item_key, v.level, v.column_key, v.sex, v.value "
              "FROM report_values v JOIN reports r ON r.id = v.report_id "
              "WHERE r.template_code = :c AND r.period = :p AND r.status IN " +
                  statuses,
       soci::into(units), soci::into(tables), soci::into(items), soci::into(levels),
       soci::into(columns), soci::into(sexes), soci::into(values), soci::use(template_code),
       soci::use(period));
  std::vector<domain::DataValue> out;
  if (!st.execute(true)) return out;
  do {
    for (size_t i = 0; i < units.size(); ++i) {
      out.push_back({units[i], std::move(tables[i]), std::move(items[i]), std::move(levels[i]),
                     std::move(columns[i]), std::move(sexes[i]), values[i]});
    }
    units.resize(kBatch), tables.resize(kBatch), items.resize(kBatch), levels.resize(kBatch);
    columns.resize(kBatch), sexes.resize(kBatch), values.resize(kBatch);
  } while (st.fetch());
  return out;
}

}  // namespace binhdang::storage
