// The append-only audit log and its hash chain.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "storage/store.h"

namespace binhdang::storage {

struct AuditFilter {
  std::optional<Id> user_id;
  std::string action;        // exact; empty: any
  std::optional<Id> before;  // page: entries with id < before
  int limit = 50;
};

class AuditRepo {
 public:
  AuditRepo(soci::session& sql, const Store& store) : sql_(sql), store_(store) {}

  //! Appends `entry`, chaining it to the last one. Must run inside a write transaction: the
  //! head row it locks serialises concurrent appends on every backend. Returns the new id.
  Id Append(domain::AuditEntry entry);
  //! Newest first.
  std::vector<domain::AuditEntry> List(const AuditFilter& filter);
  //! Walks the whole chain in id order. Returns the id of the first entry whose hash does not
  //! match, or nullopt when the chain is intact. `checked` receives the number of entries read.
  std::optional<Id> Verify(long long* checked);

 private:
  soci::session& sql_;
  const Store& store_;
};

}  // namespace binhdang::storage
