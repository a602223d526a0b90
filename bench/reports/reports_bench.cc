// Reports at national scale on the action-month template: every commune of Vietnam (3,321)
// and three agencies under each report three tables of about six rows. Prints the server time
// of a national consolidation and of completeness beside the same sums written as SQL GROUP
// BY on the same database, with ratios, and the rate of importing filled XLSX sheets. Runs on
// SQLite (a temporary file) and, when BINHDANG_TEST_PG is set (scripts/with-postgres.sh), on
// PostgreSQL. Prints figures; asserts nothing about time.
//
//   scripts/with-postgres.sh build/binhdang_reports_bench [--reports-per-commune N]
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "common/crypto.h"
#include "documents/report_xlsx.h"
#include "service/bootstrap.h"
#include "service/services.h"
#include "storage/reports_repo.h"
#include "storage/units_repo.h"

using namespace binhdang;

namespace {

double Ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since)
      .count();
}

// The median of `runs` timings of `f`, in ms.
double Median(int runs, const std::function<void()>& f) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    times.push_back(Ms(t0));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

std::vector<domain::ReportRow> RowsFor(const domain::ReportTemplate& t, unsigned seed,
                                       const std::string& level) {
  std::vector<domain::ReportRow> rows;
  for (const auto& table : t.tables) {
    for (size_t i = 0; i < table.items.size() && rows.size() < 18; ++i) {
      domain::ReportRow r{table.key,
                          table.items[i].key,
                          table.items[i].key == "other" ? "Văn nghệ" : "",
                          level,
                          {}};
      for (const auto& c : table.columns) {
        const long long n = (seed * 31 + i * 7 + c.key.size()) % 97;
        r.values[c.key] = c.by_sex ? domain::CellValue{0, n * 3, n * 4, true}
                                   : domain::CellValue{n % 9 + 1, 0, 0, false};
      }
      rows.push_back(std::move(r));
    }
  }
  return rows;
}

struct Figures {
  std::string engine;
  size_t reports = 0, values = 0;
  double load_ms = 0, consolidation_ms = 0, consolidation_sql_ms = 0, plain_sql_ms = 0;
  double completeness_ms = 0, completeness_sql_ms = 0;
  double import_rate = 0, parse_rate = 0;
  double ingest_ms = 0;  // the reports and their values, one transaction
  double engine_build_ms = 0, old_path_ms = 0, catch_up_ms = 0;
  double bytes_per_value = 0, all_bytes_per_value = 0;
};

