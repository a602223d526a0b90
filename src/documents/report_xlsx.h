// XLSX of reports and consolidations laid out like the official tables (Vietnamese headers,
// nam / nữ columns, totals), and import of a sheet that binhdang exported and someone filled
// offline. A hidden first column carries machine keys ("section|results",
// "row|activities|training") and cell A1 identifies the report and the version it was read
// at, so an upload is a write like any other: a stale one is refused.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "documents/xlsx_sheet.h"
#include "domain/report.h"

namespace binhdang::documents {

//! What a sheet shows above the tables.
struct SheetHeader {
  std::string unit_name;
  std::string period_label;
  std::string due_date;  // dd/mm/yyyy; "" to leave out
  std::string status_label;
};

//! An .xlsx of a report: its sections and its rows, then one empty row for every catalog item
//! it has not filled, so the sheet can be completed offline.
Result<std::string> ReportXlsx(const domain::ReportTemplate& t, const domain::Report& r,
                               const SheetHeader& header);

//! A compiled narrative of a consolidation.
struct CompiledNarrative {
  std::string unit_name;
  std::string section_key;
  std::string text;
};
//! An .xlsx of a consolidation: the summed rows with totals, the narratives under each unit's
//! name, and the list of units included.
Result<std::string> ConsolidationXlsx(const domain::ReportTemplate& t, const SheetHeader& header,
                                      const std::vector<domain::ReportRow>& rows,
                                      const std::vector<CompiledNarrative>& narratives,
                                      const std::vector<std::string>& included_units);

//! Which report a sheet belongs to, from its cell A1.
struct SheetIdentity {
  Id report_id = 0;
  Id template_id = 0;
  long long version = 0;
};
Result<SheetIdentity> IdentityOf(const Grid& grid);

//! The sections and rows of a filled report sheet. Field errors name the cell ("E12").
Result<std::pair<std::map<std::string, std::string>, std::vector<domain::ReportRow>>>
ReportFromGrid(const domain::ReportTemplate& t, const Grid& grid);

}  // namespace binhdang::documents
