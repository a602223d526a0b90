// The PostgreSQL backend: for installations with several stateless binhdang servers behind a
// reverse proxy and one PostgreSQL primary.
#pragma once

#include <soci/connection-pool.h>

#include <string>

#include "storage/store.h"

namespace binhdang::storage {

//! A libpq connection URI ("postgresql://user:pw@host:port/db?options=...") in libpq's
//! keyword=value form, which SOCI passes through untouched. Other strings are returned as is.
std::string PostgresConnectionString(const std::string& url);

class PostgresStore final : public Store {
 public:
  //! Connects `pool_size` sessions to `url` (a libpq connection URI). Throws soci::soci_error
  //! when the server cannot be reached.
  PostgresStore(const std::string& url, size_t pool_size);

  Backend backend() const override { return Backend::kPostgres; }
  std::string_view name() const override { return "postgresql"; }
  Connection Lease() override;
  const char* BeginWriteSql() const override { return "BEGIN"; }
  const char* ForUpdateSql() const override { return " FOR UPDATE"; }
  std::string Ddl(std::string_view portable) const override;
  //! LISTEN on a libpq connection of its own; analytics_changes announces each insert on
  //! "binhdang_analytics" (a trigger of migration 11), delivered when its transaction commits.
  std::unique_ptr<ChangeListener> Listen(const std::string& channel) override;

 protected:
  std::vector<std::string> BackendMigration(int version) const override;

 private:
  soci::connection_pool pool_;
  std::string conninfo_;
};

}  // namespace binhdang::storage
