#include "domain/period.h"

#include <charconv>

namespace binhdang::domain {

namespace {
std::optional<int> Number(std::string_view s) {
  int v = 0;
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// The period that closes on the 14th of month `last_month` of `year` and spans `months` months.
Period Closing(PeriodKind kind, int year, int index, int last_month, int months) {
  Period p;
  p.kind = kind;
  p.year = year;
  p.index = index;
  p.end = Date(year, last_month, 14);
  int m = last_month - months, y = year;
  while (m < 1) {
    m += 12;
    --y;
  }
  p.start = Date(y, m, 15);
  return p;
}

constexpr const char* kRoman[] = {"I", "II", "III", "IV"};
}  // namespace

std::string_view PeriodKindName(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kYear:
      return "year";
    case PeriodKind::kSixMonth:
      return "six_month";
    case PeriodKind::kQuarter:
      return "quarter";
    case PeriodKind::kMonth:
      return "month";
    case PeriodKind::kActionMonth:
      return "action_month";
  }
  return "year";
}

std::optional<Period> ParsePeriod(std::string_view id) {
  if (id.size() < 4) return std::nullopt;
  auto year = Number(id.substr(0, 4));
  if (!year || *year < 2000 || *year > 2100) return std::nullopt;
  const std::string_view rest = id.substr(4);
  if (rest.empty()) return Closing(PeriodKind::kYear, *year, 0, 12, 12);
  if (rest == "AM") {
    Period p;
    p.kind = PeriodKind::kActionMonth;
    p.year = *year;
    p.start = Date(*year, 11, 15);
    p.end = Date(*year, 12, 15);
    return p;
  }
  if (rest.size() == 2 && (rest[0] == 'S' || rest[0] == 'Q')) {
    const int n = rest[1] - '0';
    if (rest[0] == 'S' && (n == 1 || n == 2))
      return Closing(PeriodKind::kSixMonth, *year, n, 6 * n, 6);
    if (rest[0] == 'Q' && n >= 1 && n <= 4)
      return Closing(PeriodKind::kQuarter, *year, n, 3 * n, 3);
    return std::nullopt;
  }
  if (rest.size() == 2) {
    auto month = Number(rest);
    if (month && *month >= 1 && *month <= 12)
      return Closing(PeriodKind::kMonth, *year, *month, *month, 1);
  }
  return std::nullopt;
}

Period PeriodDueOn(PeriodKind kind, Date due) {
  const std::string y = std::to_string(due.year());
  const int m = due.month();
  switch (kind) {
    case PeriodKind::kYear:
      return *ParsePeriod(y);
    case PeriodKind::kActionMonth:
      return *ParsePeriod(y + "AM");
    case PeriodKind::kSixMonth:
      return *ParsePeriod(y + (m <= 6 ? "S1" : "S2"));
    case PeriodKind::kQuarter:
      return *ParsePeriod(y + "Q" + std::to_string((m - 1) / 3 + 1));
    case PeriodKind::kMonth:
      return *ParsePeriod(y + (m < 10 ? "0" : "") + std::to_string(m));
  }
  return *ParsePeriod(y);
}

std::string Period::id() const {
  const std::string y = std::to_string(year);
  switch (kind) {
    case PeriodKind::kYear:
      return y;
    case PeriodKind::kSixMonth:
      return y + "S" + std::to_string(index);
    case PeriodKind::kQuarter:
      return y + "Q" + std::to_string(index);
    case PeriodKind::kMonth:
      return y + (index < 10 ? "0" : "") + std::to_string(index);
    case PeriodKind::kActionMonth:
      return y + "AM";
  }
  return y;
}

std::string Period::Label() const {
  const std::string y = std::to_string(year);
  switch (kind) {
    case PeriodKind::kYear:
      return "Năm " + y;
    case PeriodKind::kSixMonth:
      return index == 1 ? "6 tháng đầu năm " + y : "6 tháng cuối năm " + y;
    case PeriodKind::kQuarter:
      return "Quý " + std::string(kRoman[index - 1]) + "/" + y;
    case PeriodKind::kMonth:
      return "Tháng " + std::to_string(index) + "/" + y;
    case PeriodKind::kActionMonth:
      return "Tháng hành động " + y;
  }
  return y;
}

Date Period::DefaultDeadline() const {
  if (kind == PeriodKind::kActionMonth) return Date(year, 12, 10);
  return Date(end.year(), end.month(), 5);
}

int PeriodRank(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kMonth:
      return 0;
    case PeriodKind::kQuarter:
      return 1;
    case PeriodKind::kSixMonth:
      return 2;
    case PeriodKind::kActionMonth:
      return 2;
    case PeriodKind::kYear:
      return 3;
  }
  return 3;
}

