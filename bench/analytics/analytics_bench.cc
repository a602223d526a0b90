// The analytics engine at national scale (bench/analytics/README.md): BENCH_VALUES synthetic
// data values (default 100 M) over the real unit tree (resources/units, imported by the code the
// server runs at start), each commune with its agencies, 60 months; load time and memory, then
// three pivot queries timed beside the same queries in DuckDB (bench/analytics/duckdb_queries.mjs)
// over the same rows, written to a CSV file and loaded in the same run. Nothing is asserted on
// time; the sums of both sides are compared and printed.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "analytics/engine.h"
#include "common/crypto.h"
#include "domain/period.h"
#include "service/bootstrap.h"
#include "storage/store.h"
#include "storage/units_repo.h"

using namespace binhdang;

namespace {

double Ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since)
      .count();
}

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

// Resident set size of this process, in MB.
double RssMb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  }
  return 0;
}

constexpr const char* kTemplate = "monthly_activities";
// Five elements (<table>.<column>), each by sex and at five implementation levels: 50 values a
// report, one report a unit and month.
const char* kTables[] = {"activities", "trainings", "counselling", "support", "communication"};
const char* kLevels[] = {"xa", "lien_xa", "huyen", "tinh", "trung_uong"};
const char* kSexes[] = {"female", "male"};
constexpr int kFirstYear = 2022, kYears = 5, kMonths = kYears * 12;

long long ValueOf(Id unit, int month, int table, int level, int sex) {
  uint64_t h = static_cast<uint64_t>(unit) * 0x9E3779B97F4A7C15ull ^
               (month * 131 + table * 17 + level * 5 + sex);
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return static_cast<long long>(h % 50);
}

}  // namespace

