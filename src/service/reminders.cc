#include "service/reminders.h"

#include <spdlog/spdlog.h>

#include <map>

#include "domain/access.h"
#include "service/mutate.h"
#include "service/notifications.h"
#include "storage/notifications_repo.h"
#include "storage/plans_repo.h"
#include "storage/units_repo.h"
#include "storage/users_repo.h"

namespace binhdang::service {

RemindersService::~RemindersService() {
  {
    std::lock_guard lock(stop_mu_);
    stop_ = true;
  }
  stop_cv_.notify_all();
  if (worker_.joinable()) worker_.join();
}

namespace {

// The days of the unit itself or of the nearest unit above that chose its own.
ReminderDaysView Effective(const domain::UnitTree& tree,
                           const std::map<Id, domain::ReminderDays>& chosen, Id unit) {
  ReminderDaysView v;
  v.unit_id = unit;
  for (Id at = unit; at != 0;) {
    if (auto it = chosen.find(at); it != chosen.end()) {
      v.days = it->second;
      v.set_by_unit_id = at;
      return v;
    }
    const auto* u = tree.Find(at);
    at = u ? u->parent_id : 0;
  }
  return v;
}

}  // namespace

Result<ReminderDaysView> RemindersService::Days(const Caller& caller, Id unit) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  if (!tree->Find(unit)) return Error::NotFound("đơn vị", "Unit");
  if (!domain::Can(*caller.user, domain::Right::kView, unit, *tree)) return Error::Forbidden();
  std::map<Id, domain::ReminderDays> chosen;
  {
    auto sql = store_.Lease();
    chosen = storage::UnitsRepo(*sql).AllReminderDays();
  }
  auto v = Effective(*tree, chosen, unit);
  v.may_change = domain::Can(*caller.user, domain::Right::kWritePlans, unit, *tree);
  return v;
}

Result<ReminderDaysView> RemindersService::SetDays(const Caller& caller, Id unit,
                                                   const domain::ReminderDays& days) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  if (!tree->Find(unit)) return Error::NotFound("đơn vị", "Unit");
  if (!domain::Can(*caller.user, domain::Right::kWritePlans, unit, *tree))
    return Error::Forbidden();
  if (!domain::ValidReminderDays(days)) {
    Validator v;
    if (days.first < 1 || days.first > domain::kMaxReminderDays) {
      v.Fail("first_days",
             "nhắc lần đầu trước từ 1 đến " + std::to_string(domain::kMaxReminderDays) + " ngày",
             "the first reminder must be 1 to " + std::to_string(domain::kMaxReminderDays) +
                 " days before");
    }
    if (days.last < 0 || days.last >= days.first) {
      v.Fail("last_days", "nhắc lần cuối phải ít ngày hơn lần đầu (0: đúng ngày đến hạn)",
             "the last reminder must be fewer days before than the first (0: on the due date)");
    }
    return v.ToError();
  }
  BD_RETURN_IF_ERROR(Mutate(store_, caller, [&](Mutation& m) -> Status {
    storage::UnitsRepo(m.sql()).SetReminderDays(unit, days, caller.user_id(), m.now_ms());
    m.Audit({"unit.reminder_days", "unit", IdToString(unit), unit, "ok",
             "nhắc trước " + std::to_string(days.first) + " và " + std::to_string(days.last) +
                 " ngày"});
    return Ok();
  }));
  return Days(caller, unit);
}

Result<ReminderDaysView> RemindersService::ClearDays(const Caller& caller, Id unit) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  if (!tree->Find(unit)) return Error::NotFound("đơn vị", "Unit");
  if (!domain::Can(*caller.user, domain::Right::kWritePlans, unit, *tree))
    return Error::Forbidden();
  BD_RETURN_IF_ERROR(Mutate(store_, caller, [&](Mutation& m) -> Status {
    const bool had = storage::UnitsRepo(m.sql()).ClearReminderDays(unit);
    m.Audit({"unit.reminder_days", "unit", IdToString(unit), unit, "ok",
             had ? "theo đơn vị cấp trên" : "không đổi (đã theo đơn vị cấp trên)"});
    return Ok();
  }));
  return Days(caller, unit);
}

