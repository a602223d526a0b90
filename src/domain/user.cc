#include "domain/user.h"

#include <algorithm>

namespace binhdang::domain {

namespace {
constexpr std::string_view kRoleNames[] = {"admin",       "unit_admin",     "planner",
                                           "reporter",    "reviewer",       "viewer",
                                           "case_worker", "case_supervisor"};

Scope Grant(Role role, Right right) {
  using R = Right;
  switch (role) {
    case Role::kAdmin:
      // Everything but case data, which is need-to-know (DESIGN.md).
      return right == R::kRecordCases ? Scope::kNone : Scope::kEverywhere;
    case Role::kUnitAdmin:
      return right == R::kManageUnits || right == R::kManageUsers || right == R::kView
                 ? Scope::kSubtree
                 : Scope::kNone;
    case Role::kPlanner:
      if (right == R::kWritePlans || right == R::kUpdateActivities) return Scope::kOwnUnit;
      return right == R::kView ? Scope::kSubtree : Scope::kNone;
    case Role::kReporter:
      if (right == R::kEnterReports || right == R::kUpdateActivities) return Scope::kOwnUnit;
      return right == R::kView ? Scope::kSubtree : Scope::kNone;
    case Role::kReviewer:
      return right == R::kReviewReports || right == R::kView ? Scope::kSubtree : Scope::kNone;
    case Role::kViewer:
      return right == R::kView ? Scope::kSubtree : Scope::kNone;
    case Role::kCaseWorker:
    case Role::kCaseSupervisor:
      return right == R::kRecordCases ? Scope::kOwnUnit : Scope::kNone;
  }
  return Scope::kNone;
}
}  // namespace

std::string_view RoleName(Role role) { return kRoleNames[static_cast<int>(role)]; }

std::optional<Role> ParseRole(std::string_view name) {
  for (int i = 0; i < 8; ++i) {
    if (kRoleNames[i] == name) return static_cast<Role>(i);
  }
  return std::nullopt;
}

bool User::Has(Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool IsCaseRole(Role role) { return role == Role::kCaseWorker || role == Role::kCaseSupervisor; }

Scope ScopeOf(const User& user, Right right) {
  Scope best = Scope::kNone;
  if (!user.active) return best;
  for (Role role : user.roles) best = std::max(best, Grant(role, right));
  return best;
}

}  // namespace binhdang::domain
