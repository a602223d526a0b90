// The figures that leave the case module: tallies of the cases whose survivor consented to be
// counted (GBVIMS), by the fields kept in clear, and the annual statistics report on domestic
// violence of Thông tư 07/2017/TT-BVHTTDL (Biểu mẫu báo cáo thông tin về phòng, chống bạo lực
// gia đình), laid out for the two-level local government (communes report to the province).
// Pure code: the service loads the facts, this counts them and suppresses small cells.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/ids.h"
#include "domain/case.h"

namespace binhdang::domain {

//! Age groups of the DV report (TT 07/2017): children under 16, 16 to 59, 60 and over.
inline constexpr Code kDvAgeGroups[] = {
    {"under_16", "Dưới 16 tuổi"},
    {"16_59", "Từ 16 đến 59 tuổi"},
    {"60_plus", "Từ đủ 60 tuổi trở lên"},
    {"unknown", "Không rõ"},
};

//! The DV report's age group of someone born on `birth`, on `on`; without a birth date, what
//! the GBVIMS `age_band` tells unambiguously ("unknown" for 12–17 and 41–60).
std::string_view DvAgeGroupOn(std::optional<Date> birth, std::string_view age_band, Date on);

//! Measures that support the survivor (what "received support" counts, with completed
//! referrals).
inline constexpr std::string_view kSupportMeasures[] = {"shelter", "medical_care",
                                                        "legal_aid_counselling"};

//! What statistics see of one case: only fields kept in clear.
struct CaseFacts {
  Id unit_id = 0;
  std::string sex, age_band, dv_age_group;
  bool consent_to_count = false;
  Date opened_on;
  struct IncidentFacts {
    std::string gbv_type, dv_form, reported_by, perpetrator_sex;
  };
  std::vector<IncidentFacts> incidents;
  std::vector<std::pair<std::string, std::string>> measures;   // type, status
  std::vector<std::pair<std::string, std::string>> referrals;  // service, status
};

//! Raw tallies of the counted cases (before suppression: never leaves the service).
struct CaseTally {
  long long cases = 0;        // counted cases (consent given)
  long long not_counted = 0;  // cases without consent to be counted
  long long incidents = 0;    // incidents of counted cases
  std::map<std::string, long long> by_sex, by_age_band, by_dv_age_group, by_gbv_type, by_dv_form,
      by_reported_by, by_measure, by_service, by_unit;
  long long sought_help = 0;       // cases with an incident the survivor reported herself
  long long needed_support = 0;    // cases referred or with a support measure asked for
  long long received_support = 0;  // cases with a completed referral or a support measure applied
};

//! Tallies `cases`: cases by sex, age band and unit; incidents by GBVIMS type, DV form and who
//! reported; cases by each measure applied (in force or ended) and each service received (a
//! completed referral). Cases without consent are only counted in `not_counted`.
CaseTally Tally(std::span<const CaseFacts> cases);

//! One cell as it may be shown.
struct ShownCell {
  std::string code;
  std::string value;  // "0", "<5", "*", "12"
};

//! Each code of `list`, in order, with its count in `counts` (0 when absent), suppressed as a
//! partition of a shown total (SuppressCells); sets `*hide_total` when the total must be hidden.
std::vector<ShownCell> ShowPartition(std::span<const Code> list,
                                     const std::map<std::string, long long>& counts,
                                     bool* hide_total);
//! Hides every cell of 5 or more of `cells` ("*"): for a breakdown of a total that must be hidden.
void HideLarge(std::vector<ShownCell>& cells);

//! A count `n` of `total` whose complement (`total - n`) is not shown: "<5" for 1 to 4, and "*"
//! when the complement is 1 to 4 (so that the total minus it cannot reveal a small group).
std::string ShowPart(long long n, long long total);
//! Each code of `list` with its count shown as a part of `total` (ShowPart): cells that overlap,
//! such as measures (a case may have several).
std::vector<ShownCell> ShowOverlapping(std::span<const Code> list,
                                       const std::map<std::string, long long>& counts,
                                       long long total);

//! A row of the DV report: its number ("2.1"), label, unit of count, indent level and value
//! as it may be shown.
struct DvReportRow {
  std::string number;
  std::string label;
  std::string unit;  // "Vụ", "Người"
  int level = 0;
  std::string value;
};

//! The rows of the annual DV statistics report (TT 07/2017/TT-BVHTTDL) over `cases`: only
//! counted cases, only incidents with a form of domestic violence; small cells suppressed
//! with complementary suppression inside each partition.
std::vector<DvReportRow> DvAnnualReport(std::span<const CaseFacts> cases);

//! The counts behind the case indicators of QĐ 2232/QĐ-TTg and NQ 28/NQ-CP, over counted
//! cases only. Raw: the analytics service shows a ratio of them only when RatioShowable.
struct CaseIndicatorCounts {
  long long counted = 0;           // cases.survivors.counted
  long long sought_help = 0;       // cases.survivors.sought_help
  long long needed_support = 0;    // cases.survivors.needed_support
  long long received_support = 0;  // cases.survivors.received_support
  //! Cases with a known perpetrator to whom no administrative or criminal sanction applies.
  long long perpetrators_not_sanctioned = 0;  // cases.perpetrators.not_sanctioned
  //! Of those, cases where behaviour-change education or support applies to the perpetrator.
  long long perpetrators_counselled = 0;  // cases.perpetrators.counselled
};
CaseIndicatorCounts IndicatorCounts(std::span<const CaseFacts> cases);
//! The data elements of CaseIndicatorCounts, in its order, with their Vietnamese names.
inline constexpr Code kCaseElements[] = {
    {"cases.survivors.counted", "Số nạn nhân được thống kê (đồng ý được thống kê)"},
    {"cases.survivors.sought_help", "Số nạn nhân tự tìm kiếm sự trợ giúp"},
    {"cases.survivors.needed_support", "Số nạn nhân có nhu cầu hỗ trợ"},
    {"cases.survivors.received_support", "Số nạn nhân được tiếp cận ít nhất một dịch vụ hỗ trợ"},
    {"cases.perpetrators.not_sanctioned",
     "Số vụ có người gây bạo lực không bị xử lý hành chính, hình sự"},
    {"cases.perpetrators.counselled",
     "Số vụ người gây bạo lực được giáo dục, hỗ trợ chuyển đổi hành vi"},
};
//! True iff a share `part` of `whole` may be published: the whole is at least 5, and neither the
//! part nor the rest is 1 to 4 (either would single out fewer than five survivors).
bool RatioShowable(long long part, long long whole);

}  // namespace binhdang::domain
