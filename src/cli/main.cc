// binhdang: serve | migrate | import-units | user add|passwd|list | backup | audit verify |
// keys rotate | check-document
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "common/crypto.h"
#include "documents/nd30_check.h"
#include "http/api.h"
#include "http/server.h"
#include "service/bootstrap.h"
#include "service/cases_key.h"
#include "service/demo_cases.h"
#include "service/services.h"

namespace {

using namespace binhdang;

std::filesystem::path ExeDir() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::current_path() : p.parent_path();
}

std::string DefaultResources() {
  auto beside = ExeDir() / ".." / "resources";
  if (std::filesystem::exists(beside / "units"))
    return std::filesystem::weakly_canonical(beside).string();
  return BINHDANG_RESOURCE_DIR;
}

int Fail(const Error& e) {
  std::cerr << "binhdang: " << e.message.vi << "\n";
  for (const auto& d : e.details) std::cerr << "  " << d.field << ": " << d.message.vi << "\n";
  return 1;
}

std::unique_ptr<storage::Store> OpenStore(const std::string& url, size_t pool) {
  auto store = storage::Store::Open(url, pool);
  if (!store.ok()) {
    Fail(store.error());
    std::exit(1);
  }
  return std::move(store).value();
}

bool SplitListen(const std::string& listen, std::string& host, unsigned short& port) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  try {
    const int p = std::stoi(listen.substr(colon + 1));
    if (p < 0 || p > 65535) return false;
    port = static_cast<unsigned short>(p);
  } catch (...) {
    return false;
  }
  return true;
}

std::string ReadPassword(const std::string& given, const char* prompt) {
  if (!given.empty()) return given;
  if (const char* env = std::getenv("BINHDANG_PASSWORD")) return env;
  std::cerr << prompt;
  std::string line;
  std::getline(std::cin, line);
  return line;
}

}  // namespace

