// The official document of a plan, from already-loaded data (no database access here).
#pragma once

#include <vector>

#include "documents/official_document.h"
#include "domain/plan.h"
#include "domain/unit_tree.h"

namespace binhdang::documents {

//! The kế hoạch as NĐ 30 lays it out: issuer from the plan's unit, bases, purposes and
//! requirements, content and targets, the activities table (nội dung, chủ trì, phối hợp, thời
//! gian), the assignments, budget, closing, signer and recipients.
OfficialDocument BuildPlanDocument(const domain::Plan& plan,
                                   const std::vector<domain::Activity>& activities,
                                   const domain::UnitTree& units);

}  // namespace binhdang::documents
