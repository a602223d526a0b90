// Bulk import at the scale of onboarding the country: the agencies of every current commune
// (3,321 x 10) from one XLSX, then 10,000 users from another, through ImportsService as the
// HTTP handlers call it (check, then all in one transaction), on SQLite (a temporary file) and,
// when BINHDANG_TEST_PG is set (scripts/with-postgres.sh), PostgreSQL. Passwords are hashed
// with the production argon2id costs unless --fast-hashes; the hashing rate on one core and on
// every core is printed beside. Prints figures; asserts nothing about time.
//
//   scripts/with-postgres.sh build/binhdang_imports_bench [--agencies-per-commune N] [--users N]
//   [--fast-hashes]
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "common/crypto.h"
#include "documents/xlsx_sheet.h"
#include "service/bootstrap.h"
#include "service/services.h"
#include "storage/units_repo.h"

using namespace binhdang;

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

struct Phase {
  long long rows = 0;
  size_t file_bytes = 0;
  double check_s = 0, import_s = 0;
};

struct Figures {
  std::string engine;
  Phase agencies, users;
  double hash_one_core_per_s = 0, hash_all_cores_per_s = 0;
};

[[noreturn]] void Die(const std::string& what, const Error& e) {
  std::fprintf(stderr, "%s: %s\n", what.c_str(), e.message.en.c_str());
  std::exit(1);
}

std::string Sheet(const std::vector<documents::TableColumn>& columns,
                  std::vector<std::vector<std::string>> rows) {
  documents::SheetTable t;
  t.name = "Nhap";
  for (const auto& c : columns) t.headers.emplace_back(c.header);
  t.rows = std::move(rows);
  auto bytes = documents::TablesXlsx({t});
  if (!bytes.ok()) Die("xlsx", bytes.error());
  return *bytes;
}

Phase Import(service::ImportsService& imports, const service::Caller& admin, bool users,
             const std::string& file) {
  Phase p;
  p.file_bytes = file.size();
  auto t0 = std::chrono::steady_clock::now();
  auto check = users ? imports.ImportUsers(admin, file, service::ImportMode::kCheck)
                     : imports.ImportAgencies(admin, file, service::ImportMode::kCheck);
  p.check_s = Seconds(t0);
  if (!check.ok()) Die("check", check.error());
  if (!check->errors.empty()) {
    std::fprintf(stderr, "check: %zu errors, first: row %d %s\n", check->errors.size(),
                 check->errors[0].row, check->errors[0].message.en.c_str());
    std::exit(1);
  }
  t0 = std::chrono::steady_clock::now();
  auto all = users ? imports.ImportUsers(admin, file, service::ImportMode::kAll)
                   : imports.ImportAgencies(admin, file, service::ImportMode::kAll);
  p.import_s = Seconds(t0);
  if (!all.ok()) Die("import", all.error());
  p.rows = all->written;
  return p;
}

