// Calendar feeds of task deadlines (iCalendar). A feed belongs to the user who asked for it and
// to one unit: asking again rotates it (the old address stops), the user can revoke it, it
// expires after a year, and every read checks again that its user is active and may still see
// the unit — so a feed dies with its user's access.
#pragma once

#include <string>
#include <vector>

#include "service/context.h"
#include "service/unit_directory.h"
#include "storage/calendar_repo.h"
#include "storage/plans_repo.h"
#include "storage/store.h"

namespace binhdang::service {

struct NewFeed {
  storage::CalendarFeed feed;
  std::string token;  // shown once; only its hash is kept
};

class CalendarService {
 public:
  static constexpr int64_t kLifetimeMs = 365LL * 24 * 3600 * 1000;

  CalendarService(storage::Store& store, UnitDirectory& directory)
      : store_(store), directory_(directory) {}

  //! A new secret address for `unit_id`'s tasks; the caller's earlier one for the unit stops.
  //! The caller must be of the unit (or see everywhere) and have the View right on it.
  Result<NewFeed> Create(const Caller& caller, Id unit_id);
  //! The caller's live feeds.
  Result<std::vector<storage::CalendarFeed>> Mine(const Caller& caller);
  Status Revoke(const Caller& caller, Id feed_id);
  //! The tasks of the feed's unit when `token` is a live feed of `unit_id` whose user may still
  //! see it; kNotFound otherwise (the same answer whatever was wrong).
  Result<std::vector<storage::Task>> Tasks(Id unit_id, const std::string& token);

 private:
  bool MayFollow(const domain::User& user, Id unit_id);

  storage::Store& store_;
  UnitDirectory& directory_;
};

}  // namespace binhdang::service
