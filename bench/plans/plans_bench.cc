// Benchmark of the plan cascade and of an agency's task list at national scale (issue 3):
// one national plan derived by all 34 provinces and their 3,321 communes, 20 activities each
// (about 67,000 activities), on top of the same cascade for 14 past years (about 1,000,000
// activities in the store). It times the server answering GET /api/v1/plans/{id}/cascade and
// GET /api/v1/tasks?unit= (in process, through the real router, session check, service and JSON)
// and, as the reference, the same queries written directly in SQL on the same engine.
// Prints figures and ratios; asserts nothing about time.
//
//   plans_bench [--sqlite PATH] [--postgres URI] [--years N]
// Without arguments it runs on a temporary SQLite file, and on PostgreSQL too when
// BINHDANG_TEST_PG is set (scripts/with-postgres.sh).
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "common/crypto.h"
#include "http/api.h"
#include "service/bootstrap.h"
#include "service/services.h"
#include "storage/store.h"
#include "storage/units_repo.h"

namespace binhdang {
namespace {

constexpr int kActivitiesPerPlan = 20;
constexpr const char* kPassword = "bench-Secret-1";

double Ms(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// Median time of `runs` calls of `f`, in milliseconds.
double MedianMs(int runs, const std::function<void()>& f) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    f();
    times.push_back(Ms(std::chrono::steady_clock::now() - start));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// Writes rows with multi-row INSERTs of up to 500 rows (generated values only). Rows that
// reference rows of `before` flush it first.
class BulkInsert {
 public:
  BulkInsert(soci::session& sql, std::string head, BulkInsert* before = nullptr)
      : sql_(sql), head_(std::move(head)), before_(before) {}
  void Add(const std::string& row) {
    values_ += (count_ ? "," : "") + ("(" + row + ")");
    if (++count_ == 500) Flush();
  }
  void Flush() {
    if (!count_) return;
    if (before_) before_->Flush();
    sql_ << head_ + " VALUES " + values_;
    values_.clear();
    count_ = 0;
  }

 private:
  soci::session& sql_;
  std::string head_, values_;
  BulkInsert* before_;
  int count_ = 0;
};

struct Dataset {
  Id national_plan = 0;  // this year's national plan
  Id agency = 0;         // a provincial agency: leads 4 activities a year, supports ~100
  long long plans = 0, activities = 0, this_year_activities = 0, agency_tasks = 0;
  double load_ms = 0;
};

// Creates `years` cascades (the last one is this year's): a national plan, one plan per
// province derived from it and one per commune derived from its province's, 20 activities
// each. Provincial activities are led by 5 agencies of the province (4 each); commune
// activities by the commune, the first one supported by the province's police.
Dataset Load(storage::Store& store, const domain::UnitTree& tree, int years) {
  Dataset d;
  const auto start = std::chrono::steady_clock::now();
  const Id country = tree.roots().front();
  const Date today = Date::TodayInVietnam();
  std::vector<Id> provinces;
  for (Id p : tree.Children(country)) {
    const domain::Unit* u = tree.Find(p);
    if (u->kind == domain::UnitKind::kProvince && u->ValidAt(today)) provinces.push_back(p);
  }
  auto sql = store.Lease();
  // Five agencies per province.
  std::vector<std::vector<Id>> agencies(provinces.size());
  {
    storage::Transaction tx(*sql, store);
    storage::UnitsRepo units(*sql);
    const char* names[][2] = {{"Công an tỉnh", "police"},
                              {"Sở Y tế", "health"},
                              {"Sở Tư pháp", "justice"},
                              {"Hội Liên hiệp Phụ nữ tỉnh", "womens_union"},
                              {"Sở Giáo dục và Đào tạo", "education"}};
    for (size_t i = 0; i < provinces.size(); ++i) {
      for (const auto& [name, type] : names) {
        domain::Unit a;
        a.name = a.full_name = name;
        a.kind = domain::UnitKind::kAgency;
        a.agency_type = type;
        a.parent_id = provinces[i];
        agencies[i].push_back(units.Insert(a, NowMs()));
      }
    }
    tx.Commit();
  }
  d.agency = agencies[0][0];
  long long next_plan = 0, next_activity = 0;
  *sql << "SELECT coalesce(max(id), 0) FROM plans", soci::into(next_plan);
  *sql << "SELECT coalesce(max(id), 0) FROM activities", soci::into(next_activity);
  const int this_year = today.year();
  for (int y = this_year - years + 1; y <= this_year; ++y) {
    storage::Transaction tx(*sql, store);
    BulkInsert plans(
        *sql,
        "INSERT INTO plans (id, unit_id, number, symbol, year, place, issued_on, title, kind, "
        "period_start, period_end, theme, parent_plan_id, status, revision, version, content, "
        "search_text, created_by, created_at, updated_at)");
    BulkInsert activities(
        *sql,
        "INSERT INTO activities (id, plan_id, position, section, title, details, assignee, "
        "lead_unit_id, due_date, status, progress_note, completed_on, version, updated_at)",
        &plans);
    BulkInsert support(*sql, "INSERT INTO activity_support (activity_id, unit_id)", &activities);
    const std::string start_day = Date(y, 11, 15).Iso(), end_day = Date(y, 12, 15).Iso();
    const std::string title = "Kế hoạch triển khai Tháng hành động năm " + std::to_string(y);
    long long number = 0;
    auto add_plan = [&](Id unit, Id parent) {
      const Id id = ++next_plan;
      ++d.plans;
      plans.Add(std::to_string(id) + "," + std::to_string(unit) + "," + std::to_string(++number) +
                ",'KH-UBND'," + std::to_string(y) + ",''," + Quote(Date(y, 11, 1).Iso()) + "," +
                Quote(title) + ",'action_month'," + Quote(start_day) + "," + Quote(end_day) +
                ",''," + (parent ? std::to_string(parent) : "NULL") + ",'issued',1,1,'{}'," +
                Quote("kh-ubnd ke hoach trien khai thang hanh dong nam " + std::to_string(y)) +
                ",NULL,0,0");
      return id;
    };
    auto add_activity = [&](Id plan, int position, Id lead, Id supporter) {
      const Id id = ++next_activity;
      ++d.activities;
      if (y == this_year) ++d.this_year_activities;
      const Date due = Date(y, 11, 15).AddDays(position);
      // Past years are done; this year's activities are a third done, the others late or not.
      const bool done = y < this_year || position % 3 == 0;
      activities.Add(std::to_string(id) + "," + std::to_string(plan) + "," +
                     std::to_string(position) + ",'assignment','Hoạt động " +
                     std::to_string(position) + "','[]','unit'," + std::to_string(lead) + "," +
                     Quote(due.Iso()) +
                     (done ? ",'done',''," + Quote(due.Iso()) : ",'not_started','',NULL") + ",1,0");
      if (supporter) support.Add(std::to_string(id) + "," + std::to_string(supporter));
    };
    const Id national = add_plan(country, 0);
    for (int k = 1; k <= kActivitiesPerPlan; ++k)
      add_activity(national, k, provinces[k % provinces.size()], 0);
    if (y == this_year) d.national_plan = national;
    for (size_t i = 0; i < provinces.size(); ++i) {
      const Id province_plan = add_plan(provinces[i], national);
      for (int k = 1; k <= kActivitiesPerPlan; ++k)
        add_activity(province_plan, k, agencies[i][(k - 1) % 5], 0);
      for (Id commune : tree.Children(provinces[i])) {
        const domain::Unit* u = tree.Find(commune);
        if (u->kind != domain::UnitKind::kCommune || !u->ValidAt(today)) continue;
        const Id commune_plan = add_plan(commune, province_plan);
        for (int k = 1; k <= kActivitiesPerPlan; ++k) {
          add_activity(commune_plan, k, commune, k == 1 ? agencies[i][0] : 0);
        }
      }
    }
    plans.Flush();
    activities.Flush();
    support.Flush();
    tx.Commit();
  }
  if (store.backend() == storage::Backend::kPostgres) {
    *sql << "SELECT setval(pg_get_serial_sequence('plans', 'id'), (SELECT max(id) FROM plans))";
    *sql << "SELECT setval(pg_get_serial_sequence('activities', 'id'), (SELECT max(id) FROM "
            "activities))";
    *sql << "ANALYZE";
  } else {
    *sql << "ANALYZE";
  }
  *sql << "SELECT count(*) FROM activities a WHERE a.lead_unit_id = :u OR a.id IN "
          "(SELECT activity_id FROM activity_support WHERE unit_id = :u2)",
      soci::use(d.agency), soci::use(d.agency), soci::into(d.agency_tasks);
  d.load_ms = Ms(std::chrono::steady_clock::now() - start);
  return d;
}

// The reference: the queries of the cascade and of the task list written directly in SQL,
// reading every row the server reads.
long long DirectCascade(soci::session& sql, Id root) {
  long long rows = 0;
  {
    long long id = 0, unit = 0, parent = 0;
    std::string status;
    soci::indicator ind = soci::i_ok;
    soci::statement st =
        (sql.prepare
             << "WITH RECURSIVE cascade(id) AS (SELECT id FROM plans WHERE id = :root "
                "UNION ALL SELECT p.id FROM plans p JOIN cascade c ON p.parent_plan_id = c.id) "
                "SELECT p.id, p.unit_id, p.parent_plan_id, p.status FROM plans p "
                "JOIN cascade c ON c.id = p.id",
         soci::into(id), soci::into(unit), soci::into(parent, ind), soci::into(status),
         soci::use(root));
    st.execute();
    while (st.fetch()) ++rows;
  }
  {
    long long plan = 0, lead = 0, total = 0, done = 0, overdue = 0;
    soci::indicator ind = soci::i_ok;
    const std::string today = Date::TodayInVietnam().Iso();
    soci::statement st =
        (sql.prepare
             << "WITH RECURSIVE cascade(id) AS (SELECT id FROM plans WHERE id = :root "
                "UNION ALL SELECT p.id FROM plans p JOIN cascade c ON p.parent_plan_id = c.id) "
                "SELECT a.plan_id, a.lead_unit_id, count(*), sum(CASE WHEN a.status = 'done' THEN "
                "1 ELSE 0 END), "
                "sum(CASE WHEN a.due_date < :today AND a.status NOT IN ('done', 'cancelled') THEN "
                "1 ELSE 0 END) "
                "FROM cascade c CROSS JOIN activities a WHERE a.plan_id = c.id "
                "GROUP BY a.plan_id, a.lead_unit_id",
         soci::into(plan), soci::into(lead, ind), soci::into(total), soci::into(done),
         soci::into(overdue), soci::use(root), soci::use(today));
    st.execute();
    while (st.fetch()) ++rows;
  }
  return rows;
}

long long DirectTasks(soci::session& sql, Id unit) {
  long long rows = 0, id = 0, plan = 0;
  std::string title, due, status;
  soci::statement st =
      (sql.prepare
           << "SELECT a.id, a.plan_id, a.title, a.due_date, a.status FROM activities a "
              "JOIN plans p ON p.id = a.plan_id WHERE a.id IN (SELECT id FROM activities WHERE "
              "lead_unit_id = :u "
              "UNION SELECT activity_id FROM activity_support WHERE unit_id = :u2) AND p.status = "
              "'issued' "
              "ORDER BY CASE WHEN a.due_date IS NULL THEN 1 ELSE 0 END, a.due_date, a.id LIMIT 51",
       soci::into(id), soci::into(plan), soci::into(title), soci::into(due), soci::into(status),
       soci::use(unit), soci::use(unit));
  st.execute();
  while (st.fetch()) ++rows;
  return rows;
}

int Run(const std::string& label, const std::string& url, int years) {
  std::printf("\n== %s ==\n", label.c_str());
  auto opened = storage::Store::Open(url, 4);
  if (!opened.ok()) {
    std::printf("cannot open %s: %s\n", url.c_str(), opened.error().message.en.c_str());
    return 1;
  }
  auto& store = **opened;
  auto t0 = std::chrono::steady_clock::now();
  auto boot = service::Bootstrap(store, {BINHDANG_RESOURCE_DIR, kPassword, true});
  if (!boot.ok()) {
    std::printf("bootstrap failed: %s\n", boot.error().message.en.c_str());
    return 1;
  }
  std::printf("bootstrap (units, demo plans): %.0f ms\n",
              Ms(std::chrono::steady_clock::now() - t0));
  service::Services services(store, true);
  services.directory.Reload();
  Dataset d = Load(store, *services.directory.Tree(), years);
  services.directory.Reload();
  std::printf("loaded %lld plans, %lld activities (%lld this year) in %.0f ms\n", d.plans,
              d.activities, d.this_year_activities, d.load_ms);

  http::Api api(services, {});
  auto session = services.sessions.Login("admin", kPassword, {"127.0.0.1", ""});
  if (!session.ok()) {
    std::printf("login failed\n");
    return 1;
  }
  auto call = [&](const std::string& path, const std::map<std::string, std::string>& query) {
    http::Request req;
    req.method = "GET";
    req.path = path;
    req.query = query;
    req.headers["cookie"] = "binhdang_session=" + session->token;
    return api.Handle(req);
  };
  const std::string cascade_path = "/api/v1/plans/" + IdToString(d.national_plan) + "/cascade";
  http::Response cascade = call(cascade_path, {});
  http::Response tasks = call("/api/v1/tasks", {{"unit", IdToString(d.agency)}});
  if (cascade.status != 200 || tasks.status != 200) {
    std::printf("unexpected status: cascade %d, tasks %d: %s\n", cascade.status, tasks.status,
                cascade.body.substr(0, 200).c_str());
    return 1;
  }
  auto sql = store.Lease();
  const long long cascade_rows = DirectCascade(*sql, d.national_plan);
  const long long task_rows = DirectTasks(*sql, d.agency);
  const double server_cascade = MedianMs(5, [&] { call(cascade_path, {}); });
  const double direct_cascade = MedianMs(5, [&] { DirectCascade(*sql, d.national_plan); });
  const double server_tasks = MedianMs(51, [&] {
    call("/api/v1/tasks", {{"unit", IdToString(d.agency)}});
  });
  const double direct_tasks = MedianMs(51, [&] { DirectTasks(*sql, d.agency); });
  std::printf("%-34s %10s %12s %14s %8s\n", "query", "rows", "server ms", "direct SQL ms", "ratio");
  std::printf("%-34s %10lld %12.2f %14.2f %8.2f\n", "GET /plans/{national}/cascade", cascade_rows,
              server_cascade, direct_cascade, server_cascade / direct_cascade);
  std::printf("%-34s %10lld %12.2f %14.2f %8.2f\n", "GET /tasks?unit={agency} (1 page)", task_rows,
              server_tasks, direct_tasks, server_tasks / direct_tasks);
  std::printf("(cascade answer: %zu bytes of JSON; the agency has %lld tasks over %d years)\n",
              cascade.body.size(), d.agency_tasks, years);
  return 0;
}

}  // namespace
}  // namespace binhdang

int main(int argc, char** argv) {
  using namespace binhdang;
  crypto::Init();
  spdlog::set_level(spdlog::level::warn);
  std::string sqlite_path, pg_url;
  int years = 15;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--sqlite")
      sqlite_path = argv[i + 1];
    else if (flag == "--postgres")
      pg_url = argv[i + 1];
    else if (flag == "--years")
      years = std::max(1, std::atoi(argv[i + 1]));
  }
  if (pg_url.empty() && std::getenv("BINHDANG_TEST_PG")) pg_url = std::getenv("BINHDANG_TEST_PG");
  std::string temp_dir;
  if (sqlite_path.empty()) {
    temp_dir =
        (std::filesystem::temp_directory_path() / ("plans_bench_" + std::to_string(::getpid())))
            .string();
    std::filesystem::create_directories(temp_dir);
    sqlite_path = temp_dir + "/bench.db";
  }
  std::printf(
      "plans_bench: national cascade (34 provinces, 3,321 communes, %d activities per plan), %d "
      "years\n",
      kActivitiesPerPlan, years);
  auto guarded = [&](const std::string& label, const std::string& url) {
    try {
      return Run(label, url, years);
    } catch (const std::exception& e) {
      std::printf("%s failed: %.300s\n", label.c_str(), e.what());
      return 1;
    }
  };
  int rc = guarded("SQLite", "sqlite:" + sqlite_path);
  if (!pg_url.empty())
    rc |= guarded("PostgreSQL", pg_url);
  else
    std::printf(
        "\n(PostgreSQL skipped: run under scripts/with-postgres.sh or pass --postgres URI)\n");
  if (!temp_dir.empty()) std::filesystem::remove_all(temp_dir);
  return rc;
}
