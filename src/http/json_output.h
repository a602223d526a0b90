// Domain objects as the JSON the API documents (docs/api.md).
#pragma once

#include <nlohmann/json.hpp>

#include "domain/audit.h"
#include "domain/unit_tree.h"
#include "domain/user.h"

namespace binhdang::http {

nlohmann::json DateJson(const std::optional<Date>& d);
nlohmann::json UnitJson(const domain::Unit& unit, const domain::UnitTree& tree);
nlohmann::json UserJson(const domain::User& user, const domain::UnitTree& tree);
nlohmann::json AuditJson(const domain::AuditEntry& entry);

}  // namespace binhdang::http
