// Copying last year's plan (sao chép kế hoạch năm trước): a new draft for the next year from
// any earlier plan of a unit — or of the unit it became in the 2025 reorganisation — with its
// dates moved by a year, its activities and assignments kept, and each agency that no longer
// exists mapped to its successor or to the agency of the same type of the new unit. Pure code.
#pragma once

#include <string>
#include <vector>

#include "domain/plan.h"
#include "domain/unit_tree.h"

namespace binhdang::domain {

//! The same day a year later; 29/02 becomes 28/02.
Date NextYear(Date d);
//! `text` with each whole-number occurrence of `year` replaced by `year + 1` ("… năm 2025" →
//! "… năm 2026"); other numbers ("Luật … 2022", "48/KH-UBND") are left alone.
std::string ShiftYear(const std::string& text, int year);

//! The unit `unit_id` became: itself while it exists on `today`, else the first of its
//! successors (through every reorganisation) that does; 0 when none does.
Id CurrentUnitOf(Id unit_id, const UnitTree& tree, Date today);
//! True iff `successor` is one of the units `unit_id` went into, through any reorganisations.
bool BecameUnit(Id unit_id, Id successor, const UnitTree& tree);

struct PlanCopy {
  Plan plan;
  std::vector<Activity> activities;
  //! What the copy could not keep as it was, in words, for the planner to check.
  std::vector<std::string> notes;
};

//! A draft for the year after `source`'s, issued by `unit_id` (the source's unit or what it
//! became), from `source` and its activities. Cancelled activities are left out; the rest start
//! again (not started, no progress). An agency of an activity that no longer exists on `today`
//! or is not under the new unit is replaced by its successor, else by the new unit's agency of
//! the same type, else the activity goes to the unit itself — each such change noted.
PlanCopy CopyForNextYear(const Plan& source, const std::vector<Activity>& activities, Id unit_id,
                         const UnitTree& tree, Date today);

}  // namespace binhdang::domain
