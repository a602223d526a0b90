// Queries on plans, their reporting requirements, revisions, activities and the activity
// history; written once in SQL both SQLite and PostgreSQL accept.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/plan.h"

namespace binhdang::storage {

struct PlanFilter {
  std::optional<Id> unit_id;  // issuing unit
  std::optional<int> year;
  std::optional<domain::PlanKind> kind;
  std::optional<domain::PlanStatus> status;
  std::string folded_q;         // text::Fold()ed; each word must occur in number, title or theme
  std::optional<size_t> limit;  // nullopt: every match
  size_t offset = 0;
};

struct PlanRevision {
  int revision = 0;
  long long version = 0;
  int64_t at_ms = 0;
  Id user_id = 0;
  std::string username;
  std::string snapshot;  // the plan's JSON as it was before the change
};

//! One plan of a cascade (the plan itself or a plan derived from it, at any depth).
struct CascadePlan {
  Id id = 0;
  Id unit_id = 0;
  Id parent_plan_id = 0;
  domain::PlanStatus status = domain::PlanStatus::kDraft;
  std::optional<int> number;
  std::string symbol;
  std::string title;
  std::optional<Date> issued_on;
  int64_t created_at_ms = 0;
};

//! Activity counts of one plan for one lead unit (0: activities without a single lead).
struct ActivityStats {
  Id plan_id = 0;
  Id lead_unit_id = 0;
  long long total = 0, done = 0, cancelled = 0, overdue = 0;
};

class PlansRepo {
 public:
  explicit PlansRepo(soci::session& sql) : sql_(sql) {}

  //! Inserts the plan and its reporting requirements; returns the new id.
  Id Insert(const domain::Plan& plan, Id created_by, int64_t now_ms);
  //! Writes the plan if its stored version is still `plan.version`, bumping the version; with
  //! `replace_reporting`, its reporting requirements are replaced too (new ids), otherwise the
  //! stored rows (and their ids, which the reports module refers to) stay. False (nothing
  //! written) when stale.
  bool Update(const domain::Plan& plan, int64_t now_ms, bool replace_reporting = false);
  //! The plan; `lock` (Store::ForUpdateSql(), in a write transaction) locks its row until commit.
  std::optional<domain::Plan> Get(Id id, const char* lock = "");
  long long Count();
  //! Plans matching the filter without their content, newest period first.
  std::vector<domain::Plan> List(const PlanFilter& filter);
  //! The numbers already taken by `unit_id` with `symbol` in `year`.
  std::vector<int> UsedNumbers(Id unit_id, const std::string& symbol, int year);
  //! Plans derived directly from `plan_id`.
  std::vector<domain::Plan> Derived(Id plan_id);

  void InsertRevision(Id plan_id, const PlanRevision& revision);
  std::vector<PlanRevision> Revisions(Id plan_id);

  //! The plan `root_id` and every plan derived from it at any depth (one recursive query).
  std::vector<CascadePlan> Cascade(Id root_id);
  //! Activity counts per plan and lead unit for every plan of the cascade of `root_id`;
  //! overdue counts activities due before `today` and neither done nor cancelled.
  std::vector<ActivityStats> CascadeStats(Id root_id, Date today);

 private:
  void WriteReporting(Id plan_id, const std::vector<domain::ReportingRequirement>& reporting);
  std::vector<domain::ReportingRequirement> Reporting(Id plan_id);

  soci::session& sql_;
};

struct TaskFilter {
  Id unit_id = 0;  // lead or supporting unit
  std::optional<domain::ActivityStatus> status;
  std::optional<bool> overdue;
  Date today;
  size_t limit = 50;
  size_t offset = 0;
};

//! An activity with what a task list shows of its plan.
struct Task {
  domain::Activity activity;
  Id plan_unit_id = 0;
  std::string plan_title;
  std::string plan_number;  // "48/KH-UBND"
  domain::PlanStatus plan_status = domain::PlanStatus::kDraft;
};

class ActivitiesRepo {
 public:
  explicit ActivitiesRepo(soci::session& sql) : sql_(sql) {}

  Id Insert(const domain::Activity& activity, int64_t now_ms);
  //! Writes the activity if its stored version is still `activity.version`, bumping it.
  bool Update(const domain::Activity& activity, int64_t now_ms);
  //! Removes the activity, its supporting units and its history if its stored version is
  //! still `version`. False (nothing removed) when stale or gone. Call inside a transaction.
  bool Delete(Id id, long long version);
  //! The activity; `lock` (Store::ForUpdateSql(), in a write transaction) locks its row until
  //! commit.
  std::optional<domain::Activity> Get(Id id, const char* lock = "");
  //! The plan's activities ordered by section (key first) and position.
  std::vector<domain::Activity> ForPlan(Id plan_id);
  int NextPosition(Id plan_id);

  void InsertChange(const domain::ActivityChange& change);
  std::vector<domain::ActivityChange> History(Id activity_id);

  //! What `filter.unit_id` leads or supports across all issued plans, by due date (no due
  //! date last), then id. Reads limit+1 rows so the caller can tell whether more follow.
  std::vector<Task> Tasks(const TaskFilter& filter);
  //! The activities of issued plans that a unit leads, neither done nor cancelled, due from
  //! `from` to `to` (both included), by due date: what the reminders look at.
  std::vector<Task> OpenLedDueBetween(Date from, Date to);

 private:
  void LoadSupport(std::vector<domain::Activity>& activities);
  void WriteSupport(const domain::Activity& activity);

  soci::session& sql_;
};

//! The due date of `plan_id`'s reporting requirement on `template_code`; nullopt when the plan
//! has none. For the reports module.
std::optional<Date> PlanReportingDueDate(soci::session& sql, Id plan_id,
                                         const std::string& template_code);

}  // namespace binhdang::storage
