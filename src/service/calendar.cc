#include "service/calendar.h"

#include "common/crypto.h"
#include "common/time.h"
#include "domain/access.h"
#include "service/audit.h"
#include "service/mutate.h"
#include "storage/users_repo.h"

namespace binhdang::service {

namespace {
Error FeedNotFound() { return Error::NotFound("lịch công việc", "Calendar"); }
}  // namespace

bool CalendarService::MayFollow(const domain::User& user, Id unit_id) {
  auto tree = directory_.Tree();
  if (!user.active || !tree->Find(unit_id)) return false;
  if (!domain::Can(user, domain::Right::kView, unit_id, *tree)) return false;
  return user.unit_id == unit_id ||
         domain::ScopeOf(user, domain::Right::kView) == domain::Scope::kEverywhere;
}

Result<NewFeed> CalendarService::Create(const Caller& caller, Id unit_id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  if (!directory_.Tree()->Find(unit_id)) return Error::NotFound("đơn vị", "Unit");
  if (!MayFollow(*caller.user, unit_id)) return Error::Forbidden();
  NewFeed out;
  out.token = crypto::RandomToken(32);
  const int64_t now = NowMs();
  out.feed = {0, crypto::HashHex(out.token), caller.user_id(), unit_id, now, now + kLifetimeMs, 0,
              0};
  return Mutate(store_, caller, [&](Mutation& m) -> Result<NewFeed> {
    storage::CalendarRepo repo(m.sql());
    const int rotated = repo.RevokeOf(caller.user_id(), unit_id, now);
    out.feed.id = repo.Insert(out.feed);
    m.Audit({"calendar.create", "calendar_feed", IdToString(out.feed.id), unit_id, "ok",
             rotated ? "rotated " + std::to_string(rotated) : ""});
    return out;
  });
}

Result<std::vector<storage::CalendarFeed>> CalendarService::Mine(const Caller& caller) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto sql = store_.Lease();
  return storage::CalendarRepo(*sql).LiveOf(caller.user_id(), NowMs());
}

Status CalendarService::Revoke(const Caller& caller, Id feed_id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  return Mutate(store_, caller, [&](Mutation& m) -> Status {
    storage::CalendarRepo repo(m.sql());
    auto feed = repo.Get(feed_id);
    // Someone else's feed is as unknown as one that does not exist.
    if (!feed || feed->user_id != caller.user_id()) return FeedNotFound();
    repo.Revoke(feed_id, m.now_ms());
    m.Audit({"calendar.revoke", "calendar_feed", IdToString(feed_id), feed->unit_id, "ok", ""});
    return Ok();
  });
}

Result<std::vector<storage::Task>> CalendarService::Tasks(Id unit_id, const std::string& token) {
  if (token.empty() || token.size() > 128) return FeedNotFound();
  const int64_t now = NowMs();
  auto sql = store_.Lease();
  storage::CalendarRepo repo(*sql);
  auto feed = repo.FindByTokenHash(crypto::HashHex(token));
  if (!feed || feed->unit_id != unit_id || feed->revoked_ms || feed->expires_ms <= now) {
    return FeedNotFound();
  }
  auto user = storage::UsersRepo(*sql).Get(feed->user_id);
  if (!user || !MayFollow(user->user, unit_id)) return FeedNotFound();
  // Calendar clients poll often: note the read at most once an hour.
  if (now - feed->last_used_ms > 3600 * 1000) repo.Touch(feed->id, now);
  storage::TaskFilter f;
  f.unit_id = unit_id;
  f.today = Date::TodayInVietnam();
  f.limit = 1000;
  auto tasks = storage::ActivitiesRepo(*sql).Tasks(f);
  if (tasks.size() > 1000) tasks.pop_back();
  return tasks;
}

}  // namespace binhdang::service
