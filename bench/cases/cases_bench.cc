// The case module at the scale of a province: N cases (default 20,000) opened through
// CasesService over the communes of one province, each with an incident, a measure and a
// referral. Prints, on SQLite (a temporary file) and, when BINHDANG_TEST_PG is set
// (scripts/with-postgres.sh), on PostgreSQL:
//   - the open rate of CasesService::Create (and of a whole intake: case, measure, referral);
//   - per case read, the median of CasesService::Get (no identity), of CasesService::Identity
//     (opens the 5 sealed fields) and of a plain SQL SELECT of the same row, and the raw cost of
//     opening the 5 fields alone: the encryption overhead per read in µs and as a ratio;
//   - the blind index: bytes per case of its column and of its index, the total for N cases, and
//     the median duplicate lookup (CasesService::Duplicates);
//   - statistics: CasesService::Statistics for the province and for one commune beside the same
//     counts written as SQL GROUP BY on the same database;
//   - the sealed-at-rest check: the survivors' distinctive names are not in the SQLite file.
// Asserts nothing about time.
//
//   scripts/with-postgres.sh build/binhdang_cases_bench [--cases N] [--reads N]
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "common/crypto.h"
#include "common/time.h"
#include "service/bootstrap.h"
#include "service/services.h"
#include "storage/cases_repo.h"

using namespace binhdang;

namespace {

using Clock = std::chrono::steady_clock;

double Us(Clock::time_point since) {
  return std::chrono::duration<double, std::micro>(Clock::now() - since).count();
}

double MedianOf(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// The median of `runs` timings of `f`, in µs.
double Median(int runs, const std::function<void()>& f) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = Clock::now();
    f();
    times.push_back(Us(t0));
  }
  return MedianOf(std::move(times));
}

// Every survivor's name carries this marker, so one pass over the file finds any of them.
constexpr const char* kMarker = "Qwzxyv";

std::string NameOf(size_t i) {
  static const char* family[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"};
  static const char* given[] = {"Thị Lan", "Thị Hoa", "Thị Mai", "Văn Nam", "Thị Hằng", "Thị Thu"};
  return std::string(family[i % 8]) + " " + given[(i / 8) % 6] + " " + kMarker + std::to_string(i);
}

std::string BirthOf(size_t i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04zu-%02zu-%02zu", 1960 + i % 45, 1 + i % 12, 1 + i % 28);
  return buf;
}

template <typename T>
T Must(Result<T> r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, r.error().message.en.c_str());
    std::exit(1);
  }
  return std::move(r).value();
}

service::Caller CallerOf(const domain::User& u) {
  return service::Caller{u, "127.0.0.1", false, false};
}

// The associated data of a sealed identity field, as service/cases.cc binds it.
std::string FieldAd(Id case_id, std::string_view field) {
  return "binhdang case " + IdToString(case_id) + " " + std::string(field);
}

