// GBV case management (quản lý ca): opening cases, incidents, members, the survivor's identity
// sealed at rest, the per-case access log and anonymised counts.
//
// The survivor's name, date of birth, phone, address and national id are sealed field by field
// with XChaCha20-Poly1305 under a subkey of the case data key, with a fresh nonce each, and the
// case id and field name as associated data (a ciphertext moved to another case or field does
// not open). A keyed blind index of the folded name and birth year finds possible duplicates
// without opening other cases. Without the key (or with a key that did not seal this
// database) every call answers kUnavailable (503) saying why; nothing else in the server depends
// on it.
//
// Access is need-to-know (domain/case.h). Every read of a case goes to its access log and to the
// audit log in the same transaction; the audit log carries the case id and code, never a
// protected field. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "domain/case.h"
#include "domain/case_care.h"
#include "domain/case_statistics.h"
#include "domain/period.h"
#include "service/context.h"
#include "service/unit_directory.h"
#include "storage/cases_repo.h"
#include "storage/store.h"

namespace binhdang::service {

//! The subkeys of one case data key.
struct CaseKeys {
  std::string field_key;  // seals identity fields
  std::string index_key;  // keys the blind index
  std::string key_id;     // public fingerprint, stored beside what the key sealed

  //! Requires a key of crypto::kAeadKeyBytes.
  static CaseKeys From(const std::string& master);
};

struct NewCase {
  domain::CaseRecord record;  // unit_id, sex, age_band, ethnicity, disability, opened_on
  domain::Identity identity;
  std::optional<domain::Incident> incident;  // the first incident, optional
};

//! A measure with its legal clock, its note opened.
struct MeasureView {
  domain::Measure measure;
  domain::MeasureClock clock;
};

//! A case as its readers see it, without the identity. Notes of its care are opened.
struct CaseView {
  domain::CaseRecord record;
  std::vector<domain::Incident> incidents;
  std::vector<domain::CaseMember> members;
  std::vector<MeasureView> measures;
  std::vector<domain::Referral> referrals;
  std::vector<domain::Followup> followups;
  storage::CaseClosure closure;
  //! Transfers and running emergency grants, reasons opened: shown to who manages the case.
  std::vector<storage::CaseTransfer> transfers;
  std::vector<storage::EmergencyGrant> emergency_grants;
  //! Full names of the users the view mentions (members, who asked to close, transfers,
  //! grants, overrides) and names of the providers of its referrals, for people to read.
  std::map<Id, std::string> user_names, provider_names;
  //! Until when the caller reads the case by emergency access; null when not by one.
  std::optional<int64_t> emergency_until_ms;
  bool can_manage = false;
  bool can_approve_closure = false;  // a supervisor named on it, not the one who asked
  int possible_duplicates = 0;       // other cases with the same blind index
};

//! What a PATCH of a measure changes: the decision, its dates, its end, the note.
struct MeasurePatch {
  long long version = 0;
  std::optional<std::string> status;
  std::optional<int64_t> decided_ms;
  std::optional<Date> starts_on, ends_on;
  std::optional<std::string> note;
};

struct FollowupPatch {
  long long version = 0;
  std::optional<Date> due_on, done_on;
  std::optional<std::string> note;
};

//! A case with the same blind index: only what tells the caller where to ask.
struct DuplicateHit {
  Id case_id = 0;
  std::string code;
  Id unit_id = 0;
  bool on_case = false;  // the caller may open it
};

//! Anonymised statistics of a unit's subtree over a period; each cell already suppressed.
struct CaseStatistics {
  Id unit_id = 0;
  std::optional<domain::Period> period;  // null: every case
  std::string total;                     // counted cases
  std::string not_counted;               // cases whose survivor did not consent to be counted
  std::string incidents;                 // incidents of counted cases
  std::vector<domain::ShownCell> by_sex, by_age_band, by_dv_age_group, by_gbv_type, by_dv_form,
      by_reported_by, by_measure, by_service, by_unit;
  std::string sought_help, needed_support, received_support;
};

//! Case element code → the count as it may be shown (nullopt: hidden).
using CaseIndicatorValues = std::map<std::string, std::optional<long long>>;

//! The annual DV statistics report of a unit (TT 07/2017/TT-BVHTTDL).
struct DvReport {
  Id unit_id = 0;
  domain::Period period;
  std::vector<domain::DvReportRow> rows;
};

//! What a transfer leaves the caller with.
struct TransferOutcome {
  std::string code;
  std::optional<CaseView> view;  // null when the caller no longer reads the case
};

struct EmergencyOutcome {
  Id case_id = 0;
  std::string code;
  int64_t until_ms = 0;
};

//! Someone a case may be transferred to.
struct TransferCandidate {
  Id user_id = 0;
  std::string username, full_name;
  Id unit_id = 0;
};

//! What waits for a case supervisor: closures to decide, and referrals sent without consent on
//! the cases they supervise.
struct Approvals {
  std::vector<CaseView> closures;
  struct Override {
    Id case_id = 0;
    std::string case_code;
    Id unit_id = 0;
    domain::Referral referral;
    std::string provider_name;  // "" when the provider left the directory
  };
  std::vector<Override> overrides;
};

class CasesService {
 public:
  CasesService(storage::Store& store, UnitDirectory& directory);

