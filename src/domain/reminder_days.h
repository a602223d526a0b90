// How many days before an activity's due date its lead unit is reminded: a first reminder
// (default 7 days) and a last one (default 1 day: the day before and the day itself). A unit
// sets its own for itself and the units under it; a unit without one takes the nearest
// ancestor's, and the country's default otherwise.
#pragma once

namespace binhdang::domain {

struct ReminderDays {
  int first = 7;  // the first reminder goes when this many days are left, or fewer
  int last = 1;   // the last one when this many or fewer are left (0: on the due date)
  bool operator==(const ReminderDays&) const = default;
};

inline constexpr int kMaxReminderDays = 60;

//! 0 <= last < first <= kMaxReminderDays.
inline bool ValidReminderDays(const ReminderDays& d) {
  return d.last >= 0 && d.last < d.first && d.first <= kMaxReminderDays;
}

}  // namespace binhdang::domain
