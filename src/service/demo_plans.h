// Demo data seeded at first start: the plans of seeds/ entered as structured data in
// resources/demo/plans.json — the Lai Châu 2024 action-month plan 4365/KH-UBND, the Tam Đường
// plan that implements it with its messages, activities, eleven assignments, report deadline and
// outline, agencies' progress on it and commune plans derived from it in different states, and
// the Hương Khê 2021–2025 GBV programme plan 48/KH-UBND with its targets (adding the agencies
// that plan names under Huyện Hương Khê). resources/demo/README.md describes the file.
#pragma once

#include <string>

#include "common/result.h"
#include "service/unit_directory.h"
#include "storage/store.h"

namespace binhdang::service {

//! Seeds the demo plans of the file `path` through PlansService. Call on a database with units
//! and no plans. The whole file is read and checked first: a file that cannot be read, is not
//! JSON or not in the expected shape, or names an agency the database lacks, fails with kInternal
//! (naming the file and, in the details, the JSON paths) before any plan is written. Missing
//! units (a partial unit list) skip the seeding with a warning.
Status SeedDemoPlans(storage::Store& store, UnitDirectory& directory, const std::string& path);

}  // namespace binhdang::service
