// Demo cases (vụ việc minh họa): about twelve invented GBV cases from resources/demo/cases.json,
// seeded with the demo data when the case module has its key, so that a fresh install shows the
// case pages at work. They live only under a demo unit, "Xã Minh Họa (đơn vị minh họa)" of the
// demo province (created when missing), owned by a demo case worker and supervised by a demo
// case supervisor of that unit; every name carries "(hư cấu)" and every phone is 0000….
#pragma once

#include <string>

#include "common/result.h"
#include "service/services.h"

namespace binhdang::service {

struct DemoCasesReport {
  int cases = 0;                   // cases opened by this call (0 when they were already there)
  Id unit_id = 0;                  // the demo unit
  std::vector<std::string> users;  // the demo users created by this call
};

//! Seeds the demo unit, the demo case users (with `password`) and the demo cases of `path`,
//! through the services. Idempotent: a demo user or unit that exists is reused, and the cases
//! are opened only when the demo case worker owns none. Fails with kUnavailable when the case
//! module has no key, and with kInternal when the file is unreadable or a case is refused (the
//! cases opened before it stay: they are valid cases of the demo unit).
Result<DemoCasesReport> SeedDemoCases(Services& services, const std::string& path,
                                      const std::string& password);

}  // namespace binhdang::service
