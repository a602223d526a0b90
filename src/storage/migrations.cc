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
      {2,
       "plans, their activities, reporting requirements, revisions and calendar tokens",
       {
           // The document parts read and written as a whole (purposes, messages, targets,
           // budget, recipients, signer, report outline) are one JSON document in `content`
           // (domain/plan_json.h); what is queried across plans has its own columns and tables.
           "CREATE TABLE plans (id ${id}, unit_id ${bigint} NOT NULL REFERENCES units(id), "
           "number INTEGER, symbol ${text} NOT NULL, year INTEGER NOT NULL, "
           "place ${text} NOT NULL DEFAULT '', issued_on ${text}, title ${text} NOT NULL, "
           "kind ${text} NOT NULL, period_start ${text}, period_end ${text}, "
           "theme ${text} NOT NULL DEFAULT '', parent_plan_id ${bigint} REFERENCES plans(id), "
           "status ${text} NOT NULL, revision INTEGER NOT NULL DEFAULT 0, "
           "version ${bigint} NOT NULL DEFAULT 1, content ${text} NOT NULL, "
           "search_text ${text} NOT NULL, created_by ${bigint}, created_at ${bigint} NOT NULL, "
           "updated_at ${bigint} NOT NULL)",
           // Numbers are unique per issuing unit, symbol and year (NULL numbers never clash).
           "CREATE UNIQUE INDEX plans_number ON plans(unit_id, symbol, year, number)",
           "CREATE INDEX plans_parent ON plans(parent_plan_id)",
           "CREATE TABLE plan_revisions (id ${id}, plan_id ${bigint} NOT NULL REFERENCES "
           "plans(id), "
           "revision INTEGER NOT NULL, version ${bigint} NOT NULL, at ${bigint} NOT NULL, "
           "user_id ${bigint}, username ${text} NOT NULL, snapshot ${text} NOT NULL)",
           "CREATE INDEX plan_revisions_plan ON plan_revisions(plan_id)",
           // The contract with the reports module (issue 4): who reports to whom, by when.
           "CREATE TABLE plan_reporting (id ${id}, plan_id ${bigint} NOT NULL REFERENCES "
           "plans(id), "
           "template_code ${text} NOT NULL, due_date ${text} NOT NULL, "
           "to_unit_id ${bigint} REFERENCES units(id), "
           "reporting_scope ${text} NOT NULL DEFAULT 'children_and_agencies', "
           "note ${text} NOT NULL DEFAULT '')",
           "CREATE INDEX plan_reporting_plan ON plan_reporting(plan_id)",
           "CREATE TABLE activities (id ${id}, plan_id ${bigint} NOT NULL REFERENCES plans(id), "
           "position INTEGER NOT NULL, section ${text} NOT NULL, title ${text} NOT NULL, "
           "details ${text} NOT NULL DEFAULT '[]', assignee ${text} NOT NULL, "
           "lead_unit_id ${bigint} REFERENCES units(id), due_date ${text}, "
           "status ${text} NOT NULL, progress_note ${text} NOT NULL DEFAULT '', "
           "completed_on ${text}, version ${bigint} NOT NULL DEFAULT 1, "
           "updated_at ${bigint} NOT NULL)",
           "CREATE INDEX activities_plan ON activities(plan_id)",
           "CREATE INDEX activities_lead ON activities(lead_unit_id, due_date)",
           "CREATE TABLE activity_support (activity_id ${bigint} NOT NULL REFERENCES "
           "activities(id), "
           "unit_id ${bigint} NOT NULL REFERENCES units(id), PRIMARY KEY (activity_id, unit_id))",
           "CREATE INDEX activity_support_unit ON activity_support(unit_id)",
           "CREATE TABLE activity_history (id ${id}, "
           "activity_id ${bigint} NOT NULL REFERENCES activities(id), at ${bigint} NOT NULL, "
           "user_id ${bigint}, username ${text} NOT NULL, status ${text} NOT NULL, "
           "progress_note ${text} NOT NULL, completed_on ${text}, version ${bigint} NOT NULL)",
           "CREATE INDEX activity_history_activity ON activity_history(activity_id)",
           // Secret tokens of the per-unit iCalendar feeds of tasks.
           "CREATE TABLE calendar_tokens (unit_id ${bigint} PRIMARY KEY REFERENCES units(id), "
           "token ${text} NOT NULL UNIQUE, created_at ${bigint} NOT NULL, created_by ${bigint})",
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
      {4,
       "sign-in throttles, per-user calendar feeds, two-person grants of case roles, notices",
       {
           // Attempts counted per source address and per (keyed hash of a) typed username,
           // known or not, in a fixed window; the count is reserved before a password is
           // checked, so parallel attempts cannot overrun the limit.
           "CREATE TABLE login_throttle (key ${text} PRIMARY KEY, attempts INTEGER NOT NULL, "
           "window_start ${bigint} NOT NULL)",
           // Calendar feeds belong to a user: the token is stored hashed, dies with the user's
           // access, expires, and can be rotated or revoked. The per-unit tokens stored in
           // clear are dropped: their holders ask for a new address.
           "DROP TABLE calendar_tokens",
           "CREATE TABLE calendar_feeds (id ${id}, token_hash ${text} NOT NULL UNIQUE, "
           "user_id ${bigint} NOT NULL REFERENCES users(id), "
           "unit_id ${bigint} NOT NULL REFERENCES units(id), created_at ${bigint} NOT NULL, "
           "expires_at ${bigint} NOT NULL, revoked_at ${bigint}, last_used_at ${bigint})",
           "CREATE INDEX calendar_feeds_user ON calendar_feeds(user_id)",
           // A case role takes two people: requested by one, approved by another admin or a
           // case supervisor; neither may be the user who receives it.
           "CREATE TABLE role_grants (id ${id}, user_id ${bigint} NOT NULL REFERENCES users(id), "
           "role ${text} NOT NULL, reason ${text} NOT NULL, "
           "requested_by ${bigint} REFERENCES users(id), requested_at ${bigint} NOT NULL, "
           "decided_by ${bigint} REFERENCES users(id), decided_at ${bigint}, "
           "status ${text} NOT NULL)",
           "CREATE INDEX role_grants_user ON role_grants(user_id, status)",
           "ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0",
           // What a user must be told: a password reset by someone else, a grant decided.
           "CREATE TABLE notifications (id ${id}, user_id ${bigint} NOT NULL REFERENCES users(id), "
           "kind ${text} NOT NULL, message_vi ${text} NOT NULL, message_en ${text} NOT NULL, "
           "created_at ${bigint} NOT NULL, read_at ${bigint})",
           "CREATE INDEX notifications_user ON notifications(user_id, read_at)",
       }},
      {5,
       "one derived plan per parent plan and unit; copied activities led by the deriving unit",
       {
           // Plans derived before this version copied the key activities and the reporting duty
           // without a lead unit (in nobody's tasks): the deriving unit leads them now, as
           // PlansService::Derive does for new plans.
           "UPDATE activities SET assignee = 'unit', "
           "lead_unit_id = (SELECT p.unit_id FROM plans p WHERE p.id = activities.plan_id) "
           "WHERE assignee = 'everyone' AND lead_unit_id IS NULL AND plan_id IN "
           "(SELECT id FROM plans WHERE parent_plan_id IS NOT NULL)",
           // Databases written before this version may hold duplicates from a race of two
           // derives: the first derived plan keeps its link to the parent, later ones become
           // plans of their own (their content still names the parent in its bases).
           "UPDATE plans SET parent_plan_id = NULL WHERE parent_plan_id IS NOT NULL AND id > "
           "(SELECT min(earlier.id) FROM plans earlier "
           "WHERE earlier.parent_plan_id = plans.parent_plan_id AND earlier.unit_id = "
           "plans.unit_id)",
           "CREATE UNIQUE INDEX plans_derived_once ON plans(parent_plan_id, unit_id)",
       }},
      {6,
       "analytics change log",
       {
           // Every write of a countable figure appends the report it touched, in the same
           // transaction. The head row is locked by each append, so sequence numbers are given
           // out in commit order and a follower that has read up to N never misses one below N.
           "CREATE TABLE analytics_head (one INTEGER PRIMARY KEY CHECK (one = 1), "
           "last_seq ${bigint} NOT NULL)",
           "INSERT INTO analytics_head (one, last_seq) VALUES (1, 0)",
           "CREATE TABLE analytics_changes (seq ${bigint} PRIMARY KEY, "
           "report_id ${bigint} NOT NULL, at ${bigint} NOT NULL)",
       }},
      {7,
       "GBV cases: survivors' identity sealed at rest, members, incidents, per-case access log",
       {
           // The survivor's identifying fields are base64 of XChaCha20-Poly1305 ciphertexts
           // (service/cases.cc); blind_index is a keyed hash of the folded name and birth year
           // that finds possible duplicates without decrypting; key_id names the sealing key.
           "CREATE TABLE cases (id ${id}, code ${text} NOT NULL UNIQUE, "
           "unit_id ${bigint} NOT NULL REFERENCES units(id), "
           "owner_id ${bigint} NOT NULL REFERENCES users(id), status ${text} NOT NULL, "
           "sex ${text} NOT NULL, age_band ${text} NOT NULL, ethnicity ${text} NOT NULL DEFAULT "
           "'', "
           "disability INTEGER NOT NULL DEFAULT 0, opened_on ${text} NOT NULL, "
           "full_name_enc ${text} NOT NULL, date_of_birth_enc ${text} NOT NULL, "
           "phone_enc ${text} NOT NULL, address_enc ${text} NOT NULL, "
           "national_id_enc ${text} NOT NULL, blind_index ${text} NOT NULL, "
           "key_id ${text} NOT NULL, version ${bigint} NOT NULL DEFAULT 1, "
           "created_at ${bigint} NOT NULL, updated_at ${bigint} NOT NULL)",
           "CREATE INDEX cases_unit ON cases(unit_id)",
           "CREATE INDEX cases_owner ON cases(owner_id)",
           "CREATE INDEX cases_blind_index ON cases(blind_index)",
           "CREATE TABLE case_members (case_id ${bigint} NOT NULL REFERENCES cases(id), "
           "user_id ${bigint} NOT NULL REFERENCES users(id), role ${text} NOT NULL, "
           "added_at ${bigint} NOT NULL, added_by ${bigint} NOT NULL REFERENCES users(id), "
           "PRIMARY KEY (case_id, user_id, role))",
           "CREATE INDEX case_members_user ON case_members(user_id)",
           "CREATE TABLE case_incidents (id ${id}, case_id ${bigint} NOT NULL REFERENCES "
           "cases(id), "
           "occurred_on ${text} NOT NULL, reported_on ${text} NOT NULL, "
           "how_reported ${text} NOT NULL, place_type ${text} NOT NULL, gbv_type ${text} NOT NULL, "
           "dv_form ${text} NOT NULL DEFAULT '', perpetrator_relationship ${text} NOT NULL, "
           "perpetrator_sex ${text} NOT NULL, perpetrator_age_band ${text} NOT NULL, "
           "created_at ${bigint} NOT NULL, created_by ${bigint} NOT NULL REFERENCES users(id))",
           "CREATE INDEX case_incidents_case ON case_incidents(case_id)",
           // Who read a case's protected fields, when, and what: shown to its owner and
           // supervisors.
           "CREATE TABLE case_access_log (id ${id}, case_id ${bigint} NOT NULL REFERENCES "
           "cases(id), "
           "user_id ${bigint} NOT NULL REFERENCES users(id), username ${text} NOT NULL, "
           "at ${bigint} NOT NULL, what ${text} NOT NULL, address ${text} NOT NULL)",
           "CREATE INDEX case_access_log_case ON case_access_log(case_id, id)",
       }},
      {8,
       "agency types of the two-level local government (from 1 July 2025)",
       {
           // The pre-2025 types stay for the old units' agencies; these are added after them.
           "INSERT INTO agency_types (code, name_vi, name_en, position) VALUES "
           "('culture_society', 'Văn hóa - Xã hội', 'Culture and Society', 100), "
           "('culture_sports_tourism', 'Văn hóa, Thể thao và Du lịch', 'Culture, Sports and "
           "Tourism', 101), "
           "('school', 'Trường học', 'School', 102), "
           "('health_station', 'Trạm Y tế', 'Commune health station', 103)",
       }},
      {9,
       "GBV case care: measures with their legal clocks, the service directory, referrals with "
       "consent, follow-ups, closure approved by a supervisor",
       {
           // The public service directory; street_address is shown to case workers only for
           // shelters and trusted addresses (domain/case_directory.h). services: comma-separated
           // codes of domain::kServiceKinds.
           "CREATE TABLE service_providers (id ${id}, name ${text} NOT NULL, type ${text} NOT "
           "NULL, "
           "unit_id ${bigint} REFERENCES units(id), services ${text} NOT NULL, "
           "phone ${text} NOT NULL, hours ${text} NOT NULL DEFAULT '', "
           "free_of_charge INTEGER NOT NULL DEFAULT 0, how_to_reach ${text} NOT NULL DEFAULT '', "
           "street_address ${text} NOT NULL DEFAULT '', source ${text} NOT NULL DEFAULT '', "
           "active INTEGER NOT NULL DEFAULT 1, version ${bigint} NOT NULL DEFAULT 1, "
           "created_at ${bigint} NOT NULL, updated_at ${bigint} NOT NULL)",
           "CREATE INDEX service_providers_unit ON service_providers(unit_id)",
           // Free-text notes of a case are sealed as its identity is (*_enc: base64 AEAD).
           "CREATE TABLE case_measures (id ${id}, case_id ${bigint} NOT NULL REFERENCES cases(id), "
           "type ${text} NOT NULL, authority ${text} NOT NULL, status ${text} NOT NULL, "
           "requested_at ${bigint} NOT NULL, decided_at ${bigint}, starts_on ${text}, "
           "ends_on ${text}, note_enc ${text} NOT NULL DEFAULT '', "
           "created_by ${bigint} NOT NULL REFERENCES users(id), created_at ${bigint} NOT NULL, "
           "version ${bigint} NOT NULL DEFAULT 1)",
           "CREATE INDEX case_measures_case ON case_measures(case_id)",
           "CREATE TABLE case_referrals (id ${id}, case_id ${bigint} NOT NULL REFERENCES "
           "cases(id), "
           "provider_id ${bigint} NOT NULL REFERENCES service_providers(id), "
           "service ${text} NOT NULL, consent INTEGER NOT NULL, consent_on ${text}, "
           "override_reason_enc ${text} NOT NULL DEFAULT '', "
           "override_by ${bigint} REFERENCES users(id), status ${text} NOT NULL, "
           "created_by ${bigint} NOT NULL REFERENCES users(id), created_at ${bigint} NOT NULL, "
           "version ${bigint} NOT NULL DEFAULT 1)",
           "CREATE INDEX case_referrals_case ON case_referrals(case_id)",
           "CREATE TABLE case_followups (id ${id}, case_id ${bigint} NOT NULL REFERENCES "
           "cases(id), "
           "due_on ${text} NOT NULL, done_on ${text}, note_enc ${text} NOT NULL DEFAULT '', "
           "created_by ${bigint} NOT NULL REFERENCES users(id), created_at ${bigint} NOT NULL, "
           "version ${bigint} NOT NULL DEFAULT 1)",
           "CREATE INDEX case_followups_case ON case_followups(case_id)",
           // Closure: the owner asks (status closure_requested, close_reason), a supervisor named
           // on the case approves (closed_by, closed_at) or sends it back.
           "ALTER TABLE cases ADD COLUMN close_reason ${text} NOT NULL DEFAULT ''",
           "ALTER TABLE cases ADD COLUMN close_requested_by ${bigint}",
           "ALTER TABLE cases ADD COLUMN closed_by ${bigint}",
           "ALTER TABLE cases ADD COLUMN closed_at ${bigint}",
       }},
      {10,
       "GBV cases: consent to be counted, the DV report's age group, who reported, explicit "
       "transfers and emergency access",
       {
           // Cases opened before this migration were never asked: they are not counted.
           "ALTER TABLE cases ADD COLUMN consent_to_count INTEGER NOT NULL DEFAULT 0",
           "ALTER TABLE cases ADD COLUMN dv_age_group ${text} NOT NULL DEFAULT 'unknown'",
           "ALTER TABLE case_incidents ADD COLUMN reported_by ${text} NOT NULL DEFAULT 'other'",
           "CREATE TABLE case_transfers (id ${id}, case_id ${bigint} NOT NULL REFERENCES "
           "cases(id), "
           "from_user ${bigint} NOT NULL REFERENCES users(id), "
           "to_user ${bigint} NOT NULL REFERENCES users(id), "
           "by_user ${bigint} NOT NULL REFERENCES users(id), reason_enc ${text} NOT NULL DEFAULT "
           "'', "
           "at ${bigint} NOT NULL)",
           "CREATE INDEX case_transfers_case ON case_transfers(case_id)",
           "CREATE TABLE case_emergency_access (id ${id}, "
           "case_id ${bigint} NOT NULL REFERENCES cases(id), "
           "user_id ${bigint} NOT NULL REFERENCES users(id), reason_enc ${text} NOT NULL DEFAULT "
           "'', "
           "granted_at ${bigint} NOT NULL, until_at ${bigint} NOT NULL)",
           "CREATE INDEX case_emergency_access_case ON case_emergency_access(case_id)",
           "CREATE INDEX case_emergency_access_user ON case_emergency_access(user_id, until_at)",
       }},
      {11,
       "analytics: indicators (ratios of expressions over data elements) and targets of a unit "
       "for a year, the reference ones of QĐ 2232/QĐ-TTg and NQ 28/NQ-CP among them",
       {
           "CREATE TABLE indicators (id ${id}, code ${text} NOT NULL UNIQUE, name ${text} NOT "
           "NULL, "
           "numerator ${text} NOT NULL, denominator ${text} NOT NULL DEFAULT '', "
           "factor DOUBLE PRECISION NOT NULL DEFAULT 1, decimals INTEGER NOT NULL DEFAULT 1, "
           "source ${text} NOT NULL DEFAULT '', built_in INTEGER NOT NULL DEFAULT 0, "
           "version ${bigint} NOT NULL DEFAULT 1, created_at ${bigint} NOT NULL, "
           "updated_at ${bigint} NOT NULL)",
           "CREATE TABLE targets (id ${id}, "
           "indicator_id ${bigint} NOT NULL REFERENCES indicators(id), "
           "unit_id ${bigint} NOT NULL REFERENCES units(id), year INTEGER NOT NULL, "
           "comparator ${text} NOT NULL, value DOUBLE PRECISION NOT NULL, "
           "source ${text} NOT NULL DEFAULT '', plan_id ${bigint} REFERENCES plans(id), "
           "built_in INTEGER NOT NULL DEFAULT 0, version ${bigint} NOT NULL DEFAULT 1, "
           "created_at ${bigint} NOT NULL, updated_at ${bigint} NOT NULL, "
           "UNIQUE (indicator_id, unit_id, year, source))",
           "CREATE INDEX targets_unit ON targets(unit_id, year)",
       }},
      {12,
       "attachments: the signed scans of plans and reports and the evidence of activities, "
       "their content in the database (base64) with its SHA-256, so that backups carry them",
       {
           "CREATE TABLE attachments (id ${id}, owner_type ${text} NOT NULL, "
           "owner_id ${bigint} NOT NULL, kind ${text} NOT NULL, file_name ${text} NOT NULL, "
           "content_type ${text} NOT NULL, size ${bigint} NOT NULL, sha256 ${text} NOT NULL, "
           "content ${text} NOT NULL, created_by ${bigint} NOT NULL REFERENCES users(id), "
           "created_at ${bigint} NOT NULL, deleted_by ${bigint} REFERENCES users(id), "
           "deleted_at ${bigint})",
           "CREATE INDEX attachments_owner ON attachments(owner_type, owner_id)",
       }},
      {13,
       "notifications link to what they are about (a report returned, a plan issued, a "
       "reminder) and are found by kind and link to keep a reminder from repeating",
       {
           "ALTER TABLE notifications ADD COLUMN link ${text} NOT NULL DEFAULT ''",
           "CREATE INDEX notifications_link ON notifications(user_id, kind, link, created_at)",
       }},
      {14,
       "e-mail: a user's address and what they want by mail (each notice, a daily digest with "
       "the urgent ones at once, or nothing), the notices already mailed, and the queue of "
       "messages with their attempts, so that a mail server's outage loses nothing",
       {
           "ALTER TABLE users ADD COLUMN email ${text} NOT NULL DEFAULT ''",
           "ALTER TABLE users ADD COLUMN email_pref ${text} NOT NULL DEFAULT 'digest'",
           "ALTER TABLE notifications ADD COLUMN mailed_at ${bigint}",
           "CREATE INDEX notifications_unmailed ON notifications(mailed_at, created_at)",
           "CREATE TABLE mail_queue (id ${id}, user_id ${bigint} REFERENCES users(id), "
           "to_addr ${text} NOT NULL, subject ${text} NOT NULL, body ${text} NOT NULL, "
           "created_at ${bigint} NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, "
           "next_attempt_at ${bigint} NOT NULL, status ${text} NOT NULL DEFAULT 'queued', "
           "sent_at ${bigint}, last_error ${text} NOT NULL DEFAULT '')",
           "CREATE INDEX mail_queue_due ON mail_queue(status, next_attempt_at)",
       }},
      {15,
       "reminders: a unit's own days before an activity's due date for the first and the last "
       "reminder, for itself and the units under it (domain/reminder_days.h)",
       {
           "CREATE TABLE unit_reminder_days (unit_id ${bigint} PRIMARY KEY REFERENCES units(id), "
           "first_days INTEGER NOT NULL, last_days INTEGER NOT NULL, "
           "updated_by ${bigint} REFERENCES users(id), updated_at ${bigint} NOT NULL)",
       }},
  };
  return kMigrations;
}

}  // namespace binhdang::storage
