// Plans (kế hoạch): the official document a unit issues to start gender-equality and
// GBV-prevention work, its activities (hoạt động / nhiệm vụ) with lead and supporting units and
// deadlines, and its reporting requirements. Pure types and rules; no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/ids.h"
#include "common/time.h"

namespace binhdang::domain {

class UnitTree;
struct User;

enum class PlanKind { kActionMonth, kProgramme, kAnnual, kOther };
std::string_view PlanKindName(PlanKind kind);  // "action_month", "programme", "annual", "other"
std::optional<PlanKind> ParsePlanKind(std::string_view name);

//! A draft is edited freely; an issued plan is frozen: later changes make a new revision.
enum class PlanStatus { kDraft, kIssued };
std::string_view PlanStatusName(PlanStatus status);
std::optional<PlanStatus> ParsePlanStatus(std::string_view name);

enum class ActivityStatus { kNotStarted, kInProgress, kDone, kCancelled };
std::string_view ActivityStatusName(ActivityStatus status);
std::optional<ActivityStatus> ParseActivityStatus(std::string_view name);

//! Who carries an activity out.
enum class Assignee {
  kUnit,        // lead_unit_id (an agency or an administrative unit)
  kChildUnits,  // "UBND các xã, thị trấn": every child administrative unit, in its own plan
  kEveryone,    // every agency and child unit (e.g. the key activities, the reporting duty)
};
std::string_view AssigneeName(Assignee a);  // "unit", "child_units", "everyone"
std::optional<Assignee> ParseAssignee(std::string_view name);

//! Which part of the document an activity comes from.
enum class ActivitySection {
  kKey,         // II. Nội dung — hoạt động trọng tâm / nhiệm vụ chủ yếu
  kAssignment,  // III. Tổ chức thực hiện — one numbered item per unit
};
std::string_view ActivitySectionName(ActivitySection s);  // "key", "assignment"
std::optional<ActivitySection> ParseActivitySection(std::string_view name);

//! A document the plan implements (căn cứ: "Thực hiện Kế hoạch số 4365/KH-UBND ...").
struct PlanBasis {
  std::string document;  // "Kế hoạch số 4365/KH-UBND"
  std::optional<Date> date;
  std::string issuer;  // "UBND tỉnh Lai Châu"
  std::string title;
};

//! A group of messages (nhóm thông điệp / khẩu hiệu).
struct MessageGroup {
  std::string title;
  std::vector<std::string> messages;
};

//! A value a target must reach by a year (chỉ tiêu): "tối thiểu 40% đến năm 2023".
struct TargetValue {
  int year = 0;
  std::string comparator = ">=";  // ">=", "<=", "="
  double value = 0;
};
struct Target {
  std::string text;  // the indicator as the document words it
  std::string unit = "%";
  std::vector<TargetValue> values;
  std::string indicator;  // the analytics indicator that measures it (its code), or ""
};

//! Budget (kinh phí): its sources and how it is planned.
struct BudgetSource {
  std::string kind;  // "state_budget", "mobilised", "international", "other_lawful"
  std::string text;
};

struct Recipient {
  std::string name;  // "Sở Lao động – TB&XH"
  std::string note;  // "B/c" (để báo cáo)
};

//! The signature block: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Vũ Xuân Thịnh".
struct Signer {
  std::string on_behalf_of;  // "TM. ỦY BAN NHÂN DÂN"
  std::string authority;     // "KT. CHỦ TỊCH"
  std::string title;         // "PHÓ CHỦ TỊCH"
  std::string name;
};

//! The suggested outline of the report the plan asks for (đề cương gợi ý báo cáo).
struct OutlineSection {
  std::string heading;
  std::vector<std::string> items;
};
struct OutlineTable {
  std::string title;
  std::vector<std::string> columns;
};
struct ReportOutline {
  std::string title;
  std::vector<OutlineSection> sections;
  std::vector<OutlineTable> tables;
};

//! The parts of the document that are read and written as a whole (not queried across plans).
struct PlanContent {
  std::string preamble;                   // the paragraph before "I."
  std::vector<PlanBasis> bases;           // căn cứ
  std::vector<std::string> purposes;      // 1. Mục đích
  std::vector<std::string> requirements;  // 2. Yêu cầu
  std::string objective;                  // mục tiêu chung (programme plans)
  std::vector<Target> targets;            // chỉ tiêu
  std::vector<MessageGroup> message_groups;
  std::vector<BudgetSource> budget_sources;
  std::string budget_note;
  std::vector<Recipient> recipients;  // nơi nhận
  Signer signer;
  std::string closing;  // "Trên đây là Kế hoạch ..."
  std::optional<ReportOutline> report_outline;
};

//! A reporting requirement: which units report, on which template, to whom, by when.
//! Stored in plan_reporting (read by the reports module).
struct ReportingRequirement {
  Id id = 0;
  std::string template_code;  // "action_month_results"
  Date due_date;
  Id to_unit_id = 0;  // the unit receiving the reports; 0: the issuer
  std::string reporting_scope = "children_and_agencies";
  std::string note;
};

struct Plan {
  Id id = 0;
  Id unit_id = 0;             // the issuing unit
  std::optional<int> number;  // 48 in 48/KH-UBND; nullopt until chosen
  std::string symbol = "KH-UBND";
  std::string place;  // "Tam Đường"
  std::optional<Date> issued_on;
  std::string title;  // trích yếu
  PlanKind kind = PlanKind::kOther;
  std::optional<Date> period_start, period_end;
  std::string theme;      // chủ đề
  Id parent_plan_id = 0;  // 0: none
  PlanStatus status = PlanStatus::kDraft;
  int revision = 0;  // 0 while never issued; 1 when issued; +1 per later change
  long long version = 1;
  PlanContent content;
  std::vector<ReportingRequirement> reporting;
  int64_t created_at_ms = 0, updated_at_ms = 0;

