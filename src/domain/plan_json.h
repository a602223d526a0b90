// The parts of a plan that are kept as one document (PlanContent) as JSON: the same shape is
// stored in plans.content and exchanged by the API, so there is one codec for both.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/plan.h"

namespace binhdang::domain {

//! The JSON keys of PlanContent, as they appear at the top level of a plan in the API.
inline constexpr const char* kPlanContentKeys[] = {
    "preamble", "bases",          "purposes",       "requirements", "objective",
    "targets",  "message_groups", "budget_sources", "budget_note",  "recipients",
    "signer",   "closing",        "report_outline"};

//! Writes every content key into `out` (an object).
void ContentToJson(const PlanContent& content, nlohmann::json& out);
//! Reads the content keys present in `object` into `content`, leaving absent ones unchanged.
//! Each wrong shape adds a field error named by its path ("message_groups[1].messages").
void ContentFromJson(const nlohmann::json& object, PlanContent& content, Validator& v);

//! The plan as the API shows it: ids as strings, dates YYYY-MM-DD, every content key and the
//! reporting requirements. Also the snapshot kept in a plan's revision history.
nlohmann::json PlanToJson(const Plan& plan);

}  // namespace binhdang::domain
