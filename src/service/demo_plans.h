// Demo data seeded at first start: the plans of seeds/ entered as structured data — the Lai
// Châu 2024 action-month plan 4365/KH-UBND, the Tam Đường plan that implements it with its
// messages, activities, eleven assignments, report deadline and outline, commune plans derived
// from it in different states, and the Hương Khê 2021–2025 GBV programme plan 48/KH-UBND with
// its targets (adding the agencies that plan names under Huyện Hương Khê).
#pragma once

#include "common/result.h"
#include "service/unit_directory.h"
#include "storage/store.h"

namespace binhdang::service {

//! Seeds the demo plans through PlansService. Call on a database with units and no plans.
//! Missing units (a partial unit list) skip the seeding with a warning.
Status SeedDemoPlans(storage::Store& store, UnitDirectory& directory);

}  // namespace binhdang::service
