// Use cases on users: administrators manage accounts in their scope.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/context.h"
#include "service/login_guard.h"
#include "service/password_hasher.h"
#include "service/session_cache.h"
#include "service/unit_directory.h"
#include "storage/users_repo.h"

namespace binhdang::service {

struct UserInput {
  std::string username;
  std::string full_name;
  std::string password;
  Id unit_id = 0;
  std::vector<std::string> roles;
};

struct UserPatch {
  long long version = 0;
  std::optional<std::string> full_name;
  std::optional<Id> unit_id;
  std::optional<std::vector<std::string>> roles;
  std::optional<bool> active;
  std::optional<std::string> password;
};

struct UserQuery {
  std::optional<Id> unit;
  std::string q;
  PageRequest page;
};

//! Password policy: at least 10 characters with a letter and a digit. Returns the reason in
//! `v` when it fails.
void CheckPassword(Validator& v, const std::string& password);

//! Username policy: 3–64 characters of a–z, 0–9, '.', '_', '-' (after lower-casing).
void CheckUsername(Validator& v, const std::string& username);
//! A person's name: not empty, at most 200 characters of clean UTF-8.
void CheckFullName(Validator& v, const std::string& full_name);
//! A username as it is stored: trimmed and lower-cased.
std::string NormalUsername(const std::string& username);

//! A pending grant with the names people read.
struct GrantView {
  storage::RoleGrant grant;
  domain::User user;
  std::string requested_by_name;
};

class UsersService {
 public:
  //! `sessions`, when given, is cleared after every change to a user, so that this server sees
  //! a deactivation, a role or a password change at once (other servers within its TTL).
  UsersService(storage::Store& store, UnitDirectory& directory, PasswordHasher& hasher,
               LoginGuard& guard, SessionCache* sessions = nullptr)
      : store_(store), directory_(directory), hasher_(hasher), guard_(guard), sessions_(sessions) {}

  //! Admins see everyone; unit admins the users of their subtree; others are refused.
  Result<Page<domain::User>> List(const Caller& caller, const UserQuery& query);
  Result<domain::User> Get(const Caller& caller, Id id);
  //! Needs kManageUsers on the new user's unit; only an admin can make an admin. A case role
  //! asked for is not given: it waits as a pending grant for a second person.
  Result<domain::User> Create(const Caller& caller, const UserInput& input);
  //! As Create for roles. Nobody adds a case role to themselves. A password set by someone
  //! else signs the user out, must be changed at the next sign-in, is notified to the user,
  //! and suspends their case roles until a second person approves them again, so whoever
  //! reset it cannot sign in as them and read their cases.
  Result<domain::User> Update(const Caller& caller, Id id, const UserPatch& patch);

  //! Lets sign-ins with the user's name through again (admins and unit admins in scope).
  Result<domain::User> Unlock(const Caller& caller, Id id);
  //! The signed-in user changes their own password, giving the current one.
  Status ChangeOwnPassword(const Caller& caller, const std::string& current,
                           const std::string& next);

  //! The signed-in user sets their own e-mail address ("" for none) and what they want by
  //! mail ("each", "digest", "off"), at `version`.
  Result<domain::User> SetOwnEmail(const Caller& caller, long long version,
                                   const std::string& email, const std::string& preference);

  //! Pending case-role grants the caller may decide: an admin, or a case supervisor over the
  //! user's unit; never their own request, never a grant to themselves.
  Result<std::vector<GrantView>> PendingGrants(const Caller& caller);
  Result<domain::User> DecideGrant(const Caller& caller, Id grant_id, bool approve);

  //! For the command line (`binhdang user add`): creates without a caller's permission check.
  Result<domain::User> CreateBySystem(const UserInput& input);
  //! For `binhdang user passwd`.
  Status SetPasswordBySystem(const std::string& username, const std::string& password);
  std::vector<domain::User> ListAll();

 private:
  friend class ImportsService;  // bulk import: the same case-role deferral, in its transaction
  Result<domain::User> Insert(const Caller& caller, const UserInput& input);
  std::vector<domain::Role> ParseRoles(Validator& v, const std::vector<std::string>& names);
  //! Adds what the user's account shows besides its row: pending roles, a sign-in wait.
  void Decorate(storage::UsersRepo& repo, std::vector<domain::User>& users);
  //! Takes the case roles that `after` adds to `before` out of `after` and records each as a
  //! pending grant asked by `caller`.
  void DeferCaseRoles(storage::UsersRepo& repo, const Caller& caller, const domain::User& before,
                      domain::User& after, const std::string& reason);
  bool MayDecide(const domain::User& decider, const storage::RoleGrant& grant,
                 const domain::User& target);

  void SessionsChanged() {
    if (sessions_) sessions_->Clear();
  }

  storage::Store& store_;
  UnitDirectory& directory_;
  PasswordHasher& hasher_;
  LoginGuard& guard_;
  SessionCache* sessions_;
};

}  // namespace binhdang::service
