#include "storage/units_repo.h"

#include <string>

#include "storage/stored.h"

namespace binhdang::storage {

namespace {
constexpr const char* kUnitColumns =
    "SELECT id, code, name, full_name, kind, agency_type, parent_id, valid_from, valid_to, "
    "version FROM units";

// Binds the columns of kUnitColumns into a row buffer and converts it to a Unit.
struct UnitRow {
  domain::Unit u;
  std::string kind, agency_type, valid_from, valid_to;
  long long parent = 0;
  soci::indicator ind_agency = soci::i_ok, ind_parent = soci::i_ok, ind_from = soci::i_ok,
                  ind_to = soci::i_ok;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(u.id));
    st.exchange(soci::into(u.code));
    st.exchange(soci::into(u.name));
    st.exchange(soci::into(u.full_name));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(agency_type, ind_agency));
    st.exchange(soci::into(parent, ind_parent));
    st.exchange(soci::into(valid_from, ind_from));
    st.exchange(soci::into(valid_to, ind_to));
    st.exchange(soci::into(u.version));
  }
  domain::Unit Take() const {
    domain::Unit out = u;
    out.kind = Stored(domain::ParseUnitKind(kind), "kind", kind);
    out.agency_type = ind_agency == soci::i_ok ? agency_type : "";
    out.parent_id = ind_parent == soci::i_ok ? parent : 0;
    out.valid_from = ind_from == soci::i_ok ? Date::Parse(valid_from) : std::nullopt;
    out.valid_to = ind_to == soci::i_ok ? Date::Parse(valid_to) : std::nullopt;
    return out;
  }
};

std::string DateOrEmpty(const std::optional<Date>& d) { return d ? d->Iso() : std::string(); }
}  // namespace

std::vector<domain::Unit> UnitsRepo::LoadAll() {
  std::vector<domain::Unit> out;
  UnitRow row;
  soci::statement st(sql_);
  row.Bind(st);
  st.alloc();
  st.prepare(std::string(kUnitColumns) + " ORDER BY id");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) out.push_back(row.Take());
  return out;
}

std::optional<domain::Unit> UnitsRepo::Get(Id id) {
  UnitRow row;
  soci::statement st(sql_);
  row.Bind(st);
  st.exchange(soci::use(id));
  st.alloc();
  st.prepare(std::string(kUnitColumns) + " WHERE id = :id");
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  return row.Take();
}

std::vector<domain::LineageLink> UnitsRepo::LoadLineage() {
  std::vector<domain::LineageLink> out;
  domain::LineageLink link;
  std::string type;
  soci::statement st =
      (sql_.prepare << "SELECT predecessor_id, successor_id, merge_type "
                       "FROM unit_lineage",
       soci::into(link.predecessor_id), soci::into(link.successor_id), soci::into(type));
  st.execute();
  while (st.fetch()) {
    link.type = type == "full" ? domain::MergeType::kFull : domain::MergeType::kPartial;
    out.push_back(link);
  }
  return out;
}

long long UnitsRepo::Count() {
  long long n = 0;
  sql_ << "SELECT count(*) FROM units", soci::into(n);
  return n;
}

Id UnitsRepo::Insert(const domain::Unit& u, int64_t now_ms) {
  const std::string kind(domain::UnitKindName(u.kind));
  const std::string from = DateOrEmpty(u.valid_from), to = DateOrEmpty(u.valid_to);
  const long long parent = u.parent_id;
  soci::indicator ind_agency = u.agency_type.empty() ? soci::i_null : soci::i_ok;
  soci::indicator ind_parent = u.parent_id == 0 ? soci::i_null : soci::i_ok;
  soci::indicator ind_from = from.empty() ? soci::i_null : soci::i_ok;
  soci::indicator ind_to = to.empty() ? soci::i_null : soci::i_ok;
  const long long now = now_ms;
  Id id = 0;
  sql_ << "INSERT INTO units (code, name, full_name, kind, agency_type, parent_id, valid_from, "
          "valid_to, version, created_at, updated_at) "
          "VALUES (:code, :name, :full, :kind, :agency, :parent, :from, :to, 1, :now, :now2) "
          "RETURNING id",
      soci::use(u.code), soci::use(u.name), soci::use(u.full_name), soci::use(kind),
      soci::use(u.agency_type, ind_agency), soci::use(parent, ind_parent),
      soci::use(from, ind_from), soci::use(to, ind_to), soci::use(now), soci::use(now),
      soci::into(id);
  return id;
}

