// GBV cases, their members, incidents and per-case access log. The repository stores what the
// service gives it: the survivor's identifying fields arrive sealed (base64 of the AEAD output)
// with their keyed blind index, and leave sealed — no query here sees a name.
#pragma once

#include <soci/soci.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/case.h"
#include "domain/case_care.h"
#include "domain/case_statistics.h"

namespace binhdang::storage {

struct StoredCase {
  domain::CaseRecord record;
  std::map<std::string, std::string> sealed;  // identity field -> base64 ciphertext
  std::string blind_index;                    // hex keyed hash of DuplicateKey, "" without one
  std::string key_id;                         // fingerprint of the key that sealed it
};

//! A sealed free-text column of a case's care (a measure's note, a referral's override reason,
//! a follow-up's note): what key rotation re-seals.
struct SealedText {
  std::string table, column;
  Id id = 0;       // the row
  Id case_id = 0;  // the case it belongs to
  std::string sealed;
};

//! Closure of a case: the reason the owner gave, who asked, and who approved and when.
struct CaseClosure {
  std::string reason;
  std::optional<Id> requested_by, closed_by;
  std::optional<int64_t> closed_ms;
};

struct CaseAccess {
  Id id = 0;
  Id user_id = 0;
  std::string username;
  int64_t at_ms = 0;
  std::string what;  // "case", "identity", …
  std::string address;
};

//! An explicit transfer of a case to another case worker; the reason arrives and leaves sealed.
struct CaseTransfer {
  Id id = 0;
  Id case_id = 0;
  Id from_user = 0, to_user = 0, by_user = 0;
  std::string reason;
  int64_t at_ms = 0;
};

//! An emergency ("break the glass") access grant; the reason arrives and leaves sealed.
struct EmergencyGrant {
  Id id = 0;
  Id case_id = 0;
  Id user_id = 0;
  std::string reason;
  int64_t granted_ms = 0, until_ms = 0;
};

class CasesRepo {
 public:
  explicit CasesRepo(soci::session& sql) : sql_(sql) {}
  soci::session& session() { return sql_; }

  Id Insert(const StoredCase& c);
  std::optional<StoredCase> Get(Id id);
  bool CodeTaken(const std::string& code);
  //! Every case `user_id` owns, is a member of or holds emergency access to at `now_ms`,
  //! newest first.
  std::vector<StoredCase> Of(Id user_id, int64_t now_ms);
  //! Cases whose blind index is `blind_index` (a non-empty hex string).
  std::vector<StoredCase> WithBlindIndex(const std::string& blind_index);
  //! Every case, for key rotation.
  std::vector<StoredCase> All();
  //! Replaces the sealed fields, blind index and key id of case `id` (key rotation).
  void Reseal(const StoredCase& c);
  //! Sets the status when the stored version is `version`; false when it is not.
  bool UpdateStatus(Id id, const std::string& status, long long version, int64_t now_ms);
  long long Version(Id id);

  std::vector<domain::CaseMember> Members(Id case_id);
  //! Adds a member; false when already one in that role.
  bool AddMember(Id case_id, const domain::CaseMember& m, Id added_by);

  Id InsertIncident(const domain::Incident& i, Id created_by);
  std::vector<domain::Incident> Incidents(Id case_id);

  void LogAccess(Id case_id, const CaseAccess& a);
  std::vector<CaseAccess> AccessLog(Id case_id);

  // ---- Care (cases_repo_care.cc). Notes arrive and leave sealed.
  Id InsertMeasure(const domain::Measure& m);
  std::optional<domain::Measure> Measure(Id id);
  std::vector<domain::Measure> Measures(Id case_id);
  //! No-contact orders whose legal clock runs: requested and undecided, or in force with an end
  //! date, of cases not closed (for the reminders).
  std::vector<domain::Measure> NoContactOrdersToWatch();
  //! Writes status, decision, dates and note when the stored version is m.version; false when not.
  bool UpdateMeasure(const domain::Measure& m);

  Id InsertReferral(const domain::Referral& r);
  std::optional<domain::Referral> Referral(Id id);
  std::vector<domain::Referral> Referrals(Id case_id);
  bool UpdateReferralStatus(Id id, const std::string& status, long long version);

  Id InsertFollowup(const domain::Followup& f);
  std::optional<domain::Followup> Followup(Id id);
  std::vector<domain::Followup> Followups(Id case_id);
  bool UpdateFollowup(const domain::Followup& f);

  //! Sets one sealed column of one care row (after its insert: the row id is in its AD).
  void SetSealed(const std::string& table, const std::string& column, Id id,
                 const std::string& sealed);
  //! Every sealed care text, for key rotation.
  std::vector<SealedText> SealedTexts();

  CaseClosure Closure(Id case_id);
  //! Status, and the closure columns, when the stored version is `version`.
  bool UpdateClosure(Id id, const std::string& status, const CaseClosure& closure,
                     long long version, int64_t now_ms);

  // ---- Transfers and emergency access (cases_repo_access.cc).
  //! Sets consent_to_count when the stored version is `version`; false when it is not.
  bool UpdateConsent(Id id, bool consent, long long version, int64_t now_ms);
  //! Sets the owner when the stored version is `version`; false when it is not.
  bool UpdateOwner(Id id, Id owner_id, long long version, int64_t now_ms);
  Id InsertTransfer(const CaseTransfer& t);
  std::vector<CaseTransfer> Transfers(Id case_id);
  Id InsertEmergencyGrant(const EmergencyGrant& g);
  //! The grants of a case still running at `now_ms`.
  std::vector<EmergencyGrant> ActiveGrants(Id case_id, int64_t now_ms);
  //! The case with code `code`, if any.
  std::optional<StoredCase> ByCode(const std::string& code);

  // ---- Statistics (cases_repo_access.cc): the clear fields of every case, its incidents,
  // measures and referrals; never a sealed column.
  //! Cases opened from `from` to `to` (each optional); with `units`, only cases of those units.
  std::vector<domain::CaseFacts> Facts(std::optional<Date> from, std::optional<Date> to,
                                       const std::vector<Id>* units = nullptr);

  //! A meta value; `lock_suffix` (Store::ForUpdateSql()) locks its row until commit.
  std::optional<std::string> Meta(const std::string& key, const char* lock_suffix = "");
  void SetMeta(const std::string& key, const std::string& value);

 private:
  std::vector<StoredCase> Select(const std::string& where, const std::vector<long long>& ids,
                                 const std::string* text_arg);
  soci::session& sql_;
};

}  // namespace binhdang::storage