Figures Run(const std::string& engine, const std::string& url, int agencies_per_commune,
            int xlsx_count) {
  Figures fig;
  fig.engine = engine;
  auto opened = storage::Store::Open(url, 4);
  if (!opened.ok()) {
    std::fprintf(stderr, "cannot open %s: %s\n", url.c_str(), opened.error().message.en.c_str());
    std::exit(1);
  }
  auto store = std::move(opened).value();
  auto boot = service::Bootstrap(*store, {BINHDANG_RESOURCE_DIR, "bench-Secret-1", true});
  if (!boot.ok()) {
    std::fprintf(stderr, "bootstrap: %s\n", boot.error().message.en.c_str());
    std::exit(1);
  }
  service::Services services(*store, true);
  services.directory.Reload();
  auto tree = services.directory.Tree();
  const Id country = tree->roots().front();
  const Date today = Date::TodayInVietnam();
  std::vector<Id> communes;
  for (Id id : tree->Search({"", std::nullopt, domain::UnitKind::kCommune, today}))
    communes.push_back(id);

  // Agencies under each commune, in one transaction.
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::pair<Id, std::string>> reporters;  // unit, level
  {
    auto sql = store->Lease();
    storage::Transaction tx(*sql, *store);
    storage::UnitsRepo units(*sql);
    const char* types[] = {"womens_union", "culture_information", "police"};
    for (Id c : communes) {
      reporters.push_back({c, "xa"});
      for (int a = 0; a < agencies_per_commune; ++a) {
        domain::Unit u;
        u.name = u.full_name = std::string("Cơ quan ") + types[a % 3];
        u.kind = domain::UnitKind::kAgency;
        u.agency_type = types[a % 3];
        u.parent_id = c;
        u.valid_from = tree->Find(c)->valid_from;
        reporters.push_back({units.Insert(u, NowMs()), "xa"});
      }
    }
    tx.Commit();
  }
  services.directory.Reload();
  tree = services.directory.Tree();
  auto templ = [&] {
    auto sql = store->Lease();
    return *storage::TemplatesRepo(*sql).Latest("action_month_results");
  }();
  // Reports: 9 in 10 submitted (a fifth of them late), the rest missing.
  const auto ingest_start = std::chrono::steady_clock::now();
  {
    auto sql = store->Lease();
    storage::Transaction tx(*sql, *store);
    storage::ReportsRepo repo(*sql);
    const int64_t due_ms = (Date(2026, 12, 10).ToDays() * 86400LL - 7 * 3600LL) * 1000LL;
    unsigned seed = 1;
    for (const auto& [unit, level] : reporters) {
      ++seed;
      if (seed % 10 == 0) continue;
      domain::Report r;
      r.template_id = templ.id;
      r.template_code = templ.code;
      r.unit_id = unit;
      r.period = "2026AM";
      r.status = domain::ReportStatus::kSubmitted;
      r.sections = {{"results", "Kết quả đạt được"}};
      r.rows = RowsFor(templ, seed, level);
      r.due_date = Date(2026, 12, 10);
      r.submitted_at_ms = due_ms + (seed % 5 == 0 ? 3 : -3) * 86400000LL;
      r.created_at_ms = r.updated_at_ms = NowMs();
      repo.Insert(r, templ);
      ++fig.reports;
      fig.values += domain::DataValuesOf(templ, unit, r.rows).size();
    }
    tx.Commit();
  }
  fig.ingest_ms = Ms(ingest_start);
  fig.load_ms = Ms(t0);
  std::fprintf(stderr, "[%s] %zu units, %zu reports, %zu data values written in %.0f ms\n",
               engine.c_str(), reporters.size(), fig.reports, fig.values, fig.load_ms);

  domain::User admin_user;
  admin_user.id = 1;
  admin_user.username = "admin";
  admin_user.unit_id = country;
  admin_user.roles = {domain::Role::kAdmin};
  service::Caller admin{admin_user, "127.0.0.1", false};

  // The analytics engine: built from the database as at start, then answering from memory.
  fig.engine_build_ms = services.reports.analytics().Build();
  {
    const auto m = services.reports.analytics().Memory();
    fig.bytes_per_value = m.BytesPerValue();
    fig.all_bytes_per_value = m.AllBytesPerValue();
  }
  long long server_total = 0, sql_total = 0;
  // The path before the engine: load the counted values from the database, sum in string-keyed
  // maps.
  fig.old_path_ms = Median(5, [&] {
    analytics::ValuesByUnit values;
    auto sql = store->Lease();
    storage::ReportsRepo repo(*sql);
    for (auto& v : repo.Values("action_month_results", "2026AM", false))
      values[v.unit_id].push_back(std::move(v));
    for (Id u : repo.SubmittedUnits("action_month_results", "2026AM")) values[u];
    analytics::Consolidate(*tree, country, values);
  });
  fig.consolidation_ms = Median(5, [&] {
    auto c = services.reports.Consolidated(admin, "action_month_results", "2026AM", country);
    server_total = c->sums.totals.at({"activities", "people", "female"});
  });
  // The plain sum of every report, ignoring that a commune's report stands for its agencies.
  fig.plain_sql_ms = Median(5, [&] {
    auto sql = store->Lease();
    std::string table, item, level, column, sex;
    long long sum = 0;
    soci::statement st =
        (sql->prepare
             << "SELECT v.table_key, v.item_key, v.level, v.column_key, v.sex, sum(v.value) "
                "FROM report_values v JOIN reports r ON r.id = v.report_id "
                "WHERE r.template_code = 'action_month_results' AND r.period = '2026AM' "
                "AND r.status IN ('submitted', 'accepted') "
                "GROUP BY v.table_key, v.item_key, v.level, v.column_key, v.sex",
         soci::into(table), soci::into(item), soci::into(level), soci::into(column),
         soci::into(sex), soci::into(sum));
    st.execute();
    while (st.fetch()) {
    }
  });
  // Freshness: one report changes in the database; the next answer reads the change log.
  {
    auto sql = store->Lease();
    storage::ReportsRepo repo(*sql);
    auto r = repo.Find("action_month_results", reporters.front().first, "2026AM");
    if (r) {
      storage::Transaction tx(*sql, *store);
      r->rows = RowsFor(templ, 12345, "xa");
      repo.Update(*r, templ, true);
      tx.Commit();
    }
  }
  {
    const auto t = std::chrono::steady_clock::now();
    services.reports.analytics().CatchUp();  // the poll that another server's write waits for
    auto c = services.reports.Consolidated(admin, "action_month_results", "2026AM", country);
    fig.catch_up_ms = Ms(t);
    server_total = c->sums.totals.at({"activities", "people", "female"});
  }
  fig.consolidation_sql_ms = Median(5, [&] {
    auto sql = store->Lease();
    std::string table, item, level, column, sex;
    long long sum = 0;
    soci::statement st =
        (sql->prepare
             << "SELECT v.table_key, v.item_key, v.level, v.column_key, v.sex, sum(v.value) "
                "FROM report_values v JOIN reports r ON r.id = v.report_id "
                "JOIN units u ON u.id = r.unit_id "
                "WHERE r.template_code = 'action_month_results' AND r.period = '2026AM' "
                "AND r.status IN ('submitted', 'accepted') "
                "AND NOT EXISTS (SELECT 1 FROM reports p WHERE p.unit_id = u.parent_id "
                "AND p.template_code = r.template_code AND p.period = r.period "
                "AND p.status IN ('submitted', 'accepted')) "
                "GROUP BY v.table_key, v.item_key, v.level, v.column_key, v.sex",
         soci::into(table), soci::into(item), soci::into(level), soci::into(column),
         soci::into(sex), soci::into(sum));
    st.execute();
    sql_total = 0;
    while (st.fetch()) {
      if (table == "activities" && column == "people" && sex == "female") sql_total += sum;
    }
  });
  if (server_total != sql_total) {
    std::fprintf(stderr, "MISMATCH: server %lld, SQL %lld\n", server_total, sql_total);
  }
  // Completeness of every province (its communes and agencies), against the same counts in SQL.
  std::vector<Id> provinces = tree->Children(country);
  size_t server_submitted = 0, sql_submitted = 0;
  fig.completeness_ms = Median(5, [&] {
    server_submitted = 0;
    for (Id p : provinces) {
      auto c = services.reports.CompletenessOf(admin, "action_month_results", "2026AM", p);
      if (c.ok()) server_submitted += c->submitted;
    }
  });
  fig.completeness_sql_ms = Median(5, [&] {
    auto sql = store->Lease();
    long long parent = 0, submitted = 0, on_time = 0;
    soci::statement st =
        (sql->prepare << "SELECT u.parent_id, count(*), "
                         "sum(CASE WHEN r.submitted_at <= 1797008400000 THEN 1 ELSE 0 END) "
                         "FROM reports r JOIN units u ON u.id = r.unit_id "
                         "WHERE r.template_code = 'action_month_results' AND r.period = '2026AM' "
                         "AND r.status IN ('submitted', 'accepted') AND u.kind = 'commune' "
                         "GROUP BY u.parent_id",
         soci::into(parent), soci::into(submitted), soci::into(on_time));
    st.execute();
    sql_submitted = 0;
    while (st.fetch()) sql_submitted += static_cast<size_t>(submitted);
  });
  if (server_submitted != sql_submitted) {
    std::fprintf(stderr, "note: completeness counts differ: server %zu, SQL %zu\n",
                 server_submitted, sql_submitted);
  }

  // XLSX: export sheets of draft reports, then time parsing alone and the whole import.
  std::vector<std::pair<Id, std::string>> sheets;
  {
    std::vector<Id> drafts;
    {
      auto sql = store->Lease();
      storage::Transaction tx(*sql, *store);
      storage::ReportsRepo repo(*sql);
      for (int i = 0; i < xlsx_count; ++i) {
        domain::Report r;
        r.template_id = templ.id;
        r.template_code = templ.code;
        r.unit_id = communes[static_cast<size_t>(i) % communes.size()];
        r.period = std::to_string(2100 - i / static_cast<int>(communes.size())) + "AM";
        r.due_date = Date(2026, 12, 10);
        r.created_at_ms = r.updated_at_ms = NowMs();
        drafts.push_back(repo.Insert(r, templ));
      }
      tx.Commit();
    }
    for (Id id : drafts) {
      auto r = services.reports.Get(admin, id);
      r->rows = RowsFor(templ, static_cast<unsigned>(id), "xa");
      r->sections = {{"results", "Kết quả"}, {"difficulties", "Khó khăn"}};
      sheets.push_back({id, *documents::ReportXlsx(templ, *r, {"Xã", "Tháng hành động", "", ""})});
    }
  }
  auto t1 = std::chrono::steady_clock::now();
  for (const auto& [id, bytes] : sheets) {
    auto grid = documents::ReadGrid(bytes);
    auto content = documents::ReportFromGrid(templ, *grid);
    if (!content.ok()) std::abort();
  }
  fig.parse_rate = static_cast<double>(sheets.size()) / (Ms(t1) / 1000.0);
  auto t2 = std::chrono::steady_clock::now();
  for (const auto& [id, bytes] : sheets) {
    auto r = services.reports.ImportXlsx(admin, id, bytes);
    if (!r.ok()) {
      std::fprintf(stderr, "import failed: %s\n", r.error().message.en.c_str());
      std::abort();
    }
  }
  fig.import_rate = static_cast<double>(sheets.size()) / (Ms(t2) / 1000.0);
  return fig;
}

}  // namespace

