// Use cases on plans (kế hoạch): write and issue a unit's plan, derive a lower unit's plan from
// it, follow the cascade of derived plans, assign activities and follow every unit's tasks.
//
// Access (DESIGN.md "Users and access"): a plan is read by users who may view its issuing unit;
// an issued plan also by users of units strictly below the issuer (it is addressed to them:
// communes read the district's plan to derive theirs, agencies read the plan that assigns them
// work), while a draft stays with the issuer's planners and those viewing it from above. Planners
// write their own unit's plans (kWritePlans); an activity's progress is updated by its lead
// unit or the issuing unit (kUpdateActivities); task lists need kView on the unit.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "documents/plan_import.h"
#include "domain/plan.h"
#include "service/context.h"
#include "service/mutate.h"
#include "service/unit_directory.h"
#include "storage/plans_repo.h"

namespace binhdang::service {

struct PlanQuery {
  std::optional<Id> unit;
  std::optional<int> year;
  std::optional<domain::PlanKind> kind;
  std::optional<domain::PlanStatus> status;
  std::string q;
  PageRequest page;
};

//! Fields of a plan to write; absent fields are left unchanged (all of them on create).
struct PlanPatch {
  long long version = 0;
  std::optional<std::string> title, theme, place, symbol;
  std::optional<domain::PlanKind> kind;
  std::optional<std::optional<int>> number;
  std::optional<std::optional<Date>> issued_on, period_start, period_end;
  nlohmann::json content = nlohmann::json::object();  // any of domain::kPlanContentKeys
  std::optional<std::vector<domain::ReportingRequirement>> reporting;
  //! On create only: the issued plan of a unit above that this one implements (an imported
  //! plan names it among its bases); a unit implements a plan once.
  std::optional<Id> parent_plan_id;
};

struct IssueInput {
  long long version = 0;
  std::optional<int> number;      // nullopt: the plan's own, else the next free one
  std::optional<Date> issued_on;  // nullopt: today in Vietnam
};

//! Fields of an activity to write; progress fields (status, progress_note, completed_on) need
//! kUpdateActivities on the lead unit or the issuer, the others kWritePlans on the issuer.
struct ActivityPatch {
  long long version = 0;
  std::optional<std::string> title;
  std::optional<std::vector<std::string>> details;
  std::optional<domain::ActivitySection> section;
  std::optional<domain::Assignee> assignee;
  std::optional<Id> lead_unit_id;  // 0: none
  std::optional<std::vector<Id>> support_unit_ids;
  std::optional<std::optional<Date>> due_date;
  std::optional<int> position;
  std::optional<domain::ActivityStatus> status;
  std::optional<std::string> progress_note;
  std::optional<std::optional<Date>> completed_on;
};

//! An activity and its plan, as committed by a write.
struct ActivityWithPlan {
  domain::Activity activity;
  domain::Plan plan;
};

struct ActivityDetail {
  domain::Activity activity;
  domain::Plan plan;
  std::vector<domain::ActivityChange> history;
};

//! One unit expected to derive a plan from a plan of the cascade, and how it is doing.
struct CascadeEntry {
  Id unit_id = 0;
  bool expected = true;                      // false: derived a plan without being expected to
  std::optional<storage::CascadePlan> plan;  // its derived plan, if any
  long long activities_total = 0;            // not cancelled: its derived plan's and those it leads
  long long activities_done = 0;
  long long overdue = 0;
  std::vector<CascadeEntry> units;  // the units expected to derive from its plan
};

struct CascadeView {
  storage::CascadePlan plan;
  std::vector<CascadeEntry> units;
  long long expected = 0, derived = 0, issued = 0, missing = 0;  // over the whole tree
  long long plans = 0;
  long long hidden = 0;  // entries left out because the caller may not read them (counted above)
};

struct TaskQuery {
  std::optional<Id> unit;  // default: the caller's unit
  std::optional<domain::ActivityStatus> status;
  std::optional<bool> overdue;
  PageRequest page;
};

class PlansService {
 public:
  PlansService(storage::Store& store, UnitDirectory& directory)
      : store_(store), directory_(directory) {}

