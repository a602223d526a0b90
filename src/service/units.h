// Use cases on units: browse and search the hierarchy across the 2025 reform, and manage the
// agencies (cơ quan, ban, ngành, đoàn thể) attached to administrative units.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/context.h"
#include "service/unit_directory.h"

namespace binhdang::service {

struct UnitQuery {
  std::string q;
  std::optional<Id> parent;
  std::optional<domain::UnitKind> kind;
  std::optional<Date> at;  // nullopt: any date
  PageRequest page;
};

struct UnitDetail {
  domain::Unit unit;
  std::vector<domain::Unit> ancestors;  // root first
};

struct LineageEntry {
  domain::Unit unit;
  domain::MergeType type;
};
struct UnitLineage {
  domain::Unit unit;
  std::vector<LineageEntry> predecessors;
  std::vector<LineageEntry> successors;
};

struct AgencyInput {
  Id parent_id = 0;
  std::string name;
  std::string agency_type;
  std::string code;
};

struct AgencyPatch {
  long long version = 0;
  std::optional<std::string> name;
  std::optional<std::string> agency_type;
  std::optional<std::optional<Date>> valid_to;
};

//! One agency of an agency set: `name` may contain "{unit}", replaced by the unit's full name
//! as it reads inside a sentence ("xã Bản Bo").
struct AgencySetItem {
  std::string name;
  std::string agency_type;
};

//! A template of the agencies a unit of one kind has (resources/agency-sets.json).
struct AgencySet {
  std::string code;
  std::string name_vi;
  std::string name_en;
  domain::UnitKind applies_to = domain::UnitKind::kCommune;
  std::vector<AgencySetItem> agencies;
};

struct AgencySetOutcome {
  std::string set;
  long long units = 0;    // units of the set's kind the set was applied to
  long long added = 0;    // agencies created
  long long present = 0;  // agencies that were there already
};

class UnitsService {
 public:
  UnitsService(storage::Store& store, UnitDirectory& directory)
      : store_(store), directory_(directory) {}

  //! Any signed-in user may read the unit hierarchy: it is public reference data.
  Result<Page<domain::Unit>> List(const Caller& caller, const UnitQuery& query);
  Result<UnitDetail> Get(const Caller& caller, Id id);
  Result<Page<domain::Unit>> Children(const Caller& caller, Id id, const UnitQuery& query);
  Result<UnitLineage> Lineage(const Caller& caller, Id id);
  Result<std::vector<domain::AgencyType>> AgencyTypes(const Caller& caller);

  //! Creates an agency under an administrative unit. Needs kManageUnits on the parent.
  Result<domain::Unit> CreateAgency(const Caller& caller, const AgencyInput& input);
  //! Renames, retypes or closes an agency. Needs kManageUnits on it; a stale version is a
  //! kConflict carrying the current version.
  Result<domain::Unit> UpdateAgency(const Caller& caller, Id id, const AgencyPatch& patch);

  //! Reads the agency sets from a JSON file; called once at start, before serving.
  Status LoadAgencySets(const std::string& path);
  const std::vector<AgencySet>& AgencySets() const { return agency_sets_; }
  //! Applies set `code` to `target` if it is of the set's kind, otherwise to every unit of that
  //! kind existing today within its subtree. Adds only the agencies a unit lacks (by folded
  //! name), all in one transaction with one audit record. Needs kManageUnits on `target`.
  Result<AgencySetOutcome> ApplyAgencySet(const Caller& caller, Id target, const std::string& code);

 private:
  Status CheckAgencyFields(Validator& v, const std::string& name, const std::string& type);

  storage::Store& store_;
  UnitDirectory& directory_;
  std::vector<AgencySet> agency_sets_;
};

}  // namespace binhdang::service
