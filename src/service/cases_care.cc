// CasesService, the care of a case: measures and their legal clocks, referrals with consent,
// follow-ups, and closure approved by a supervisor.
#include "domain/case_directory.h"
#include "service/cases.h"
#include "service/cases_seal.h"
#include "service/mutate.h"
#include "storage/cases_repo_directory.h"

namespace binhdang::service {

using cases_internal::CaseAudit;
using cases_internal::SealText;

namespace {
Error Closed() {
  return Error::Conflict("Vụ việc đã đóng hoặc đang chờ duyệt đóng nên không ghi thêm được",
                         "The case is closed or waiting for closure approval");
}
bool NamedSupervisor(const domain::User& user, const std::vector<domain::CaseMember>& members) {
  for (const auto& m : members) {
    if (m.role == "supervisor" && m.user_id == user.id) return true;
  }
  return false;
}
}  // namespace

template <typename Body>
Result<CaseView> CasesService::CareWrite(const Caller& caller, Id case_id, const char* what,
                                         Body&& body) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(auto keys, Keys());
  return Mutate(store_, caller, [&](Mutation& m) -> Result<CaseView> {
    storage::CasesRepo repo(m.sql());
    BD_ASSIGN_OR_RETURN(auto loaded, LoadReadable(repo, caller, case_id));
    BD_RETURN_IF_ERROR(CheckKeyCurrent(repo, *keys));
    BD_RETURN_IF_ERROR(body(m, repo, *keys, loaded));
    repo.LogAccess(case_id,
                   {0, caller.user_id(), caller.username(), m.now_ms(), what, caller.address});
    BD_ASSIGN_OR_RETURN(auto reloaded, Load(repo, case_id));
    return ViewOf(repo, *keys, std::move(reloaded), *caller.user);
  });
}

Result<CaseView> CasesService::AddMeasure(const Caller& caller, Id case_id, domain::Measure in) {
  return CareWrite(
      caller, case_id, "measure",
      [&](Mutation& mu, storage::CasesRepo& repo, const CaseKeys& keys, Loaded& loaded) -> Status {
        const auto& c = loaded.stored.record;
        if (c.status == "closed" || c.status == domain::kClosureRequested) return Closed();
        const int64_t now = NowMs();
        if (in.requested_ms == 0) in.requested_ms = now;
        Validator v;
        domain::ValidateMeasure(in, now, v);
        if (!v.ok()) return v.ToError();
        in.case_id = case_id;
        in.created_by = caller.user_id();
        in.created_ms = now;
        const std::string note = in.note;
        in.note.clear();
        in.id = repo.InsertMeasure(in);
        repo.SetSealed("case_measures", "note_enc", in.id,
                       SealText(keys, case_id, "case_measures", in.id, note));
        mu.Audit(CaseAudit("case.measure.add", c, in.type + " " + in.authority + " " + in.status));
        return Ok();
      });
}

Result<CaseView> CasesService::UpdateMeasure(const Caller& caller, Id case_id, Id measure_id,
                                             const MeasurePatch& patch) {
  return CareWrite(
      caller, case_id, "measure",
      [&](Mutation& mu, storage::CasesRepo& repo, const CaseKeys& keys, Loaded& loaded) -> Status {
        const auto& c = loaded.stored.record;
        auto m = repo.Measure(measure_id);
        if (!m || m->case_id != case_id) return Error::NotFound("biện pháp", "Measure");
        if (m->version != patch.version) return Error::StaleVersion(m->version);
        if (c.status == "closed" || c.status == domain::kClosureRequested) return Closed();
        if (m->status == "ended" || m->status == "refused") {
          return Error::Conflict("Biện pháp đã kết thúc hoặc không được chấp thuận, không sửa được",
                                 "The measure has ended or was refused");
        }
        const int64_t now = NowMs();
        if (patch.status) m->status = *patch.status;
        if (patch.decided_ms) m->decided_ms = *patch.decided_ms;
        // Deciding without a time given: decided now.
        if ((m->status == "in_force" || m->status == "refused") && !m->decided_ms)
          m->decided_ms = now;
        if (patch.starts_on) m->starts_on = *patch.starts_on;
        if (patch.ends_on) m->ends_on = *patch.ends_on;
        if (patch.note)
          m->note = *patch.note;
        else
          m->note =
              cases_internal::OpenText(keys, case_id, "case_measures", m->id, m->note).value_or("");
        Validator v;
        domain::ValidateMeasure(*m, now, v);
        if (!v.ok()) return v.ToError();
        const std::string note = m->note;
        m->note = SealText(keys, case_id, "case_measures", m->id, note);
        if (!repo.UpdateMeasure(*m)) return Error::StaleVersion(m->version + 1);
        mu.Audit(
            CaseAudit("case.measure.update", c, "measure " + IdToString(m->id) + " " + m->status));
        return Ok();
      });
}

