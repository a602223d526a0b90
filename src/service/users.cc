#include "service/users.h"

#include <algorithm>
#include <cctype>

#include "common/crypto.h"
#include "common/text.h"
#include "common/time.h"
#include "domain/access.h"
#include "service/audit.h"
#include "service/mutate.h"
#include "service/sessions.h"
#include "storage/notifications_repo.h"
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

}  // namespace

void CheckUsername(Validator& v, const std::string& username) {
  if (!ValidUsername(username)) {
    v.Fail("username", "tên đăng nhập gồm 3–64 ký tự a–z, 0–9, dấu chấm, gạch dưới, gạch ngang",
           "username must be 3–64 characters of a–z, 0–9, '.', '_', '-'");
  }
}

void CheckFullName(Validator& v, const std::string& full_name) {
  if (full_name.empty() || text::Length(full_name) > 200 || !text::IsCleanUtf8(full_name)) {
    v.Fail("full_name", "họ tên không được để trống và tối đa 200 ký tự",
           "full_name is required, at most 200 characters");
  }
}

std::string NormalUsername(const std::string& username) {
  return text::AsciiLower(text::Trim(username));
}

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
  auto page = Slice(std::move(users), query.page);
  auto sql = store_.Lease();
  storage::UsersRepo repo(*sql);
  Decorate(repo, page.items);
  return page;
}

void UsersService::Decorate(storage::UsersRepo& repo, std::vector<domain::User>& users) {
  const int64_t now = NowMs();
  const auto& limits = guard_.limits();
  auto pending = repo.PendingGrants();
  auto blocked = repo.ThrottledKeys("u:", limits.user_attempts, now - limits.window_ms);
  for (auto& u : users) {
    u.pending_roles.clear();
    for (const auto& g : pending) {
      if (g.user_id == u.id) u.pending_roles.push_back(g.role);
    }
    u.sign_in_blocked_until_ms = 0;
    if (blocked.empty()) continue;
    const std::string key = guard_.UserKey(u.username);
    for (const auto& [k, a] : blocked) {
      if (k == key) u.sign_in_blocked_until_ms = a.window_start_ms + limits.window_ms;
    }
  }
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
  std::vector<domain::User> one{rec->user};
  storage::UsersRepo repo(*sql);
  Decorate(repo, one);
  return one.front();
}

Result<domain::User> UsersService::Create(const Caller& caller, const UserInput& input) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  return Insert(caller, input);
}

Result<domain::User> UsersService::CreateBySystem(const UserInput& input) {
  return Insert(Caller::System(), input);
}

void UsersService::DeferCaseRoles(storage::UsersRepo& repo, const Caller& caller,
                                  const domain::User& before, domain::User& after,
                                  const std::string& reason) {
  auto pending = repo.PendingGrants(after.id);
  std::vector<domain::Role> kept;
  for (auto role : after.roles) {
    if (!domain::IsCaseRole(role) || before.Has(role)) {
      kept.push_back(role);
      continue;
    }
    const bool asked = std::any_of(pending.begin(), pending.end(),
                                   [&](const storage::RoleGrant& g) { return g.role == role; });
    if (!asked) {
      storage::RoleGrant g;
      g.user_id = after.id;
      g.role = role;
      g.reason = reason;
      g.requested_by = caller.user_id();
      g.requested_ms = NowMs();
      const Id id = repo.InsertGrant(g);
      WriteAudit(repo.session(), store_, caller,
                 {"role_grant.request", "role_grant", IdToString(id), after.unit_id, "pending",
                  after.username + " " + std::string(domain::RoleName(role)) + " " + reason});
    }
  }
  after.roles = std::move(kept);
}