long long CountOccurrences(const std::string& hay, const std::string& needle) {
  long long n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Figures {
  std::string engine;
  std::string province;
  size_t cases = 0, communes = 0, reads = 0;
  double create_rate = 0, intake_rate = 0;  // cases/s
  double get_us = 0, identity_us = 0, select_us = 0, open_us = 0;
  double index_column_bytes = 0, index_bytes = 0;  // per case
  long long index_total_bytes = 0, column_total_bytes = 0;
  std::string index_method;
  double duplicates_us = 0;
  double counts_province_ms = 0, counts_province_sql_ms = 0;
  double counts_commune_ms = 0, counts_commune_sql_ms = 0;
  long long clear_text_names = -1;  // SQLite only
};

// The same figures as CasesService::Statistics, as SQL GROUP BY over the cases that consented to
// be counted, whose commune is `where_unit` (the province's communes, or one commune): by sex, age
// band, DV age group and commune; incidents by GBVIMS type, DV form and who reported; measures
// by type; referrals by service. Returns the total of counted cases.
long long CountsSql(soci::session& sql, const std::string& where_unit, Id unit) {
  const std::string cases =
      "FROM cases c JOIN units u ON u.id = c.unit_id WHERE c.consent_to_count = 1 AND " +
      where_unit;
  const std::string queries[] = {
      "SELECT c.sex, count(*) " + cases + " GROUP BY c.sex",
      "SELECT c.age_band, count(*) " + cases + " GROUP BY c.age_band",
      "SELECT c.dv_age_group, count(*) " + cases + " GROUP BY c.dv_age_group",
      "SELECT CAST(c.unit_id AS TEXT), count(*) " + cases + " GROUP BY c.unit_id",
      "SELECT i.gbv_type, count(*) FROM case_incidents i JOIN cases c ON c.id = i.case_id JOIN "
      "units u ON "
      "u.id = c.unit_id WHERE c.consent_to_count = 1 AND " +
          where_unit + " GROUP BY i.gbv_type",
      "SELECT i.dv_form, count(*) FROM case_incidents i JOIN cases c ON c.id = i.case_id JOIN "
      "units u ON "
      "u.id = c.unit_id WHERE c.consent_to_count = 1 AND " +
          where_unit + " GROUP BY i.dv_form",
      "SELECT i.reported_by, count(DISTINCT c.id) FROM case_incidents i JOIN cases c ON c.id = "
      "i.case_id JOIN "
      "units u ON u.id = c.unit_id WHERE c.consent_to_count = 1 AND " +
          where_unit + " GROUP BY i.reported_by",
      "SELECT m.type, count(DISTINCT c.id) FROM case_measures m JOIN cases c ON c.id = m.case_id "
      "JOIN units u ON "
      "u.id = c.unit_id WHERE c.consent_to_count = 1 AND " +
          where_unit + " GROUP BY m.type",
      "SELECT r.service, count(DISTINCT c.id) FROM case_referrals r JOIN cases c ON c.id = "
      "r.case_id JOIN units u "
      "ON u.id = c.unit_id WHERE c.consent_to_count = 1 AND " +
          where_unit + " GROUP BY r.service",
  };
  long long total = 0;
  bool first = true;
  for (const auto& q : queries) {
    std::string key;
    long long n = 0;
    soci::statement st = (sql.prepare << q, soci::use(unit), soci::into(key), soci::into(n));
    st.execute();
    while (st.fetch()) {
      if (first) total += n;
    }
    first = false;
  }
  return total;
}

Figures Run(const std::string& engine, const std::string& url,
            const std::filesystem::path& sqlite_file, size_t n_cases, size_t n_reads) {
  Figures fig;
  fig.engine = engine;
  fig.cases = n_cases;
  auto store = Must(storage::Store::Open(url, 4), "open");
  Must(service::Bootstrap(*store, {BINHDANG_RESOURCE_DIR, "bench-Secret-1", true, false}),
       "bootstrap");
  service::Services services(*store, true);
  services.directory.Reload();
  const std::string master = crypto::RandomBytes(crypto::kAeadKeyBytes);
  if (auto st = services.cases.UseKey(master); !st.ok()) {
    std::fprintf(stderr, "case key: %s\n", st.error().message.en.c_str());
    std::exit(1);
  }
  const service::CaseKeys keys = service::CaseKeys::From(master);
  auto tree = services.directory.Tree();
  const Date today = Date::TodayInVietnam();

  // The province with the most communes today (Hà Nội has 126 after the 2025 reform).
  Id province = 0;
  std::vector<Id> communes;
  for (Id p : tree->Children(tree->roots().front())) {
    if (!tree->Find(p)->ValidAt(today)) continue;
    std::vector<Id> cs;
    for (Id c : tree->Children(p)) {
      const auto* u = tree->Find(c);
      if (u->kind == domain::UnitKind::kCommune && u->ValidAt(today)) cs.push_back(c);
    }
    if (cs.size() > communes.size()) {
      province = p;
      communes = std::move(cs);
    }
  }
  fig.province = tree->Find(province)->full_name;
  fig.communes = communes.size();

  // The people, made through the users service (the system makes them, as `binhdang user add`).
  const auto worker = Must(services.users.CreateBySystem({"bench.canbo",
                                                          "Cán bộ quản lý ca (benchmark)",
                                                          "bench-Secret-1",
                                                          province,
                                                          {"case_worker"}}),
                           "case worker");
  const auto supervisor = Must(services.users.CreateBySystem({"bench.giamsat",
                                                              "Giám sát viên (benchmark)",
                                                              "bench-Secret-1",
                                                              province,
                                                              {"case_supervisor"}}),
                               "case supervisor");
  const auto viewer = Must(services.users.CreateBySystem({"bench.thongke",
                                                          "Người xem thống kê (benchmark)",
                                                          "bench-Secret-1",
                                                          province,
                                                          {"viewer"}}),
                           "viewer");
  const service::Caller as_worker = CallerOf(worker), as_supervisor = CallerOf(supervisor),
                        as_viewer = CallerOf(viewer);
  (void)as_supervisor;
  // The police line of the seeded directory receives every referral.
  long long provider = 0;
  {
    auto sql = store->Lease();
    *sql << "SELECT id FROM service_providers WHERE phone = '113'", soci::into(provider);
  }
  if (provider == 0) {
    std::fprintf(stderr, "no seeded provider 113\n");
    std::exit(1);
  }

  static const char* gbv[] = {"rape",
                              "sexual_assault",
                              "physical_assault",
                              "forced_marriage",
                              "denial_of_resources",
                              "psychological_abuse"};
  static const char* forms[] = {"physical", "psychological", "sexual", "economic"};
  static const char* reporters[] = {"survivor", "family", "community", "authority", "other"};
  static const char* channels[] = {"commune_committee", "police", "village_head",
                                   "mass_organisation", "hotline"};
  std::vector<Id> ids;
  ids.reserve(n_cases);
  double create_us = 0, intake_us = 0;
  for (size_t i = 0; i < n_cases; ++i) {
    service::NewCase in;
    in.record.unit_id = communes[i % communes.size()];
    in.record.sex = i % 9 == 0 ? "male" : "female";
    in.record.ethnicity = i % 3 == 0 ? "Thái" : "Kinh";
    in.record.disability = i % 17 == 0;
    in.record.consent_to_count = true;  // only consenting cases are counted
    in.identity = {NameOf(i), BirthOf(i), "09" + std::to_string(10000000 + i),
                   "Thôn Bench số " + std::to_string(i),
                   std::to_string(1000000000000LL + static_cast<long long>(i))};
    domain::Incident inc;
    inc.occurred_on = Date::FromDays(today.ToDays() - 30 - static_cast<int64_t>(i % 300));
    inc.reported_on = Date::FromDays(inc.occurred_on.ToDays() + static_cast<int64_t>(i % 5));
    inc.how_reported = channels[i % 5];
    inc.reported_by = reporters[i % 5];
    inc.place_type = "home";
    inc.gbv_type = gbv[i % 6];
    inc.dv_form = forms[i % 4];
    inc.perpetrator_relationship = "intimate_partner";
    inc.perpetrator_sex = "male";
    inc.perpetrator_age_band = "26-40";
    in.incident = inc;
    const auto t0 = Clock::now();
    auto created = Must(services.cases.Create(as_worker, std::move(in)), "create");
    create_us += Us(t0);
    const Id id = created.record.id;
    domain::Measure m;
    m.type = "legal_aid_counselling";
    m.authority = "other";
    m.note = "Tư vấn pháp lý lần đầu";
    Must(services.cases.AddMeasure(as_worker, id, m), "measure");
    domain::Referral r;
    r.provider_id = provider;
    r.service = "police";
    r.consent = true;
    r.consent_on = today;
    Must(services.cases.AddReferral(as_worker, id, r), "referral");
    intake_us += Us(t0);
    ids.push_back(id);
    if ((i + 1) % 5000 == 0) std::fprintf(stderr, "[%s] %zu cases\n", engine.c_str(), i + 1);
  }
  fig.create_rate = static_cast<double>(n_cases) / (create_us / 1e6);
  fig.intake_rate = static_cast<double>(n_cases) / (intake_us / 1e6);

  // Reads: the same sample of cases for each way of reading.
  std::vector<Id> sample;
  const size_t stride = std::max<size_t>(1, n_cases / std::max<size_t>(1, n_reads));
  for (size_t i = 0; i < n_cases && sample.size() < n_reads; i += stride) sample.push_back(ids[i]);
  fig.reads = sample.size();
  std::vector<double> get_t, identity_t, select_t, open_t;
  for (Id id : sample) {
    auto t0 = Clock::now();
    Must(services.cases.Get(as_worker, id), "get");
    get_t.push_back(Us(t0));
  }
  for (Id id : sample) {
    auto t0 = Clock::now();
    auto identity = Must(services.cases.Identity(as_worker, id), "identity");
    identity_t.push_back(Us(t0));
    if (identity.full_name.find(kMarker) == std::string::npos) {
      std::fprintf(stderr, "identity of case %lld does not open to its name\n",
                   static_cast<long long>(id));
      std::exit(1);
    }
  }
  std::vector<storage::StoredCase> stored;
  {
    auto sql = store->Lease();
    for (Id id : sample) {
      auto t0 = Clock::now();
      soci::row row;
      const long long case_id = id;
      *sql << "SELECT * FROM cases WHERE id = :id", soci::use(case_id), soci::into(row);
      select_t.push_back(Us(t0));
    }
    storage::CasesRepo repo(*sql);
    for (Id id : sample) stored.push_back(*repo.Get(id));
  }
  for (const auto& s : stored) {
    // Base64 decoding and XChaCha20-Poly1305 opening of the 5 fields, nothing else.
    auto t0 = Clock::now();
    size_t opened = 0;
    for (auto field : domain::kIdentityFields) {
      auto raw = crypto::FromBase64(s.sealed.at(std::string(field)));
      auto plain = crypto::AeadOpen(keys.field_key, *raw, FieldAd(s.record.id, field));
      opened += plain ? 1 : 0;
    }
    open_t.push_back(Us(t0));
    if (opened != 5) {
      std::fprintf(stderr, "the sealed fields of case %lld do not open\n",
                   static_cast<long long>(s.record.id));
      std::exit(1);
    }
  }
  fig.get_us = MedianOf(get_t);
  fig.identity_us = MedianOf(identity_t);
  fig.select_us = MedianOf(select_t);
  fig.open_us = MedianOf(open_t);

  // The blind index: its column and its index.
  {
    auto sql = store->Lease();
    long long column = 0;
    if (engine == "sqlite") {
      *sql << "SELECT sum(length(blind_index)) FROM cases", soci::into(column);
      long long index = 0;
      try {
        *sql << "SELECT sum(pgsize) FROM dbstat WHERE name = 'cases_blind_index'",
            soci::into(index);
        fig.index_method = "dbstat";
      } catch (const std::exception&) {
        // Without dbstat: the pages a second, identical index takes.
        long long before = 0, after = 0, page = 0;
        *sql << "PRAGMA page_size", soci::into(page);
        *sql << "PRAGMA page_count", soci::into(before);
        *sql << "CREATE INDEX bench_blind_index_copy ON cases(blind_index)";
        *sql << "PRAGMA page_count", soci::into(after);
        *sql << "DROP INDEX bench_blind_index_copy";
        index = (after - before) * page;
        fig.index_method = "page_count";
      }
      fig.index_total_bytes = index;
    } else {
      *sql << "SELECT sum(pg_column_size(blind_index)) FROM cases", soci::into(column);
      *sql << "SELECT pg_relation_size('cases_blind_index')", soci::into(fig.index_total_bytes);
      fig.index_method = "pg_relation_size";
    }
    fig.column_total_bytes = column;
    fig.index_column_bytes = static_cast<double>(column) / static_cast<double>(n_cases);
    fig.index_bytes = static_cast<double>(fig.index_total_bytes) / static_cast<double>(n_cases);
  }
  {
    std::vector<double> t;
    for (size_t k = 0; k < sample.size(); ++k) {
      const size_t i = k * stride;
      auto t0 = Clock::now();
      auto hits = Must(services.cases.Duplicates(as_worker, NameOf(i), BirthOf(i)), "duplicates");
      t.push_back(Us(t0));
      if (hits.size() != 1) {
        std::fprintf(stderr, "duplicates of case %zu: %zu hits, expected 1\n", i, hits.size());
        std::exit(1);
      }
    }
    fig.duplicates_us = MedianOf(std::move(t));
  }

  // Statistics of the province and of one commune, beside the same GROUP BY in SQL.
  std::string server_total;
  long long sql_total = 0;
  fig.counts_province_ms =
      Median(
          9,
          [&] {
            server_total =
                Must(services.cases.Statistics(as_viewer, province, std::nullopt), "counts").total;
          }) /
      1000.0;
  fig.counts_province_sql_ms = Median(9,
                                      [&] {
                                        auto sql = store->Lease();
                                        sql_total =
                                            CountsSql(*sql, "u.parent_id = :unit", province);
                                      }) /
                               1000.0;
  if (sql_total != static_cast<long long>(n_cases)) {
    std::fprintf(stderr,
                 "MISMATCH: SQL counts %lld cases of the province, opened %zu (server: %s)\n",
                 sql_total, n_cases, server_total.c_str());
  }
  fig.counts_commune_ms =
      Median(9,
             [&] {
               server_total =
                   Must(services.cases.Statistics(as_viewer, communes.front(), std::nullopt),
                        "counts")
                       .total;
             }) /
      1000.0;
  fig.counts_commune_sql_ms = Median(9,
                                     [&] {
                                       auto sql = store->Lease();
                                       sql_total =
                                           CountsSql(*sql, "c.unit_id = :unit", communes.front());
                                     }) /
                              1000.0;
  std::fprintf(
      stderr, "[%s] province total: server %s; one commune: server %s, SQL %lld\n", engine.c_str(),
      Must(services.cases.Statistics(as_viewer, province, std::nullopt), "counts").total.c_str(),
      server_total.c_str(), sql_total);

  // Sealed at rest: no survivor's name in the database file (and its write-ahead log).
  if (!sqlite_file.empty()) {
    std::string bytes = ReadFile(sqlite_file);
    const auto wal = std::filesystem::path(sqlite_file.string() + "-wal");
    if (std::filesystem::exists(wal)) bytes += ReadFile(wal);
    if (bytes.find("VV-") == std::string::npos) {
      std::fprintf(stderr, "the database file holds no case code: the check would prove nothing\n");
      std::exit(1);
    }
    fig.clear_text_names = CountOccurrences(bytes, kMarker);
    // The folded form the blind index hashes, too.
    fig.clear_text_names += CountOccurrences(bytes, "qwzxyv");
  }
  return fig;
}

}  // namespace

