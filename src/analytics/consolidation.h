// Consolidation (tổng hợp): what a unit's report upward adds up from the reports below it.
// Each child of the unit contributes its own report when it has one (a district's report
// already consolidates its communes and agencies); a child without a report contributes what
// its own children contribute, recursively. So every figure is counted once, whichever levels
// have reported. Pure code over the unit tree and data values; no I/O. Thread-safe.
#pragma once

#include <map>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "domain/report.h"
#include "domain/unit_tree.h"

namespace binhdang::analytics {

//! A cell of a consolidated table: (table, item, level, column, sex).
using CellKey = std::tuple<std::string, std::string, std::string, std::string, std::string>;
//! A total of a table over items and levels: (table, column, sex).
using TotalKey = std::tuple<std::string, std::string, std::string>;

struct Consolidation {
  Id unit_id = 0;
  std::vector<Id> included;              // units whose reports were counted, in tree order
  std::map<CellKey, long long> cells;    // sums by item, level and sex
  std::map<TotalKey, long long> totals;  // sums over items and levels

  bool operator==(const Consolidation&) const = default;
};

//! Values of the reports that count (submitted or accepted), by reporting unit.
using ValuesByUnit = std::unordered_map<Id, std::vector<domain::DataValue>>;

//! Consolidates the subtree of `unit_id` (the unit's own report is not counted: it is the
//! result). Units of `values` outside the subtree are ignored.
Consolidation Consolidate(const domain::UnitTree& tree, Id unit_id, const ValuesByUnit& values);

//! The consolidation's cells as report rows: one per table, item and level that has a value,
//! in the template's order; "other" rows carry `other_detail`.
std::vector<domain::ReportRow> RowsOf(const domain::ReportTemplate& t, const Consolidation& c,
                                      const std::string& other_detail);
//! The totals of a table as one cell per column.
std::map<std::string, domain::CellValue> TotalsOf(const domain::TemplateTable& table,
                                                  const Consolidation& c);

//! Adds `v` to the cells and totals of `c`.
void Add(Consolidation& c, const domain::DataValue& v);

}  // namespace binhdang::analytics
