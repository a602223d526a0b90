#include "storage/store.h"

#include <soci/postgresql/soci-postgresql.h>
#include <spdlog/spdlog.h>

#include <cassert>

#include "common/time.h"
#include "storage/migrations.h"
#include "storage/postgres/postgres_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace binhdang::storage {

Result<std::unique_ptr<Store>> Store::Open(const std::string& url, size_t pool_size) {
  try {
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
      return std::unique_ptr<Store>(std::make_unique<PostgresStore>(url, pool_size));
    }
    std::string path;
    if (url.starts_with("sqlite:")) {
      path = url.substr(7);
      if (path.starts_with("//")) path = path.substr(2);
    } else if (url.ends_with(".db") || url.ends_with(".sqlite")) {
      path = url;
    }
    if (path.empty()) {
      return Error::Invalid("db",
                            "địa chỉ cơ sở dữ liệu phải là sqlite:ĐƯỜNG_DẪN hoặc postgresql://…",
                            "database URL must be sqlite:PATH or postgresql://…");
    }
    return std::unique_ptr<Store>(std::make_unique<SqliteStore>(path, pool_size));
  } catch (const std::exception& e) {
    return Error::Internal(std::string("cannot open database: ") + e.what());
  }
}

int Store::SchemaVersion() {
  auto sql = Lease();
  int exists = 0;
  if (backend() == Backend::kSqlite) {
    *sql
        << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
        soci::into(exists);
  } else {
    *sql << "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_name = 'schema_migrations'",
        soci::into(exists);
  }
  if (!exists) return 0;
  int version = 0;
  soci::indicator ind;
  *sql << "SELECT max(version) FROM schema_migrations", soci::into(version, ind);
  return ind == soci::i_ok ? version : 0;
}

Status Store::Migrate() {
  try {
    {
      auto sql = Lease();
      *sql << Ddl(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
          "name ${text} NOT NULL, applied_at ${bigint} NOT NULL)");
    }
    const int current = SchemaVersion();
    for (const auto& m : Migrations()) {
      if (m.version <= current) continue;
      auto sql = Lease();
      Transaction tx(*sql, *this);
      for (const auto& stmt : m.statements) *sql << Ddl(stmt);
      for (const auto& stmt : BackendMigration(m.version)) *sql << stmt;
      const long long now = NowMs();
      const std::string name = m.name;
      *sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)",
          soci::use(m.version), soci::use(name), soci::use(now);
      tx.Commit();
      spdlog::info("migrated {} database to version {} ({})", this->name(), m.version, m.name);
    }
    return Ok();
  } catch (const std::exception& e) {
    return Error::Internal(std::string("migration failed: ") + e.what());
  }
}

Status Store::Backup(const std::string&) {
  return Error::Invalid(
      "db", "chỉ sao lưu trực tuyến được cơ sở dữ liệu SQLite; với PostgreSQL hãy dùng pg_dump",
      "online backup is for SQLite; use pg_dump for PostgreSQL");
}

namespace {
// Connections the calling thread holds (the one-lease rule of Store::Lease()).
thread_local int leases_held = 0;
}  // namespace

int LeasesHeldByThisThread() { return leases_held; }

void ConnectionReturn::operator()(soci::session*) const {
  --leases_held;
  pool->give_back(position);
}

LeaseTimeout::LeaseTimeout(std::chrono::milliseconds waited)
    : std::runtime_error("no database connection came free within " +
                         std::to_string(waited.count()) + " ms") {}

Connection Store::LeaseFrom(soci::connection_pool& pool) {
  // A second lease on one thread can deadlock the pool (see store.h).
  assert(leases_held == 0 && "never two leases on one thread (storage/store.h)");
  const auto timeout = lease_timeout();
  size_t position = 0;
  if (!pool.try_lease(position, static_cast<int>(timeout.count()))) throw LeaseTimeout(timeout);
  ++leases_held;
  return Connection(&pool.at(position), ConnectionReturn{&pool, position});
}

Transaction::Transaction(soci::session& sql, const Store& store) : sql_(sql) {
  sql_ << store.BeginWriteSql();
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    sql_ << "ROLLBACK";
  } catch (const std::exception& e) {
    spdlog::warn("rollback failed: {}", e.what());
  }
}

void Transaction::Commit() {
  sql_ << "COMMIT";
  done_ = true;
}

namespace {
enum class Violation { kNone, kUnique, kOther };

// PostgreSQL names the constraint class in the SQLSTATE (23505 unique, 23503 foreign key,
// 23502 not null, 23514 check), whatever the server's message language; SQLite only in the
// message ("UNIQUE constraint failed: …", "FOREIGN KEY constraint failed").
Violation ViolationOf(const soci::soci_error& e) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    const std::string state = pg->sqlstate();
    if (state == "23505") return Violation::kUnique;
    if (state.starts_with("23")) return Violation::kOther;
    return Violation::kNone;
  }
  const std::string what = e.get_error_message();
  if (what.find("UNIQUE constraint failed") != std::string::npos) return Violation::kUnique;
  if (what.find("constraint failed") != std::string::npos) return Violation::kOther;
  return Violation::kNone;
}
}  // namespace

bool IsUniqueViolation(const soci::soci_error& e) { return ViolationOf(e) == Violation::kUnique; }

std::optional<Error> ConstraintError(const std::exception& e) {
  const auto* db = dynamic_cast<const soci::soci_error*>(&e);
  if (!db) return std::nullopt;
  switch (ViolationOf(*db)) {
    case Violation::kUnique:
      return Error::Conflict(
          "Đã có một đối tượng như vậy (có thể vừa được tạo cùng lúc); hãy tải lại",
          "That already exists (perhaps just created at the same time); reload");
    case Violation::kOther:
      return Error{
          ErrorCode::kInvalidArgument,
          {"Dữ liệu không hợp lệ: tham chiếu tới đối tượng không tồn tại hoặc giá trị không được "
           "phép",
           "Invalid input: a reference to something that does not exist, or a value not allowed"},
          {},
          0};
    case Violation::kNone:
      break;
  }
  return std::nullopt;
}

std::unique_ptr<ChangeListener> Store::Listen(const std::string&) { return nullptr; }

std::optional<Error> UnavailableError(const std::exception& e) {
  if (!dynamic_cast<const LeaseTimeout*>(&e)) return std::nullopt;
  Error error{ErrorCode::kUnavailable,
              {"Máy chủ đang bận, chưa có kết nối cơ sở dữ liệu nào rảnh; hãy thử lại sau giây lát",
               "The server is busy: no database connection is free; try again in a moment"},
              {},
              0};
  error.retry_after_s = 1;
  return error;
}

}  // namespace binhdang::storage
