// Internal to service/cases*.cc: sealing free-text case data, and what every case write shares.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "service/audit.h"
#include "service/cases.h"

namespace binhdang::service::cases_internal {

//! Seals a care note of row `row` of `table` of case `case_id`; the AD binds all three, so a
//! sealed note moved to another row, case or column does not open.
std::string SealText(const CaseKeys& keys, Id case_id, std::string_view table, Id row,
                     std::string_view plain);
std::optional<std::string> OpenText(const CaseKeys& keys, Id case_id, std::string_view table,
                                    Id row, const std::string& sealed);

Error CaseNotFound();
AuditRecord CaseAudit(const std::string& action, const domain::CaseRecord& c,
                      std::string detail = "");

}  // namespace binhdang::service::cases_internal