bool PeriodWithin(const Period& inner, const Period& outer) {
  if (inner == outer) return true;
  if (inner.year != outer.year) return false;
  // The month of each finer period's last month: a quarter ends in month 3q, a half in 6h.
  auto last_month = [](const Period& p) {
    switch (p.kind) {
      case PeriodKind::kMonth:
        return p.index;
      case PeriodKind::kQuarter:
        return 3 * p.index;
      case PeriodKind::kSixMonth:
        return 6 * p.index;
      default:
        return 12;
    }
  };
  auto months = [](PeriodKind k) {
    return k == PeriodKind::kMonth      ? 1
           : k == PeriodKind::kQuarter  ? 3
           : k == PeriodKind::kSixMonth ? 6
                                        : 12;
  };
  switch (outer.kind) {
    case PeriodKind::kYear:
      return true;  // every period of the same year
    case PeriodKind::kActionMonth:
      return false;
    case PeriodKind::kMonth:
      return false;
    default:
      break;
  }
  if (inner.kind == PeriodKind::kActionMonth || inner.kind == PeriodKind::kYear) return false;
  if (months(inner.kind) >= months(outer.kind)) return false;
  const int lm = last_month(inner), olm = last_month(outer);
  return lm <= olm && lm > olm - months(outer.kind);
}

Period PeriodContaining(PeriodKind kind, Date day) {
  // The month (closing on the 14th) that holds the day.
  int y = day.year(), m = day.month();
  if (day.day() >= 15) {
    if (++m > 12) m = 1, ++y;
  }
  const std::string ys = std::to_string(y);
  switch (kind) {
    case PeriodKind::kMonth:
      return *ParsePeriod(ys + (m < 10 ? "0" : "") + std::to_string(m));
    case PeriodKind::kQuarter:
      return *ParsePeriod(ys + "Q" + std::to_string((m - 1) / 3 + 1));
    case PeriodKind::kSixMonth:
      return *ParsePeriod(ys + (m <= 6 ? "S1" : "S2"));
    default:
      return *ParsePeriod(ys);
  }
}

namespace {
//! The period `n` steps before `p` (same kind; months, quarters, halves or years).
Period Before(const Period& p, int n) {
  const int per_year = p.kind == PeriodKind::kMonth      ? 12
                       : p.kind == PeriodKind::kQuarter  ? 4
                       : p.kind == PeriodKind::kSixMonth ? 2
                                                         : 1;
  int serial = p.year * per_year + (per_year == 1 ? 0 : p.index - 1) - n;
  const int year = serial / per_year, index = serial % per_year + 1;
  const std::string ys = std::to_string(year);
  switch (p.kind) {
    case PeriodKind::kMonth:
      return *ParsePeriod(ys + (index < 10 ? "0" : "") + std::to_string(index));
    case PeriodKind::kQuarter:
      return *ParsePeriod(ys + "Q" + std::to_string(index));
    case PeriodKind::kSixMonth:
      return *ParsePeriod(ys + "S" + std::to_string(index));
    default:
      return *ParsePeriod(ys);
  }
}
}  // namespace

std::optional<std::vector<Period>> RelativePeriods(std::string_view id, Date today) {
  struct Relative {
    std::string_view id;
    PeriodKind kind;
    int from, count;  // `count` periods, the first `from` before the current one
  };
  static constexpr Relative kRelative[] = {
      {"THIS_YEAR", PeriodKind::kYear, 0, 1},
      {"LAST_YEAR", PeriodKind::kYear, 1, 1},
      {"LAST_5_YEARS", PeriodKind::kYear, 5, 5},
      {"THIS_SIX_MONTH", PeriodKind::kSixMonth, 0, 1},
      {"LAST_SIX_MONTH", PeriodKind::kSixMonth, 1, 1},
      {"THIS_QUARTER", PeriodKind::kQuarter, 0, 1},
      {"LAST_QUARTER", PeriodKind::kQuarter, 1, 1},
      {"LAST_4_QUARTERS", PeriodKind::kQuarter, 4, 4},
      {"THIS_MONTH", PeriodKind::kMonth, 0, 1},
      {"LAST_MONTH", PeriodKind::kMonth, 1, 1},
      {"LAST_12_MONTHS", PeriodKind::kMonth, 12, 12},
  };
  for (const auto& r : kRelative) {
    if (r.id != id) continue;
    const Period now = PeriodContaining(r.kind, today);
    std::vector<Period> out;
    for (int i = 0; i < r.count; ++i) {
      Period p = Before(now, r.from - i);
      if (p.year < 2000 || p.year > 2100) continue;
      out.push_back(p);
    }
    return out;
  }
  return std::nullopt;
}

}  // namespace binhdang::domain