  //! Takes the case data key (raw bytes). The first key seen by a database is recorded (its
  //! fingerprint, in meta); a different key later is refused and the module stays unavailable.
  Status UseKey(const std::string& master);
  //! Makes the module unavailable, giving `reason_vi` / `reason_en` to every caller; returns
  //! the error they get.
  Error Disable(std::string reason_vi, std::string reason_en);
  bool available() const;
  //! True iff this database has recorded the fingerprint of a case data key (a key has sealed
  //! or may have sealed cases in it): then a missing key file must not be replaced by a new key.
  bool KeyRecorded();

  Result<CaseView> Create(const Caller& caller, NewCase in);
  //! The caller's cases (owned or named on), newest first. Case roles only.
  Result<Page<CaseView>> Mine(const Caller& caller, const PageRequest& page);
  //! A case without identity; logged as "case".
  Result<CaseView> Get(const Caller& caller, Id case_id);
  //! The survivor's identity, opened; logged as "identity".
  Result<domain::Identity> Identity(const Caller& caller, Id case_id);
  Result<domain::Incident> AddIncident(const Caller& caller, Id case_id, domain::Incident in);
  //! Names another case worker ("worker") or a case supervisor of the unit ("supervisor").
  Result<CaseView> AddMember(const Caller& caller, Id case_id, Id user_id, const std::string& role);
  Result<domain::CaseRecord> SetStatus(const Caller& caller, Id case_id, const std::string& status,
                                       long long version);
  //! Owner and supervisors only.
  Result<std::vector<storage::CaseAccess>> AccessLog(const Caller& caller, Id case_id);
  //! Cases whose survivor has the same folded name and birth year. Case workers only.
  Result<std::vector<DuplicateHit>> Duplicates(const Caller& caller, const std::string& full_name,
                                               const std::string& date_of_birth);
  //! Sets whether the survivor consents to be counted (a new answer of theirs). Managers only.
  Result<domain::CaseRecord> SetConsentToCount(const Caller& caller, Id case_id, bool consent,
                                               long long version);

  // ---- Transfer and emergency access (service/cases_access.cc).
  //! Hands the case to another case worker of its unit's subtree, with a written reason (at
  //! least 10 characters, sealed). The owner or a supervisor named on it; audited and logged.
  Result<TransferOutcome> Transfer(const Caller& caller, Id case_id, Id to_user,
                                   const std::string& reason, long long version);
  Result<std::vector<TransferCandidate>> TransferCandidates(const Caller& caller, Id case_id);
  //! Break the glass: a case supervisor of the case's subtree reads the case with code `code`
  //! for domain::kEmergencyAccessHours. The owner is notified; audited as such.
  Result<EmergencyOutcome> BreakGlass(const Caller& caller, const std::string& code,
                                      const std::string& reason);
  //! Case supervisors only.
  Result<Approvals> PendingApprovals(const Caller& caller);

