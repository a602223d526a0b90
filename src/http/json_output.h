// Domain objects as the JSON the API documents (docs/api.md).
#pragma once

#include <nlohmann/json.hpp>

#include "domain/audit.h"
#include "domain/unit_tree.h"
#include "domain/user.h"

namespace binhdang::http {

nlohmann::json DateJson(const std::optional<Date>& d);
//! A unit without its child_count (which depends on the date the caller looks at).
nlohmann::json UnitJsonWithoutCount(const domain::Unit& unit);
//! A unit with `child_count`: its children on `at` (default: today in Vietnam), as
//! UnitTree::ChildCountAt counts them.
nlohmann::json UnitJson(const domain::Unit& unit, const domain::UnitTree& tree,
                        std::optional<Date> at = std::nullopt);
nlohmann::json UserJson(const domain::User& user, const domain::UnitTree& tree);
nlohmann::json AuditJson(const domain::AuditEntry& entry);

}  // namespace binhdang::http