Result<domain::User> UsersService::Insert(const Caller& caller, const UserInput& in) {
  auto tree = directory_.Tree();
  Validator v;
  domain::User user;
  user.username = NormalUsername(in.username);
  user.full_name = text::Trim(in.full_name);
  user.unit_id = in.unit_id;
  CheckUsername(v, user.username);
  CheckFullName(v, user.full_name);
  CheckPassword(v, in.password);
  if (!tree->Find(in.unit_id)) v.Fail("unit_id", "đơn vị không tồn tại", "unit does not exist");
  user.roles = ParseRoles(v, in.roles);
  if (!v.ok()) return v.ToError();
  if (!caller.system) {
    if (!caller.signed_in()) return Error::Unauthenticated();
    if (!domain::Can(*caller.user, domain::Right::kManageUsers, user.unit_id, *tree) ||
        (user.Has(domain::Role::kAdmin) && !caller.user->Has(domain::Role::kAdmin))) {
      return Error::Forbidden();
    }
  }
  const auto hash = hasher_.Hash(in.password);  // before the connection is leased
  if (!hash) return PasswordPoolFull();
  auto created = Mutate(store_, caller, [&](Mutation& m) -> Result<domain::User> {
    storage::UsersRepo repo(m.sql());
    if (repo.FindByUsername(user.username)) {
      Error e = Error::Conflict("Tên đăng nhập đã được dùng", "That username is taken");
      e.details.push_back({"username", {"tên đăng nhập đã được dùng", "username is taken"}});
      return e;
    }
    // A signed-in caller asks for case roles; only the system (the command line, the seed)
    // gives them at once.
    domain::User asked = user;
    if (!caller.system) {
      user.roles.erase(std::remove_if(user.roles.begin(), user.roles.end(), domain::IsCaseRole),
                       user.roles.end());
    }
    user.id = repo.Insert(user, *hash, m.now_ms());
    m.Audit({"user.create", "user", IdToString(user.id), user.unit_id, "ok",
             user.username + " " + storage::JoinRoles(user.roles)});
    if (!caller.system) {
      asked.id = user.id;
      domain::User none = user;
      none.roles.clear();
      DeferCaseRoles(repo, caller, none, asked, "tài khoản mới");
    }
    std::vector<domain::User> one{repo.Get(user.id)->user};
    Decorate(repo, one);
    return one.front();
  });
  if (created.ok()) SessionsChanged();
  return created;
}

