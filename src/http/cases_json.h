// Internal to http/cases*_http.cc: a case, its care and the directory's providers in JSON.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/case_directory.h"
#include "domain/unit_tree.h"
#include "service/cases.h"

namespace binhdang::http {

nlohmann::json RecordJson(const domain::CaseRecord& c, const domain::UnitTree& tree);
//! The case with its incidents, members and care (AddCareJson).
nlohmann::json ViewJson(const service::CaseView& v, const domain::UnitTree& tree);
//! Adds measures (with their legal clocks), referrals, follow-ups and closure to `out`.
void AddCareJson(const service::CaseView& v, nlohmann::json& out);
//! A referral; `provider_name` "" when the provider left the directory.
nlohmann::json ReferralJson(const domain::Referral& r, const std::string& provider_name);
//! The full name of `user_id` among the view's names, or null.
nlohmann::json NameOf(const service::CaseView& v, Id user_id);
nlohmann::json ProviderJson(const domain::Provider& p, const domain::UnitTree& tree);

}  // namespace binhdang::http
