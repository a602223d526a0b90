// CasesService: who else comes to a case — an explicit transfer to another case worker, an
// emergency ("break the glass") access by a case supervisor, and what waits for a supervisor's
// decision.
#include "common/text.h"
#include "service/audit.h"
#include "service/cases.h"
#include "service/cases_seal.h"
#include "service/mutate.h"
#include "storage/notifications_repo.h"
#include "storage/users_repo.h"

namespace binhdang::service {

using cases_internal::CaseAudit;
using cases_internal::SealText;

namespace {
constexpr size_t kMinTransferReason = 10;

bool Closed(const domain::CaseRecord& c) {
  return c.status == "closed" || c.status == domain::kClosureRequested;
}
}  // namespace

Result<domain::CaseRecord> CasesService::SetConsentToCount(const Caller& caller, Id case_id,
                                                           bool consent, long long version) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(auto keys, Keys());
  return Mutate(store_, caller, [&](Mutation& mu) -> Result<domain::CaseRecord> {
    storage::CasesRepo repo(mu.sql());
    BD_ASSIGN_OR_RETURN(auto loaded, Load(repo, case_id));
    const auto& c = loaded.stored.record;
    if (!domain::CanManageCase(*caller.user, c, loaded.members, *directory_.Tree())) {
      return Error::Forbidden();
    }
    if (!repo.UpdateConsent(case_id, consent, version, mu.now_ms())) {
      return Error::StaleVersion(repo.Version(case_id));
    }
    mu.Audit(CaseAudit("case.consent_to_count", c, consent ? "given" : "withdrawn"));
    repo.LogAccess(
        case_id, {0, caller.user_id(), caller.username(), mu.now_ms(), "consent", caller.address});
    return repo.Get(case_id)->record;
  });
}

Result<TransferOutcome> CasesService::Transfer(const Caller& caller, Id case_id, Id to_user,
                                               const std::string& reason, long long version) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(auto keys, Keys());
  auto tree = directory_.Tree();
  return Mutate(store_, caller, [&](Mutation& mu) -> Result<TransferOutcome> {
    storage::CasesRepo repo(mu.sql());
    BD_ASSIGN_OR_RETURN(auto loaded, Load(repo, case_id));
    const domain::CaseRecord c = loaded.stored.record;
    if (!domain::CanManageCase(*caller.user, c, loaded.members, *tree)) return Error::Forbidden();
    BD_RETURN_IF_ERROR(CheckKeyCurrent(repo, *keys));
    Validator v;
    auto target = storage::UsersRepo(mu.sql()).Get(to_user);
    if (!target || !domain::CanOwnCase(target->user, c, *tree)) {
      v.Fail("to_user_id", "Người nhận phải là cán bộ quản lý ca của đơn vị có vụ việc",
             "The new owner must be a case worker of the case's unit");
    } else if (to_user == c.owner_id) {
      v.Fail("to_user_id", "Người này đang phụ trách vụ việc", "This user already owns the case");
    }
    if (text::Length(text::Trim(reason)) < kMinTransferReason) {
      v.Fail("reason", "Cần ghi lý do chuyển vụ việc (ít nhất 10 ký tự)",
             "A reason of at least 10 characters is required");
    } else if (text::Length(reason) > 2000) {
      v.Fail("reason", "Lý do dài quá 2000 ký tự", "reason is longer than 2000 characters");
    }
    if (!v.ok()) return v.ToError();
    if (c.version != version) return Error::StaleVersion(c.version);
    if (Closed(c)) {
      return Error::Conflict("Vụ việc đã đóng hoặc đang chờ duyệt đóng nên không chuyển được",
                             "The case is closed or waiting for closure approval");
    }
    const int64_t now = mu.now_ms();
    if (!repo.UpdateOwner(case_id, to_user, version, now)) {
      return Error::StaleVersion(repo.Version(case_id));
    }
    storage::CaseTransfer t{0, case_id, c.owner_id, to_user, caller.user_id(), "", now};
    t.id = repo.InsertTransfer(t);
    repo.SetSealed("case_transfers", "reason_enc", t.id,
                   SealText(*keys, case_id, "case_transfers", t.id, reason));
    repo.LogAccess(case_id,
                   {0, caller.user_id(), caller.username(), now, "transfer", caller.address});
    mu.Audit(CaseAudit("case.transfer", c,
                       "from user " + IdToString(c.owner_id) + " to user " + IdToString(to_user)));
    storage::Notification n;
    n.user_id = to_user;
    n.kind = "case_transferred";
    n.created_ms = now;
    n.message = {"Bạn được giao phụ trách vụ việc " + c.code + " từ " + VietnamDateTime(now) + ".",
                 "Case " + c.code + " was transferred to you at " + VietnamDateTime(now) + "."};
    storage::NotificationsRepo(mu.sql()).Insert(n);
    TransferOutcome out;
    out.code = c.code;
    BD_ASSIGN_OR_RETURN(auto reloaded, Load(repo, case_id));
    if (domain::CanReadCase(*caller.user, reloaded.stored.record, reloaded.members, *tree)) {
      out.view = ViewOf(repo, *keys, std::move(reloaded), *caller.user);
    }
    return out;
  });
}

Result<std::vector<TransferCandidate>> CasesService::TransferCandidates(const Caller& caller,
                                                                        Id case_id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(auto keys, Keys());
  auto tree = directory_.Tree();
  auto sql = store_.Lease();
  storage::CasesRepo repo(*sql);
  BD_ASSIGN_OR_RETURN(auto loaded, Load(repo, case_id));
  const auto& c = loaded.stored.record;
  if (!domain::CanManageCase(*caller.user, c, loaded.members, *tree)) return Error::Forbidden();
  std::vector<TransferCandidate> out;
  for (const auto& u : storage::UsersRepo(*sql).List()) {
    if (u.id != c.owner_id && domain::CanOwnCase(u, c, *tree)) {
      out.push_back({u.id, u.username, u.full_name, u.unit_id});
    }
  }
  return out;
}

