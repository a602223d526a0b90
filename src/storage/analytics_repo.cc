#include "storage/analytics_repo.h"

namespace binhdang::storage {

long long AppendAnalyticsChange(soci::session& sql, Id report_id, int64_t at_ms) {
  // The UPDATE takes the head row's lock first, so concurrent appends queue here until the
  // holder commits, and each reads the sequence the previous one left.
  sql << "UPDATE analytics_head SET last_seq = last_seq + 1 WHERE one = 1";
  long long seq = 0;
  sql << "SELECT last_seq FROM analytics_head WHERE one = 1", soci::into(seq);
  const long long at = at_ms;
  sql << "INSERT INTO analytics_changes (seq, report_id, at) VALUES (:s, :r, :a)", soci::use(seq),
      soci::use(report_id), soci::use(at);
  return seq;
}

long long AnalyticsHead(soci::session& sql) {
  long long seq = 0;
  sql << "SELECT last_seq FROM analytics_head WHERE one = 1", soci::into(seq);
  return seq;
}

std::vector<AnalyticsChange> AnalyticsChangesSince(soci::session& sql, long long after,
                                                   size_t limit) {
  std::vector<AnalyticsChange> out;
  AnalyticsChange c;
  long long at = 0;
  const long long max = static_cast<long long>(limit);
  soci::statement st =
      (sql.prepare << "SELECT seq, report_id, at FROM analytics_changes WHERE seq > :a "
                      "ORDER BY seq LIMIT :n",
       soci::into(c.seq), soci::into(c.report_id), soci::into(at), soci::use(after),
       soci::use(max));
  st.execute();
  while (st.fetch()) {
    c.at_ms = at;
    out.push_back(c);
  }
  return out;
}

namespace {
constexpr const char* kValueColumns =
    "SELECT v.report_id, v.table_key, v.item_key, v.level, v.column_key, v.sex, v.value "
    "FROM report_values v ";
}  // namespace

void ForEachCountedValues(soci::session& sql,
                          const std::function<void(Id, std::vector<domain::DataValue>&)>& f) {
  constexpr size_t kBatch = 8192;
  std::vector<long long> reports(kBatch), values(kBatch);
  std::vector<std::string> tables(kBatch), items(kBatch), levels(kBatch), columns(kBatch),
      sexes(kBatch);
  soci::statement st =
      (sql.prepare << std::string(kValueColumns) +
                          "JOIN reports r ON r.id = v.report_id "
                          "WHERE r.status IN ('submitted', 'accepted') ORDER BY v.report_id",
       soci::into(reports), soci::into(tables), soci::into(items), soci::into(levels),
       soci::into(columns), soci::into(sexes), soci::into(values));
  if (!st.execute(true)) return;
  Id current = 0;
  std::vector<domain::DataValue> run;
  do {
    for (size_t i = 0; i < reports.size(); ++i) {
      if (reports[i] != current && !run.empty()) {
        f(current, run);
        run.clear();
      }
      current = reports[i];
      run.push_back({0, std::move(tables[i]), std::move(items[i]), std::move(levels[i]),
                     std::move(columns[i]), std::move(sexes[i]), values[i]});
    }
    reports.resize(kBatch), tables.resize(kBatch), items.resize(kBatch), levels.resize(kBatch);
    columns.resize(kBatch), sexes.resize(kBatch), values.resize(kBatch);
  } while (st.fetch());
  if (!run.empty()) f(current, run);
}

std::vector<domain::DataValue> ReportValues(soci::session& sql, Id report_id) {
  std::vector<domain::DataValue> out;
  domain::DataValue v;
  long long report = 0, value = 0;
  soci::statement st =
      (sql.prepare << std::string(kValueColumns) + "WHERE v.report_id = :id", soci::into(report),
       soci::into(v.table), soci::into(v.item), soci::into(v.level), soci::into(v.column),
       soci::into(v.sex), soci::into(value), soci::use(report_id));
  st.execute();
  while (st.fetch()) {
    v.value = value;
    out.push_back(v);
  }
  return out;
}

}  // namespace binhdang::storage
