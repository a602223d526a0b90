// Demo data seeded at first start: the Tam Đường 2024 action-month reports of the district's
// agencies and communes — some on time, some late, one returned, one missing — so that
// consolidation and completeness show real work on a fresh install.
#pragma once

#include "service/reports.h"

namespace binhdang::service {

//! Seeds the demo reports when no report exists yet, on the built-in "action_month_results"
//! template (ReportsService::SeedTemplates writes it first; without it nothing is seeded).
//! Returns the number of reports created.
Result<int> SeedDemoReports(ReportsService& reports, UnitDirectory& directory,
                            storage::Store& store);

}  // namespace binhdang::service
