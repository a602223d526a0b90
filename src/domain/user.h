// Users, roles and the rights each role grants. A right applies within a scope of units
// (DESIGN.md "Users and access"): entering data at the user's own unit, viewing and managing
// within the user's subtree. Case data is need-to-know and is not granted by any unit scope.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/ids.h"

namespace binhdang::domain {

enum class Role {
  kAdmin,           // system administrator
  kUnitAdmin,       // manages users and agencies in the subtree
  kPlanner,         // writes the unit's plans
  kReporter,        // enters the unit's reports, updates its activities
  kReviewer,        // returns/accepts reports from the subtree
  kViewer,          // reads the subtree
  kCaseWorker,      // records GBV cases (need-to-know)
  kCaseSupervisor,  // supervises the cases they are named on
};
inline constexpr Role kAllRoles[] = {Role::kAdmin,      Role::kUnitAdmin,     Role::kPlanner,
                                     Role::kReporter,   Role::kReviewer,      Role::kViewer,
                                     Role::kCaseWorker, Role::kCaseSupervisor};

std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

enum class Right {
  kView,         // read plans, reports, units data of the scope
  kManageUnits,  // create and edit agencies
  kManageUsers,
  kWritePlans,
  kUpdateActivities,
  kEnterReports,
  kReviewReports,
  kManageTemplates,
  kViewAudit,
  kRecordCases,
};

//! Where a right applies relative to the user's unit.
enum class Scope { kNone, kOwnUnit, kSubtree, kEverywhere };

//! What a user wants by e-mail: every notice as it comes, a daily digest (the urgent notices —
//! a report returned, a deadline tomorrow, a case's legal time limit — still at once), or none.
enum class EmailPreference { kEach, kDigest, kOff };
std::string_view EmailPreferenceName(EmailPreference p);
std::optional<EmailPreference> ParseEmailPreference(std::string_view name);

//! Whether `address` is one mailbox binhdang may write to: local@domain, at most 254 bytes,
//! no spaces, control characters, quotes or angle brackets (nothing that could end a header
//! line or name a second recipient), a domain of dot-separated labels of letters, digits and
//! hyphens with a dot in it. Not every address RFC 5321 allows; every address a province's
//! mail server gives an officer.
bool IsMailboxAddress(std::string_view address);

struct User {
  Id id = 0;
  std::string username;
  std::string full_name;
  Id unit_id = 0;
  std::vector<Role> roles;
  bool active = true;
  long long version = 1;
  std::optional<int64_t> last_login_ms;
  bool must_change_password = false;     // set when someone else set the password
  std::vector<Role> pending_roles = {};  // case roles asked for, awaiting a second person
  int64_t sign_in_blocked_until_ms = 0;  // > now: sign-ins with this name wait (LoginGuard)
  std::string email = "";                // "" when none is known
  EmailPreference email_pref = EmailPreference::kDigest;

  bool Has(Role role) const;
};

//! Case roles open need-to-know GBV case data: granting one takes two people (the one who asks
//! and another who approves), and neither may be the user who receives it.
bool IsCaseRole(Role role);

//! The widest scope in which any of `user`'s roles grants `right`.
Scope ScopeOf(const User& user, Right right);

}  // namespace binhdang::domain
