// DHIS2 dataValueSets (the JSON of /api/dataValueSets and its CSV) for report figures: one
// value per cell, dataElement = template.table.column, categoryOptionCombo = item|level[|sex],
// orgUnit as the ADX export names it (service/reports.h AdxOrgUnit: agencies as "CQ-…", units
// ended by the 2025 reform with "@" and their last day, so no two units share a name), the
// period as DHIS2 writes it. DHIS2 has no period for the action month (15/11–15/12): those
// travel as ADX, whose periods are exact.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/period.h"

namespace binhdang::documents {

struct DhisDataValue {
  std::string data_element;
  std::string period;
  std::string org_unit;
  std::string category_option_combo;
  std::string value;
  std::string stored_by;     // the username of who entered the report
  std::string last_updated;  // ISO 8601 instant of the report's last change
  std::string comment;       // an "other" row's details
};

//! The DHIS2 period id of `p` ("2024", "2024S1", "2024Q4", "202411"); nullopt for the action
//! month, which DHIS2 has no period type for. The year is NĐ 09's statistical year; DHIS2 files
//! it as the calendar year of the same number.
std::optional<std::string> Dhis2Period(const domain::Period& p);

//! The CSV DHIS2 imports (its documented column order, a header row, RFC 4180 quoting).
std::string WriteDataValueSetsCsv(const std::vector<DhisDataValue>& values);
//! {"dataSet", "dataValues": [{"dataElement", "period", "orgUnit", "categoryOptionCombo",
//! "value", "storedBy", "lastUpdated", "comment"?}]}.
std::string WriteDataValueSetsJson(const std::vector<DhisDataValue>& values,
                                   const std::string& data_set);

}  // namespace binhdang::documents
