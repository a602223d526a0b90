// Calendar dates and instants. Vietnam keeps UTC+7 all year (no daylight saving since 1975),
// so "today in Asia/Ho_Chi_Minh" is computed with a fixed offset and needs no time zone files.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace binhdang {

//! A civil date (proleptic Gregorian). Ordered; printable as YYYY-MM-DD or dd/mm/yyyy.
class Date {
 public:
  Date() = default;
  Date(int year, int month, int day) : y_(year), m_(month), d_(day) {}

  //! Parses exactly "YYYY-MM-DD" with a real calendar day; nullopt otherwise.
  static std::optional<Date> Parse(std::string_view s);
  //! Days since 1970-01-01 (may be negative).
  static Date FromDays(int64_t days);
  //! The date in Asia/Ho_Chi_Minh at the instant `unix_ms`.
  static Date InVietnam(int64_t unix_ms);
  static Date TodayInVietnam();

  int year() const { return y_; }
  int month() const { return m_; }
  int day() const { return d_; }
  int64_t ToDays() const;
  Date AddDays(int64_t n) const { return FromDays(ToDays() + n); }
  std::string Iso() const;         // 2024-12-10
  std::string Vietnamese() const;  // 10/12/2024

  auto operator<=>(const Date&) const = default;

 private:
  int y_ = 1970, m_ = 1, d_ = 1;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

//! Milliseconds since the Unix epoch, now.
int64_t NowMs();
//! "2026-11-23T03:04:05Z" (UTC, second precision).
std::string IsoInstant(int64_t unix_ms);
//! "2026-12-01T14:05" or "2026-12-01T14:05:30" in Vietnam time, or either with a trailing "Z"
//! in UTC: milliseconds since the epoch; nullopt for anything else (digits exactly where shown).
std::optional<int64_t> ParseInstant(std::string_view s);
//! "14:05 ngày 23/11/2026" in Asia/Ho_Chi_Minh, as people read it.
std::string VietnamDateTime(int64_t unix_ms);

}  // namespace binhdang
