// Writing and reading the audit log.
#pragma once

#include <soci/soci.h>

#include "service/context.h"
#include "storage/audit_repo.h"
#include "storage/store.h"

namespace binhdang::service {

//! One audit record of what `caller` did; written in the caller's transaction so that the
//! write and its record commit together.
struct AuditRecord {
  std::string action;
  std::string object_type;
  std::string object_id;
  Id unit_id = 0;
  std::string outcome = "ok";
  std::string detail;
};

void WriteAudit(soci::session& sql, const storage::Store& store, const Caller& caller,
                const AuditRecord& record);

class AuditService {
 public:
  explicit AuditService(storage::Store& store) : store_(store) {}

  //! Admins only.
  Result<Page<domain::AuditEntry>> List(const Caller& caller, storage::AuditFilter filter);

  struct Verification {
    long long entries = 0;
    std::optional<Id> first_bad;  // -1: entries missing at the end
  };
  Verification Verify();

 private:
  storage::Store& store_;
};

}  // namespace binhdang::service