Result<domain::User> UsersService::Update(const Caller& caller, Id id, const UserPatch& patch) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  domain::User user;
  {
    auto sql = store_.Lease();
    auto rec = storage::UsersRepo(*sql).Get(id);
    if (!rec) return UserNotFound();
    user = rec->user;
  }
  const domain::User before = user;
  if (!domain::Can(*caller.user, domain::Right::kManageUsers, before.unit_id, *tree)) {
    return Error::Forbidden();
  }
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
    if (!tree->Find(*patch.unit_id))
      v.Fail("unit_id", "đơn vị không tồn tại", "unit does not exist");
    user.unit_id = *patch.unit_id;
  }
  if (patch.roles) user.roles = ParseRoles(v, *patch.roles);
  if (patch.active) user.active = *patch.active;
  if (patch.password) CheckPassword(v, *patch.password);
  if (!v.ok()) return v.ToError();
  const bool caller_admin = caller.user->Has(domain::Role::kAdmin);
  if (!domain::Can(*caller.user, domain::Right::kManageUsers, user.unit_id, *tree) ||
      (!caller_admin && (user.Has(domain::Role::kAdmin) || before.Has(domain::Role::kAdmin)))) {
    return Error::Forbidden();
  }
  const bool self = id == caller.user_id();
  if (self && (!user.active || (caller_admin && !user.Has(domain::Role::kAdmin)))) {
    return Error::Invalid("active",
                          "không thể tự khóa tài khoản hoặc tự bỏ quyền quản trị của mình",
                          "you cannot deactivate yourself or drop your own admin role");
  }
  if (self && std::any_of(user.roles.begin(), user.roles.end(), [&](domain::Role r) {
        return domain::IsCaseRole(r) && !before.Has(r);
      })) {
    Error e = Error::Forbidden();
    e.message = {
        "Không thể tự cấp vai trò quản lý vụ việc cho chính mình; cần người khác đề nghị "
        "và người thứ hai phê duyệt",
        "You cannot give yourself a case role; another person asks and a second approves"};
    return e;
  }
  user.version = patch.version;
  std::optional<std::string> hash;
  if (patch.password) {
    hash = hasher_.Hash(*patch.password);  // before the connection is leased
    if (!hash) return PasswordPoolFull();
  }
  const bool reset_by_other = patch.password && !self;
  auto updated = Mutate(store_, caller, [&](Mutation& m) -> Result<domain::User> {
    soci::session* sql = &m.sql();
    storage::UsersRepo repo(*sql);
    // The checks above ran on the user read before the hash; a change since is a conflict.
    auto current = repo.Get(id, m.lock());
    if (!current) return UserNotFound();
    if (current->user.version != before.version) return Error::StaleVersion(current->user.version);
    DeferCaseRoles(repo, caller, before, user, "đề nghị của " + caller.username());
    std::vector<domain::Role> suspended;
    if (reset_by_other) {
      // Whoever set the password could sign in as the user: case roles wait for a second person.
      for (auto role : user.roles) {
        if (domain::IsCaseRole(role)) suspended.push_back(role);
      }
      user.roles.erase(std::remove_if(user.roles.begin(), user.roles.end(), domain::IsCaseRole),
                       user.roles.end());
    }
    if (!repo.Update(user, NowMs())) {
      auto stored = repo.Get(id);
      return Error::StaleVersion(stored ? stored->user.version : 0);
    }
    if (hash) {
      repo.SetPassword(id, *hash, NowMs());
      repo.SetMustChangePassword(id, reset_by_other);
    }
    for (auto role : suspended) {
      storage::RoleGrant g;
      g.user_id = id;
      g.role = role;
      g.reason = "mật khẩu được đặt lại bởi " + caller.username();
      g.requested_by = caller.user_id();
      g.requested_ms = NowMs();
      const Id gid = repo.InsertGrant(g);
      WriteAudit(*sql, store_, caller,
                 {"role_grant.suspend", "role_grant", IdToString(gid), user.unit_id, "pending",
                  user.username + " " + std::string(domain::RoleName(role))});
    }
    if (reset_by_other) {
      storage::Notification n;
      n.user_id = id;
      n.kind = "password_reset";
      n.created_ms = NowMs();
      n.message = {
          "Mật khẩu của bạn đã được " + caller.username() + " đặt lại lúc " +
              VietnamDateTime(n.created_ms) +
              ". Hãy đổi mật khẩu ngay; nếu bạn không yêu cầu, báo cho người phụ trách." +
              (suspended.empty() ? ""
                                 : " Quyền quản lý vụ việc tạm dừng đến khi được phê duyệt lại."),
          "Your password was reset by " + caller.username() + " at " +
              VietnamDateTime(n.created_ms) +
              ". Change it now; if you did not ask for this, tell your supervisor." +
              (suspended.empty() ? "" : " Your case roles are suspended until approved again.")};
      storage::NotificationsRepo(*sql).Insert(n);
    }
    // A deactivated user, or one whose password was set, is signed out.
    if (!user.active || patch.password) repo.DeleteSessionsOf(id);
    m.Audit({"user.update", "user", IdToString(id), user.unit_id, "ok",
             user.username + " " + storage::JoinRoles(user.roles) +
                 (user.active ? "" : " inactive") + (patch.password ? " password" : "")});
    std::vector<domain::User> one{repo.Get(id)->user};
    Decorate(repo, one);
    return one.front();
  });
  if (updated.ok()) SessionsChanged();
  return updated;
}

Result<domain::User> UsersService::Unlock(const Caller& caller, Id id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  auto unlocked = Mutate(store_, caller, [&](Mutation& m) -> Result<domain::User> {
    storage::UsersRepo repo(m.sql());
    auto rec = repo.Get(id);
    if (!rec) return UserNotFound();
    if (!domain::Can(*caller.user, domain::Right::kManageUsers, rec->user.unit_id, *tree) ||
        (rec->user.Has(domain::Role::kAdmin) && !caller.user->Has(domain::Role::kAdmin))) {
      return Error::Forbidden();
    }
    repo.ClearAttempts(guard_.UserKey(rec->user.username));
    m.Audit({"user.unlock", "user", IdToString(id), rec->user.unit_id, "ok", rec->user.username});
    std::vector<domain::User> one{rec->user};
    Decorate(repo, one);
    return one.front();
  });
  if (unlocked.ok()) SessionsChanged();
  return unlocked;
}