Figures Run(const std::string& engine, const std::string& url, int agencies_per_commune, int users,
            bool fast) {
  Figures fig;
  fig.engine = engine;
  auto opened = storage::Store::Open(url, 4);
  if (!opened.ok()) Die("open " + url, opened.error());
  auto store = std::move(opened).value();
  auto boot = service::Bootstrap(*store, {BINHDANG_RESOURCE_DIR, "bench-Secret-1", true, false});
  if (!boot.ok()) Die("bootstrap", boot.error());
  service::Services services(*store, service::SecurityOptions{{0, 0, fast}, {}});
  services.directory.Reload();
  service::Caller admin;
  for (auto& u : services.users.ListAll()) {
    if (u.username == "admin") admin.user = u;
  }
  admin.address = "bench";
  auto tree = services.directory.Tree();
  const Date today = Date::TodayInVietnam();
  std::vector<const domain::Unit*> communes;
  for (Id id : tree->Search({"", std::nullopt, domain::UnitKind::kCommune, today}))
    communes.push_back(tree->Find(id));
  std::vector<domain::AgencyType> types;
  {
    auto sql = store->Lease();
    types = storage::UnitsRepo(*sql).AgencyTypes();
  }
  // Agencies: the commune's code, a name of the commune's own, a type by its Vietnamese name.
  std::vector<std::vector<std::string>> rows;
  for (const auto* c : communes) {
    for (int a = 0; a < agencies_per_commune; ++a) {
      const auto& t = types[static_cast<size_t>(a) % types.size()];
      rows.push_back({c->code,
                      t.name_vi + " " + c->full_name +
                          (a >= static_cast<int>(types.size()) ? " " + std::to_string(a) : ""),
                      t.name_vi, ""});
    }
  }
  fig.agencies = Import(services.imports, admin, false,
                        Sheet(service::AgencyImportColumns(), std::move(rows)));
  // Users: spread over the communes, passwords left to binhdang.
  rows.clear();
  for (int i = 0; i < users; ++i) {
    const auto* c = communes[static_cast<size_t>(i) % communes.size()];
    rows.push_back({"cb" + std::to_string(100000 + i), "Cán bộ số " + std::to_string(i), c->code,
                    i % 3 == 0 ? "Lập kế hoạch, Báo cáo" : "Báo cáo", ""});
  }
  fig.users =
      Import(services.imports, admin, true, Sheet(service::UserImportColumns(), std::move(rows)));
  // The hashing rate alone, on one core and on every core: the better of two runs each (the
  // machine may be shared).
  const std::vector<std::string> sample(fast ? 400 : 60, "mat-khau-Thu-2025");
  auto rate = [&](size_t threads) {
    double best = 0;
    for (int run = 0; run < 2; ++run) {
      const auto t0 = std::chrono::steady_clock::now();
      services.hasher.HashAll(sample, threads);
      best = std::max(best, sample.size() / Seconds(t0));
    }
    return best;
  };
  fig.hash_all_cores_per_s = rate(0);
  fig.hash_one_core_per_s = rate(1);
  return fig;
}

}  // namespace

int main(int argc, char** argv) {
  crypto::Init();
  spdlog::set_level(spdlog::level::warn);
  int agencies = 10, users = 10000;
  bool fast = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--fast-hashes") fast = true;
    if (i + 1 < argc && a == "--agencies-per-commune") agencies = std::atoi(argv[i + 1]);
    if (i + 1 < argc && a == "--users") users = std::atoi(argv[i + 1]);
  }
  std::vector<Figures> all;
  const auto dir =
      std::filesystem::temp_directory_path() / ("binhdang-bench-" + crypto::RandomToken(6));
  std::filesystem::create_directories(dir);
  all.push_back(Run("sqlite", "sqlite:" + (dir / "bench.db").string(), agencies, users, fast));
  std::filesystem::remove_all(dir);
  if (const char* pg = std::getenv("BINHDANG_TEST_PG"); pg && *pg)
    all.push_back(Run("postgresql", pg, agencies, users, fast));

  std::printf(
      "\nBulk import benchmark: %d agencies for every current commune, then %d users (%s "
      "argon2id), %u cores\n",
      agencies, users, fast ? "minimum-cost" : "production-cost",
      std::thread::hardware_concurrency());
  std::printf("%-11s %-9s %8s %9s | %9s %10s | %9s %10s\n", "engine", "what", "rows", "file KB",
              "check s", "check/s", "import s", "import/s");
  for (const auto& f : all) {
    for (const auto& [what, p] : {std::pair{"agencies", f.agencies}, std::pair{"users", f.users}}) {
      std::printf("%-11s %-9s %8lld %9zu | %9.2f %10.0f | %9.2f %10.0f\n", f.engine.c_str(), what,
                  p.rows, p.file_bytes / 1024, p.check_s, p.rows / p.check_s, p.import_s,
                  p.rows / p.import_s);
    }
  }
  std::printf("\npassword hashing alone (PasswordHasher::HashAll):\n");
  for (const auto& f : all) {
    std::printf(
        "%-11s %8.1f hashes/s on one core, %8.1f on every core (%.2fx); %d users' hashes take %.0f "
        "s\n",
        f.engine.c_str(), f.hash_one_core_per_s, f.hash_all_cores_per_s,
        f.hash_all_cores_per_s / f.hash_one_core_per_s, users, users / f.hash_all_cores_per_s);
  }
  std::printf(
      "  import s = the write (mode=all): the check again, hashing (users), one transaction, the "
      "unit tree reloaded (agencies)\n");
  return 0;
}
