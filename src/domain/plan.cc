#include "domain/plan.h"

#include <algorithm>

#include "common/text.h"
#include "domain/access.h"

namespace binhdang::domain {

namespace {
template <typename E, size_t N>
std::optional<E> ParseName(std::string_view name, const std::string_view (&names)[N]) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

constexpr std::string_view kPlanKindNames[] = {"action_month", "programme", "annual", "other"};
constexpr std::string_view kPlanStatusNames[] = {"draft", "issued"};
constexpr std::string_view kActivityStatusNames[] = {"not_started", "in_progress", "done",
                                                     "cancelled"};
constexpr std::string_view kAssigneeNames[] = {"unit", "child_units", "everyone"};
constexpr std::string_view kSectionNames[] = {"key", "assignment"};

bool TooLong(const std::string& s, size_t max) {
  return text::Length(s) > max || !text::IsCleanUtf8(s);
}
}  // namespace

std::string_view PlanKindName(PlanKind k) { return kPlanKindNames[static_cast<int>(k)]; }
std::optional<PlanKind> ParsePlanKind(std::string_view n) {
  return ParseName<PlanKind>(n, kPlanKindNames);
}
std::string_view PlanStatusName(PlanStatus s) { return kPlanStatusNames[static_cast<int>(s)]; }
std::optional<PlanStatus> ParsePlanStatus(std::string_view n) {
  return ParseName<PlanStatus>(n, kPlanStatusNames);
}
std::string_view ActivityStatusName(ActivityStatus s) {
  return kActivityStatusNames[static_cast<int>(s)];
}
std::optional<ActivityStatus> ParseActivityStatus(std::string_view n) {
  return ParseName<ActivityStatus>(n, kActivityStatusNames);
}
std::string_view AssigneeName(Assignee a) { return kAssigneeNames[static_cast<int>(a)]; }
std::optional<Assignee> ParseAssignee(std::string_view n) {
  return ParseName<Assignee>(n, kAssigneeNames);
}
std::string_view ActivitySectionName(ActivitySection s) {
  return kSectionNames[static_cast<int>(s)];
}
std::optional<ActivitySection> ParseActivitySection(std::string_view n) {
  return ParseName<ActivitySection>(n, kSectionNames);
}

std::string Plan::NumberAndSymbol() const {
  return (number ? std::to_string(*number) : std::string()) + "/" + symbol;
}

int Plan::Year() const {
  if (issued_on) return issued_on->year();
  if (period_start) return period_start->year();
  return 0;
}

bool Activity::OverdueOn(Date today) const {
  return due_date && *due_date < today && status != ActivityStatus::kDone &&
         status != ActivityStatus::kCancelled;
}

void CheckPlan(const Plan& p, Validator& v) {
  if (TooLong(p.title, 1000)) {
    v.Fail("title", "trích yếu dài quá 1000 ký tự hoặc có ký tự không hợp lệ",
           "title is longer than 1000 characters or has invalid characters");
  }
  if (TooLong(p.theme, 2000)) {
    v.Fail("theme", "chủ đề dài quá 2000 ký tự", "theme is longer than 2000 characters");
  }
  if (TooLong(p.place, 100)) {
    v.Fail("place", "địa danh dài quá 100 ký tự", "place is longer than 100 characters");
  }
  if (p.symbol.empty() || TooLong(p.symbol, 40) || p.symbol.find('/') != std::string::npos) {
    v.Fail("symbol",
           "ký hiệu văn bản (ví dụ KH-UBND) phải có, dài tối đa 40 ký tự, không chứa dấu /",
           "symbol (e.g. KH-UBND) is required, at most 40 characters, without '/'");
  }
  if (p.number && (*p.number < 1 || *p.number > 999999)) {
    v.Fail("number", "số văn bản phải từ 1 đến 999999", "number must be from 1 to 999999");
  }
  if (p.period_start && p.period_end && *p.period_end < *p.period_start) {
    v.Fail("period_end", "ngày kết thúc thời gian thực hiện không được trước ngày bắt đầu",
           "period_end is before period_start");
  }
  if (p.period_start.has_value() != p.period_end.has_value()) {
    v.Fail(p.period_start ? "period_end" : "period_start",
           "thời gian thực hiện cần cả ngày bắt đầu và ngày kết thúc",
           "the period needs both period_start and period_end");
  }
  for (const auto& r : p.reporting) {
    if (r.template_code.empty() || TooLong(r.template_code, 64)) {
      v.Fail("reporting.template_code", "cần mã mẫu báo cáo (tối đa 64 ký tự)",
             "template_code is required (at most 64 characters)");
    }
  }
}

void CheckIssuable(const Plan& p, const std::vector<Activity>& activities, Validator& v) {
  if (text::Trim(p.title).empty()) {
    v.Fail("title", "chưa ban hành được: kế hoạch chưa có trích yếu",
           "cannot issue: the plan has no title");
  }
  if (!p.period_start || !p.period_end) {
    v.Fail("period_start", "chưa ban hành được: kế hoạch chưa có thời gian thực hiện",
           "cannot issue: the plan has no period");
  }
  const bool any = std::any_of(activities.begin(), activities.end(), [](const Activity& a) {
    return a.status != ActivityStatus::kCancelled;
  });
  if (!any) {
    v.Fail("activities", "chưa ban hành được: kế hoạch cần ít nhất một hoạt động",
           "cannot issue: the plan needs at least one activity");
  }
}

void CheckActivity(const Activity& a, Validator& v) {
  if (text::Trim(a.title).empty()) {
    v.Fail("title", "tên hoạt động không được để trống", "title is required");
  } else if (TooLong(a.title, 2000)) {
    v.Fail("title", "tên hoạt động dài quá 2000 ký tự", "title is longer than 2000 characters");
  }
  for (const auto& d : a.details) {
    if (TooLong(d, 4000)) {
      v.Fail("details", "mỗi nội dung chi tiết tối đa 4000 ký tự",
             "each detail is at most 4000 characters");
      break;
    }
  }
  if (a.assignee == Assignee::kUnit && a.lead_unit_id == 0) {
    v.Fail("lead_unit_id", "cần chọn đơn vị chủ trì", "lead_unit_id is required");
  }
  if (a.assignee != Assignee::kUnit && a.lead_unit_id != 0) {
    v.Fail("lead_unit_id", "hoạt động giao cho nhiều đơn vị thì không có một đơn vị chủ trì",
           "an activity assigned to many units has no single lead unit");
  }
  if (std::find(a.support_unit_ids.begin(), a.support_unit_ids.end(), a.lead_unit_id) !=
      a.support_unit_ids.end()) {
    v.Fail("support_unit_ids", "đơn vị chủ trì không đồng thời là đơn vị phối hợp",
           "the lead unit cannot also be a supporting unit");
  }
  if (a.support_unit_ids.size() > 100) {
    v.Fail("support_unit_ids", "tối đa 100 đơn vị phối hợp", "at most 100 supporting units");
  }
  if (TooLong(a.progress_note, 4000)) {
    v.Fail("progress_note", "ghi chú tiến độ dài quá 4000 ký tự",
           "progress_note is longer than 4000 characters");
  }
  if (a.completed_on && a.status != ActivityStatus::kDone) {
    v.Fail("completed_on", "chỉ ghi ngày hoàn thành khi trạng thái là đã xong (done)",
           "completed_on is only set when status is done");
  }
}

bool DueOutsidePeriod(const Activity& a, const Plan& p) {
  if (!a.due_date || !p.period_start || !p.period_end) return false;
  return *a.due_date < *p.period_start || *p.period_end < *a.due_date;
}

Date DerivedReportingDue(Date parent_due, std::optional<Date> not_before) {
  Date due = parent_due.AddDays(-kDerivedReportingLeadDays);
  if (not_before && due < *not_before) due = std::min(*not_before, parent_due);
  return due;
}

int NextFreeNumber(const std::vector<int>& used) {
  int max = 0;
  for (int n : used) max = std::max(max, n);
  return max + 1;
}

bool CanReadPlan(const User& user, Id plan_unit, PlanStatus status, const UnitTree& tree) {
  if (Can(user, Right::kView, plan_unit, tree)) return true;
  if (status == PlanStatus::kDraft) return Can(user, Right::kWritePlans, plan_unit, tree);
  return user.active && user.unit_id != plan_unit && tree.IsWithin(user.unit_id, plan_unit);
}

std::string DerivedTitle(const std::string& parent_title, const std::string& parent_unit_full_name,
                         const std::string& unit_full_name) {
  static const std::string kArea = " trên địa bàn ";
  const std::string here = text::LowerFirst(unit_full_name);
  // The parent's own area, however its first letter is written.
  for (const std::string& area : {text::LowerFirst(parent_unit_full_name), parent_unit_full_name}) {
    const size_t at = parent_title.rfind(kArea + area);
    if (!area.empty() && at != std::string::npos) {
      return parent_title.substr(0, at) + kArea + here +
             parent_title.substr(at + kArea.size() + area.size());
    }
  }
  if (const size_t at = parent_title.rfind(kArea); at != std::string::npos) {
    return parent_title.substr(0, at) + kArea + here;
  }
  return parent_title + kArea + here;
}

}  // namespace binhdang::domain