Result<CaseView> CasesService::AddReferral(const Caller& caller, Id case_id, domain::Referral in) {
  return CareWrite(
      caller, case_id, "referral",
      [&](Mutation& mu, storage::CasesRepo& repo, const CaseKeys& keys, Loaded& loaded) -> Status {
        const auto& c = loaded.stored.record;
        if (c.status == "closed" || c.status == domain::kClosureRequested) return Closed();
        Validator v;
        auto provider = storage::ProvidersRepo(mu.sql()).Get(in.provider_id);
        if (!provider || !provider->active) {
          v.Fail("provider_id", "Không có nơi cung cấp dịch vụ này trong danh bạ",
                 "No such provider");
        } else if (std::find(provider->services.begin(), provider->services.end(), in.service) ==
                   provider->services.end()) {
          v.Fail("service", "Nơi này không cung cấp dịch vụ đã chọn",
                 "The provider does not offer this service");
        }
        in.status = "sent";
        const bool supervisor = NamedSupervisor(*caller.user, loaded.members);
        domain::ValidateReferral(in, supervisor, Date::TodayInVietnam(), v);
        if (!v.ok()) return v.ToError();
        in.case_id = case_id;
        in.created_by = caller.user_id();
        in.created_ms = NowMs();
        if (!in.consent) in.override_by = caller.user_id();
        const std::string reason = in.override_reason;
        in.override_reason.clear();
        in.id = repo.InsertReferral(in);
        repo.SetSealed("case_referrals", "override_reason_enc", in.id,
                       SealText(keys, case_id, "case_referrals", in.id, reason));
        // A referral without consent is flagged in the audit log, which the owner reads.
        mu.Audit(CaseAudit(in.consent ? "case.referral.add" : "case.referral.override", c,
                           "provider " + IdToString(in.provider_id) + " " + in.service));
        return Ok();
      });
}

Result<CaseView> CasesService::SetReferralStatus(const Caller& caller, Id case_id, Id referral_id,
                                                 const std::string& status, long long version) {
  return CareWrite(
      caller, case_id, "referral",
      [&](Mutation& mu, storage::CasesRepo& repo, const CaseKeys&, Loaded& loaded) -> Status {
        const auto& c = loaded.stored.record;
        auto r = repo.Referral(referral_id);
        if (!r || r->case_id != case_id) return Error::NotFound("chuyển gửi", "Referral");
        if (r->version != version) return Error::StaleVersion(r->version);
        if (c.status == "closed") return Closed();
        if (!domain::IsCode(domain::kReferralStatuses, status)) {
          Validator v;
          domain::RequireCode(domain::kReferralStatuses, status, "status", v);
          return v.ToError();
        }
        if (!repo.UpdateReferralStatus(referral_id, status, version)) {
          return Error::StaleVersion(version + 1);
        }
        mu.Audit(CaseAudit("case.referral.status", c,
                           "referral " + IdToString(referral_id) + " " + status));
        return Ok();
      });
}

Result<CaseView> CasesService::AddFollowup(const Caller& caller, Id case_id, domain::Followup in) {
  return CareWrite(
      caller, case_id, "followup",
      [&](Mutation& mu, storage::CasesRepo& repo, const CaseKeys& keys, Loaded& loaded) -> Status {
        const auto& c = loaded.stored.record;
        if (c.status == "closed" || c.status == domain::kClosureRequested) return Closed();
        Validator v;
        domain::ValidateFollowup(in, Date::TodayInVietnam(), v);
        if (!v.ok()) return v.ToError();
        in.case_id = case_id;
        in.created_by = caller.user_id();
        in.created_ms = NowMs();
        const std::string note = in.note;
        in.note.clear();
        in.id = repo.InsertFollowup(in);
        repo.SetSealed("case_followups", "note_enc", in.id,
                       SealText(keys, case_id, "case_followups", in.id, note));
        mu.Audit(CaseAudit("case.followup.add", c, "due " + in.due_on.Iso()));
        return Ok();
      });
}