Result<domain::User> UsersService::SetOwnEmail(const Caller& caller, long long version,
                                               const std::string& email,
                                               const std::string& preference) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  Validator v;
  const std::string address(text::Trim(email));
  if (!address.empty() && !domain::IsMailboxAddress(address)) {
    v.Fail("email", "địa chỉ thư điện tử không hợp lệ (ví dụ: ten@tinh.gov.vn)",
           "not a valid e-mail address (e.g. name@province.gov.vn)");
  }
  const auto pref = domain::ParseEmailPreference(preference);
  if (!pref) {
    v.Fail("email_pref", "chọn một trong: từng thông báo, tổng hợp hằng ngày, không nhận thư",
           "choose one of: each notice, a daily digest, no e-mail");
  }
  if (!v.ok()) return v.ToError();
  BD_RETURN_IF_ERROR(Mutate(store_, caller, [&](Mutation& m) -> Status {
    storage::UsersRepo repo(m.sql());
    auto rec = repo.Get(caller.user_id(), m.lock());
    if (!rec) return UserNotFound();
    if (rec->user.version != version) return Error::StaleVersion(rec->user.version);
    if (!repo.SetEmail(caller.user_id(), version, address, *pref, m.now_ms()))
      return Error::StaleVersion(rec->user.version);
    m.Audit({"user.email", "user", IdToString(caller.user_id()), caller.user->unit_id, "ok",
             std::string(domain::EmailPreferenceName(*pref))});
    return Ok();
  }));
  SessionsChanged();
  return Get(caller, caller.user_id());
}

Status UsersService::ChangeOwnPassword(const Caller& caller, const std::string& current,
                                       const std::string& next) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  Validator v;
  CheckPassword(v, next);
  if (next == current) {
    v.Fail("new_password", "mật khẩu mới phải khác mật khẩu hiện tại",
           "the new password must differ from the current one");
  }
  if (!v.ok()) return v.ToError();
  std::string stored;
  {
    auto sql = store_.Lease();
    auto rec = storage::UsersRepo(*sql).Get(caller.user_id());
    if (!rec) return UserNotFound();
    stored = rec->password_hash;
  }
  const auto match = hasher_.Verify(current, stored);
  if (!match) return PasswordPoolFull();
  if (!*match) {
    return Error::Invalid("current_password", "mật khẩu hiện tại không đúng",
                          "the current password is wrong");
  }
  const auto hash = hasher_.Hash(next);
  if (!hash) return PasswordPoolFull();
  BD_RETURN_IF_ERROR(Mutate(store_, caller, [&](Mutation& m) -> Status {
    storage::UsersRepo repo(m.sql());
    auto rec = repo.Get(caller.user_id());
    if (!rec) return UserNotFound();
    // The password checked above is still the stored one (no change raced in between).
    if (rec->password_hash != stored) return Error::StaleVersion(rec->user.version);
    repo.SetPassword(caller.user_id(), *hash, m.now_ms());
    repo.SetMustChangePassword(caller.user_id(), false);
    m.Audit({"user.password", "user", IdToString(caller.user_id()), caller.user->unit_id, "ok",
             caller.username()});
    return Ok();
  }));
  SessionsChanged();
  return Ok();
}

bool UsersService::MayDecide(const domain::User& decider, const storage::RoleGrant& grant,
                             const domain::User& target) {
  if (!decider.active || decider.id == grant.requested_by || decider.id == grant.user_id)
    return false;
  if (decider.Has(domain::Role::kAdmin)) return true;
  return decider.Has(domain::Role::kCaseSupervisor) &&
         domain::InSubtreeAcrossTime(target.unit_id, decider.unit_id, *directory_.Tree());
}