int main() {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // figures as they come: the run takes minutes
  crypto::Init();
  spdlog::set_level(spdlog::level::warn);
  const char* env = std::getenv("BENCH_VALUES");
  const double wanted = env && *env ? std::atof(env) : 100e6;
  constexpr int kPerReport = 5 * 5 * 2;

  // The unit tree, as the server builds it: units imported from resources/units into a
  // database, then read back.
  const auto dir =
      std::filesystem::temp_directory_path() / ("binhdang-analytics-" + crypto::RandomToken(6));
  std::filesystem::create_directories(dir);
  auto t0 = std::chrono::steady_clock::now();
  std::vector<domain::Unit> units;
  std::vector<domain::LineageLink> links;
  {
    auto opened = storage::Store::Open("sqlite:" + (dir / "units.db").string(), 2);
    if (!opened.ok()) {
      std::fprintf(stderr, "store: %s\n", opened.error().message.en.c_str());
      return 1;
    }
    auto store = std::move(opened).value();
    auto boot = service::Bootstrap(*store, {BINHDANG_RESOURCE_DIR, "bench-Secret-1", true, false});
    if (!boot.ok()) {
      std::fprintf(stderr, "bootstrap: %s\n", boot.error().message.en.c_str());
      return 1;
    }
    auto sql = store->Lease();
    storage::UnitsRepo repo(*sql);
    units = repo.LoadAll();
    links = repo.LoadLineage();
  }
  const double tree_load_ms = Ms(t0);
  // Current provinces and communes (valid from the reform on), and synthetic agencies under each
  // commune: as many as it takes to reach BENCH_VALUES (10 for 100 M).
  Id next_id = 0;
  for (const auto& u : units) next_id = std::max(next_id, u.id);
  std::vector<Id> provinces;
  std::map<Id, std::vector<Id>> communes_of;
  for (const auto& u : units) {
    if (u.valid_to) continue;
    if (u.kind == domain::UnitKind::kProvince) provinces.push_back(u.id);
    if (u.kind == domain::UnitKind::kCommune) communes_of[u.parent_id].push_back(u.id);
  }
  size_t commune_count = 0;
  for (const auto& [p, list] : communes_of) commune_count += list.size();
  const double reports_wanted = wanted / kPerReport / kMonths;  // reporting units
  const int per_commune =
      std::max(1, static_cast<int>(reports_wanted / static_cast<double>(commune_count) + 0.5));
  const size_t reporters_wanted = std::max<size_t>(1, static_cast<size_t>(reports_wanted + 0.5));
  struct Reporter {
    Id unit, commune, province;
  };
  std::vector<Reporter> reporters;
  const char* types[] = {"womens_union", "culture_information", "police", "health", "education"};
  std::map<Id, Id> province_of;
  for (Id p : provinces) {
    for (Id c : communes_of[p]) {
      province_of[c] = p;
      for (int a = 0; a < per_commune; ++a) {
        domain::Unit u;
        u.id = ++next_id;
        u.name = u.full_name = std::string("Cơ quan ") + types[a % 5];
        u.code = "A" + std::to_string(u.id);
        u.kind = domain::UnitKind::kAgency;
        u.agency_type = types[a % 5];
        u.parent_id = c;
        u.valid_from = Date(2025, 7, 1);
        units.push_back(u);
        if (reporters.size() < reporters_wanted) reporters.push_back({u.id, c, p});
      }
    }
  }
  t0 = std::chrono::steady_clock::now();
  auto tree = std::make_shared<const domain::UnitTree>(units, links);
  const double tree_ms = Ms(t0);
  auto engine_ptr = std::make_unique<analytics::Engine>(tree);
  analytics::Engine& engine = *engine_ptr;
  // Reporters in tree order (the engine lays units out so; a load in that order appends).
  {
    std::map<Id, size_t> order;
    std::vector<std::pair<Id, bool>> stack;
    for (auto it = tree->roots().rbegin(); it != tree->roots().rend(); ++it)
      stack.push_back({*it, false});
    while (!stack.empty()) {
      const Id u = stack.back().first;
      stack.pop_back();
      order.emplace(u, order.size());
      const auto& ch = tree->Children(u);
      for (auto c = ch.rbegin(); c != ch.rend(); ++c) stack.push_back({*c, false});
    }
    std::sort(reporters.begin(), reporters.end(),
              [&](const Reporter& a, const Reporter& b) { return order[a.unit] < order[b.unit]; });
  }
  std::printf("Analytics engine at national scale\n");
  std::printf(
      "  unit tree: %zu units (%zu current provinces, %zu current communes, %d synthetic agencies "
      "each), "
      "%zu lineage links; import + read back %.0f ms, UnitTree %.0f ms\n",
      units.size(), provinces.size(), commune_count, per_commune, links.size(), tree_load_ms,
      tree_ms);
  const double rss_before = RssMb();

  // Load: one report a reporter and month, accepted, 50 values each, through Engine::Put.
  std::vector<domain::DataValue> values;
  for (int t = 0; t < 5; ++t)
    for (int l = 0; l < 5; ++l)
      for (int s = 0; s < 2; ++s)
        values.push_back({0, kTables[t], "all", kLevels[l], "people", kSexes[s], 0});
  std::vector<std::string> month_ids;
  for (int m = 0; m < kMonths; ++m) {
    const int month = m % 12 + 1;
    month_ids.push_back(std::to_string(kFirstYear + m / 12) + (month < 10 ? "0" : "") +
                        std::to_string(month));
  }
  t0 = std::chrono::steady_clock::now();
  Id report_id = 0;
  for (int m = 0; m < kMonths; ++m) {
    for (const auto& r : reporters) {
      domain::Report h;
      h.id = ++report_id;
      h.template_id = 1;
      h.template_code = kTemplate;
      h.unit_id = r.unit;
      h.period = month_ids[m];
      h.status = domain::ReportStatus::kAccepted;
      h.due_date = Date(kFirstYear + m / 12, m % 12 + 1, 28);
      h.submitted_at_ms = 1700000000000LL + m * 86400000LL;
      h.reviewed_at_ms = *h.submitted_at_ms + 3600000;
      h.created_by = 1;
      size_t i = 0;
      for (int t = 0; t < 5; ++t)
        for (int l = 0; l < 5; ++l)
          for (int s = 0; s < 2; ++s, ++i) {
            values[i].unit_id = r.unit;
            values[i].value = ValueOf(r.unit, m, t, l, s);
          }
      engine.Put(std::move(h), values);
    }
  }
  engine.Seal();
  const double load_ms = Ms(t0);
  const auto mem = engine.Memory();
  const double rss_after = RssMb();
  std::printf("  load: %zu reports, %zu values through Engine::Put in %.1f s (%.1f M values/s)\n",
              engine.report_count(), mem.values, load_ms / 1000,
              mem.values / (load_ms / 1000) / 1e6);
  std::printf(
      "  memory: value columns %.1f MB, reports %.1f MB, dictionaries and layout %.1f MB; "
      "BytesPerValue %.2f, AllBytesPerValue %.2f\n",
      mem.value_bytes / 1048576.0, mem.report_bytes / 1048576.0, mem.other_bytes / 1048576.0,
      mem.BytesPerValue(), mem.AllBytesPerValue());
  std::printf("  RSS: %.0f MB before the load, %.0f MB after (+%.0f MB, %.2f bytes a value)\n",
              rss_before, rss_after, rss_after - rss_before,
              (rss_after - rss_before) * 1048576.0 / mem.values);

  // The queries. Q2's province: the one with the most communes; Q3's commune: its first.
  // (Among the provinces that have reporters: all of them at 100 M.)
  Id big = reporters.front().province;
  for (const auto& r : reporters)
    if (communes_of[r.province].size() > communes_of[big].size()) big = r.province;
  const Id commune = communes_of[big].front();
  const std::string element = std::string(kTemplate) + ".activities.people";
  analytics::Query q1, q2, q3;
  q1.elements = {{element, ""}};
  for (int y = 0; y < kYears; ++y)
    q1.periods.push_back(*domain::ParsePeriod(std::to_string(kFirstYear + y)));
  q1.units = provinces;
  q1.by_sex = true;
  q2.elements = {{element, ""}};
  for (int m = 0; m < 12; ++m)
    q2.periods.push_back(*domain::ParsePeriod(month_ids[kMonths - 12 + m]));
  q2.units = communes_of[big];
  q3.elements = {{element, "female"}, {element, ""}};
  for (const auto& id : month_ids) q3.periods.push_back(*domain::ParsePeriod(id));
  q3.units = {commune};
  struct Timed {
    const char* name;
    const analytics::Query* q;
    double ms = 0;
    size_t rows = 0, scanned = 0;
    long long sum = 0;  // over the rows that are not split totals
  };
  std::vector<Timed> timed = {{"national: 34 provinces x sex x 5 years", &q1},
                              {"one province: its communes x 12 months", &q2},
                              {"one commune: female and all people, 60 months", &q3}};
  for (auto& t : timed) {
    analytics::QueryResult res;
    t.ms = Median(7, [&] { res = engine.Run(*t.q); });
    for (const auto& r : res.rows)
      if (r.sex != "total") t.sum += r.value, ++t.rows;
    t.scanned = res.values_scanned;
  }

  // BENCH_DUCKDB=0: the engine's side only (to iterate on the engine without the DuckDB load).
  if (const char* duck = std::getenv("BENCH_DUCKDB"); duck && std::string(duck) == "0") {
    std::printf("\n%-48s %10s %12s %14s\n", "query (median of 7 runs)", "engine ms", "values read",
                "engine sum");
    for (const auto& t : timed)
      std::printf("%-48s %10.2f %12zu %14lld\n", t.name, t.ms, t.scanned, t.sum);
    std::filesystem::remove_all(dir);
    return 0;
  }

  // The same rows for DuckDB, denormalised: the province and commune of each value are columns
  // (DuckDB needs no tree walk; the engine does one). Element, level and sex as small integers.
  const auto csv = dir / "values.csv";
  t0 = std::chrono::steady_clock::now();
  {
    std::FILE* f = std::fopen(csv.c_str(), "w");
    std::fputs("element,sex,level,province,commune,unit,year,month,value\n", f);
    std::vector<char> buf(1 << 20);
    size_t at = 0;
    char line[128];
    for (int m = 0; m < kMonths; ++m) {
      for (const auto& r : reporters) {
        for (int t = 0; t < 5; ++t)
          for (int l = 0; l < 5; ++l)
            for (int s = 0; s < 2; ++s) {
              const int n =
                  std::snprintf(line, sizeof line, "%d,%d,%d,%lld,%lld,%lld,%d,%d,%lld\n", t, s, l,
                                static_cast<long long>(r.province),
                                static_cast<long long>(r.commune), static_cast<long long>(r.unit),
                                kFirstYear + m / 12, m % 12 + 1, ValueOf(r.unit, m, t, l, s));
              if (at + n > buf.size()) std::fwrite(buf.data(), 1, at, f), at = 0;
              std::copy(line, line + n, buf.data() + at);
              at += n;
            }
      }
    }
    std::fwrite(buf.data(), 1, at, f);
    std::fclose(f);
  }
  const double csv_ms = Ms(t0);
  std::printf("  CSV for DuckDB: %.1f GB written in %.1f s\n",
              std::filesystem::file_size(csv) / 1e9, csv_ms / 1000);
  engine_ptr.reset();  // the engine's memory back before DuckDB loads
  std::fflush(stdout);

  const std::string cmd = "node bench/analytics/duckdb_queries.mjs '" + csv.string() + "' " +
                          std::to_string(big) + " " + std::to_string(commune) + " " +
                          std::to_string(kFirstYear + kYears - 1);
  std::FILE* node = popen(cmd.c_str(), "r");
  std::vector<double> duck_ms(3, 0);
  std::vector<long long> duck_sum(3, 0);
  double duck_load_ms = 0, duck_rss = 0;
  char line[512];
  while (node && std::fgets(line, sizeof line, node)) {
    int i = 0;
    double ms = 0, rss = 0;
    long long sum = 0;
    if (std::sscanf(line, "load %lf rss %lf", &ms, &rss) == 2)
      duck_load_ms = ms, duck_rss = rss;
    else if (std::sscanf(line, "q%d %lf %lld", &i, &ms, &sum) == 3 && i >= 1 && i <= 3)
      duck_ms[i - 1] = ms, duck_sum[i - 1] = sum;
    else
      std::fputs(line, stdout);
  }
  const int rc = node ? pclose(node) : -1;
  std::filesystem::remove_all(dir);
  if (rc != 0) std::printf("  DuckDB side failed (%d); run `npm ci` in bench/analytics\n", rc);
  std::printf(
      "  DuckDB (@duckdb/node-api, in-memory table from the CSV): load %.1f s, node RSS %.0f MB\n",
      duck_load_ms / 1000, duck_rss);
  std::printf("\n%-48s %10s %12s %11s %8s %14s %14s\n", "query (median of 7 / 5 runs)", "engine ms",
              "values read", "DuckDB ms", "ratio", "engine sum", "DuckDB sum");
  for (size_t i = 0; i < timed.size(); ++i) {
    const auto& t = timed[i];
    std::printf("%-48s %10.2f %12zu %11.2f %7.1fx %14lld %14lld%s\n", t.name, t.ms, t.scanned,
                duck_ms[i], duck_ms[i] / t.ms, t.sum, duck_sum[i],
                t.sum == duck_sum[i] ? "" : "  MISMATCH");
  }
  std::printf(
      "  ratio = DuckDB time / engine time (above 1: the engine is faster). DuckDB is given the\n"
      "  province and commune of each row as columns, which favours it; the engine walks the "
      "tree.\n");
  return 0;
}
