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

namespace {
constexpr std::string_view kEmailPreferenceNames[] = {"each", "digest", "off"};
}  // namespace

std::string_view EmailPreferenceName(EmailPreference p) {
  return kEmailPreferenceNames[static_cast<int>(p)];
}

std::optional<EmailPreference> ParseEmailPreference(std::string_view name) {
  for (int i = 0; i < 3; ++i) {
    if (kEmailPreferenceNames[i] == name) return static_cast<EmailPreference>(i);
  }
  return std::nullopt;
}

bool IsMailboxAddress(std::string_view a) {
  if (a.size() < 3 || a.size() > 254) return false;
  const size_t at = a.rfind('@');
  if (at == std::string_view::npos || at == 0 || at > 64 || at + 1 == a.size()) return false;
  const auto local = a.substr(0, at);
  const auto domain = a.substr(at + 1);
  if (local.front() == '.' || local.back() == '.' || local.find("..") != local.npos) return false;
  for (unsigned char c : local) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("!#$%&'*+/=?^_`{|}~.-").find(static_cast<char>(c)) !=
                        std::string_view::npos;
    if (!ok) return false;
  }
  if (domain.find('.') == domain.npos) return false;
  size_t start = 0;
  while (start <= domain.size()) {
    size_t end = domain.find('.', start);
    if (end == domain.npos) end = domain.size();
    const auto label = domain.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    for (unsigned char c : label) {
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
        return false;
    }
    start = end + 1;
  }
  return true;
}

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