Result<std::vector<GrantView>> UsersService::PendingGrants(const Caller& caller) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  if (!caller.user->Has(domain::Role::kAdmin) && !caller.user->Has(domain::Role::kCaseSupervisor)) {
    return Error::Forbidden();
  }
  auto sql = store_.Lease();
  storage::UsersRepo repo(*sql);
  std::vector<GrantView> out;
  for (auto& g : repo.PendingGrants()) {
    auto target = repo.Get(g.user_id);
    if (!target || !MayDecide(*caller.user, g, target->user)) continue;
    auto by = g.requested_by ? repo.Get(g.requested_by) : std::nullopt;
    out.push_back({g, target->user, by ? by->user.username : std::string()});
  }
  return out;
}

Result<domain::User> UsersService::DecideGrant(const Caller& caller, Id grant_id, bool approve) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto decided = Mutate(store_, caller, [&](Mutation& m) -> Result<domain::User> {
    soci::session* sql = &m.sql();
    storage::UsersRepo repo(*sql);
    auto grant = repo.GetGrant(grant_id);
    if (!grant) return Error::NotFound("đề nghị cấp quyền", "Role grant");
    auto target = repo.Get(grant->user_id);
    if (!target) return UserNotFound();
    if (!MayDecide(*caller.user, *grant, target->user)) {
      Error e = Error::Forbidden();
      e.message = {
          "Đề nghị cấp vai trò quản lý vụ việc phải do người thứ hai (quản trị viên khác hoặc "
          "giám sát vụ việc) phê duyệt, không phải người đề nghị hay người được cấp",
          "A case role is approved by a second person (another administrator or a case "
          "supervisor), not by whoever asked or receives it"};
      return e;
    }
    if (grant->status != "pending" ||
        !repo.DecideGrant(grant_id, approve ? "approved" : "rejected", caller.user_id(), NowMs())) {
      return Error::Conflict("Đề nghị này đã được quyết định", "This grant was already decided");
    }
    domain::User user = target->user;
    if (approve && !user.Has(grant->role)) {
      user.roles.push_back(grant->role);
      if (!repo.Update(user, NowMs())) return Error::StaleVersion(user.version);
    }
    const std::string role_vi =
        grant->role == domain::Role::kCaseWorker ? "cán bộ quản lý vụ việc" : "giám sát vụ việc";
    const std::string role_en(domain::RoleName(grant->role));
    storage::Notification n;
    n.user_id = user.id;
    n.kind = approve ? "role_granted" : "role_rejected";
    n.created_ms = NowMs();
    n.message = approve
                    ? Message{"Bạn đã được cấp vai trò " + role_vi + " (phê duyệt bởi " +
                                  caller.username() + ")",
                              "You were granted the role " + role_en + " (approved by " +
                                  caller.username() + ")"}
                    : Message{"Đề nghị cấp vai trò " + role_vi + " cho bạn không được phê duyệt",
                              "The request to grant you " + role_en + " was not approved"};
    storage::NotificationsRepo(*sql).Insert(n);
    m.Audit({approve ? "role_grant.approve" : "role_grant.reject", "role_grant",
             IdToString(grant_id), user.unit_id, "ok", user.username + " " + role_en});
    std::vector<domain::User> one{repo.Get(user.id)->user};
    Decorate(repo, one);
    return one.front();
  });
  if (decided.ok()) SessionsChanged();
  return decided;
}

Status UsersService::SetPasswordBySystem(const std::string& username, const std::string& password) {
  Validator v;
  CheckPassword(v, password);
  if (!v.ok()) return v.ToError();
  // Hashed before the connection is leased: argon2id takes a while and needs no database.
  const std::string hash = crypto::HashPassword(password);
  BD_RETURN_IF_ERROR(Mutate(store_, Caller::System(), [&](Mutation& m) -> Status {
    storage::UsersRepo repo(m.sql());
    auto rec = repo.FindByUsername(text::AsciiLower(username));
    if (!rec) return UserNotFound();
    repo.SetPassword(rec->user.id, hash, m.now_ms());
    repo.DeleteSessionsOf(rec->user.id);
    m.Audit({"user.passwd", "user", IdToString(rec->user.id), rec->user.unit_id, "ok",
             rec->user.username});
    return Ok();
  }));
  SessionsChanged();
  return Ok();
}

}  // namespace binhdang::service