  // ---- Statistics (service/cases_statistics.cc): counted cases only, small cells suppressed.
  Result<CaseStatistics> Statistics(const Caller& caller, Id unit_id,
                                    std::optional<domain::Period> period);
  Result<DvReport> DvAnnualReport(const Caller& caller, Id unit_id, const domain::Period& period);
  //! The counts behind the case indicators (domain::kCaseElements), each exactly as the
  //! statistics show it, or nullopt where they hide it; the analytics service then publishes a
  //! ratio of them only when domain::RatioShowable. Same checks as Statistics.
  Result<CaseIndicatorValues> IndicatorCounts(const Caller& caller, Id unit_id,
                                              const domain::Period& period);

  // ---- Care (service/cases_care.cc): whoever reads a case works on it; a closed case is
  // read-only. Each answers the case as it is after the change, and logs the access.
  Result<CaseView> AddMeasure(const Caller& caller, Id case_id, domain::Measure in);
  Result<CaseView> UpdateMeasure(const Caller& caller, Id case_id, Id measure_id,
                                 const MeasurePatch& patch);
  //! Without the survivor's consent, only a supervisor named on the case, with a reason; the
  //! referral is flagged and the owner notified through the audit log.
  Result<CaseView> AddReferral(const Caller& caller, Id case_id, domain::Referral in);
  Result<CaseView> SetReferralStatus(const Caller& caller, Id case_id, Id referral_id,
                                     const std::string& status, long long version);
  Result<CaseView> AddFollowup(const Caller& caller, Id case_id, domain::Followup in);
  Result<CaseView> UpdateFollowup(const Caller& caller, Id case_id, Id followup_id,
                                  const FollowupPatch& patch);
  //! The owner asks to close, with a reason (domain::kCloseReasons); a supervisor must be named.
  Result<CaseView> RequestClosure(const Caller& caller, Id case_id, const std::string& reason,
                                  long long version);
  //! A supervisor named on the case, other than the one who asked, approves (closed) or sends
  //! it back (in_progress).
  Result<CaseView> DecideClosure(const Caller& caller, Id case_id, bool approve, long long version);

  //! Re-seals every case field and rebuilds the blind index under `new_master`, in one
  //! transaction, and records the new key's fingerprint. Fails (nothing written) when
  //! `old_master` did not seal this database or any field does not open. Returns the number
  //! of cases re-sealed.
  static Result<long long> RotateKey(storage::Store& store, const std::string& old_master,
                                     const std::string& new_master);

 private:
  Result<std::shared_ptr<const CaseKeys>> Keys() const;
  //! kUnavailable (and the module disabled) when the database records another key than `keys`.
  Status CheckKeyCurrent(storage::CasesRepo& repo, const CaseKeys& keys);
  struct Loaded {
    storage::StoredCase stored;
    std::vector<domain::CaseMember> members;
  };
  //! The case and its members, running emergency grants among them (role "emergency").
  Result<Loaded> Load(storage::CasesRepo& repo, Id case_id);
  static std::vector<domain::CaseMember> MembersNow(storage::CasesRepo& repo, Id case_id);
  //! Facts of the cases of `unit_id`'s subtree in `period`, after the checks of both.
  Result<std::vector<domain::CaseFacts>> FactsOf(const Caller& caller, Id unit_id,
                                                 const std::optional<domain::Period>& period);
  //! Load, then kForbidden unless `caller` may read the case.
  Result<Loaded> LoadReadable(storage::CasesRepo& repo, const Caller& caller, Id case_id);
  CaseView ViewOf(storage::CasesRepo& repo, const CaseKeys& keys, Loaded loaded,
                  const domain::User& user);
  //! The common frame of a care write: a write transaction, the case loaded and readable, the
  //! key current, not closed; `body` writes and audits; the access is logged and the case
  //! answered as it is after the change.
  template <typename Body>
  Result<CaseView> CareWrite(const Caller& caller, Id case_id, const char* what, Body&& body);

  storage::Store& store_;
  UnitDirectory& directory_;
  mutable std::mutex mu_;
  std::shared_ptr<const CaseKeys> keys_;  // null: unavailable
  Message unavailable_;
};

}  // namespace binhdang::service