Result<EmergencyOutcome> CasesService::BreakGlass(const Caller& caller, const std::string& code,
                                                  const std::string& reason) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(auto keys, Keys());
  if (!caller.user->active || !caller.user->Has(domain::Role::kCaseSupervisor)) {
    return Error::Forbidden();
  }
  Validator v;
  const std::string wanted = text::Trim(code);
  if (wanted.empty()) v.Fail("code", "Cần nhập mã vụ việc", "code is required");
  if (text::Length(text::Trim(reason)) < domain::kMinEmergencyReason) {
    v.Fail("reason", "Cần ghi lý do truy cập khẩn cấp (ít nhất 20 ký tự)",
           "A reason of at least 20 characters is required");
  } else if (text::Length(reason) > 2000) {
    v.Fail("reason", "Lý do dài quá 2000 ký tự", "reason is longer than 2000 characters");
  }
  if (!v.ok()) return v.ToError();
  auto tree = directory_.Tree();
  return Mutate(store_, caller, [&](Mutation& mu) -> Result<EmergencyOutcome> {
    storage::CasesRepo repo(mu.sql());
    BD_RETURN_IF_ERROR(CheckKeyCurrent(repo, *keys));
    auto stored = repo.ByCode(wanted);
    // Outside the caller's subtree a case answers as one that does not exist: the code tells
    // nothing about cases elsewhere.
    if (!stored || !domain::CanBreakGlass(*caller.user, stored->record, *tree)) {
      return Error::Invalid("code", "Không có vụ việc mang mã này trong địa bàn của bạn",
                            "No case with this code in your area");
    }
    const auto& c = stored->record;
    const auto members = MembersNow(repo, c.id);
    if (domain::CanReadCase(*caller.user, c, members, *tree)) {
      return Error::Conflict("Bạn đã có quyền xem vụ việc này", "You already read this case");
    }
    const int64_t now = mu.now_ms();
    storage::EmergencyGrant g{0,  c.id, caller.user_id(),
                              "", now,  now + int64_t{domain::kEmergencyAccessHours} * 3600 * 1000};
    g.id = repo.InsertEmergencyGrant(g);
    repo.SetSealed("case_emergency_access", "reason_enc", g.id,
                   SealText(*keys, c.id, "case_emergency_access", g.id, reason));
    repo.LogAccess(c.id,
                   {0, caller.user_id(), caller.username(), now, "emergency", caller.address});
    mu.Audit(CaseAudit("case.emergency_access", c, "until " + IsoInstant(g.until_ms)));
    storage::Notification n;
    n.user_id = c.owner_id;
    n.kind = "case_emergency_access";
    n.created_ms = now;
    n.message = {caller.username() + " đã truy cập khẩn cấp vụ việc " + c.code + " lúc " +
                     VietnamDateTime(now) + ", có hiệu lực đến " + VietnamDateTime(g.until_ms) +
                     ". Lý do được ghi trong nhật ký truy cập của vụ việc.",
                 caller.username() + " opened case " + c.code + " by emergency access at " +
                     VietnamDateTime(now) + ", until " + VietnamDateTime(g.until_ms) +
                     ". The reason is on the case's access log."};
    storage::NotificationsRepo(mu.sql()).Insert(n);
    return EmergencyOutcome{c.id, c.code, g.until_ms};
  });
}

Result<Approvals> CasesService::PendingApprovals(const Caller& caller) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(auto keys, Keys());
  if (!caller.user->active || !caller.user->Has(domain::Role::kCaseSupervisor)) {
    return Error::Forbidden();
  }
  auto tree = directory_.Tree();
  // What the supervisor is shown is recorded as a read, in the same transaction.
  return Mutate(store_, caller, [&](Mutation& mu) -> Result<Approvals> {
    storage::CasesRepo repo(mu.sql());
    Approvals out;
    for (auto& s : repo.Of(caller.user_id(), NowMs())) {
      const Id id = s.record.id;
      Loaded loaded{std::move(s), MembersNow(repo, id)};
      bool supervises = false;
      for (const auto& m : loaded.members) {
        supervises = supervises || (m.user_id == caller.user_id() && m.role == "supervisor");
      }
      if (!supervises ||
          !domain::CanReadCase(*caller.user, loaded.stored.record, loaded.members, *tree)) {
        continue;
      }
      const domain::CaseRecord record = loaded.stored.record;
      CaseView view = ViewOf(repo, *keys, std::move(loaded), *caller.user);
      bool listed = false;
      for (const auto& r : view.referrals) {
        if (!r.consent) {
          auto name = view.provider_names.find(r.provider_id);
          out.overrides.push_back({record.id, record.code, record.unit_id, r,
                                   name == view.provider_names.end() ? "" : name->second});
          listed = true;
        }
      }
      if (view.can_approve_closure) {
        out.closures.push_back(std::move(view));
        listed = true;
      }
      // What the supervisor was shown of a case is a read of it.
      if (listed) {
        repo.LogAccess(record.id, {0, caller.user_id(), caller.username(), NowMs(), "approvals",
                                   caller.address});
      }
    }
    mu.Audit({"case.approvals", "case", "", caller.user->unit_id, "ok",
              std::to_string(out.closures.size()) + " closures, " +
                  std::to_string(out.overrides.size()) + " overrides"});
    return out;
  });
}

}  // namespace binhdang::service