int main(int argc, char** argv) {
  crypto::Init();
  spdlog::set_level(spdlog::level::warn);
  size_t n_cases = 20000, n_reads = 2000;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--cases") n_cases = static_cast<size_t>(std::atoll(argv[i + 1]));
    if (std::string(argv[i]) == "--reads") n_reads = static_cast<size_t>(std::atoll(argv[i + 1]));
  }
  if (n_cases == 0) n_cases = 1;
  std::vector<Figures> all;
  const auto dir =
      std::filesystem::temp_directory_path() / ("binhdang-cases-bench-" + crypto::RandomToken(6));
  std::filesystem::create_directories(dir);
  all.push_back(
      Run("sqlite", "sqlite:" + (dir / "bench.db").string(), dir / "bench.db", n_cases, n_reads));
  std::filesystem::remove_all(dir);
  if (const char* pg = std::getenv("BINHDANG_TEST_PG"); pg && *pg) {
    all.push_back(Run("postgresql", pg, {}, n_cases, n_reads));
  }

  std::printf(
      "\nCases benchmark: %zu cases over the %zu communes of %s, each with an incident, a measure "
      "and a "
      "referral\n\n",
      all.front().cases, all.front().communes, all.front().province.c_str());
  std::printf(
      "Opening (CasesService::Create: case, sealed identity, blind index, first incident, "
      "audit)\n");
  std::printf("%-11s %14s %22s\n", "engine", "Create cases/s", "intake cases/s (+2 tx)");
  for (const auto& f : all)
    std::printf("%-11s %14.0f %22.0f\n", f.engine.c_str(), f.create_rate, f.intake_rate);

  std::printf("\nPer case read, median µs over %zu cases\n", all.front().reads);
  std::printf("%-11s %10s %12s %12s %12s | %14s %12s %12s\n", "engine", "plain SQL", "Get",
              "Identity", "open 5 fields", "crypto/Identity", "Identity/SQL", "Identity/Get");
  for (const auto& f : all) {
    std::printf("%-11s %10.1f %12.1f %12.1f %12.2f | %13.1f%% %11.1fx %11.2fx\n", f.engine.c_str(),
                f.select_us, f.get_us, f.identity_us, f.open_us, 100.0 * f.open_us / f.identity_us,
                f.identity_us / f.select_us, f.identity_us / f.get_us);
  }
  std::printf(
      "  plain SQL = SELECT * of the case row; Get = the case without identity (need-to-know "
      "check,\n"
      "  incidents, measures, referrals, follow-ups, their notes opened, access log + audit record "
      "written);\n"
      "  Identity = the 5 sealed fields opened (check, key check, access log + audit record "
      "written);\n"
      "  open 5 fields = base64 + XChaCha20-Poly1305 of the 5 fields alone: the encryption "
      "overhead per read.\n");

  std::printf("\nBlind index (keyed hash of folded name + birth year)\n");
  std::printf("%-11s %14s %14s %16s %16s %-17s %14s\n", "engine", "column B/case", "index B/case",
              "column total", "index total", "measured by", "duplicates µs");
  for (const auto& f : all) {
    std::printf("%-11s %14.1f %14.1f %16lld %16lld %-17s %14.1f\n", f.engine.c_str(),
                f.index_column_bytes, f.index_bytes, f.column_total_bytes, f.index_total_bytes,
                f.index_method.c_str(), f.duplicates_us);
  }

  std::printf(
      "\nStatistics (CasesService::Statistics, every period, median ms of 9) vs the same counts as "
      "SQL GROUP BY\n");
  std::printf("%-11s %12s %12s %8s | %12s %12s %8s\n", "engine", "province ms", "SQL ms", "ratio",
              "commune ms", "SQL ms", "ratio");
  for (const auto& f : all) {
    std::printf("%-11s %12.2f %12.2f %7.2fx | %12.2f %12.2f %7.2fx\n", f.engine.c_str(),
                f.counts_province_ms, f.counts_province_sql_ms,
                f.counts_province_ms / f.counts_province_sql_ms, f.counts_commune_ms,
                f.counts_commune_sql_ms, f.counts_commune_ms / f.counts_commune_sql_ms);
  }
  std::printf(
      "  server = the facts of the cases of the subtree's communes (of any time) read, tallied, "
      "suppressed;\n"
      "  SQL = 9 GROUP BY over consenting cases joined to units (sex, age band, DV age group, "
      "commune;\n"
      "  incidents by GBVIMS type, DV form, who reported; measures by type; referrals by "
      "service).\n");

  for (const auto& f : all) {
    if (f.clear_text_names >= 0) {
      std::printf("\nSealed at rest (%s file and its WAL, %zu names searched by their marker)\n",
                  f.engine.c_str(), f.cases);
      std::printf("clear-text names in file: %lld\n", f.clear_text_names);
    }
  }
  return 0;
}