int main(int argc, char** argv) {
  crypto::Init();
  spdlog::set_level(spdlog::level::warn);
  int agencies = 3, sheets = 500;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--agencies-per-commune") agencies = std::atoi(argv[i + 1]);
    if (std::string(argv[i]) == "--xlsx") sheets = std::atoi(argv[i + 1]);
  }
  std::vector<Figures> all;
  const auto dir =
      std::filesystem::temp_directory_path() / ("binhdang-bench-" + crypto::RandomToken(6));
  std::filesystem::create_directories(dir);
  all.push_back(Run("sqlite", "sqlite:" + (dir / "bench.db").string(), agencies, sheets));
  std::filesystem::remove_all(dir);
  if (const char* pg = std::getenv("BINHDANG_TEST_PG"); pg && *pg)
    all.push_back(Run("postgresql", pg, agencies, sheets));

  std::printf(
      "\nReports benchmark: action-month template, every commune + %d agencies each, 2026AM\n",
      agencies);
  std::printf("%-11s %8s %9s | %12s %12s %7s %10s | %12s %12s %7s | %10s %10s\n", "engine",
              "reports", "values", "consol. ms", "SQL GROUP BY", "ratio", "plain SQL",
              "complet. ms", "SQL GROUP BY", "ratio", "xlsx imp/s", "parse/s");
  for (const auto& f : all) {
    std::printf(
        "%-11s %8zu %9zu | %12.1f %12.1f %6.2fx %10.1f | %12.1f %12.1f %6.2fx | %10.0f %10.0f\n",
        f.engine.c_str(), f.reports, f.values, f.consolidation_ms, f.consolidation_sql_ms,
        f.consolidation_ms / f.consolidation_sql_ms, f.plain_sql_ms, f.completeness_ms,
        f.completeness_sql_ms, f.completeness_ms / f.completeness_sql_ms, f.import_rate,
        f.parse_rate);
  }
  std::printf(
      "\ningest (reports with their data values, one transaction, through ReportsRepo::Insert):\n");
  for (const auto& f : all) {
    std::printf("%-11s %9zu values in %8.1f ms = %10.0f values/s (%zu reports)\n", f.engine.c_str(),
                f.values, f.ingest_ms, f.values / (f.ingest_ms / 1000.0), f.reports);
  }
  std::printf("\nAnalytics engine (consolidation and completeness above answer from it)\n");
  std::printf("%-11s %12s %12s %12s %9s | %12s %12s %14s\n", "engine", "build ms", "old path ms",
              "engine ms", "speed-up", "catch-up ms", "bytes/value", "all bytes/val");
  for (const auto& f : all) {
    std::printf("%-11s %12.0f %12.1f %12.2f %8.0fx | %12.2f %12.2f %14.2f\n", f.engine.c_str(),
                f.engine_build_ms, f.old_path_ms, f.consolidation_ms,
                f.old_path_ms / f.consolidation_ms, f.catch_up_ms, f.bytes_per_value,
                f.all_bytes_per_value);
  }
  std::printf(
      "  build = engine loaded from the database (as at start); old path = load the values and sum "
      "in\n"
      "  string-keyed maps (before the engine); catch-up = poll of the log + first national answer "
      "after one report changed;\n"
      "  bytes/value = value columns; all = with report headers (incl. sections), dictionaries, "
      "layout.\n\n");
  std::printf(
      "consolidation: server = the analytics engine's sum over the unit tree (whole country);\n"
      "  SQL GROUP BY = the same sums (reports whose parent did not report); plain SQL = every "
      "report summed;\n"
      "completeness: server = all 34 provinces, one call each; SQL = reports of communes grouped "
      "by province.\n");
  return 0;
}
