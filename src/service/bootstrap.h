// First start: migrate an empty database, import Vietnam's administrative units, seed the
// agency types and demo agencies, and create the `admin` account.
#pragma once

#include <span>
#include <string>
#include <utility>

#include "common/result.h"
#include "domain/unit.h"
#include "storage/store.h"
#include "storage/units_repo.h"

namespace binhdang::service {

struct BootstrapOptions {
  std::string resource_dir;    // holds units/, templates/, directory/, demo/ and seeds/
  std::string admin_password;  // empty: generate one
  bool fast_hashes = false;    // cheaper argon2id, for tests
  bool demo = true;            // seed the demo plans and reports on first start
};

struct BootstrapReport {
  bool imported_units = false;
  long long units = 0;
  long long lineage_links = 0;
  bool created_admin = false;
  std::string generated_password;  // non-empty when one was generated; print it once
  double import_ms = 0;
  int demo_reports = 0;      // demo reports seeded at this start
  bool seeded_demo = false;  // the demo data was seeded at this start (demo cases follow
                             // once the case module has its key: service/demo_cases.h)
};

//! Brings a database to a usable state. Idempotent: on a populated database it only migrates
//! and adds missing reference data (built-in report templates). Demo plans and reports are
//! seeded only on the first start — the run that imports the units — so an upgrade of a real
//! installation never gains demo data.
Result<BootstrapReport> Bootstrap(storage::Store& store, const BootstrapOptions& options);

//! Imports the units of vn-units-before-2025-07.json, vn-units-current.json and the lineage of
//! vn-units-2025-merges.json from `units_dir`, in one transaction. Fails with kConflict if
//! units already exist.
Result<BootstrapReport> ImportUnits(storage::Store& store, const std::string& units_dir);

//! Inserts agencies, each a (name, agency type code), under `parent` with its validity; runs in
//! the caller's transaction. For seeding.
void InsertAgencies(storage::UnitsRepo& repo, const domain::Unit& parent,
                    std::span<const std::pair<const char*, const char*>> agencies);

}  // namespace binhdang::service
