#include "service/reminders.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

#include "domain/access.h"
#include "domain/case_care.h"
#include "service/mutate.h"
#include "service/notifications.h"
#include "storage/cases_repo.h"
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

CaseSweepResult RemindersService::SweepCases(int64_t now_ms) {
  constexpr int64_t kWarnMs = 4LL * 3600 * 1000;
  struct Due {
    domain::Measure measure;
    const char* kind;
    Message message;
    std::vector<Id> users;
    std::string link;
  };
  std::vector<Due> due;
  {
    auto sql = store_.Lease();
    storage::CasesRepo cases(*sql);
    storage::UsersRepo users(*sql);
    storage::NotificationsRepo notices(*sql);
    const Date today = Date::InVietnam(now_ms);
    for (const auto& m : cases.NoContactOrdersToWatch()) {
      const auto clock = domain::ClockOf(m, now_ms);
      auto stored = cases.Get(m.case_id);
      if (!stored) continue;
      const std::string& code = stored->record.code;
      Due d{
          m, nullptr, {}, {}, "#/cases/" + IdToString(m.case_id) + "?measure=" + IdToString(m.id)};
      if (m.status == "requested" && clock.decision_due_ms) {
        const std::string when = VietnamDateTime(*clock.decision_due_ms);
        const int64_t left = *clock.decision_due_ms - now_ms;
        if (left <= 0) {
          d.kind = "case_measure_late";
          d.message = {"Vụ việc " + code + ": đã quá 12 giờ (hạn " + when +
                           ") mà chưa có quyết định cấm tiếp xúc của Chủ tịch Ủy ban nhân dân cấp "
                           "xã. Đề nghị đôn đốc và cập nhật kết quả.",
                       "Case " + code + ": the 12 hours have passed (due " + when +
                           ") without the commune chairman's no-contact decision."};
        } else if (left <= kWarnMs) {
          const int64_t hours = (left + 3599999) / 3600000;
          d.kind = "case_measure_due";
          d.message = {"Vụ việc " + code +
                           ": Chủ tịch Ủy ban nhân dân cấp xã phải quyết định cấm tiếp xúc trước " +
                           when + " (còn dưới " + std::to_string(hours) + " giờ).",
                       "Case " + code +
                           ": the commune chairman must decide the no-contact order "
                           "before " +
                           when + " (under " + std::to_string(hours) +
                           (hours == 1 ? " hour" : " hours") + " left)."};
        }
      } else if (m.status == "in_force" && m.ends_on && *m.ends_on >= today &&
                 *m.ends_on <= today.AddDays(1)) {
        const std::string end = m.ends_on->Vietnamese();
        d.kind = "case_measure_ends";
        d.message = {"Vụ việc " + code + ": quyết định cấm tiếp xúc hết hiệu lực hết ngày " + end +
                         ". Xem xét nhu cầu an toàn, đề nghị áp dụng tiếp hoặc biện pháp khác.",
                     "Case " + code + ": the no-contact order ends at the end of " + end +
                         ". Review the survivor's safety and what should follow."};
      }
      if (!d.kind) continue;
      std::vector<Id> people{stored->record.owner_id};
      for (const auto& member : cases.Members(m.case_id)) people.push_back(member.user_id);
      std::sort(people.begin(), people.end());
      people.erase(std::unique(people.begin(), people.end()), people.end());
      for (Id u : people) {
        auto rec = users.Get(u);
        if (!rec || !rec->user.active) continue;
        if (notices.SentSince(u, d.kind, d.link, now_ms - 30LL * 24 * 3600 * 1000)) continue;
        d.users.push_back(u);
      }
      if (!d.users.empty()) due.push_back(std::move(d));
    }
  }
  if (due.empty()) return {};
  auto done = Mutate(store_, Caller::System(), [&](Mutation& m) -> Result<CaseSweepResult> {
    CaseSweepResult r;
    storage::NotificationsRepo notices(m.sql());
    for (const auto& d : due) {
      for (Id u : d.users) {
        if (notices.SentSince(u, d.kind, d.link, now_ms - 30LL * 24 * 3600 * 1000)) continue;
        storage::Notification n;
        n.user_id = u;
        n.kind = d.kind;
        n.message = d.message;
        n.link = d.link;
        n.created_ms = m.now_ms();
        notices.Insert(n);
        const std::string_view kind = d.kind;
        (kind == "case_measure_due"    ? r.decision_due
         : kind == "case_measure_late" ? r.decision_late
                                       : r.ending) += 1;
      }
    }
    // The audit record counts; the cases and people stay in their own access log.
    m.Audit({"reminders.cases", "case_measure", "", 0, "ok",
             std::to_string(r.decision_due) + " sắp hết hạn quyết định, " +
                 std::to_string(r.decision_late) + " quá hạn quyết định, " +
                 std::to_string(r.ending) + " sắp hết hiệu lực"});
    return r;
  });
  if (!done.ok()) {
    spdlog::warn("reminders: the case sweep failed: {}", done.error().message.en);
    return {};
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
        const auto c = SweepCases(NowMs());
        if (c.decision_due + c.decision_late + c.ending > 0) {
          spdlog::info("reminders: no-contact orders: {} to decide soon, {} late, {} ending",
                       c.decision_due, c.decision_late, c.ending);
        }
      } catch (const std::exception& e) {
        spdlog::warn("reminders: {}", e.what());
      }
      lock.lock();
      stop_cv_.wait_for(lock, std::chrono::milliseconds(interval_ms), [this] { return stop_; });
    }
  });
}

}  // namespace binhdang::service
