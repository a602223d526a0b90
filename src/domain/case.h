// GBV cases (quản lý ca): the survivor (người bị bạo lực) at the centre, with incidents coded as
// GBVIMS codes them and as the Law on Domestic Violence Prevention and Control 2022 (Luật Phòng,
// chống bạo lực gia đình, Luật PCBLGĐ) classifies them. Pure types and rules, no I/O: who may
// read a case, what a valid case or incident is, and the pseudonymous case code.
//
// What identifies the survivor (Identity) is kept apart from what may be counted (CaseRecord):
// the service encrypts the former at rest and keeps the latter in clear for statistics.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/ids.h"
#include "common/time.h"
#include "domain/unit_tree.h"
#include "domain/user.h"

namespace binhdang::domain {

//! A closed list of codes with Vietnamese labels: every coded field of a case is one.
struct Code {
  std::string_view code;
  std::string_view vi;
};

//! GBVIMS core incident types, in the GBVIMS order (the first that applies is chosen).
inline constexpr Code kGbvTypes[] = {
    {"rape", "Hiếp dâm"},
    {"sexual_assault", "Tấn công tình dục"},
    {"physical_assault", "Tấn công thể chất"},
    {"forced_marriage", "Cưỡng ép kết hôn"},
    {"denial_of_resources", "Từ chối tiếp cận nguồn lực, cơ hội, dịch vụ"},
    {"psychological_abuse", "Bạo lực tâm lý, tinh thần"},
};

//! The forms of domestic violence of the 2022 Law (Điều 3); "" when the act is not domestic.
inline constexpr Code kDvForms[] = {
    {"physical", "Bạo lực thể chất"},
    {"psychological", "Bạo lực tinh thần"},
    {"sexual", "Bạo lực tình dục"},
    {"economic", "Bạo lực kinh tế"},
};

//! Where a report of violence was received: the addresses of Luật PCBLGĐ 2022, Điều 19.
inline constexpr Code kReportChannels[] = {
    {"commune_committee", "Ủy ban nhân dân cấp xã"},
    {"police", "Cơ quan công an"},
    {"school", "Cơ sở giáo dục"},
    {"village_head", "Trưởng thôn, tổ trưởng tổ dân phố"},
    {"mass_organisation", "Mặt trận Tổ quốc, tổ chức chính trị - xã hội"},
    {"hotline", "Tổng đài điện thoại"},
    {"other", "Khác"},
};

//! Who reported the incident: the survivor herself or himself (who sought help: the share of
//! QĐ 2232/QĐ-TTg) or somebody else.
inline constexpr Code kReporters[] = {
    {"survivor", "Người bị bạo lực tự trình báo, tìm kiếm giúp đỡ"},
    {"family", "Người thân, gia đình"},
    {"community", "Hàng xóm, người trong cộng đồng"},
    {"authority", "Cơ quan, tổ chức phát hiện"},
    {"other", "Người khác"},
};

inline constexpr Code kPlaceTypes[] = {
    {"home", "Nhà ở"},        {"workplace", "Nơi làm việc"},
    {"school", "Trường học"}, {"public_place", "Nơi công cộng"},
    {"online", "Trên mạng"},  {"other", "Nơi khác"},
};

//! The perpetrator's relationship to the survivor.
inline constexpr Code kRelationships[] = {
    {"intimate_partner", "Vợ, chồng, bạn tình"},
    {"former_partner", "Vợ, chồng, bạn tình cũ"},
    {"parent_guardian", "Cha, mẹ, người giám hộ"},
    {"child", "Con"},
    {"other_family", "Người khác trong gia đình"},
    {"acquaintance", "Người quen"},
    {"stranger", "Người lạ"},
    {"unknown", "Không rõ"},
};

inline constexpr Code kSexes[] = {{"female", "Nữ"}, {"male", "Nam"}, {"unknown", "Không rõ"}};

//! GBVIMS age bands (survivors and perpetrators alike).
inline constexpr Code kAgeBands[] = {
    {"0-11", "0–11 tuổi"},   {"12-17", "12–17 tuổi"}, {"18-25", "18–25 tuổi"},
    {"26-40", "26–40 tuổi"}, {"41-60", "41–60 tuổi"}, {"61+", "Từ 61 tuổi"},
    {"unknown", "Không rõ"},
};

//! Case-management status.
inline constexpr Code kCaseStatuses[] = {{"open", "Mới mở"},
                                         {"in_progress", "Đang hỗ trợ"},
                                         {"closure_requested", "Chờ duyệt đóng"},
                                         {"closed", "Đã đóng"}};

//! True iff `code` is one of `list`.
bool IsCode(std::span<const Code> list, std::string_view code);
//! The Vietnamese label of `code` in `list`; `code` itself when unknown.
std::string_view LabelOf(std::span<const Code> list, std::string_view code);
//! Fails `field` unless `value` is one of `list`, listing the codes allowed.
void RequireCode(std::span<const Code> list, const std::string& value, const char* field,
                 Validator& v);

//! The age band of someone born on `birth` on `on`; "unknown" without a birth date.
std::string_view AgeBandOn(std::optional<Date> birth, Date on);

//! What identifies the survivor: encrypted at rest, shown only on an explicit, logged request.
struct Identity {
  std::string full_name;
  std::string date_of_birth;  // yyyy-mm-dd or ""
  std::string phone;
  std::string address;
  std::string national_id;
};

//! The names of Identity's fields, also the associated data of their ciphertexts.
inline constexpr std::string_view kIdentityFields[] = {"full_name", "date_of_birth", "phone",
                                                       "address", "national_id"};
//! The field of `identity` called `name` (one of kIdentityFields).
std::string& FieldOf(Identity& identity, std::string_view name);

//! The case as it is counted: no field here identifies the survivor.
struct CaseRecord {
  Id id = 0;
  std::string code;  // pseudonymous, shown everywhere
  Id unit_id = 0;    // the commune the case belongs to
  Id owner_id = 0;   // the case worker who opened it
  std::string status = "open";
  std::string sex = "female";
  std::string age_band = "unknown";
  std::string ethnicity;
  bool disability = false;
  //! The survivor agreed that the case be counted in anonymised statistics (GBVIMS: only such
  //! cases are counted). Asked at intake; changed only by a new answer of the survivor.
  bool consent_to_count = false;
  //! The age group of the DV report (domain/case_statistics.h: kDvAgeGroups), from the birth
  //! date at opening.
  std::string dv_age_group = "unknown";
  Date opened_on;
  long long version = 1;
  int64_t created_ms = 0;
  int64_t updated_ms = 0;
};

struct Incident {
  Id id = 0;
  Id case_id = 0;
  Date occurred_on;
  Date reported_on;
  std::string how_reported;              // kReportChannels
  std::string reported_by = "other";     // kReporters
  std::string place_type;                // kPlaceTypes
  std::string gbv_type;                  // kGbvTypes
  std::string dv_form;                   // kDvForms or "" (not domestic violence)
  std::string perpetrator_relationship;  // kRelationships
  std::string perpetrator_sex = "unknown";
  std::string perpetrator_age_band = "unknown";
  int64_t created_ms = 0;

