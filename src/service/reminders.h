// Reminders that nobody asks for: an activity due in 7 days and in 1 day, and an activity
// overdue (weekly, for the first 30 days), told to the planners and reporters of the unit that
// leads it. A sweep is idempotent — each reminder is sent once (overdue: once a week), found by
// its kind and link in the notifications — so servers sharing a database, a restart or a sweep
// run twice tell nobody twice. `binhdang serve` sweeps at start and every hour.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "common/time.h"
#include "service/unit_directory.h"
#include "storage/store.h"

namespace binhdang::service {

struct SweepResult {
  int due_soon = 0;  // notices of an activity due in 7 or 1 days
  int overdue = 0;   // notices of an activity past its due date
};

class RemindersService {
 public:
  RemindersService(storage::Store& store, UnitDirectory& directory)
      : store_(store), directory_(directory) {}
  ~RemindersService();
  RemindersService(const RemindersService&) = delete;
  RemindersService& operator=(const RemindersService&) = delete;

  //! Sends what is due on `today` (Vietnam date) and not sent yet.
  SweepResult Sweep(Date today);
  //! Sweeps now and then every `interval_ms` from a background thread until destroyed.
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