bool UnitsRepo::Update(const domain::Unit& u, int64_t now_ms) {
  const std::string to = DateOrEmpty(u.valid_to);
  soci::indicator ind_agency = u.agency_type.empty() ? soci::i_null : soci::i_ok;
  soci::indicator ind_to = to.empty() ? soci::i_null : soci::i_ok;
  const long long now = now_ms;
  soci::statement st =
      (sql_.prepare << "UPDATE units SET code = :code, name = :name, full_name = :full, "
                       "agency_type = :agency, valid_to = :to, version = version + 1, "
                       "updated_at = :now WHERE id = :id AND version = :version",
       soci::use(u.code), soci::use(u.name), soci::use(u.full_name),
       soci::use(u.agency_type, ind_agency), soci::use(to, ind_to), soci::use(now), soci::use(u.id),
       soci::use(u.version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void UnitsRepo::InsertLineage(const domain::LineageLink& link) {
  const std::string type(domain::MergeTypeName(link.type));
  sql_ << "INSERT INTO unit_lineage (predecessor_id, successor_id, merge_type) "
          "VALUES (:p, :s, :t)",
      soci::use(link.predecessor_id), soci::use(link.successor_id), soci::use(type);
}

std::vector<domain::AgencyType> UnitsRepo::AgencyTypes() {
  std::vector<domain::AgencyType> out;
  domain::AgencyType t;
  soci::statement st = (sql_.prepare << "SELECT code, name_vi, name_en FROM agency_types "
                                        "ORDER BY position, code",
                        soci::into(t.code), soci::into(t.name_vi), soci::into(t.name_en));
  st.execute();
  while (st.fetch()) out.push_back(t);
  return out;
}

void UnitsRepo::InsertAgencyType(const domain::AgencyType& t, int position) {
  sql_ << "INSERT INTO agency_types (code, name_vi, name_en, position) VALUES (:c, :v, :e, :p)",
      soci::use(t.code), soci::use(t.name_vi), soci::use(t.name_en), soci::use(position);
}

long long ReadCounter(soci::session& sql, const std::string& key) {
  std::string value;
  soci::indicator ind = soci::i_null;
  sql << "SELECT value FROM meta WHERE key = :k", soci::use(key), soci::into(value, ind);
  if (!sql.got_data() || ind != soci::i_ok) return 0;
  return std::stoll(value);
}

void BumpCounter(soci::session& sql, const std::string& key) {
  const std::string next = std::to_string(ReadCounter(sql, key) + 1);
  soci::statement st =
      (sql.prepare << "UPDATE meta SET value = :v WHERE key = :k", soci::use(next), soci::use(key));
  st.execute(true);
  if (st.get_affected_rows() == 0) {
    sql << "INSERT INTO meta (key, value) VALUES (:k, :v)", soci::use(key), soci::use(next);
  }
}

std::map<Id, domain::ReminderDays> UnitsRepo::AllReminderDays() {
  std::map<Id, domain::ReminderDays> out;
  Id unit = 0;
  domain::ReminderDays d;
  soci::statement st = (sql_.prepare << "SELECT unit_id, first_days, last_days "
                                        "FROM unit_reminder_days",
                        soci::into(unit), soci::into(d.first), soci::into(d.last));
  st.execute();
  while (st.fetch()) out[unit] = d;
  return out;
}

void UnitsRepo::SetReminderDays(Id unit_id, const domain::ReminderDays& days, Id by,
                                int64_t now_ms) {
  const long long now = now_ms;
  long long user = by;
  soci::indicator ind = by ? soci::i_ok : soci::i_null;
  sql_ << "INSERT INTO unit_reminder_days (unit_id, first_days, last_days, updated_by, "
          "updated_at) VALUES (:u, :f, :l, :b, :n) ON CONFLICT (unit_id) DO UPDATE SET "
          "first_days = excluded.first_days, last_days = excluded.last_days, "
          "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
      soci::use(unit_id), soci::use(days.first), soci::use(days.last), soci::use(user, ind),
      soci::use(now);
}

bool UnitsRepo::ClearReminderDays(Id unit_id) {
  soci::statement st =
      (sql_.prepare << "DELETE FROM unit_reminder_days WHERE unit_id = :u", soci::use(unit_id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

}  // namespace binhdang::storage
