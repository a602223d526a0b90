// Queries on units, their lineage and the agency type list.
#pragma once

#include <soci/soci.h>

#include <map>
#include <optional>
#include <vector>

#include "domain/reminder_days.h"
#include "domain/unit.h"

namespace binhdang::storage {

class UnitsRepo {
 public:
  explicit UnitsRepo(soci::session& sql) : sql_(sql) {}

  std::vector<domain::Unit> LoadAll();
  //! The units that set their own reminder days, with them (a small table, read whole).
  std::map<Id, domain::ReminderDays> AllReminderDays();
  void SetReminderDays(Id unit_id, const domain::ReminderDays& days, Id by, int64_t now_ms);
  //! False when the unit had none of its own.
  bool ClearReminderDays(Id unit_id);
  std::vector<domain::LineageLink> LoadLineage();
  std::optional<domain::Unit> Get(Id id);
  long long Count();

  //! Inserts `unit` (its id and version are ignored) and returns the new id.
  Id Insert(const domain::Unit& unit, int64_t now_ms);
  //! Writes `unit` if its stored version is still `unit.version`, bumping it. Returns false
  //! (and writes nothing) when the version is stale.
  bool Update(const domain::Unit& unit, int64_t now_ms);
  void InsertLineage(const domain::LineageLink& link);

  std::vector<domain::AgencyType> AgencyTypes();
  void InsertAgencyType(const domain::AgencyType& type, int position);

 private:
  soci::session& sql_;
};

//! A named counter in the meta table; 0 when absent.
long long ReadCounter(soci::session& sql, const std::string& key);
//! Increments (creating at 1) a named counter; call inside a write transaction.
void BumpCounter(soci::session& sql, const std::string& key);

}  // namespace binhdang::storage
