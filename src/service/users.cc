#include "service/users.h"

#include <algorithm>
#include <cctype>

#include "common/crypto.h"
#include "common/text.h"
#include "domain/access.h"
#include "service/audit.h"
#include "storage/users_repo.h"

namespace binhdang::service {

namespace {
Error UserNotFound() { return Error::NotFound("người dùng", "User"); }

bool ValidUsername(const std::string& s) {
  if (s.size() < 3 || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '.' || c == '_' || c == '-';
  });
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

void CheckPassword(Validator& v, const std::string& password) {
  const bool letter = std::any_of(password.begin(), password.end(),
                                  [](unsigned char c) { return std::isalpha(c) || c >= 0x80; });
  const bool digit = std::any_of(password.begin(), password.end(),
                                 [](unsigned char c) { return std::isdigit(c); });
  if (text::Length(password) < 10 || password.size() > 256 || !letter || !digit) {
    v.Fail("password", "mật khẩu cần ít nhất 10 ký tự, có chữ và số",
           "password needs at least 10 characters with letters and digits");
  }
}

std::vector<domain::Role> UsersService::ParseRoles(Validator& v,
                                                   const std::vector<std::string>& names) {
  std::vector<domain::Role> roles;
  for (const auto& n : names) {
    auto r = domain::ParseRole(n);
    if (!r) {
      v.Fail("roles", "vai trò không hợp lệ: " + n, "unknown role: " + n);
    } else if (std::find(roles.begin(), roles.end(), *r) == roles.end()) {
      roles.push_back(*r);
    }
  }
  if (names.empty()) v.Fail("roles", "cần ít nhất một vai trò", "at least one role is required");
  return roles;
}

Result<Page<domain::User>> UsersService::List(const Caller& caller, const UserQuery& query) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  if (domain::ScopeOf(*caller.user, domain::Right::kManageUsers) == domain::Scope::kNone) {
    return Error::Forbidden();
  }
  auto tree = directory_.Tree();
  if (query.unit && !domain::Can(*caller.user, domain::Right::kManageUsers, *query.unit, *tree)) {
    return Error::Forbidden();
  }
  const std::string q = text::Fold(query.q);
  std::vector<domain::User> users;
  for (auto& u : ListAll()) {
    if (!domain::Can(*caller.user, domain::Right::kManageUsers, u.unit_id, *tree)) continue;
    if (query.unit && !tree->IsWithin(u.unit_id, *query.unit)) continue;
    if (!q.empty() && text::Fold(u.username).find(q) == std::string::npos &&
        text::Fold(u.full_name).find(q) == std::string::npos) {
      continue;
    }
    users.push_back(std::move(u));
  }
  return Slice(std::move(users), query.page);
}

std::vector<domain::User> UsersService::ListAll() {
  auto sql = store_.Lease();
  return storage::UsersRepo(*sql).List();
}

Result<domain::User> UsersService::Get(const Caller& caller, Id id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto sql = store_.Lease();
  auto rec = storage::UsersRepo(*sql).Get(id);
  if (!rec) return UserNotFound();
  const bool self = rec->user.id == caller.user_id();
  if (!self && !domain::Can(*caller.user, domain::Right::kManageUsers, rec->user.unit_id,
                            *directory_.Tree())) {
    return Error::Forbidden();
  }
  return rec->user;
}

Result<domain::User> UsersService::Create(const Caller& caller, const UserInput& input) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  return Insert(caller, input);
}

Result<domain::User> UsersService::CreateBySystem(const UserInput& input) {
  Caller system;
  return Insert(system, input);
}

Result<domain::User> UsersService::Insert(const Caller& caller, const UserInput& in) {
  auto tree = directory_.Tree();
  Validator v;
  domain::User user;
  user.username = Lower(text::Trim(in.username));
  user.full_name = text::Trim(in.full_name);
  user.unit_id = in.unit_id;
  if (!ValidUsername(user.username)) {
    v.Fail("username", "tên đăng nhập gồm 3–64 ký tự a–z, 0–9, dấu chấm, gạch dưới, gạch ngang",
           "username must be 3–64 characters of a–z, 0–9, '.', '_', '-'");
  }
  if (user.full_name.empty() || text::Length(user.full_name) > 200 ||
      !text::IsCleanUtf8(user.full_name)) {
    v.Fail("full_name", "họ tên không được để trống và tối đa 200 ký tự",
           "full_name is required, at most 200 characters");
  }
  CheckPassword(v, in.password);
  if (!tree->Find(in.unit_id)) v.Fail("unit_id", "đơn vị không tồn tại", "unit does not exist");
  user.roles = ParseRoles(v, in.roles);
  if (!v.ok()) return v.ToError();
  if (caller.signed_in()) {
    if (!domain::Can(*caller.user, domain::Right::kManageUsers, user.unit_id, *tree) ||
        (user.Has(domain::Role::kAdmin) && !caller.user->Has(domain::Role::kAdmin))) {
      return Error::Forbidden();
    }
  }
  const std::string hash = crypto::HashPassword(in.password, fast_hashes_);
  auto sql = store_.Lease();
  storage::Transaction tx(*sql, store_);
  storage::UsersRepo repo(*sql);
  if (repo.FindByUsername(user.username)) {
    Error e = Error::Conflict("Tên đăng nhập đã được dùng", "That username is taken");
    e.details.push_back({"username", {"tên đăng nhập đã được dùng", "username is taken"}});
    return e;
  }
  user.id = repo.Insert(user, hash, NowMs());
  WriteAudit(*sql, store_, caller,
             {"user.create", "user", IdToString(user.id), user.unit_id, "ok",
              user.username + " " + storage::JoinRoles(user.roles)});
  tx.Commit();
  return user;
}

