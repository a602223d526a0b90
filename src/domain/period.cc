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
  while (m < 1) { m += 12; --y; }
  p.start = Date(y, m, 15);
  return p;
}

constexpr const char* kRoman[] = {"I", "II", "III", "IV"};
}  // namespace

std::string_view PeriodKindName(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kYear: return "year";
    case PeriodKind::kSixMonth: return "six_month";
    case PeriodKind::kQuarter: return "quarter";
    case PeriodKind::kMonth: return "month";
    case PeriodKind::kActionMonth: return "action_month";
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
    if (rest[0] == 'S' && (n == 1 || n == 2)) return Closing(PeriodKind::kSixMonth, *year, n, 6 * n, 6);
    if (rest[0] == 'Q' && n >= 1 && n <= 4) return Closing(PeriodKind::kQuarter, *year, n, 3 * n, 3);
    return std::nullopt;
  }
  if (rest.size() == 2) {
    auto month = Number(rest);
    if (month && *month >= 1 && *month <= 12) return Closing(PeriodKind::kMonth, *year, *month, *month, 1);
  }
  return std::nullopt;
}

Period PeriodDueOn(PeriodKind kind, Date due) {
  const std::string y = std::to_string(due.year());
  const int m = due.month();
  switch (kind) {
    case PeriodKind::kYear: return *ParsePeriod(y);
    case PeriodKind::kActionMonth: return *ParsePeriod(y + "AM");
    case PeriodKind::kSixMonth: return *ParsePeriod(y + (m <= 6 ? "S1" : "S2"));
    case PeriodKind::kQuarter: return *ParsePeriod(y + "Q" + std::to_string((m - 1) / 3 + 1));
    case PeriodKind::kMonth: return *ParsePeriod(y + (m < 10 ? "0" : "") + std::to_string(m));
  }
  return *ParsePeriod(y);
}

std::string Period::id() const {
  const std::string y = std::to_string(year);
  switch (kind) {
    case PeriodKind::kYear: return y;
    case PeriodKind::kSixMonth: return y + "S" + std::to_string(index);
    case PeriodKind::kQuarter: return y + "Q" + std::to_string(index);
    case PeriodKind::kMonth: return y + (index < 10 ? "0" : "") + std::to_string(index);
    case PeriodKind::kActionMonth: return y + "AM";
  }
  return y;
}

std::string Period::Label() const {
  const std::string y = std::to_string(year);
  switch (kind) {
    case PeriodKind::kYear: return "Năm " + y;
    case PeriodKind::kSixMonth: return index == 1 ? "6 tháng đầu năm " + y : "6 tháng cuối năm " + y;
    case PeriodKind::kQuarter: return "Quý " + std::string(kRoman[index - 1]) + "/" + y;
    case PeriodKind::kMonth: return "Tháng " + std::to_string(index) + "/" + y;
    case PeriodKind::kActionMonth: return "Tháng hành động " + y;
  }
  return y;
}

Date Period::DefaultDeadline() const {
  if (kind == PeriodKind::kActionMonth) return Date(year, 12, 10);
  return Date(end.year(), end.month(), 5);
}

}  // namespace binhdang::domain