  //! "48/KH-UBND", or "/KH-UBND" without a number.
  std::string NumberAndSymbol() const;
  //! The year the number belongs to: of the issue date, else of the period start, else 0.
  int Year() const;
};

struct Activity {
  Id id = 0;
  Id plan_id = 0;
  int position = 0;
  ActivitySection section = ActivitySection::kAssignment;
  std::string title;
  std::vector<std::string> details;  // the bullets under the heading
  Assignee assignee = Assignee::kUnit;
  Id lead_unit_id = 0;  // 0 unless assignee is kUnit
  std::vector<Id> support_unit_ids;
  std::optional<Date> due_date;
  ActivityStatus status = ActivityStatus::kNotStarted;
  std::string progress_note;
  std::optional<Date> completed_on;
  long long version = 1;
  int64_t updated_at_ms = 0;

  //! True iff the activity is due before `today` (in Asia/Ho_Chi_Minh) and neither done nor
  //! cancelled.
  bool OverdueOn(Date today) const;
};

//! One change of an activity's progress, kept for its history.
struct ActivityChange {
  Id activity_id = 0;
  int64_t at_ms = 0;
  Id user_id = 0;
  std::string username;
  ActivityStatus status = ActivityStatus::kNotStarted;
  std::string progress_note;
  std::optional<Date> completed_on;
  long long version = 1;
};

//! Checks the fields a plan must always satisfy (drafts included): title and place length,
//! period order, number range, symbol. Adds a Vietnamese and English message per field.
void CheckPlan(const Plan& plan, Validator& v);
//! Checks what issuing needs on top of CheckPlan: a title, a period and at least one
//! activity that is not cancelled.
void CheckIssuable(const Plan& plan, const std::vector<Activity>& activities, Validator& v);
//! Checks an activity's own fields (title, assignee/lead consistency, completion date).
void CheckActivity(const Activity& activity, Validator& v);
//! True iff the activity has a due date outside the plan's period (flagged, not refused).
bool DueOutsidePeriod(const Activity& activity, const Plan& plan);

//! The reporting deadline of a plan derived from one whose deadline is `parent_due`: a few
//! days earlier so that the deriving unit can consolidate before it reports up, but never
//! before `not_before` (the derived plan's period start, when there is one).
Date DerivedReportingDue(Date parent_due, std::optional<Date> not_before);

//! The title of a plan derived by `unit_full_name` ("Xã Bản Bo") from a plan titled
//! `parent_title` of `parent_unit_full_name` ("Huyện Tam Đường"): "… trên địa bàn huyện Tam
//! Đường" becomes "… trên địa bàn xã Bản Bo"; a title that names no area gets one.
std::string DerivedTitle(const std::string& parent_title, const std::string& parent_unit_full_name,
                         const std::string& unit_full_name);
inline constexpr int kDerivedReportingLeadDays = 3;

//! True iff `user` may read a plan of `plan_unit` in `status` (DESIGN.md "Users and access"):
//! those who may view the issuing unit (its own users and those above it) always; a draft
//! also its unit's planners, and nobody else; an issued plan also every active user of a unit
//! strictly below the issuer (it is addressed to them), whatever their roles.
bool CanReadPlan(const User& user, Id plan_unit, PlanStatus status, const UnitTree& tree);

//! The smallest number above every number in `used` (1 for none).
int NextFreeNumber(const std::vector<int>& used);

}  // namespace binhdang::domain