SweepResult RemindersService::Sweep(Date today) {
  constexpr int kOverdueDays = 30;
  std::vector<storage::Task> tasks;
  std::map<Id, domain::ReminderDays> chosen;
  {
    auto sql = store_.Lease();
    tasks = storage::ActivitiesRepo(*sql).OpenLedDueBetween(
        today.AddDays(-kOverdueDays), today.AddDays(domain::kMaxReminderDays));
    chosen = storage::UnitsRepo(*sql).AllReminderDays();
  }
  SweepResult out;
  const int64_t day_ms = 24LL * 3600 * 1000;
  auto tree = directory_.Tree();
  // Kept as ranges so that a day without a sweep (the server down) still sends them. The kinds
  // keep their names: activity_due_7 is the first reminder, activity_due_1 the last.
  auto kind_of = [&](const storage::Task& t) -> const char* {
    const int64_t left = t.activity.due_date->ToDays() - today.ToDays();
    const auto days = Effective(*tree, chosen, t.activity.lead_unit_id).days;
    return left > days.first  ? nullptr
           : left > days.last ? "activity_due_7"
           : left >= 0        ? "activity_due_1"
                              : "activity_overdue";
  };
  auto link_of = [](const storage::Task& t) {
    return "#/plans/" + IdToString(t.activity.plan_id) + "?activity=" + IdToString(t.activity.id);
  };
  auto since_of = [&](const storage::Task& t, int64_t now) {
    // A due-soon notice once; an overdue one once a week.
    return t.activity.due_date->ToDays() >= today.ToDays()
               ? now - (domain::kMaxReminderDays + 1) * day_ms
               : now - 7 * day_ms + 3600000;
  };
  // Most sweeps find everything sent already: those open no write (and leave no audit record).
  {
    auto sql = store_.Lease();
    storage::UsersRepo users(*sql);
    storage::NotificationsRepo notices(*sql);
    const int64_t now = NowMs();
    std::erase_if(tasks, [&](const storage::Task& t) {
      const char* kind = kind_of(t);
      if (!kind) return true;
      for (const auto& u : users.ActiveOfUnit(t.activity.lead_unit_id)) {
        if ((u.Has(domain::Role::kPlanner) || u.Has(domain::Role::kReporter)) &&
            !notices.SentSince(u.id, kind, link_of(t), since_of(t, now)))
          return false;
      }
      return true;
    });
  }
  if (tasks.empty()) return out;
  auto done = Mutate(store_, Caller::System(), [&](Mutation& m) -> Result<SweepResult> {
    SweepResult r;
    for (const auto& t : tasks) {
      const auto& a = t.activity;
      const int64_t left = a.due_date->ToDays() - today.ToDays();
      const char* kind = kind_of(t);
      const auto* issuer = tree->Find(t.plan_unit_id);
      const std::string plan = "kế hoạch số " + t.plan_number + " của " +
                               (issuer ? issuer->full_name : std::string("đơn vị cấp trên"));
      const std::string plan_en = "plan " + t.plan_number + " of " +
                                  (issuer ? issuer->full_name : std::string("the unit above"));
      const std::string due = a.due_date->Vietnamese();
      Message message;
      if (left == 0) {
        message = {"Đến hạn hôm nay (" + due + "): \"" + a.title + "\" (" + plan + ").",
                   "Due today (" + due + "): \"" + a.title + "\" (" + plan_en + ")."};
      } else if (left > 0) {
        message = {"Còn " + std::to_string(left) + " ngày đến hạn " + due + ": \"" + a.title +
                       "\" (" + plan + ").",
                   std::to_string(left) + (left == 1 ? " day" : " days") + " to the due date " +
                       due + ": \"" + a.title + "\" (" + plan_en + ")."};
      } else {
        message = {"Quá hạn " + std::to_string(-left) + " ngày (hạn " + due + "): \"" + a.title +
                       "\" (" + plan + "). Đề nghị cập nhật tiến độ.",
                   std::to_string(-left) + (left == -1 ? " day" : " days") + " overdue (due " +
                       due + "): \"" + a.title + "\" (" + plan_en +
                       "). Please update its progress."};
      }
      const int told =
          NotifyUnit(m, a.lead_unit_id, {domain::Role::kPlanner, domain::Role::kReporter}, kind,
                     message, link_of(t), since_of(t, m.now_ms()));
      (left >= 0 ? r.due_soon : r.overdue) += told;
    }
    m.Audit(
        {"reminders.sweep", "activity", "", 0, "ok",
         std::to_string(r.due_soon) + " sắp đến hạn, " + std::to_string(r.overdue) + " quá hạn"});
    return r;
  });
  if (!done.ok()) {
    spdlog::warn("reminders: the sweep failed: {}", done.error().message.en);
    return out;
  }
  return *done;
}

void RemindersService::Every(int64_t interval_ms) {
  if (worker_.joinable()) return;
  worker_ = std::thread([this, interval_ms] {
    std::unique_lock lock(stop_mu_);
    while (!stop_) {
      lock.unlock();
      try {
        const auto r = Sweep(Date::TodayInVietnam());
        if (r.due_soon + r.overdue > 0)
          spdlog::info("reminders: {} due soon, {} overdue", r.due_soon, r.overdue);
      } catch (const std::exception& e) {
        spdlog::warn("reminders: {}", e.what());
      }
      lock.lock();
      stop_cv_.wait_for(lock, std::chrono::milliseconds(interval_ms), [this] { return stop_; });
    }
  });
}

}  // namespace binhdang::service
