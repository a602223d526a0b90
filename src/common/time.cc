#include "common/time.h"

#include <chrono>
#include <cstdio>

namespace binhdang {

namespace {
constexpr int64_t kVietnamOffsetMs = 7 * 3600 * 1000;

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}
}  // namespace

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

std::optional<Date> Date::Parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto num = [&](size_t pos, size_t len) -> int {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
  return Date(y, m, d);
}

int64_t Date::ToDays() const {
  return DaysFromCivil(y_, static_cast<unsigned>(m_), static_cast<unsigned>(d_));
}

Date Date::FromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date(static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d));
}

Date Date::InVietnam(int64_t unix_ms) {
  const int64_t local = unix_ms + kVietnamOffsetMs;
  int64_t days = local / 86400000;
  if (local % 86400000 < 0) --days;
  return FromDays(days);
}

Date Date::TodayInVietnam() { return InVietnam(NowMs()); }

std::string Date::Iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y_, m_, d_);
  return buf;
}

std::string Date::Vietnamese() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d_, m_, y_);
  return buf;
}

int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::optional<int64_t> ParseInstant(std::string_view s) {
  bool utc = false;
  if (!s.empty() && s.back() == 'Z') utc = true, s.remove_suffix(1);
  if ((s.size() != 16 && s.size() != 19) || s[10] != 'T' || s[13] != ':') return std::nullopt;
  if (s.size() == 19 && s[16] != ':') return std::nullopt;
  auto date = Date::Parse(s.substr(0, 10));
  if (!date) return std::nullopt;
  auto two = [&](size_t at) -> int {
    const char a = s[at], b = s[at + 1];
    if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
    return (a - '0') * 10 + (b - '0');
  };
  const int hh = two(11), mm = two(14), ss = s.size() == 19 ? two(17) : 0;
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return std::nullopt;
  int64_t seconds = date->ToDays() * 86400 + hh * 3600 + mm * 60 + ss;
  if (!utc) seconds -= 7 * 3600;  // Asia/Ho_Chi_Minh, UTC+7 all year
  return seconds * 1000;
}

std::string IsoInstant(int64_t unix_ms) {
  int64_t secs = unix_ms / 1000;
  if (unix_ms % 1000 < 0) --secs;
  int64_t days = secs / 86400;
  int64_t rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  const Date d = Date::FromDays(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", d.Iso().c_str(),
                static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
                static_cast<int>(rem % 60));
  return buf;
}

std::string VietnamDateTime(int64_t unix_ms) {
  const int64_t local = unix_ms + 7LL * 3600 * 1000;
  int64_t secs = local / 1000;
  if (local % 1000 < 0) --secs;
  int64_t rem = secs % 86400;
  if (rem < 0) rem += 86400;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d:%02d ngày %s", static_cast<int>(rem / 3600),
                static_cast<int>(rem / 60 % 60), Date::InVietnam(unix_ms).Vietnamese().c_str());
  return buf;
}

}  // namespace binhdang
