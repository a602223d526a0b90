#include "storage/migrations.h"

namespace binhdang::storage {

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      {1,
       "units, users, sessions, audit log",
       {
           "CREATE TABLE meta (key ${text} PRIMARY KEY, value ${text} NOT NULL)",
           "CREATE TABLE agency_types (code ${text} PRIMARY KEY, name_vi ${text} NOT NULL, "
           "name_en ${text} NOT NULL, position INTEGER NOT NULL DEFAULT 0)",
           "CREATE TABLE units (id ${id}, code ${text} NOT NULL, name ${text} NOT NULL, "
           "full_name ${text} NOT NULL, kind ${text} NOT NULL, "
           "agency_type ${text} REFERENCES agency_types(code), "
           "parent_id ${bigint} REFERENCES units(id), valid_from ${text}, valid_to ${text}, "
           "version ${bigint} NOT NULL DEFAULT 1, created_at ${bigint} NOT NULL, "
           "updated_at ${bigint} NOT NULL)",
           "CREATE INDEX units_parent ON units(parent_id)",
           "CREATE INDEX units_code ON units(code)",
           "CREATE TABLE unit_lineage (predecessor_id ${bigint} NOT NULL REFERENCES units(id), "
           "successor_id ${bigint} NOT NULL REFERENCES units(id), merge_type ${text} NOT NULL, "
           "PRIMARY KEY (predecessor_id, successor_id))",
           "CREATE INDEX unit_lineage_successor ON unit_lineage(successor_id)",
           "CREATE TABLE users (id ${id}, username ${text} NOT NULL UNIQUE, "
           "full_name ${text} NOT NULL, password_hash ${text} NOT NULL, "
           "unit_id ${bigint} NOT NULL REFERENCES units(id), roles ${text} NOT NULL, "
           "active INTEGER NOT NULL DEFAULT 1, failed_logins INTEGER NOT NULL DEFAULT 0, "
           "locked_until ${bigint} NOT NULL DEFAULT 0, last_login_at ${bigint}, "
           "version ${bigint} NOT NULL DEFAULT 1, created_at ${bigint} NOT NULL, "
           "updated_at ${bigint} NOT NULL)",
           "CREATE INDEX users_unit ON users(unit_id)",
           "CREATE TABLE sessions (token_hash ${text} PRIMARY KEY, "
           "user_id ${bigint} NOT NULL REFERENCES users(id), csrf_token ${text} NOT NULL, "
           "created_at ${bigint} NOT NULL, last_seen_at ${bigint} NOT NULL, "
           "expires_at ${bigint} NOT NULL, address ${text} NOT NULL DEFAULT '')",
           "CREATE INDEX sessions_user ON sessions(user_id)",
           "CREATE TABLE audit_log (id ${id}, at ${bigint} NOT NULL, user_id ${bigint}, "
           "username ${text} NOT NULL, action ${text} NOT NULL, object_type ${text} NOT NULL, "
           "object_id ${text} NOT NULL, unit_id ${bigint}, address ${text} NOT NULL, "
           "outcome ${text} NOT NULL, detail ${text} NOT NULL, prev_hash ${text} NOT NULL, "
           "hash ${text} NOT NULL)",
           "CREATE INDEX audit_log_user ON audit_log(user_id)",
           // One row that every append locks and moves forward: it serialises the hash chain.
           "CREATE TABLE audit_head (one INTEGER PRIMARY KEY CHECK (one = 1), "
           "last_id ${bigint} NOT NULL, last_hash ${text} NOT NULL)",
           "INSERT INTO audit_head (one, last_id, last_hash) VALUES (1, 0, '')",
       }},
  };
  return kMigrations;
}

}  // namespace binhdang::storage
