// The official document of a report, or of a consolidation, as a báo cáo in the NĐ 30 layout
// (official_document.h), from already-loaded data (no database access here): the sections'
// narratives, then each table of figures with its nam / nữ columns and a total row.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "documents/official_document.h"
#include "domain/report.h"
#include "domain/unit_tree.h"

namespace binhdang::documents {

struct ReportDocumentInput {
  const domain::ReportTemplate* templ = nullptr;
  Id unit_id = 0;
  std::string period;                           // a period id ("2024AM", "2025Q1")
  std::map<std::string, std::string> sections;  // the unit's own narrative, by section key
  std::vector<domain::ReportRow> rows;
  //! A consolidation: the narratives of the units below, under each one's name, and the units
  //! whose reports were summed.
  bool consolidated = false;
  struct Narrative {
    std::string unit_name, section, text;
  };
  std::vector<Narrative> narratives;
  std::vector<std::string> included_units;
  std::optional<Date> signed_on;  // the day it was sent; none for a draft (written on signing)
};

OfficialDocument BuildReportDocument(const ReportDocumentInput& in, const domain::UnitTree& units);

//! 1234567 → "1.234.567".
std::string GroupedNumber(long long n);

}  // namespace binhdang::documents