int main(int argc, char** argv) {
  if (!crypto::Init()) {
    std::cerr << "binhdang: libsodium cannot start\n";
    return 1;
  }
  CLI::App app{"binhdang — lập kế hoạch, theo dõi và báo cáo công tác bình đẳng giới"};
  app.require_subcommand(1);
  app.fallthrough();  // `binhdang serve --db …` and `binhdang --db … serve` both work
  std::string db = "sqlite:data/binhdang.db";
  std::string resources = DefaultResources();
  app.add_option("--db", db, "sqlite:PATH or postgresql://user@host:port/dbname")
      ->envname("BINHDANG_DB")
      ->capture_default_str();
  app.add_option("--resources", resources, "folder with units/ and seeds/")->capture_default_str();
  // The case data key: outside the database, never logged (README "Khóa dữ liệu vụ việc").
  service::CaseKeySource case_key;
  app.add_option("--case-key", case_key.file,
                 "case data key file, created at first start with mode 0600 (default: case.key "
                 "beside the SQLite file, or data/case.key)")
      ->envname("BINHDANG_CASE_KEY_FILE");
  if (const char* k = std::getenv("BINHDANG_CASE_KEY")) case_key.env_key = k;

  // serve
  auto* serve = app.add_subcommand("serve", "serve the API and the web front end");
  std::string listen = "127.0.0.1:8080";
  std::string web = (ExeDir() / "web").string();
  int threads = 0;
  bool no_access_log = false, trust_proxy = false, secure_cookies = false, no_demo = false;
  serve->add_option("--listen", listen, "HOST:PORT")->capture_default_str();
  serve->add_option("--web", web, "folder of the built front end")->capture_default_str();
  serve->add_option("--threads", threads, "worker threads (0: automatic)");
  serve->add_flag("--no-access-log", no_access_log, "do not log each request");
  serve->add_flag("--trust-proxy", trust_proxy, "take client addresses from X-Forwarded-For");
  serve->add_flag("--secure-cookies", secure_cookies, "mark the session cookie Secure (HTTPS)");
  serve->add_flag("--no-demo", no_demo, "on first start, do not seed the demo plans and reports");
  // E-mail of the notices (service/mail.h): off without --smtp-host. The password only from the
  // environment, so that it is never in a process list.
  service::MailOptions mail;
  serve->add_option("--smtp-host", mail.smtp.host, "mail server (\"\": no e-mail)")
      ->envname("BINHDANG_SMTP_HOST");
  serve->add_option("--smtp-port", mail.smtp.port, "its port")
      ->envname("BINHDANG_SMTP_PORT")
      ->capture_default_str();
  serve->add_option("--smtp-security", mail.smtp.security, "starttls, tls (port 465) or none")
      ->envname("BINHDANG_SMTP_SECURITY")
      ->capture_default_str();
  serve->add_option("--smtp-user", mail.smtp.user, "account (password: BINHDANG_SMTP_PASSWORD)")
      ->envname("BINHDANG_SMTP_USER");
  serve
      ->add_option("--smtp-ca-file", mail.smtp.ca_file,
                   "authorities to check the server's certificate (default: the system's)")
      ->envname("BINHDANG_SMTP_CA_FILE");
  serve->add_option("--smtp-from", mail.from_addr, "sender address, e.g. binhdang@tinh.gov.vn")
      ->envname("BINHDANG_SMTP_FROM");
  serve
      ->add_option("--public-url", mail.public_url,
                   "the address people open binhdang at, for links in e-mails")
      ->envname("BINHDANG_PUBLIC_URL");
  serve->add_option("--digest-hour", mail.digest_hour, "hour of the daily digest (Vietnam time)")
      ->capture_default_str();
  int mail_every_s = 60;
  serve->add_option("--mail-every", mail_every_s, "seconds between two mail rounds")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();

  auto* migrate = app.add_subcommand("migrate", "apply database migrations");
  auto* import_units = app.add_subcommand("import-units", "import Vietnam's administrative units");

  auto* user = app.add_subcommand("user", "manage users");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "create a user");
  std::string u_name, u_full, u_password, u_roles = "viewer", u_unit = "VN";
  user_add->add_option("username", u_name)->required();
  user_add->add_option("--full-name", u_full)->required();
  user_add->add_option("--unit", u_unit, "unit code (e.g. 01) or id")->capture_default_str();
  user_add->add_option("--roles", u_roles, "comma-separated roles")->capture_default_str();
  user_add->add_option("--password", u_password, "or BINHDANG_PASSWORD, or asked");
  auto* user_passwd = user->add_subcommand("passwd", "set a user's password");
  user_passwd->add_option("username", u_name)->required();
  user_passwd->add_option("--password", u_password, "or BINHDANG_PASSWORD, or asked");
  auto* user_list = user->add_subcommand("list", "list users");

  auto* backup = app.add_subcommand("backup", "consistent online copy of a SQLite database");
  std::string backup_to;
  backup->add_option("--to", backup_to, "file to write (must not exist)")->required();

  auto* audit = app.add_subcommand("audit", "audit log");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "check the audit log's hash chain");

  auto* keys = app.add_subcommand("keys", "the case data key");
  keys->require_subcommand(1);
  auto* keys_rotate = keys->add_subcommand(
      "rotate",
      "re-encrypt every case field with a new key (one transaction); the key file is replaced");

  auto* check_document = app.add_subcommand(
      "check-document",
      "measure a PDF or DOCX against the NĐ 30/2020 format; exit 1 when something is off");
  std::string check_file;
  bool check_json = false;
  check_document->add_option("file", check_file, "the .pdf or .docx")->required();
  check_document->add_flag("--json", check_json, "print the report as JSON");

  CLI11_PARSE(app, argc, argv);
  if (*check_document) {
    std::ifstream in(check_file, std::ios::binary);
    if (!in) {
      std::cerr << "binhdang: không mở được tệp " << check_file << "\n";
      return 2;
    }
    std::string bytes;
    char chunk[65536];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
      bytes.append(chunk, static_cast<size_t>(in.gcount()));
      if (bytes.size() > documents::kCheckMaxBytes) break;
    }
    auto report = documents::CheckDocument(bytes);
    if (!report.ok()) {
      std::cerr << "binhdang: " << report.error().message.vi << "\n";
      return 2;
    }
    if (check_json) {
      auto items = [](const std::vector<documents::CheckItem>& v) {
        nlohmann::json a = nlohmann::json::array();
        for (const auto& i : v)
          a.push_back({{"rule", i.rule}, {"measured", i.measured}, {"expected", i.expected}});
        return a;
      };
      std::cout << nlohmann::json{{"format", report->format},
                                  {"pages", report->pages},
                                  {"ok", report->ok()},
                                  {"findings", items(report->findings)},
                                  {"passed", items(report->passed)}}
                       .dump(2)
                << "\n";
    } else {
      std::cout << documents::DescribeCheck(*report);
    }
    return report->ok() ? 0 : 1;
  }
  if (case_key.file.empty()) {
    const std::string path = db.starts_with("sqlite:") ? db.substr(7) : db;
    case_key.file = db.starts_with("postgres") || path.empty()
                        ? "data/case.key"
                        : (std::filesystem::path(path).parent_path() / "case.key").string();
  }

  if (*serve) {
    std::string host;
    unsigned short port = 0;
    if (!SplitListen(listen, host, port)) {
      std::cerr << "binhdang: --listen phải có dạng HOST:PORT\n";
      return 2;
    }
    // One connection per handler worker (http::ServerOptions::threads) and a few for the
    // password pool and background work: a worker never waits for a connection.
    const int workers =
        threads > 0 ? threads
                    : std::max(4, 2 * static_cast<int>(std::thread::hardware_concurrency()));
    auto store = OpenStore(db, static_cast<size_t>(workers) + 4);
    service::BootstrapOptions options{resources, "", false, !no_demo};
    if (const char* pw = std::getenv("BINHDANG_ADMIN_PASSWORD")) options.admin_password = pw;
    auto boot = service::Bootstrap(*store, options);
    if (!boot.ok()) return Fail(boot.error());
    if (!boot->generated_password.empty()) {
      std::cout << "\n  Tài khoản quản trị / admin account: admin\n  Mật khẩu / password: "
                << boot->generated_password << "\n  (chỉ in một lần / printed once)\n\n"
                << std::flush;
    }
    service::Services services(*store);
    if (auto sets = services.units.LoadAgencySets(resources + "/agency-sets.json"); !sets.ok()) {
      return Fail(sets.error());
    }
    // Without its key the case module answers 503 saying why; the rest of the server runs.
    if (auto key = service::LoadCaseKey(case_key, !services.cases.KeyRecorded()); !key.ok()) {
      services.cases.Disable(key.error().message.vi, key.error().message.en);
      spdlog::warn("case module unavailable: {}", key.error().message.en);
    } else if (auto used = services.cases.UseKey(*key); !used.ok()) {
      spdlog::warn("case module unavailable: {}", used.error().message.en);
    }
    const double tree_ms = services.directory.Reload();
    spdlog::info("unit tree: {} units loaded in {:.1f} ms", services.directory.Tree()->size(),
                 tree_ms);
    // Demo cases come with the demo data, under the demo unit, once the case module has its key.
    if (boot->seeded_demo && services.cases.available()) {
      std::string password;
      if (const char* pw = std::getenv("BINHDANG_DEMO_PASSWORD"); pw && *pw) password = pw;
      const bool generated = password.empty();
      if (generated) password = crypto::RandomToken(12) + "7a";
      auto demo = service::SeedDemoCases(services, resources + "/demo/cases.json", password);
      if (!demo.ok()) {
        spdlog::warn("demo cases not seeded: {}", demo.error().message.en);
      } else {
        spdlog::info("demo cases: {} opened under the demo unit", demo->cases);
        if (generated && !demo->users.empty()) {
          std::cout << "\n  Tài khoản vụ việc minh họa / demo case accounts:";
          for (const auto& name : demo->users) std::cout << " " << name;
          std::cout << "\n  Mật khẩu / password: " << password
                    << "\n  (chỉ in một lần / printed once)\n\n"
                    << std::flush;
        }
      }
    }
    const double analytics_ms = services.reports.analytics().Build();
    const auto memory = services.reports.analytics().Memory();
    spdlog::info("analytics engine: {} data values loaded in {:.1f} ms ({:.1f} bytes a value)",
                 memory.values, analytics_ms, memory.AllBytesPerValue());
    services.reports.analytics().Follow(500);
    // Activities due in 7 and 1 days and overdue: their leads are told (service/reminders.h).
    // And the 12-hour window of a no-contact order: every 15 minutes.
    services.reminders.Every(15 * 60 * 1000);
    if (const char* pw = std::getenv("BINHDANG_SMTP_PASSWORD")) mail.smtp.password = pw;
    if (auto configured = services.mail.Configure(mail); !configured.ok()) {
      std::cerr << "binhdang: " << configured.error().message.vi << "\n";
      return 2;
    }
    if (services.mail.enabled()) {
      spdlog::info("mail: via {}:{} ({}) from {}", mail.smtp.host, mail.smtp.port,
                   mail.smtp.security, mail.from_addr);
      services.mail.Every(mail_every_s * 1000LL);  // urgent notices leave within a minute
    }
    // Reference indicators and targets (QĐ 2232, NQ 28, the demo plan's): added when missing.
    if (auto added = services.analytics.SeedReference(resources + "/analytics/reference.json");
        !added.ok()) {
      spdlog::warn("reference indicators not loaded: {}", added.error().message.en);
    } else if (*added > 0) {
      spdlog::info("reference indicators and targets: {} added", *added);
    }
    http::Api api(services, {web, secure_cookies});
    http::ServerOptions so;
    so.host = host;
    so.port = port;
    so.threads = threads;
    so.access_log = !no_access_log;
    so.trust_proxy = trust_proxy;
    http::Server server(api, so);
    if (auto st = server.Start(); !st.ok()) return Fail(st.error());
    server.StopOnSignals();
    spdlog::info("binhdang {} serving on http://{}:{} ({} database)", BINHDANG_VERSION, host,
                 server.port(), store->name());
    server.Run();
    return 0;
  }
  if (*migrate) {
    auto store = OpenStore(db, 1);
    if (auto st = store->Migrate(); !st.ok()) return Fail(st.error());
    std::cout << "schema version " << store->SchemaVersion() << "\n";
    return 0;
  }
  if (*import_units) {
    auto store = OpenStore(db, 1);
    if (auto st = store->Migrate(); !st.ok()) return Fail(st.error());
    auto report = service::ImportUnits(*store, resources + "/units");
    if (!report.ok()) return Fail(report.error());
    std::cout << report->units << " units, " << report->lineage_links << " lineage links\n";
    return 0;
  }
  if (*backup) {
    auto store = OpenStore(db, 1);
    if (auto st = store->Backup(backup_to); !st.ok()) return Fail(st.error());
    std::cout << "backup written to " << backup_to << "\n";
    return 0;
  }
  if (*audit_verify) {
    auto store = OpenStore(db, 1);
    service::AuditService svc(*store);
    auto v = svc.Verify();
    if (v.first_bad) {
      std::cout << "audit log BROKEN at entry " << *v.first_bad << " (" << v.entries
                << " entries read)\n";
      return 3;
    }
    std::cout << "audit log intact: " << v.entries << " entries\n";
    return 0;
  }
  if (*keys_rotate) {
    if (!case_key.env_key.empty()) {
      std::cerr << "binhdang: khóa đang ở BINHDANG_CASE_KEY; hãy đặt khóa trong tệp (--case-key) "
                   "để xoay khóa\n";
      return 2;
    }
    auto old_key = service::LoadCaseKey(case_key, false);
    if (!old_key.ok()) return Fail(old_key.error());
    auto store = OpenStore(db, 1);
    if (auto st = store->Migrate(); !st.ok()) return Fail(st.error());
    // The new key reaches the disk before any case is re-sealed with it, and replaces the old
    // file only after the transaction committed; the old key stays beside it as FILE.old.
    const std::string new_key = crypto::RandomBytes(crypto::kAeadKeyBytes);
    const std::string pending = case_key.file + ".new";
    std::filesystem::remove(pending);
    if (auto st = service::WriteCaseKeyFile(pending, new_key); !st.ok()) return Fail(st.error());
    auto rotated = service::CasesService::RotateKey(*store, *old_key, new_key);
    if (!rotated.ok()) {
      std::filesystem::remove(pending);
      return Fail(rotated.error());
    }
    // An earlier rotation's old key is never overwritten: FILE.old, FILE.old.2, …
    std::string old_file = case_key.file + ".old";
    for (int n = 2; std::filesystem::exists(old_file); ++n) {
      old_file = case_key.file + ".old." + std::to_string(n);
    }
    std::error_code ec;
    std::filesystem::rename(case_key.file, old_file, ec);
    if (!ec) std::filesystem::rename(pending, case_key.file, ec);
    if (ec) {
      std::cerr << "binhdang: đã mã hóa lại nhưng không thay được tệp khóa; khóa mới nằm ở "
                << pending << "\n";
      return 1;
    }
    std::cout << *rotated << " vụ việc đã được mã hóa lại bằng khóa mới / cases re-encrypted.\n"
              << "Khóa cũ: " << old_file << " — hãy sao lưu khóa mới rồi hủy khóa cũ.\n";
    return 0;
  }
  if (*user) {
    auto store = OpenStore(db, 2);
    if (auto st = store->Migrate(); !st.ok()) return Fail(st.error());
    service::Services services(*store);
    services.directory.Reload();
    if (*user_list) {
      auto tree = services.directory.Tree();
      for (const auto& u : services.users.ListAll()) {
        std::string roles;
        for (auto r : u.roles)
          roles += (roles.empty() ? "" : ",") + std::string(domain::RoleName(r));
        const auto* unit = tree->Find(u.unit_id);
        std::cout << u.id << "\t" << u.username << "\t" << u.full_name << "\t"
                  << (unit ? unit->full_name : "?") << "\t" << roles
                  << (u.active ? "" : "\t(inactive)") << "\n";
      }
      return 0;
    }
    if (*user_add) {
      auto tree = services.directory.Tree();
      // A code of a unit valid today first (what an operator types), then an id.
      Id unit_id = 0;
      for (Id id : tree->Search({"", std::nullopt, std::nullopt, Date::TodayInVietnam()})) {
        if (tree->Find(id)->code == u_unit && tree->Find(id)->kind != domain::UnitKind::kAgency) {
          unit_id = id;
          break;
        }
      }
      if (!unit_id) unit_id = ParseId(u_unit).value_or(0);
      service::UserInput in{
          u_name, u_full, ReadPassword(u_password, "Mật khẩu / password: "), unit_id, {}};
      for (size_t start = 0; start <= u_roles.size();) {
        const size_t comma = std::min(u_roles.find(',', start), u_roles.size());
        if (comma > start) in.roles.push_back(u_roles.substr(start, comma - start));
        start = comma + 1;
      }
      auto created = services.users.CreateBySystem(in);
      if (!created.ok()) return Fail(created.error());
      std::cout << "created user " << created->username << " (id " << created->id << ")\n";
      return 0;
    }
    if (*user_passwd) {
      auto st = services.users.SetPasswordBySystem(
          u_name, ReadPassword(u_password, "Mật khẩu mới / new password: "));
      if (!st.ok()) return Fail(st.error());
      std::cout << "password changed for " << u_name << "\n";
      return 0;
    }
  }
  return 0;
}
