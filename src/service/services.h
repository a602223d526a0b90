// Every service of a running binhdang, wired to one store. Owned by `binhdang serve` and by
// the tests; the HTTP layer borrows it.
#pragma once

#include <memory>

#include "service/audit.h"
#include "service/plans.h"
#include "service/reports.h"
#include "service/sessions.h"
#include "service/unit_directory.h"
#include "service/units.h"
#include "service/users.h"
#include "storage/store.h"

namespace binhdang::service {

struct Services {
  Services(storage::Store& store, bool fast_hashes = false)
      : store(store),
        directory(store),
        units(store, directory),
        users(store, directory, fast_hashes),
        sessions(store),
        audit(store),
        plans(store, directory),
        reports(store, directory) {}

  storage::Store& store;
  UnitDirectory directory;
  UnitsService units;
  UsersService users;
  SessionsService sessions;
  AuditService audit;
  PlansService plans;
  ReportsService reports;
};

}  // namespace binhdang::service
