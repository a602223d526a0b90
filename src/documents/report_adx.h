// ADX (IHE QRPH Aggregate Data Exchange, urn:ihe:qrph:adx:2015) — the XML DHIS2 imports and
// exports — for report figures. One <group> is one unit's report on one template for one
// period: orgUnit, period as an ISO 8601 start and duration ("2024-11-15/P31D" for the action
// month, "2023-12-15/P1Y" for the statistical year 2024 of Nghị định 09), dataSet = the template
// code. One <dataValue> is one cell: dataElement = template.table.column, the disaggregations
// item, level and (for a column by sex) sex as attributes, an "other" row's details in
// <annotation>. Reading checks the structure only; what the names mean is the service's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/period.h"

namespace binhdang::documents {

struct AdxValue {
  std::string data_element;
  std::string item, level, sex;  // sex "" for a column without a split
  std::string value;             // as written; the service checks it is a count
  std::string annotation;
};

struct AdxGroup {
  std::string org_unit;
  std::string period;
  std::string data_set;
  std::string complete_date;  // "" when the group is not marked complete
  std::vector<AdxValue> values;
};

//! At most this many groups and this many values in all; more is an error, not a truncation.
inline constexpr size_t kMaxAdxGroups = 50'000;
inline constexpr size_t kMaxAdxValues = 2'000'000;

//! The ADX document; `exported_ms` is written as the root's `exported` instant.
std::string WriteAdx(const std::vector<AdxGroup>& groups, int64_t exported_ms);
//! Parses an ADX document. kInvalidArgument naming the place ("adx/group[3]/dataValue[2]")
//! when it is not XML, not ADX (root element and namespace), or a required attribute is
//! missing; unknown attributes of a dataValue are an error too (a category this system does
//! not have would otherwise be dropped silently).
Result<std::vector<AdxGroup>> ReadAdx(std::string_view xml);

//! "2024-11-15/P31D": the period's first day and its length, in months or years when it is a
//! whole number of them, else in days.
std::string AdxPeriod(const domain::Period& p);
//! The period of one of `kinds` that starts and lasts as `adx` says; nullopt when none does.
std::optional<domain::Period> PeriodOfAdx(std::string_view adx,
                                          const std::vector<domain::PeriodKind>& kinds);

}  // namespace binhdang::documents