  Result<Page<domain::Plan>> List(const Caller& caller, const PlanQuery& query);
  Result<domain::Plan> Get(const Caller& caller, Id id);
  //! Creates a draft for `unit_id`. Needs kWritePlans on it.
  Result<domain::Plan> Create(const Caller& caller, Id unit_id, const PlanPatch& input);
  //! The draft and its activities in one transaction: all of it is written or nothing.
  //! Errors of an activity name it ("activities[2].lead_unit_id").
  Result<domain::Plan> Create(const Caller& caller, Id unit_id, const PlanPatch& input,
                              const std::vector<ActivityPatch>& activities);
  //! Reads a plan out of a .docx, .pdf or .txt for `unit_id` (needs kWritePlans on it); the
  //! agencies it names are matched among the unit's. Writes nothing: the officer reviews the
  //! fields and creates the draft.
  Result<documents::PlanImport> Import(const Caller& caller, Id unit_id, std::string_view bytes);
  //! Edits a plan. A draft changes in place; an issued plan keeps its previous state as a
  //! revision and its revision number goes up. A stale version is a kConflict.
  Result<domain::Plan> Update(const Caller& caller, Id id, const PlanPatch& patch);
  //! Issues a draft: needs a title, a period and an activity; takes a free number.
  Result<domain::Plan> Issue(const Caller& caller, Id id, const IssueInput& input);
  Result<std::vector<storage::PlanRevision>> Revisions(const Caller& caller, Id id);
  //! The next free number of `unit_id` for `symbol` in `year`. Needs kWritePlans on the unit.
  Result<int> NextNumber(const Caller& caller, Id unit_id, const std::string& symbol, int year);

  //! Creates `unit_id`'s draft derived from issued plan `id` (see DESIGN.md "Plans"): theme,
  //! period, purposes, messages, budget and the activities meant for lower units are copied;
  //! activities for "the communes" become the unit's own, led by the unit until it picks one of
  //! its agencies; each reporting deadline becomes the unit's own, a few days earlier.
  //! One derived plan per unit and parent (kConflict otherwise).
  Result<domain::Plan> Derive(const Caller& caller, Id id, Id unit_id);
  //! The cascade of plan `id` (readable by the caller) as far as the caller may read it: an entry
  //! whose plan (or, without one, whose unit) the caller may not read is left out with what lies
  //! below it, and only counted (in `hidden` and the summary counts).
  //! A new draft for the next year from plan `id` (domain/plan_copy.h), for its unit or — when
  //! that unit no longer exists — what it became; `unit_id` chooses among them. The caller
  //! writes plans of that unit. `notes` gets what the copy changed beyond the dates.
  Result<domain::Plan> CopyForNextYear(const Caller& caller, Id id, std::optional<Id> unit_id,
                                       std::vector<std::string>& notes);
  Result<CascadeView> Cascade(const Caller& caller, Id id);

  Result<std::vector<domain::Activity>> Activities(const Caller& caller, Id plan_id);
  //! Adds an activity (kWritePlans on the issuer); returns it with its plan as committed.
  Result<ActivityWithPlan> AddActivity(const Caller& caller, Id plan_id,
                                       const ActivityPatch& input);
  Result<ActivityDetail> GetActivity(const Caller& caller, Id id);
  //! Progress and definition changes; cancelling goes through CancelActivity (kInvalidArgument
  //! "status" otherwise). Returns the activity with its plan as committed.
  Result<ActivityWithPlan> UpdateActivity(const Caller& caller, Id id, const ActivityPatch& patch);
  //! Removes an activity of a draft plan (kWritePlans on the issuer). An issued plan's
  //! activities are cancelled instead (kConflict). Stale version: kConflict with the current one.
  Status DeleteActivity(const Caller& caller, Id id, long long version);
  //! Cancels an activity of a draft or issued plan with a reason (kWritePlans on the issuer);
  //! the reason becomes its progress note and is kept in its history and the audit log.
  //! Cancelled activities count neither in progress nor as overdue.
  Result<ActivityWithPlan> CancelActivity(const Caller& caller, Id id, long long version,
                                          const std::string& reason);

  Result<Page<storage::Task>> Tasks(const Caller& caller, const TaskQuery& query);

  //! Seeding and benchmarks: the same writes without a signed-in user, audited as "system".
  Result<domain::Plan> CreateBySystem(domain::Plan plan,
                                      const std::vector<domain::Activity>& activities);

 private:
  bool CanRead(const Caller& caller, Id plan_unit, domain::PlanStatus status,
               const domain::UnitTree& tree) const;
  //! Removes the entries of `entries` (at any depth) the caller may not read; returns how many.
  long long HideUnreadable(const Caller& caller, const domain::UnitTree& tree,
                           std::vector<CascadeEntry>& entries) const;
  Status CheckUnits(const domain::Activity& a, const domain::Plan& plan,
                    const domain::UnitTree& tree, Validator& v) const;
  Status ApplyPatch(const PlanPatch& patch, domain::Plan& plan, const domain::UnitTree& tree,
                    Validator& v) const;
  void ApplyActivityPatch(const ActivityPatch& patch, domain::Activity& a) const;
  Result<domain::Plan> LoadPlan(Id id);
  Status CheckParent(storage::PlansRepo& repo, Mutation& m, const PlanPatch& in, domain::Plan& p,
                     const domain::UnitTree& tree) const;
  //! The activity (its row locked) and its plan, read inside the write `m`.
  Result<ActivityWithPlan> ReadActivity(Mutation& m, Id id) const;

  storage::Store& store_;
  UnitDirectory& directory_;
};

}  // namespace binhdang::service