  //! Days from the incident to its report (thời gian từ khi xảy ra đến khi trình báo).
  int64_t DaysToReport() const { return reported_on.ToDays() - occurred_on.ToDays(); }
};

//! Who else is on a case: another case worker, or a supervisor (case supervisor of the unit).
struct CaseMember {
  Id user_id = 0;
  std::string role;  // "worker" or "supervisor"
  int64_t added_ms = 0;
};

//! Checks the coded fields of a case and its identity; `today` bounds the dates.
void ValidateCase(const CaseRecord& c, const Identity& identity, Date today, Validator& v);
//! Checks an incident's codes and dates: reported on or after it occurred, neither in the future.
void ValidateIncident(const Incident& incident, Date today, Validator& v);

//! A pseudonymous case code "VV-2026-7K3QXM" from the year and random bytes (at least 6): no
//! part of it derives from the survivor.
std::string MakeCaseCode(int year, std::string_view random);

//! The survivor's name and birth year as the blind index sees them: diacritic-free lower case,
//! single spaces, "|", the year ("" without a birth date). Empty when there is no name.
std::string DuplicateKey(std::string_view full_name, std::string_view date_of_birth);

// ---- Access: need to know -------------------------------------------------------------------

//! A case worker reads the cases they own or are assigned to; a case supervisor the cases of
//! their subtree they are named on as supervisor. Nobody else, administrators included.
bool CanReadCase(const User& user, const CaseRecord& c, const std::vector<CaseMember>& members,
                 const UnitTree& tree);
//! The owner, and the supervisors named on the case: they add members and read the access log.
bool CanManageCase(const User& user, const CaseRecord& c, const std::vector<CaseMember>& members,
                   const UnitTree& tree);
//! An active case worker or case supervisor: whoever may work with cases at all.
bool HasCaseRole(const User& user);
//! A case worker of whose subtree the case's unit is: whom a case may be transferred to.
bool CanOwnCase(const User& user, const CaseRecord& c, const UnitTree& tree);

//! Emergency access ("phá kính", break the glass): a case supervisor whose subtree holds the
//! case but who is not named on it reads and works on it for kEmergencyAccessHours, after
//! writing why (at least kMinEmergencyReason characters). The owner is notified; every read
//! is logged as usual. The grant shows among the members with role "emergency"; it never
//! lets its holder manage the case (members, transfer, access log) or approve its closure.
inline constexpr int kEmergencyAccessHours = 4;
inline constexpr size_t kMinEmergencyReason = 20;
bool CanBreakGlass(const User& user, const CaseRecord& c, const UnitTree& tree);

//! A case worker opens cases for the units of their subtree.
bool CanOpenCase(const User& user, Id unit_id, const UnitTree& tree);
//! Anonymised counts of a unit: whoever may view the unit, and case workers and supervisors of it.
bool CanCountCases(const User& user, Id unit_id, const UnitTree& tree);

// ---- Statistics out: small-cell suppression -------------------------------------------------

//! Counts of 1 to 4 leave the module as "<5"; 0 and 5 or more as numbers.
inline constexpr long long kSmallCell = 5;
//! The count as it may be shown: "0", "<5", "12".
std::string SuppressedCount(long long n);
//! Marks a complementary suppression: a cell hidden so that the total minus the shown cells
//! cannot reveal a small one.
inline constexpr std::string_view kHiddenCell = "*";
//! The cells of one breakdown of a total (they add up to it) as they may be shown: 1 to 4 as
//! "<5", and — when the total is shown and a cell is small — the smallest other non-zero cells
//! as "*" until no small cell can be worked out from the total: a reader who knows that each
//! "<5" is 1 to 4 and each "*" at least 5 must still find two values or more possible for each
//! small cell (hidden sum ≥ 5 × stars + smalls + 1). When even hiding every cell is not enough,
//! sets `*hide_total`: the total must not be shown, nor anything that adds up to it (callers
//! hide every cell of 5 or more of its breakdowns). Without `hide_total` the total is assumed
//! hidden already.
std::vector<std::string> SuppressCells(const std::vector<long long>& counts,
                                       bool* hide_total = nullptr);

}  // namespace binhdang::domain
