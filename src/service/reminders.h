// Reminders that nobody asks for: an activity due in 7 days and in 1 day (or the days its lead
// unit, or the nearest unit above it, chose: domain/reminder_days.h), and an activity
// overdue (weekly, for the first 30 days), told to the planners and reporters of the unit that
// leads it. A sweep is idempotent — each reminder is sent once (overdue: once a week), found by
// its kind and link in the notifications — so servers sharing a database, a restart or a sweep
// run twice tell nobody twice. `binhdang serve` sweeps at start and every hour.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "common/result.h"
#include "common/time.h"
#include "domain/reminder_days.h"
#include "service/context.h"
#include "service/unit_directory.h"
#include "storage/store.h"

namespace binhdang::service {

struct SweepResult {
  int due_soon = 0;  // notices of an activity due in 7 or 1 days
  int overdue = 0;   // notices of an activity past its due date
};

struct CaseSweepResult {
  int decision_due = 0;   // a no-contact order to decide within 4 hours
  int decision_late = 0;  // undecided past the 12 hours
  int ending = 0;         // an order in force ending today or tomorrow
};

//! The reminder days that hold for a unit, and where they come from.
struct ReminderDaysView {
  Id unit_id = 0;
  domain::ReminderDays days;
  Id set_by_unit_id =
      0;  // the unit whose choice this is (the unit itself or one above); 0: default
  bool may_change = false;
};

class RemindersService {
 public:
  RemindersService(storage::Store& store, UnitDirectory& directory)
      : store_(store), directory_(directory) {}
  ~RemindersService();
  RemindersService(const RemindersService&) = delete;
  RemindersService& operator=(const RemindersService&) = delete;

  //! The days that hold for `unit` (anyone who may see the unit).
  Result<ReminderDaysView> Days(const Caller& caller, Id unit);
  //! Sets the unit's own days, for itself and the units under it without their own: those who
  //! write the unit's plans (kWritePlans over it).
  Result<ReminderDaysView> SetDays(const Caller& caller, Id unit, const domain::ReminderDays& days);
  //! Back to the days of the unit above (or the default).
  Result<ReminderDaysView> ClearDays(const Caller& caller, Id unit);

  //! Sends what is due on `today` (Vietnam date) and not sent yet.
  SweepResult Sweep(Date today);
  //! The legal clock of GBV cases' no-contact orders (Luật Phòng, chống bạo lực gia đình 2022,
  //! Điều 23): the owner and members of the case are told when fewer than 4 hours remain for
  //! the commune chairman's decision, when the 12 hours have passed undecided, and the day
  //! before an order in force ends — each once. The notices name the case's code only.
  CaseSweepResult SweepCases(int64_t now_ms);
  //! Sweeps (activities and cases) now and then every `interval_ms` from a background thread until
  //! destroyed.
  void Every(int64_t interval_ms);

 private:
  storage::Store& store_;
  UnitDirectory& directory_;
  std::thread worker_;
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stop_ = false;
};

}  // namespace binhdang::service
