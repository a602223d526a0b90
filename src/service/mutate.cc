#include "service/mutate.h"

#include <spdlog/spdlog.h>

namespace binhdang::service {

void Mutation::Audit(const AuditRecord& record) {
  WriteAudit(sql_, store_, caller_, record);
  ++audited_;
}

namespace internal {

Status RunMutation(storage::Store& store, const Caller& caller,
                   const std::function<Status(Mutation&)>& body) {
  if (!caller.system && !caller.signed_in()) return Error::Unauthenticated();
  try {
    auto sql = store.Lease();
    storage::Transaction tx(*sql, store);
    Mutation m(*sql, store, caller);
    Status status = body(m);
    if (!status.ok()) return status;  // ~Transaction rolls back
    if (m.audited() == 0) {
      // Every write has its audit record (DESIGN.md "Users and access"): a body that forgot it
      // is a bug, and its change is not committed.
      spdlog::error("a write without an audit record was rolled back");
      return Error::Internal("write without an audit record");
    }
    tx.Commit();
    return Ok();
  } catch (const std::exception& e) {
    // The Transaction has rolled back while the exception left its scope.
    if (auto expected = storage::ConstraintError(e)) {
      spdlog::info("write refused by a database constraint: {}", e.what());
      return *expected;
    }
    throw;
  }
}

}  // namespace internal
}  // namespace binhdang::service
