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
      {3,
       "report templates, reports and their data values",
       {
           // A template version's definition (sections, tables, catalog) is JSON, read by
           // domain::TemplateFromJson; a report keeps the id of the version it was made with.
           "CREATE TABLE report_templates (id ${id}, code ${text} NOT NULL, "
           "version ${bigint} NOT NULL, title ${text} NOT NULL, definition ${text} NOT NULL, "
           "created_by ${bigint}, created_at ${bigint} NOT NULL, UNIQUE (code, version))",
           // plan_id names a plan (issue 3) without a foreign key until plans reach main.
           "CREATE TABLE reports (id ${id}, "
           "template_id ${bigint} NOT NULL REFERENCES report_templates(id), "
           "template_code ${text} NOT NULL, unit_id ${bigint} NOT NULL REFERENCES units(id), "
           "period ${text} NOT NULL, plan_id ${bigint}, status ${text} NOT NULL, "
           "sections ${text} NOT NULL, due_date ${text} NOT NULL, submitted_at ${bigint}, "
           "reviewed_at ${bigint}, return_comment ${text} NOT NULL DEFAULT '', "
           "version ${bigint} NOT NULL DEFAULT 1, created_by ${bigint}, "
           "created_at ${bigint} NOT NULL, updated_at ${bigint} NOT NULL, "
           "UNIQUE (template_code, unit_id, period))",
           "CREATE INDEX reports_period ON reports(template_code, period, status)",
           "CREATE INDEX reports_unit ON reports(unit_id)",
           // One number of a report: the cell of a row (table, item, detail, level) and a
           // column, split by sex ('' when the column is not).
           "CREATE TABLE report_values (report_id ${bigint} NOT NULL REFERENCES reports(id), "
           "row_no INTEGER NOT NULL, table_key ${text} NOT NULL, item_key ${text} NOT NULL, "
           "detail ${text} NOT NULL, level ${text} NOT NULL, column_key ${text} NOT NULL, "
           "sex ${text} NOT NULL, value ${bigint} NOT NULL, "
           "PRIMARY KEY (report_id, row_no, column_key, sex))",
       }},
  };
  return kMigrations;
}

}  // namespace binhdang::storage
