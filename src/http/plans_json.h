// Plans, activities, tasks and cascades as the JSON the API documents (docs/api.md "Plans"),
// and a unit's tasks as an iCalendar feed (RFC 5545).
#pragma once

#include <nlohmann/json.hpp>

#include "domain/plan.h"
#include "domain/unit_tree.h"
#include "service/plans.h"

namespace binhdang::http {

//! The plan with the names of its issuing unit.
nlohmann::json PlanJson(const domain::Plan& plan, const domain::UnitTree& tree);
//! `plan` is the activity's plan when known: it flags a due date outside the period.
nlohmann::json ActivityJson(const domain::Activity& activity, const domain::Plan* plan,
                            const domain::UnitTree& tree, Date today);
nlohmann::json TaskJson(const storage::Task& task, const domain::UnitTree& tree, Date today);
nlohmann::json CascadeJson(const service::CascadeView& view, const domain::UnitTree& tree);

//! A VCALENDAR with one all-day VEVENT per task with a due date. `name` titles the calendar.
std::string TasksCalendar(const std::vector<storage::Task>& tasks, const std::string& name,
                          int64_t now_ms);

}  // namespace binhdang::http
