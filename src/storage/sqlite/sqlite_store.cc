#include "storage/sqlite/sqlite_store.h"

#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>

#include "storage/ddl.h"

namespace binhdang::storage {

SqliteStore::SqliteStore(const std::string& path, size_t pool_size)
    : path_(path), pool_(pool_size) {
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  for (size_t i = 0; i < pool_size; ++i) {
    soci::session& sql = pool_.at(i);
    sql.open(soci::sqlite3, "db=\"" + path + "\" timeout=30");
    std::string mode;
    sql << "PRAGMA journal_mode = WAL", soci::into(mode);
    sql << "PRAGMA foreign_keys = ON";
    sql << "PRAGMA synchronous = FULL";
    sql << "PRAGMA busy_timeout = 30000";
  }
}

Connection SqliteStore::Lease() { return LeaseFrom(pool_); }

std::string SqliteStore::Ddl(std::string_view portable) const {
  return ReplaceTypeTokens(portable, {{"${id}", "INTEGER PRIMARY KEY"},
                                      {"${bigint}", "INTEGER"},
                                      {"${text}", "TEXT"},
                                      {"${real}", "REAL"}});
}

Status SqliteStore::Backup(const std::string& path) {
  if (std::filesystem::exists(path)) {
    return Error::Invalid("to", "tệp sao lưu đã tồn tại", "the backup file already exists");
  }
  std::string quoted;
  for (char c : path) {
    quoted += c;
    if (c == '\'') quoted += '\'';
  }
  try {
    auto sql = Lease();
    // VACUUM INTO reads one snapshot of the live database and writes a compact copy.
    *sql << "VACUUM INTO '" + quoted + "'";
    return Ok();
  } catch (const std::exception& e) {
    return Error::Internal(std::string("backup failed: ") + e.what());
  }
}

std::vector<std::string> SqliteStore::BackendMigration(int version) const {
  switch (version) {
    case 1:
      return {
          "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
          "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
          "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
          "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
      };
    case 6:
      return {
          "CREATE TRIGGER analytics_changes_no_update BEFORE UPDATE ON analytics_changes "
          "BEGIN SELECT RAISE(ABORT, 'analytics_changes is append-only'); END",
          "CREATE TRIGGER analytics_changes_no_delete BEFORE DELETE ON analytics_changes "
          "BEGIN SELECT RAISE(ABORT, 'analytics_changes is append-only'); END",
      };
    default:
      return {};
  }
}

}  // namespace binhdang::storage