Result<domain::User> UsersService::Update(const Caller& caller, Id id, const UserPatch& patch) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  auto sql = store_.Lease();
  storage::UsersRepo repo(*sql);
  auto rec = repo.Get(id);
  if (!rec) return UserNotFound();
  if (!domain::Can(*caller.user, domain::Right::kManageUsers, rec->user.unit_id, *tree)) {
    return Error::Forbidden();
  }
  domain::User user = rec->user;
  Validator v;
  if (patch.full_name) {
    user.full_name = text::Trim(*patch.full_name);
    if (user.full_name.empty() || text::Length(user.full_name) > 200 ||
        !text::IsCleanUtf8(user.full_name)) {
      v.Fail("full_name", "họ tên không được để trống và tối đa 200 ký tự",
             "full_name is required, at most 200 characters");
    }
  }
  if (patch.unit_id) {
    if (!tree->Find(*patch.unit_id)) v.Fail("unit_id", "đơn vị không tồn tại", "unit does not exist");
    user.unit_id = *patch.unit_id;
  }
  if (patch.roles) user.roles = ParseRoles(v, *patch.roles);
  if (patch.active) user.active = *patch.active;
  if (patch.password) CheckPassword(v, *patch.password);
  if (!v.ok()) return v.ToError();
  const bool caller_admin = caller.user->Has(domain::Role::kAdmin);
  if (!domain::Can(*caller.user, domain::Right::kManageUsers, user.unit_id, *tree) ||
      (!caller_admin && (user.Has(domain::Role::kAdmin) || rec->user.Has(domain::Role::kAdmin)))) {
    return Error::Forbidden();
  }
  if (id == caller.user_id() && (!user.active || (caller_admin && !user.Has(domain::Role::kAdmin)))) {
    return Error::Invalid("active", "không thể tự khóa tài khoản hoặc tự bỏ quyền quản trị của mình",
                          "you cannot deactivate yourself or drop your own admin role");
  }
  user.version = patch.version;
  std::string hash;
  if (patch.password) hash = crypto::HashPassword(*patch.password, fast_hashes_);
  storage::Transaction tx(*sql, store_);
  if (!repo.Update(user, NowMs())) {
    auto stored = repo.Get(id);
    return Error::StaleVersion(stored ? stored->user.version : 0);
  }
  if (patch.password) repo.SetPassword(id, hash, NowMs());
  // A deactivated user, or one whose password an administrator reset, is signed out.
  if (!user.active || patch.password) repo.DeleteSessionsOf(id);
  WriteAudit(*sql, store_, caller,
             {"user.update", "user", IdToString(id), user.unit_id, "ok",
              user.username + " " + storage::JoinRoles(user.roles) +
                  (user.active ? "" : " inactive") + (patch.password ? " password" : "")});
  tx.Commit();
  return repo.Get(id)->user;
}

Status UsersService::SetPasswordBySystem(const std::string& username, const std::string& password) {
  Validator v;
  CheckPassword(v, password);
  if (!v.ok()) return v.ToError();
  auto sql = store_.Lease();
  storage::UsersRepo repo(*sql);
  auto rec = repo.FindByUsername(Lower(username));
  if (!rec) return UserNotFound();
  const std::string hash = crypto::HashPassword(password, fast_hashes_);
  storage::Transaction tx(*sql, store_);
  repo.SetPassword(rec->user.id, hash, NowMs());
  repo.DeleteSessionsOf(rec->user.id);
  WriteAudit(*sql, store_, Caller{}, {"user.passwd", "user", IdToString(rec->user.id),
                                      rec->user.unit_id, "ok", rec->user.username});
  tx.Commit();
  return Ok();
}

}  // namespace binhdang::service