Result<CaseView> CasesService::UpdateFollowup(const Caller& caller, Id case_id, Id followup_id,
                                              const FollowupPatch& patch) {
  return CareWrite(
      caller, case_id, "followup",
      [&](Mutation& mu, storage::CasesRepo& repo, const CaseKeys& keys, Loaded& loaded) -> Status {
        const auto& c = loaded.stored.record;
        auto f = repo.Followup(followup_id);
        if (!f || f->case_id != case_id) return Error::NotFound("lần theo dõi", "Follow-up");
        if (f->version != patch.version) return Error::StaleVersion(f->version);
        if (c.status == "closed" || c.status == domain::kClosureRequested) return Closed();
        if (patch.due_on) f->due_on = *patch.due_on;
        if (patch.done_on) f->done_on = *patch.done_on;
        f->note = patch.note
                      ? *patch.note
                      : cases_internal::OpenText(keys, case_id, "case_followups", f->id, f->note)
                            .value_or("");
        Validator v;
        domain::ValidateFollowup(*f, Date::TodayInVietnam(), v);
        if (!v.ok()) return v.ToError();
        f->note = SealText(keys, case_id, "case_followups", f->id, f->note);
        if (!repo.UpdateFollowup(*f)) return Error::StaleVersion(f->version + 1);
        mu.Audit(CaseAudit("case.followup.update", c, "followup " + IdToString(f->id)));
        return Ok();
      });
}

Result<CaseView> CasesService::RequestClosure(const Caller& caller, Id case_id,
                                              const std::string& reason, long long version) {
  return CareWrite(
      caller, case_id, "closure",
      [&](Mutation& mu, storage::CasesRepo& repo, const CaseKeys&, Loaded& loaded) -> Status {
        const auto& c = loaded.stored.record;
        if (c.owner_id != caller.user_id()) {
          return Error::Forbidden();
        }
        if (c.version != version) return Error::StaleVersion(c.version);
        if (c.status == "closed" || c.status == domain::kClosureRequested) return Closed();
        Validator v;
        domain::RequireCode(domain::kCloseReasons, reason, "reason", v);
        bool has_supervisor = false;
        for (const auto& m : loaded.members) has_supervisor |= m.role == "supervisor";
        if (!has_supervisor) {
          v.Fail("reason",
                 "Cần ghi tên một giám sát viên vào vụ việc trước khi đề nghị đóng: việc đóng vụ "
                 "việc do giám sát viên duyệt",
                 "name a supervisor on the case first: a supervisor approves the closure");
        }
        if (!v.ok()) return v.ToError();
        storage::CaseClosure closure;
        closure.reason = reason;
        closure.requested_by = caller.user_id();
        if (!repo.UpdateClosure(case_id, std::string(domain::kClosureRequested), closure, version,
                                NowMs())) {
          return Error::StaleVersion(repo.Version(case_id));
        }
        mu.Audit(CaseAudit("case.close.request", c, reason));
        return Ok();
      });
}

Result<CaseView> CasesService::DecideClosure(const Caller& caller, Id case_id, bool approve,
                                             long long version) {
  return CareWrite(
      caller, case_id, "closure",
      [&](Mutation& mu, storage::CasesRepo& repo, const CaseKeys&, Loaded& loaded) -> Status {
        const auto& c = loaded.stored.record;
        auto closure = repo.Closure(case_id);
        if (!NamedSupervisor(*caller.user, loaded.members) ||
            closure.requested_by == std::optional<Id>(caller.user_id())) {
          return Error::Forbidden();
        }
        if (c.version != version) return Error::StaleVersion(c.version);
        if (c.status != domain::kClosureRequested) {
          return Error::Conflict("Vụ việc không có đề nghị đóng đang chờ duyệt",
                                 "The case has no closure waiting for approval");
        }
        const int64_t now = NowMs();
        if (approve) {
          closure.closed_by = caller.user_id();
          closure.closed_ms = now;
        } else {
          closure = {};
        }
        if (!repo.UpdateClosure(case_id, approve ? "closed" : "in_progress", closure, version,
                                now)) {
          return Error::StaleVersion(repo.Version(case_id));
        }
        mu.Audit(CaseAudit(approve ? "case.close.approve" : "case.close.return", c));
        return Ok();
      });
}

}  // namespace binhdang::service
