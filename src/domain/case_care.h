// The care of a GBV case after it is opened: the protection and support measures of Luật
// Phòng, chống bạo lực gia đình 2022 (Điều 22–25) and Nghị định 76/2023/NĐ-CP with their legal
// deadlines, referrals to the providers of the service directory with the survivor's informed
// consent, follow-ups of the case plan, and closure approved by a supervisor. Pure types and
// rules, no I/O. Free-text notes here are case data: the service seals them at rest as it seals
// the survivor's identity.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/ids.h"
#include "common/time.h"
#include "domain/case.h"

namespace binhdang::domain {

// ---- Measures -------------------------------------------------------------------------------

//! Measures to prevent, stop and protect (Luật PCBLGĐ 2022, Điều 22) and support (Điều 24–25).
inline constexpr Code kMeasureTypes[] = {
    {"stop_order", "Buộc chấm dứt ngay hành vi bạo lực gia đình"},
    {"police_summons", "Triệu tập người có hành vi bạo lực đến trụ sở công an xã"},
    {"no_contact", "Cấm tiếp xúc"},
    {"shelter", "Bố trí nơi tạm lánh"},
    {"medical_care", "Chăm sóc y tế"},
    {"legal_aid_counselling", "Trợ giúp pháp lý, tư vấn tâm lý"},
    {"behaviour_change", "Giáo dục, hỗ trợ chuyển đổi hành vi"},
    {"community_criticism", "Góp ý, phê bình trong cộng đồng dân cư"},
    {"community_service", "Thực hiện công việc phục vụ cộng đồng"},
    {"administrative_criminal", "Xử lý vi phạm hành chính hoặc truy cứu trách nhiệm hình sự"},
};

//! Who decides a measure. A no-contact order is decided by the chairman of the commune People's
//! Committee (Điều 23 khoản 1) or by a court (khoản 3).
inline constexpr Code kMeasureAuthorities[] = {
    {"commune_chairman", "Chủ tịch Ủy ban nhân dân cấp xã"},
    {"court", "Tòa án nhân dân"},
    {"police", "Công an"},
    {"other", "Cơ quan, người có thẩm quyền khác"},
};

inline constexpr Code kMeasureStatuses[] = {
    {"requested", "Đã đề nghị, chờ quyết định"},
    {"in_force", "Đang áp dụng"},
    {"ended", "Đã kết thúc"},
    {"refused", "Không được chấp thuận"},
};

//! A commune chairman decides a requested no-contact order within 12 hours of the request.
inline constexpr int64_t kNoContactDecisionMs = 12LL * 60 * 60 * 1000;
//! A no-contact order by the commune chairman lasts at most 3 days each time.
inline constexpr int kNoContactChairmanMaxDays = 3;
//! A no-contact order by a court lasts at most 4 months.
inline constexpr int kNoContactCourtMaxMonths = 4;

struct Measure {
  Id id = 0;
  Id case_id = 0;
  std::string type;       // kMeasureTypes
  std::string authority;  // kMeasureAuthorities
  std::string status = "requested";
  int64_t requested_ms = 0;
  std::optional<int64_t> decided_ms;  // when the decision (or refusal) was made
  std::optional<Date> starts_on, ends_on;
  std::string note;  // sealed at rest
  Id created_by = 0;
  int64_t created_ms = 0;
  long long version = 1;
};

//! The legal clock of a measure: when a decision is due, whether it came late, when it expires.
struct MeasureClock {
  std::optional<int64_t> decision_due_ms;  // no-contact by the commune chairman: request + 12 h
  bool decision_overdue = false;           // undecided past the due time (at `now`)
  bool decided_late = false;               // decided after the due time
  std::optional<Date> max_ends_on;         // the latest end the law allows from starts_on
  bool expired = false;                    // in force and past ends_on
};

//! The date `months` calendar months after `d` (the last day of the month when it is shorter).
Date AddMonths(Date d, int months);
MeasureClock ClockOf(const Measure& m, int64_t now_ms);
//! Checks codes, the authority a measure needs, the order of dates and the law's maximum
//! durations; names the field and the limit in Vietnamese.
void ValidateMeasure(const Measure& m, int64_t now_ms, Validator& v);

// ---- Referrals ------------------------------------------------------------------------------

inline constexpr Code kReferralStatuses[] = {
    {"sent", "Đã chuyển"},
    {"accepted", "Đã tiếp nhận"},
    {"completed", "Đã cung cấp dịch vụ"},
    {"declined", "Không tiếp nhận"},
};

struct Referral {
  Id id = 0;
  Id case_id = 0;
  Id provider_id = 0;
  std::string service;   // a service kind of the provider (case_directory.h)
  bool consent = false;  // the survivor's informed consent to this referral
  std::optional<Date> consent_on;
  std::string override_reason;  // sealed; non-empty only when sent without consent
  Id override_by = 0;
  std::string status = "sent";
  Id created_by = 0;
  int64_t created_ms = 0;
  long long version = 1;
};

//! A written reason for referring without consent is at least this long (characters).
inline constexpr size_t kOverrideReasonMin = 20;
//! Checks a new referral: consent with its date, or — only for a supervisor named on the case —
//! a written reason. `by_supervisor` says whether the caller is one.
void ValidateReferral(const Referral& r, bool by_supervisor, Date today, Validator& v);

// ---- Follow-ups (the case plan) -------------------------------------------------------------

struct Followup {
  Id id = 0;
  Id case_id = 0;
  Date due_on;
  std::optional<Date> done_on;
  std::string note;  // sealed
  Id created_by = 0;
  int64_t created_ms = 0;
  long long version = 1;
};
void ValidateFollowup(const Followup& f, Date today, Validator& v);

// ---- Closure --------------------------------------------------------------------------------

inline constexpr Code kCloseReasons[] = {
    {"needs_met", "Nhu cầu hỗ trợ đã được đáp ứng, người bị bạo lực an toàn"},
    {"survivor_request", "Người bị bạo lực đề nghị dừng hỗ trợ"},
    {"moved_away", "Chuyển đến nơi khác"},
    {"transferred", "Chuyển cho cơ quan khác quản lý"},
    {"lost_contact", "Mất liên lạc"},
    {"deceased", "Người bị bạo lực đã mất"},
    {"other", "Lý do khác"},
};

//! The status a case waits in between the owner's request to close and a supervisor's decision.
inline constexpr std::string_view kClosureRequested = "closure_requested";

}  // namespace binhdang::domain
