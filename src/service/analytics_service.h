// AnalyticsService: the questions asked of the analytics engine — a table of data elements
// and indicators by period and unit (GET /analytics), the catalogue of data elements,
// indicators and targets with their progress — and the reference indicators and targets of
// Quyết định 2232/QĐ-TTg and Nghị quyết 28/NQ-CP (resources/analytics/reference.json).
// Report figures come from the engine (service::AnalyticsIndex); the case indicators' counts
// from the case module, published only as ratios that single out nobody.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analytics/engine.h"
#include "domain/indicator.h"
#include "domain/period.h"
#include "service/cases.h"
#include "service/context.h"
#include "service/reports.h"
#include "service/unit_directory.h"
#include "storage/store.h"

namespace binhdang::service {

//! The dimensions of a question, as typed in the address (GET /analytics).
struct AnalyticsRequest {
  std::string dx;  // data elements and indicators, comma-separated
  std::string pe;  // periods: ids or relative periods
  std::string
      ou;  // units: ID, ID;CHILDREN, ID;LEVEL-province|district|commune|agency, USER_ORGUNIT
  std::string by;  // splits: sex, level, item
};

struct AnalyticsRow {
  std::string dx, pe, ou, sex, level, item;  // split fields "" when not split, "total" for a total
  double value = 0;
};

struct AnalyticsTable {
  bool by_sex = false, by_level = false, by_item = false;
  std::vector<std::string> dx, pe, ou;       // the dimensions' items, in order
  std::vector<AnalyticsRow> rows;            // by dx, pe, ou, then split
  std::map<std::string, std::string> items;  // every id of the rows → its Vietnamese name
  std::vector<std::string> notes;            // figures not shown or not counted, and why
  analytics::AsOf as_of;
};

//! A data element one can ask for: a column of a report template's table, or a count of the
//! case module (usable in indicators only).
struct DataElementInfo {
  std::string code, name;
  std::string template_code, template_title, table, table_title, column, column_name;
  bool by_sex = false;
  bool cases = false;
};

struct TargetView {
  domain::IndicatorTarget target;
  std::string indicator_code, indicator_name, unit_name;
};

struct TargetProgress {
  TargetView target;
  std::optional<double> value;
  int value_year = 0;  // the year `value` is of; 0 without a value
  domain::TargetStatus status = domain::TargetStatus::kNoData;
  std::string note;
  std::vector<domain::YearValue> trend;
};

struct ProgressAnswer {
  Id unit_id = 0;
  std::vector<TargetProgress> items;
  analytics::AsOf as_of;
};

//! The fields of a PATCH of a target; unset fields stay.
struct TargetPatch {
  std::optional<int> year;
  std::optional<domain::Comparator> comparator;
  std::optional<double> value;
  std::optional<std::string> source;
  long long version = 0;
};

class AnalyticsService {
 public:
  AnalyticsService(storage::Store& store, UnitDirectory& directory, ReportsService& reports,
                   CasesService& cases)
      : store_(store), directory_(directory), reports_(reports), cases_(cases) {}

  //! Signed-in users, for units they may view. kInvalidArgument naming dx, pe, ou or by.
  Result<AnalyticsTable> Query(const Caller& caller, const AnalyticsRequest& request);
  Result<std::vector<DataElementInfo>> Elements(const Caller& caller);

  Result<std::vector<domain::Indicator>> Indicators(const Caller& caller);
  //! Template managers only. Built-in indicators cannot be changed.
  Result<domain::Indicator> CreateIndicator(const Caller& caller, domain::Indicator in);
  Result<domain::Indicator> UpdateIndicator(const Caller& caller, domain::Indicator in);

  Result<std::vector<TargetView>> Targets(const Caller& caller, std::optional<Id> unit_id,
                                          std::optional<int> year);
  //! Planners of the unit (or template managers). kConflict for the same indicator, unit,
  //! year and source twice.
  Result<TargetView> CreateTarget(const Caller& caller, domain::IndicatorTarget t,
                                  const std::string& indicator_code);
  Result<TargetView> UpdateTarget(const Caller& caller, Id id, const TargetPatch& patch);
  //! The targets set for `unit_id` and for the units above it (a national target applies to
  //! every province), measured at `unit_id`; of year `year` when given.
  Result<ProgressAnswer> Progress(const Caller& caller, Id unit_id, std::optional<int> year);

  //! Adds the reference indicators and targets of `path` that are not there yet (by code; by
  //! indicator, unit, year and source), and the demo plan's targets when its plan exists.
  //! Returns how many rows it added.
  Result<int> SeedReference(const std::string& path);

  //! At most this many items per dimension of a question.
  static constexpr size_t kMaxElements = 50, kMaxPeriods = 120, kMaxUnits = 5000;

 private:
  struct Catalogue;
  Catalogue LoadCatalogue();

  storage::Store& store_;
  UnitDirectory& directory_;
  ReportsService& reports_;
  CasesService& cases_;
};

}  // namespace binhdang::service
