// Use cases on users: administrators manage accounts in their scope.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/context.h"
#include "service/unit_directory.h"

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

class UsersService {
 public:
  UsersService(storage::Store& store, UnitDirectory& directory, bool fast_hashes = false)
      : store_(store), directory_(directory), fast_hashes_(fast_hashes) {}

  //! Admins see everyone; unit admins the users of their subtree; others are refused.
  Result<Page<domain::User>> List(const Caller& caller, const UserQuery& query);
  Result<domain::User> Get(const Caller& caller, Id id);
  //! Needs kManageUsers on the new user's unit; only an admin can make an admin.
  Result<domain::User> Create(const Caller& caller, const UserInput& input);
  Result<domain::User> Update(const Caller& caller, Id id, const UserPatch& patch);

  //! For the command line (`binhdang user add`): creates without a caller's permission check.
  Result<domain::User> CreateBySystem(const UserInput& input);
  //! For `binhdang user passwd`.
  Status SetPasswordBySystem(const std::string& username, const std::string& password);
  std::vector<domain::User> ListAll();

 private:
  Result<domain::User> Insert(const Caller& caller, const UserInput& input);
  std::vector<domain::Role> ParseRoles(Validator& v, const std::vector<std::string>& names);

  storage::Store& store_;
  UnitDirectory& directory_;
  bool fast_hashes_;
};

}  // namespace binhdang::service
