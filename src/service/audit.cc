#include "service/audit.h"

#include "common/time.h"

namespace binhdang::service {

void WriteAudit(soci::session& sql, const storage::Store& store, const Caller& caller,
                const AuditRecord& r) {
  domain::AuditEntry e;
  e.at_ms = NowMs();
  e.user_id = caller.user_id();
  e.username = caller.system && !caller.user ? std::string("system") : caller.username();
  e.action = r.action;
  e.object_type = r.object_type;
  e.object_id = r.object_id;
  e.unit_id = r.unit_id;
  e.address = caller.address;
  e.outcome = r.outcome;
  e.detail = r.detail;
  storage::AuditRepo(sql, store).Append(std::move(e));
}

Result<Page<domain::AuditEntry>> AuditService::List(const Caller& caller,
                                                    storage::AuditFilter filter) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  if (!caller.user->Has(domain::Role::kAdmin) || !caller.user->active) return Error::Forbidden();
  auto sql = store_.Lease();
  const int wanted = filter.limit;
  filter.limit = wanted + 1;
  auto entries = storage::AuditRepo(*sql, store_).List(filter);
  Page<domain::AuditEntry> page;
  if (static_cast<int>(entries.size()) > wanted) {
    entries.pop_back();
    page.next_cursor = std::to_string(entries.back().id);
  }
  page.items = std::move(entries);
  return page;
}

AuditService::Verification AuditService::Verify() {
  auto sql = store_.Lease();
  Verification v;
  v.first_bad = storage::AuditRepo(*sql, store_).Verify(&v.entries);
  return v;
}

}  // namespace binhdang::service
