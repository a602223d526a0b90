// Reporting periods (kỳ báo cáo). Ids are ISO-style: "2024" (year), "2024S1"/"2024S2" (six
// months), "2024Q4" (quarter), "202411" (month), plus the named campaign period "2024AM" (the
// action month for gender equality and GBV prevention, Tháng hành động, 15/11–15/12).
// State reporting closes figures on the 15th (Nghị định 09/2019/NĐ-CP): a year's report covers
// 15/12 of the previous year to 14/12, a six-month report 15/12 to 14/6, a quarter 15/12 to
// 14/3 and so on, a month 15 of the previous month to 14.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"

namespace binhdang::domain {

enum class PeriodKind { kYear, kSixMonth, kQuarter, kMonth, kActionMonth };

std::string_view PeriodKindName(PeriodKind kind);  // "year", "six_month", ...

struct Period {
  PeriodKind kind = PeriodKind::kYear;
  int year = 0;
  int index = 0;  // 1..2 six months, 1..4 quarter, 1..12 month; 0 for a year or campaign
  Date start;     // first day covered
  Date end;       // last day covered

  //! The canonical id ("2024Q4").
  std::string id() const;
  //! A Vietnamese label: "Năm 2024", "6 tháng đầu năm 2024", "Quý IV/2024", "Tháng 11/2024",
  //! "Tháng hành động 2024".
  std::string Label() const;
  //! The regime's deadline: the 5th of the month in which the period closes (before 05/6 for
  //! a first half, before 05/12 for a year), and 10/12 for the action month.
  Date DefaultDeadline() const;

  bool operator==(const Period& o) const {
    return kind == o.kind && year == o.year && index == o.index;
  }
};

//! The period of `kind` that a report due on `due` covers: the action month or year of its
//! year, the half, quarter or month in which it falls due (a report due 05/6 is the first half).
Period PeriodDueOn(PeriodKind kind, Date due);

//! Parses a period id; nullopt unless it is one of the forms above with a year 2000..2100.
std::optional<Period> ParsePeriod(std::string_view id);

//! True iff a report for `inner` counts toward `outer` (analytics roll-up): the same period,
//! or a finer one inside it — a month in its quarter, half and year, a quarter in its half and
//! year, a half in its year, the action month in its year.
bool PeriodWithin(const Period& inner, const Period& outer);
//! Coarseness of a kind for roll-up: month 0, quarter 1, six months 2, action month 2, year 3.
int PeriodRank(PeriodKind kind);

//! The period of `kind` (not the action month) whose days include `day`.
Period PeriodContaining(PeriodKind kind, Date day);
//! The periods a relative period stands for on `today`, oldest first: THIS_YEAR, LAST_YEAR,
//! LAST_5_YEARS (the five before this one), THIS_QUARTER, LAST_QUARTER, LAST_4_QUARTERS,
//! THIS_MONTH, LAST_MONTH, LAST_12_MONTHS, THIS_SIX_MONTH, LAST_SIX_MONTH. nullopt for
//! anything else.
std::optional<std::vector<Period>> RelativePeriods(std::string_view id, Date today);

}  // namespace binhdang::domain
