// The embedded SQLite backend: one database file, WAL journal, foreign keys enforced,
// synchronous=FULL so a committed write survives a killed process or a power cut.
#pragma once

#include <soci/connection-pool.h>

#include <string>

#include "storage/store.h"

namespace binhdang::storage {

class SqliteStore final : public Store {
 public:
  //! Opens (creating if needed) the database file at `path`, and its parent directory.
  //! Throws soci::soci_error or std::runtime_error when it cannot.
  SqliteStore(const std::string& path, size_t pool_size);

  Backend backend() const override { return Backend::kSqlite; }
  std::string_view name() const override { return "sqlite"; }
  Connection Lease() override;
  const char* BeginWriteSql() const override { return "BEGIN IMMEDIATE"; }
  const char* ForUpdateSql() const override { return ""; }
  std::string Ddl(std::string_view portable) const override;
  Status Backup(const std::string& path) override;

 protected:
  std::vector<std::string> BackendMigration(int version) const override;

 private:
  std::string path_;
  soci::connection_pool pool_;
};

}  // namespace binhdang::storage
