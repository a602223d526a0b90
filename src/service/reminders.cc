#include "service/reminders.h"

#include <spdlog/spdlog.h>

#include "service/mutate.h"
#include "service/notifications.h"
#include "storage/notifications_repo.h"
#include "storage/plans_repo.h"
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

SweepResult RemindersService::Sweep(Date today) {
  constexpr int kOverdueDays = 30;
  std::vector<storage::Task> tasks;
  {
    auto sql = store_.Lease();
    tasks = storage::ActivitiesRepo(*sql).OpenLedDueBetween(today.AddDays(-kOverdueDays),
                                                            today.AddDays(7));
  }
  SweepResult out;
  const int64_t day_ms = 24LL * 3600 * 1000;
  // Kept as ranges so that a day without a sweep (the server down) still sends them.
  auto kind_of = [&](const storage::Task& t) -> const char* {
    const int64_t left = t.activity.due_date->ToDays() - today.ToDays();
    return left > 7    ? nullptr
           : left >= 2 ? "activity_due_7"
           : left >= 0 ? "activity_due_1"
                       : "activity_overdue";
  };
  auto link_of = [](const storage::Task& t) {
    return "#/plans/" + IdToString(t.activity.plan_id) + "?activity=" + IdToString(t.activity.id);
  };
  auto since_of = [&](const storage::Task& t, int64_t now) {
    // A due-soon notice once; an overdue one once a week.
    return t.activity.due_date->ToDays() >= today.ToDays() ? now - 30 * day_ms
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
  auto tree = directory_.Tree();
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
