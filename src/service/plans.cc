#include "service/plans.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "common/crypto.h"
#include "common/text.h"
#include "domain/access.h"
#include "domain/plan_copy.h"
#include "domain/plan_json.h"
#include "service/mutate.h"
#include "service/notifications.h"

namespace binhdang::service {

namespace {
using domain::Activity;
using domain::ActivityStatus;
using domain::Plan;
using domain::PlanStatus;

Error PlanNotFound() { return Error::NotFound("kế hoạch", "Plan"); }
Error ActivityNotFound() { return Error::NotFound("hoạt động", "Activity"); }

bool IsAdministrative(const domain::Unit& u) { return u.kind != domain::UnitKind::kAgency; }

// The unit valid on the plan's start (or today): expected units of a plan that no longer exist
// are not expected to derive it.
Date ReferenceDay(const Plan& p) { return p.period_start.value_or(Date::TodayInVietnam()); }

// Fails "number" when `p`'s number is taken by another plan of its unit, symbol and year.
// `stored` is the plan as stored before this change (its own number is no clash). Returns the
// next free number.
int CheckNumberFree(storage::PlansRepo& repo, const Plan& p, const Plan* stored, Validator& v) {
  auto used = repo.UsedNumbers(p.unit_id, p.symbol, p.Year());
  if (stored && stored->number && stored->symbol == p.symbol && stored->Year() == p.Year()) {
    auto own = std::find(used.begin(), used.end(), *stored->number);
    if (own != used.end()) used.erase(own);
  }
  const int next = domain::NextFreeNumber(used);
  if (p.number && std::count(used.begin(), used.end(), *p.number)) {
    v.Fail("number",
           "số " + p.NumberAndSymbol() + " năm " + std::to_string(p.Year()) +
               " đã được dùng; số trống tiếp theo là " + std::to_string(next),
           "number " + p.NumberAndSymbol() + " is already used in " + std::to_string(p.Year()) +
               "; the next free one is " + std::to_string(next));
  }
  return next;
}
}  // namespace

bool PlansService::CanRead(const Caller& caller, Id plan_unit, PlanStatus status,
                           const domain::UnitTree& tree) const {
  return domain::CanReadPlan(*caller.user, plan_unit, status, tree);
}

Result<Plan> PlansService::LoadPlan(Id id) {
  auto sql = store_.Lease();
  auto plan = storage::PlansRepo(*sql).Get(id);
  if (!plan) return PlanNotFound();
  return *plan;
}

Result<Page<Plan>> PlansService::List(const Caller& caller, const PlanQuery& q) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  if (q.unit && !tree->Find(*q.unit)) {
    return Error::Invalid("unit", "đơn vị không tồn tại", "unit does not exist");
  }
  storage::PlanFilter f{q.unit, q.year, q.kind, q.status, text::Fold(q.q), std::nullopt, 0};
  if (domain::ScopeOf(*caller.user, domain::Right::kView) == domain::Scope::kEverywhere) {
    // Everything is visible: the database pages (one row more tells whether more follow).
    f.limit = q.page.limit + 1;
    f.offset = q.page.offset;
    auto sql = store_.Lease();
    Page<Plan> page;
    page.items = storage::PlansRepo(*sql).List(f);
    if (page.items.size() > q.page.limit) {
      page.items.pop_back();
      page.next_cursor = std::to_string(q.page.offset + q.page.limit);
    }
    return page;
  }
  std::vector<Plan> all;
  {
    auto sql = store_.Lease();
    all = storage::PlansRepo(*sql).List(f);
  }
  std::vector<Plan> visible;
  for (auto& p : all) {
    if (CanRead(caller, p.unit_id, p.status, *tree)) visible.push_back(std::move(p));
  }
  return Slice(std::move(visible), q.page);
}

Result<Plan> PlansService::Get(const Caller& caller, Id id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(Plan plan, LoadPlan(id));
  if (!CanRead(caller, plan.unit_id, plan.status, *directory_.Tree())) return Error::Forbidden();
  return plan;
}

Status PlansService::ApplyPatch(const PlanPatch& in, Plan& p, const domain::UnitTree& tree,
                                Validator& v) const {
  if (in.title) p.title = text::Trim(*in.title);
  if (in.theme) p.theme = text::Trim(*in.theme);
  if (in.place) p.place = text::Trim(*in.place);
  if (in.symbol) p.symbol = text::Trim(*in.symbol);
  if (in.kind) p.kind = *in.kind;
  if (in.number) p.number = *in.number;
  if (in.issued_on) p.issued_on = *in.issued_on;
  if (in.period_start) p.period_start = *in.period_start;
  if (in.period_end) p.period_end = *in.period_end;
  domain::ContentFromJson(in.content, p.content, v);
  if (in.reporting) {
    p.reporting = *in.reporting;
    for (auto& r : p.reporting) {
      if (r.to_unit_id && !tree.Find(r.to_unit_id)) {
        v.Fail("reporting.to_unit_id", "đơn vị nhận báo cáo không tồn tại",
               "the receiving unit does not exist");
      }
      if (r.reporting_scope.empty()) r.reporting_scope = "children_and_agencies";
    }
  }
  domain::CheckPlan(p, v);
  return Ok();
}

//! The parent a new plan names (PlanPatch::parent_plan_id): issued, of a unit above, not yet
//! implemented by this unit (the unique index of migration 5 stays the last word).
Status PlansService::CheckParent(storage::PlansRepo& repo, Mutation& m, const PlanPatch& in,
                                 Plan& p, const domain::UnitTree& tree) const {
  if (!in.parent_plan_id || *in.parent_plan_id == 0) return Ok();
  auto parent = repo.Get(*in.parent_plan_id, m.lock());
  if (!parent)
    return Error::Invalid("parent_plan_id", "kế hoạch cấp trên không tồn tại",
                          "the parent plan does not exist");
  if (parent->status != PlanStatus::kIssued) {
    return Error::Invalid("parent_plan_id", "kế hoạch cấp trên chưa được ban hành",
                          "the parent plan is not issued yet");
  }
  if (parent->unit_id == p.unit_id || !tree.IsWithin(p.unit_id, parent->unit_id)) {
    return Error::Invalid("parent_plan_id",
                          "kế hoạch cấp trên phải do một đơn vị cấp trên ban hành",
                          "the parent plan must be issued by a unit above");
  }
  for (const auto& d : repo.Derived(parent->id)) {
    if (d.unit_id == p.unit_id) {
      return Error::Conflict("đơn vị đã có kế hoạch triển khai kế hoạch " +
                                 parent->NumberAndSymbol() + " (mã " + IdToString(d.id) + ")",
                             "the unit already implements plan " + parent->NumberAndSymbol() +
                                 " (id " + IdToString(d.id) + ")");
    }
  }
  p.parent_plan_id = parent->id;
  return Ok();
}

Result<Plan> PlansService::Create(const Caller& caller, Id unit_id, const PlanPatch& in) {
  return Create(caller, unit_id, in, {});
}

Result<Plan> PlansService::Update(const Caller& caller, Id id, const PlanPatch& in) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  return Mutate(store_, caller, [&](Mutation& m) -> Result<Plan> {
    storage::PlansRepo repo(m.sql());
    auto stored = repo.Get(id, m.lock());
    if (!stored) return PlanNotFound();
    const Plan& current = *stored;
    if (!domain::Can(*caller.user, domain::Right::kWritePlans, current.unit_id, *tree)) {
      return Error::Forbidden();
    }
    Plan p = current;
    Validator v;
    BD_RETURN_IF_ERROR(ApplyPatch(in, p, *tree, v));
    if (p.title.empty())
      v.Fail("title", "trích yếu kế hoạch không được để trống", "title is required");
    if (!v.ok()) return v.ToError();
    Validator numbers;
    CheckNumberFree(repo, p, &current, numbers);
    if (!numbers.ok()) return numbers.ToError();
    if (in.version != current.version) return Error::StaleVersion(current.version);
    p.version = in.version;
    if (current.status == PlanStatus::kIssued) {
      // Issued plans are frozen: the change is a new revision and the previous one is kept.
      repo.InsertRevision(id, {current.revision, current.version, m.now_ms(), caller.user_id(),
                               caller.username(), domain::PlanToJson(current).dump()});
      p.revision = current.revision + 1;
    }
    if (!repo.Update(p, m.now_ms(), in.reporting.has_value()))
      return Error::StaleVersion(current.version);
    m.Audit({"plan.update", "plan", IdToString(id), p.unit_id, "ok",
             "revision " + std::to_string(p.revision)});
    return *repo.Get(id);
  });
}

Result<Plan> PlansService::Issue(const Caller& caller, Id id, const IssueInput& in) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  return Mutate(store_, caller, [&](Mutation& m) -> Result<Plan> {
    storage::PlansRepo repo(m.sql());
    auto stored = repo.Get(id, m.lock());
    if (!stored) return PlanNotFound();
    Plan p = *stored;
    if (!domain::Can(*caller.user, domain::Right::kWritePlans, p.unit_id, *tree)) {
      return Error::Forbidden();
    }
    if (p.status == PlanStatus::kIssued) {
      return Error::Conflict("Kế hoạch " + p.NumberAndSymbol() + " đã được ban hành",
                             "Plan " + p.NumberAndSymbol() + " is already issued");
    }
    Validator v;
    domain::CheckIssuable(p, storage::ActivitiesRepo(m.sql()).ForPlan(id), v);
    p.issued_on = in.issued_on.value_or(p.issued_on.value_or(Date::TodayInVietnam()));
    if (in.number) p.number = *in.number;
    Validator ignored;
    if (!p.number) p.number = CheckNumberFree(repo, p, &*stored, ignored);
    CheckNumberFree(repo, p, &*stored, v);
    domain::CheckPlan(p, v);
    if (!v.ok()) return v.ToError();
    p.status = PlanStatus::kIssued;
    p.revision = 1;
    p.version = in.version;
    if (!repo.Update(p, m.now_ms())) return Error::StaleVersion(stored->version);
    m.Audit({"plan.issue", "plan", IdToString(id), p.unit_id, "ok", p.NumberAndSymbol()});
    // The planners of the administrative units below, who must write the plans that implement
    // it, are told (agencies carry out activities; their tasks show them).
    const auto* issuer = tree->Find(p.unit_id);
    const std::string from = issuer ? issuer->full_name : "";
    const Date today = Date::TodayInVietnam();
    for (Id child : tree->Children(p.unit_id)) {
      const auto* unit = tree->Find(child);
      if (!unit || unit->kind == domain::UnitKind::kAgency || !unit->ValidAt(today)) continue;
      NotifyUnit(m, child, {domain::Role::kPlanner}, "plan_issued",
                 {from + " đã ban hành kế hoạch số " + p.NumberAndSymbol() + " \"" + p.title +
                      "\". " + unit->full_name + " cần xây dựng kế hoạch triển khai.",
                  from + " issued plan " + p.NumberAndSymbol() + " \"" + p.title + "\". " +
                      unit->full_name + " is to write the plan that implements it."},
                 "#/plans/" + IdToString(id));
    }
    return *repo.Get(id);
  });
}

Result<std::vector<storage::PlanRevision>> PlansService::Revisions(const Caller& caller, Id id) {
  BD_ASSIGN_OR_RETURN(Plan p, Get(caller, id));
  auto sql = store_.Lease();
  return storage::PlansRepo(*sql).Revisions(p.id);
}

Result<int> PlansService::NextNumber(const Caller& caller, Id unit_id, const std::string& symbol,
                                     int year) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  if (!tree->Find(unit_id))
    return Error::Invalid("unit", "đơn vị không tồn tại", "unit does not exist");
  if (!domain::Can(*caller.user, domain::Right::kWritePlans, unit_id, *tree))
    return Error::Forbidden();
  auto sql = store_.Lease();
  return domain::NextFreeNumber(storage::PlansRepo(*sql).UsedNumbers(unit_id, symbol, year));
}

Result<Plan> PlansService::Derive(const Caller& caller, Id id, Id unit_id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  return Mutate(store_, caller, [&](Mutation& m) -> Result<Plan> {
    storage::PlansRepo repo(m.sql());
    // The parent's row lock makes concurrent derives of one plan wait for each other on
    // PostgreSQL, so the "already derived" check below sees the winner; the unique index
    // (parent_plan_id, unit_id) of migration 5 stays the last word.
    auto found = repo.Get(id, m.lock());
    if (!found) return PlanNotFound();
    const Plan& parent = *found;
    if (!CanRead(caller, parent.unit_id, parent.status, *tree)) return Error::Forbidden();
    const domain::Unit* unit = tree->Find(unit_id);
    if (!unit) return Error::Invalid("unit_id", "đơn vị không tồn tại", "unit_id does not exist");
    if (!domain::Can(*caller.user, domain::Right::kWritePlans, unit_id, *tree))
      return Error::Forbidden();
    if (unit_id == parent.unit_id || !tree->IsWithin(unit_id, parent.unit_id)) {
      return Error::Invalid(
          "unit_id", "chỉ đơn vị cấp dưới của đơn vị ban hành mới xây dựng kế hoạch triển khai",
          "only a unit below the issuer can derive its plan");
    }
    if (parent.status != PlanStatus::kIssued) {
      return Error::Invalid("id", "kế hoạch cấp trên chưa được ban hành",
                            "the parent plan is not issued yet");
    }
    for (const auto& d : repo.Derived(id)) {
      if (d.unit_id == unit_id) {
        return Error::Conflict(
            unit->full_name + " đã có kế hoạch triển khai kế hoạch này (mã " + IdToString(d.id) +
                ")",
            unit->full_name + " already derived this plan (id " + IdToString(d.id) + ")");
      }
    }
    storage::ActivitiesRepo activities_repo(m.sql());
    const std::vector<Activity> parent_activities = activities_repo.ForPlan(id);
    const domain::Unit* issuer = tree->Find(parent.unit_id);
    Plan p;
    p.unit_id = unit_id;
    p.parent_plan_id = id;
    p.kind = parent.kind;
    p.symbol = parent.symbol;
    p.title = domain::DerivedTitle(parent.title, issuer ? issuer->full_name : std::string(),
                                   unit->full_name);
    p.theme = parent.theme;
    p.place = unit->name;
    p.period_start = parent.period_start;
    p.period_end = parent.period_end;
    p.content.bases = {{"Kế hoạch số " + parent.NumberAndSymbol(), parent.issued_on,
                        "UBND " + (issuer ? issuer->full_name : std::string()), parent.title}};
    p.content.purposes = parent.content.purposes;
    p.content.requirements = parent.content.requirements;
    p.content.objective = parent.content.objective;
    p.content.targets = parent.content.targets;
    p.content.message_groups = parent.content.message_groups;
    p.content.budget_sources = parent.content.budget_sources;
    p.content.report_outline = parent.content.report_outline;
    for (const auto& r : parent.reporting) {
      p.reporting.push_back({0, r.template_code,
                             domain::DerivedReportingDue(r.due_date, p.period_start), unit_id,
                             "children_and_agencies",
                             "Hạn báo cáo về " + unit->full_name + "; " + unit->full_name +
                                 " báo cáo cấp trên trước " + r.due_date.Vietnamese()});
    }
    std::vector<Activity> activities;
    for (const auto& a : parent_activities) {
      if (a.assignee == domain::Assignee::kUnit || a.status == ActivityStatus::kCancelled) continue;
      Activity copy;
      copy.section = a.section;
      copy.title = a.title;
      copy.details = a.details;
      copy.due_date = a.due_date;
      // "UBND các xã, thị trấn", the key activities and the reporting duty are now the unit's own:
      // it leads them (they are in its tasks) until it re-assigns them to one of its agencies.
      copy.assignee = domain::Assignee::kUnit;
      copy.lead_unit_id = unit_id;
      activities.push_back(std::move(copy));
    }
    try {
      p.id = repo.Insert(p, caller.user_id(), m.now_ms());
    } catch (const soci::soci_error& e) {
      // A concurrent derive committed first. The transaction is aborted; Mutate rolls it back.
      if (!storage::IsUniqueViolation(e)) throw;
      return Error::Conflict(unit->full_name + " đã có kế hoạch triển khai kế hoạch này",
                             unit->full_name + " already derived this plan");
    }
    int position = 1;
    for (auto& a : activities) {
      a.plan_id = p.id;
      a.position = position++;
      activities_repo.Insert(a, m.now_ms());
    }
    m.Audit(
        {"plan.derive", "plan", IdToString(p.id), unit_id, "ok", "from plan " + IdToString(id)});
    return *repo.Get(p.id);
  });
}

Result<Plan> PlansService::CopyForNextYear(const Caller& caller, Id id, std::optional<Id> unit_id,
                                           std::vector<std::string>& notes) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  const Date today = Date::TodayInVietnam();
  return Mutate(store_, caller, [&](Mutation& m) -> Result<Plan> {
    storage::PlansRepo repo(m.sql());
    auto found = repo.Get(id);
    if (!found) return PlanNotFound();
    const Plan& source = *found;
    if (!CanRead(caller, source.unit_id, source.status, *tree)) return Error::Forbidden();
    const Id current = domain::CurrentUnitOf(source.unit_id, *tree, today);
    Id target = unit_id.value_or(current);
    if (target == 0) {
      return Error::Invalid(
          "unit_id",
          "Đơn vị của kế hoạch này không còn và không có đơn vị kế thừa; hãy chọn đơn vị",
          "the plan's unit no longer exists and has no successor: choose unit_id");
    }
    // Another unit only when it is what the plan's unit became.
    if (target != source.unit_id && !domain::BecameUnit(source.unit_id, target, *tree)) {
      return Error::Invalid("unit_id",
                            "Chỉ sao chép cho chính đơn vị đó hoặc đơn vị kế thừa nó sau sắp xếp",
                            "unit_id is the plan's unit or one it became");
    }
    const domain::Unit* unit = tree->Find(target);
    if (!unit || !unit->ValidAt(today)) {
      return Error::Invalid("unit_id", "Đơn vị này không còn tồn tại",
                            "this unit no longer exists");
    }
    if (!domain::Can(*caller.user, domain::Right::kWritePlans, target, *tree))
      return Error::Forbidden();
    storage::ActivitiesRepo activities_repo(m.sql());
    domain::PlanCopy copy =
        domain::CopyForNextYear(source, activities_repo.ForPlan(id), target, *tree, today);
    Plan& p = copy.plan;
    p.id = repo.Insert(p, caller.user_id(), m.now_ms());
    int position = 1;
    for (auto& a : copy.activities) {
      a.plan_id = p.id;
      a.position = position++;
      activities_repo.Insert(a, m.now_ms());
    }
    m.Audit({"plan.copy", "plan", IdToString(p.id), target, "ok", "from plan " + IdToString(id)});
    notes = std::move(copy.notes);
    return *repo.Get(p.id);
  });
}

Result<CascadeView> PlansService::Cascade(const Caller& caller, Id id) {
  BD_ASSIGN_OR_RETURN(Plan root, Get(caller, id));
  auto tree = directory_.Tree();
  std::vector<storage::CascadePlan> plans;
  std::vector<storage::ActivityStats> stats;
  {
    auto sql = store_.Lease();
    storage::PlansRepo repo(*sql);
    plans = repo.Cascade(id);
    stats = repo.CascadeStats(id, Date::TodayInVietnam());
  }
  std::unordered_map<Id, std::vector<const storage::CascadePlan*>> derived;  // parent plan -> plans
  const storage::CascadePlan* root_row = nullptr;
  for (const auto& p : plans) {
    if (p.id == id)
      root_row = &p;
    else
      derived[p.parent_plan_id].push_back(&p);
  }
  if (!root_row) return PlanNotFound();
  struct Counts {
    long long total = 0, done = 0, overdue = 0;
  };
  std::unordered_map<Id, Counts> per_plan;                // all activities of a plan
  std::unordered_map<Id, std::map<Id, Counts>> per_lead;  // plan -> lead unit -> counts
  for (const auto& s : stats) {
    const long long live = s.total - s.cancelled;
    auto& all = per_plan[s.plan_id];
    all.total += live, all.done += s.done, all.overdue += s.overdue;
    if (s.lead_unit_id) {
      auto& mine = per_lead[s.plan_id][s.lead_unit_id];
      mine.total += live, mine.done += s.done, mine.overdue += s.overdue;
    }
  }
  CascadeView view;
  view.plan = *root_row;
  view.plans = static_cast<long long>(plans.size());
  const Date day = ReferenceDay(root);
  // The entries of units expected to derive plan `plan_id` issued by `issuer`.
  std::function<std::vector<CascadeEntry>(Id, Id)> entries = [&](Id plan_id, Id issuer) {
    std::vector<Id> expected;
    for (Id child : tree->Children(issuer)) {
      const domain::Unit* u = tree->Find(child);
      if (u && IsAdministrative(*u) && u->ValidAt(day)) expected.push_back(child);
    }
    for (const auto& [lead, counts] : per_lead[plan_id]) {
      const domain::Unit* u = tree->Find(lead);
      if (u && lead != issuer && !IsAdministrative(*u)) expected.push_back(lead);
    }
    std::unordered_map<Id, const storage::CascadePlan*> by_unit;
    for (const auto* d : derived[plan_id]) by_unit.emplace(d->unit_id, d);
    std::vector<CascadeEntry> out;
    std::set<Id> seen;
    auto add = [&](Id unit, bool is_expected) {
      if (!seen.insert(unit).second) return;
      CascadeEntry e;
      e.unit_id = unit;
      e.expected = is_expected;
      auto lead_it = per_lead[plan_id].find(unit);
      if (lead_it != per_lead[plan_id].end()) {
        e.activities_total += lead_it->second.total;
        e.activities_done += lead_it->second.done;
        e.overdue += lead_it->second.overdue;
      }
      auto it = by_unit.find(unit);
      if (it != by_unit.end()) {
        e.plan = *it->second;
        const Counts& c = per_plan[it->second->id];
        e.activities_total += c.total, e.activities_done += c.done, e.overdue += c.overdue;
        e.units = entries(it->second->id, unit);
        ++view.derived;
        if (it->second->status == PlanStatus::kIssued) ++view.issued;
      } else if (is_expected) {
        ++view.missing;
      }
      if (is_expected) ++view.expected;
      out.push_back(std::move(e));
    };
    for (Id unit : expected) add(unit, true);
    for (const auto* d : derived[plan_id]) add(d->unit_id, false);
    return out;
  };
  view.units = entries(id, root.unit_id);
  if (domain::ScopeOf(*caller.user, domain::Right::kView) != domain::Scope::kEverywhere) {
    view.hidden = HideUnreadable(caller, *tree, view.units);
  }
  return view;
}

long long PlansService::HideUnreadable(const Caller& caller, const domain::UnitTree& tree,
                                       std::vector<CascadeEntry>& entries) const {
  // An entry counts itself and every entry below it.
  std::function<long long(const CascadeEntry&)> size = [&](const CascadeEntry& e) {
    long long n = 1;
    for (const auto& child : e.units) n += size(child);
    return n;
  };
  long long hidden = 0;
  std::erase_if(entries, [&](CascadeEntry& e) {
    const domain::Unit* u = tree.Find(e.unit_id);
    // Without a plan of its own, an agency's entry counts activities of the plan above it,
    // which the caller reads; a unit's plan, or its lack of one, is for those who may read it.
    const bool visible = domain::Can(*caller.user, domain::Right::kView, e.unit_id, tree) ||
                         (e.plan ? CanRead(caller, e.plan->unit_id, e.plan->status, tree)
                                 : u && !IsAdministrative(*u));
    if (!visible) {
      hidden += size(e);
      return true;
    }
    hidden += HideUnreadable(caller, tree, e.units);
    return false;
  });
  return hidden;
}

Result<std::vector<Activity>> PlansService::Activities(const Caller& caller, Id plan_id) {
  BD_ASSIGN_OR_RETURN(Plan p, Get(caller, plan_id));
  auto sql = store_.Lease();
  return storage::ActivitiesRepo(*sql).ForPlan(p.id);
}

Result<Plan> PlansService::Create(const Caller& caller, Id unit_id, const PlanPatch& in,
                                  const std::vector<ActivityPatch>& activities) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  if (!tree->Find(unit_id))
    return Error::Invalid("unit_id", "đơn vị ban hành không tồn tại", "unit_id does not exist");
  Plan p;
  p.unit_id = unit_id;
  Validator v;
  BD_RETURN_IF_ERROR(ApplyPatch(in, p, *tree, v));
  if (p.title.empty())
    v.Fail("title", "trích yếu kế hoạch không được để trống", "title is required");
  std::vector<Activity> list;
  for (size_t i = 0; i < activities.size(); ++i) {
    Activity a;
    ApplyActivityPatch(activities[i], a);
    if (!activities[i].position) a.position = static_cast<int>(i + 1);
    Validator one;
    domain::CheckActivity(a, one);
    BD_RETURN_IF_ERROR(CheckUnits(a, p, *tree, one));
    if (!one.ok()) {
      const std::string prefix = "activities[" + std::to_string(i) + "].";
      for (const auto& d : one.ToError().details)
        v.Fail(prefix + d.field, d.message.vi, d.message.en);
    }
    list.push_back(std::move(a));
  }
  if (!v.ok()) return v.ToError();
  if (!domain::Can(*caller.user, domain::Right::kWritePlans, unit_id, *tree))
    return Error::Forbidden();
  return Mutate(store_, caller, [&](Mutation& m) -> Result<Plan> {
    storage::PlansRepo repo(m.sql());
    Validator numbers;
    CheckNumberFree(repo, p, nullptr, numbers);
    if (!numbers.ok()) return numbers.ToError();
    BD_RETURN_IF_ERROR(CheckParent(repo, m, in, p, *tree));
    p.id = repo.Insert(p, caller.user_id(), m.now_ms());
    storage::ActivitiesRepo activities_repo(m.sql());
    for (auto& a : list) {
      a.plan_id = p.id;
      a.id = activities_repo.Insert(a, m.now_ms());
    }
    m.Audit(
        {"plan.create", "plan", IdToString(p.id), unit_id, "ok",
         list.empty() ? p.title : p.title + " (" + std::to_string(list.size()) + " hoạt động)"});
    return *repo.Get(p.id);
  });
}

namespace {

//! A name as compared: folded, dashes as "-".
std::string NameKey(std::string s) {
  for (const char* dash : {"\u2013", "\u2014"}) {
    for (size_t at = s.find(dash); at != std::string::npos; at = s.find(dash, at))
      s.replace(at, 3, "-");
  }
  std::string f = text::Fold(s);
  // Words that name no agency of their own: "Việt Nam" in "Ủy ban Mặt trận Tổ quốc Việt Nam
  // huyện", the level at the end ("… huyện").
  for (const char* w : {" viet nam", " huyen", " tinh", " thanh pho", " thi xa"}) {
    for (size_t at = f.find(w); at != std::string::npos; at = f.find(w, at)) {
      const size_t after = at + std::string_view(w).size();
      if (after == f.size() || f[after] == ' ')
        f.erase(at, std::string_view(w).size());
      else
        at = after;
    }
  }
  return f;
}

//! The agency or lower unit of `unit_id` that `name` names: the same name, else the one
//! whose name begins the other's ("Công an huyện" for "Công an huyện Tam Đường"), if only one.
Id FindByName(const domain::UnitTree& tree, Id unit_id, const std::string& name) {
  const std::string key = NameKey(name);
  if (key.size() < 4) return 0;
  Id prefix = 0;
  int prefixes = 0;
  for (Id child : tree.Children(unit_id)) {
    const domain::Unit* u = tree.Find(child);
    if (!u) continue;
    for (const std::string* n : {&u->name, &u->full_name}) {
      if (n->empty()) continue;
      const std::string k = NameKey(*n);
      if (k == key) return child;
      const bool begins = k.size() >= 8 && key.size() >= 8 &&
                          (key.compare(0, k.size(), k) == 0 || k.compare(0, key.size(), key) == 0);
      if (begins && prefix != child) {
        prefix = child;
        ++prefixes;
      }
    }
  }
  return prefixes == 1 ? prefix : 0;
}

}  // namespace

Result<documents::PlanImport> PlansService::Import(const Caller& caller, Id unit_id,
                                                   std::string_view bytes) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  if (!tree->Find(unit_id))
    return Error::Invalid("unit_id", "đơn vị ban hành không tồn tại", "unit_id does not exist");
  if (!domain::Can(*caller.user, domain::Right::kWritePlans, unit_id, *tree))
    return Error::Forbidden();
  BD_ASSIGN_OR_RETURN(auto text, documents::ExtractPlanText(bytes));
  const domain::UnitTree& t = *tree;
  auto imported = documents::ParsePlan(
      std::move(text), [&](const std::string& name) { return FindByName(t, unit_id, name); });
  imported.plan.unit_id = unit_id;
  for (auto& a : imported.activities) a.plan_id = 0;
  // The plan it implements: a basis "Kế hoạch số 4365/KH-UBND" of a year, issued by a unit above.
  const auto& bases = imported.plan.content.bases;
  for (size_t i = 0; i < bases.size() && !imported.plan.parent_plan_id; ++i) {
    const std::string prefix = "Kế hoạch số ";
    const std::string& doc = bases[i].document;
    if (doc.rfind(prefix, 0) != 0 || !bases[i].date) continue;
    const std::string ns = doc.substr(prefix.size());
    const size_t slash = ns.find('/');
    if (slash == std::string::npos) continue;
    const std::string number = ns.substr(0, slash), symbol = ns.substr(slash + 1);
    auto sql = store_.Lease();
    storage::PlansRepo repo(*sql);
    for (const domain::Unit* up : t.Ancestors(unit_id)) {
      storage::PlanFilter f{
          up->id, bases[i].date->year(), std::nullopt, PlanStatus::kIssued, "", std::nullopt, 0};
      for (const auto& candidate : repo.List(f)) {
        if (candidate.number && std::to_string(*candidate.number) == number &&
            candidate.symbol == symbol && CanRead(caller, candidate.unit_id, candidate.status, t)) {
          imported.plan.parent_plan_id = candidate.id;
          const std::string path = "content.bases[" + std::to_string(i) + "].document";
          for (const auto& f2 : imported.fields) {
            if (f2.path == path) {
              imported.fields.push_back(
                  {"parent_plan_id", IdToString(candidate.id), f2.begin, f2.end, 0.9});
              break;
            }
          }
          break;
        }
      }
      if (imported.plan.parent_plan_id) break;
    }
  }
  return imported;
}

Status PlansService::CheckUnits(const Activity& a, const Plan& plan, const domain::UnitTree& tree,
                                Validator& v) const {
  auto check = [&](Id unit, const char* field) {
    const domain::Unit* u = tree.Find(unit);
    if (!u) {
      v.Fail(field, "đơn vị " + IdToString(unit) + " không tồn tại",
             "unit " + IdToString(unit) + " does not exist");
    } else if (!tree.IsWithin(unit, plan.unit_id) && !tree.IsWithin(plan.unit_id, unit)) {
      v.Fail(field, "đơn vị " + u->full_name + " không thuộc đơn vị ban hành kế hoạch",
             "unit " + u->full_name + " is not part of the issuing unit");
    }
  };
  if (a.lead_unit_id) check(a.lead_unit_id, "lead_unit_id");
  for (Id s : a.support_unit_ids) check(s, "support_unit_ids");
  return Ok();
}

void PlansService::ApplyActivityPatch(const ActivityPatch& in, Activity& a) const {
  if (in.title) a.title = text::Trim(*in.title);
  if (in.details) a.details = *in.details;
  if (in.section) a.section = *in.section;
  if (in.assignee) a.assignee = *in.assignee;
  if (in.lead_unit_id) {
    a.lead_unit_id = *in.lead_unit_id;
    if (!in.assignee && a.lead_unit_id) a.assignee = domain::Assignee::kUnit;
  }
  if (in.support_unit_ids) {
    // A unit supports an activity once, however often it is named.
    a.support_unit_ids.clear();
    for (Id unit : *in.support_unit_ids) {
      if (std::find(a.support_unit_ids.begin(), a.support_unit_ids.end(), unit) ==
          a.support_unit_ids.end()) {
        a.support_unit_ids.push_back(unit);
      }
    }
  }
  if (in.due_date) a.due_date = *in.due_date;
  if (in.position) a.position = *in.position;
  if (in.status) a.status = *in.status;
  if (in.progress_note) a.progress_note = text::Trim(*in.progress_note);
  if (in.completed_on) a.completed_on = *in.completed_on;
  // Done without a date: today; reopened: no completion date.
  if (in.status && *in.status == ActivityStatus::kDone && !a.completed_on)
    a.completed_on = Date::TodayInVietnam();
  if (in.status && *in.status != ActivityStatus::kDone && !in.completed_on) a.completed_on.reset();
}

Result<ActivityWithPlan> PlansService::AddActivity(const Caller& caller, Id plan_id,
                                                   const ActivityPatch& in) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  return Mutate(store_, caller, [&](Mutation& m) -> Result<ActivityWithPlan> {
    storage::PlansRepo plans(m.sql());
    // The plan's row lock keeps two additions from taking the same next position.
    auto p = plans.Get(plan_id, m.lock());
    if (!p) return PlanNotFound();
    if (!domain::Can(*caller.user, domain::Right::kWritePlans, p->unit_id, *tree)) {
      return Error::Forbidden();
    }
    Activity a;
    a.plan_id = plan_id;
    ApplyActivityPatch(in, a);
    Validator v;
    domain::CheckActivity(a, v);
    BD_RETURN_IF_ERROR(CheckUnits(a, *p, *tree, v));
    if (!v.ok()) return v.ToError();
    storage::ActivitiesRepo repo(m.sql());
    if (!in.position) a.position = repo.NextPosition(plan_id);
    a.id = repo.Insert(a, m.now_ms());
    m.Audit({"activity.create", "activity", IdToString(a.id), p->unit_id, "ok", a.title});
    return ReadActivity(m, a.id);
  });
}

Result<ActivityWithPlan> PlansService::ReadActivity(Mutation& m, Id id) const {
  auto a = storage::ActivitiesRepo(m.sql()).Get(id, m.lock());
  if (!a) return ActivityNotFound();
  auto plan = storage::PlansRepo(m.sql()).Get(a->plan_id);
  if (!plan) return PlanNotFound();
  return ActivityWithPlan{std::move(*a), std::move(*plan)};
}

Result<ActivityDetail> PlansService::GetActivity(const Caller& caller, Id id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  ActivityDetail d;
  {
    auto sql = store_.Lease();
    storage::ActivitiesRepo repo(*sql);
    auto a = repo.Get(id);
    if (!a) return ActivityNotFound();
    d.activity = *a;
    d.history = repo.History(id);
    d.plan = *storage::PlansRepo(*sql).Get(a->plan_id);
  }
  auto tree = directory_.Tree();
  // The lead unit reads its activity once the plan is issued (a draft is addressed to nobody).
  const bool leads =
      d.plan.status == PlanStatus::kIssued && d.activity.lead_unit_id &&
      domain::Can(*caller.user, domain::Right::kView, d.activity.lead_unit_id, *tree);
  if (!leads && !CanRead(caller, d.plan.unit_id, d.plan.status, *tree)) return Error::Forbidden();
  return d;
}

Result<ActivityWithPlan> PlansService::UpdateActivity(const Caller& caller, Id id,
                                                      const ActivityPatch& in) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  return Mutate(store_, caller, [&](Mutation& m) -> Result<ActivityWithPlan> {
    BD_ASSIGN_OR_RETURN(ActivityWithPlan found, ReadActivity(m, id));
    const Activity& current = found.activity;
    const Plan& plan = found.plan;
    const auto& user = *caller.user;
    const bool defines = in.title || in.details || in.section || in.assignee || in.lead_unit_id ||
                         in.support_unit_ids || in.due_date || in.position;
    const bool progresses = in.status || in.progress_note || in.completed_on;
    const bool may_define = domain::Can(user, domain::Right::kWritePlans, plan.unit_id, *tree);
    const bool may_progress =
        domain::Can(user, domain::Right::kUpdateActivities, plan.unit_id, *tree) ||
        (current.lead_unit_id &&
         domain::Can(user, domain::Right::kUpdateActivities, current.lead_unit_id, *tree));
    if ((defines && !may_define) || (progresses && !may_progress) ||
        (!defines && !progresses && !may_progress)) {
      return Error::Forbidden();
    }
    if (in.status && *in.status == ActivityStatus::kCancelled &&
        current.status != ActivityStatus::kCancelled) {
      return Error::Invalid("status", "huỷ hoạt động bằng thao tác \"Huỷ hoạt động\" kèm lý do",
                            "cancel an activity with the cancel action and a reason");
    }
    if (progresses && plan.status != PlanStatus::kIssued) {
      return Error::Invalid("status", "chỉ cập nhật tiến độ khi kế hoạch đã được ban hành",
                            "progress is recorded once the plan is issued");
    }
    Activity a = current;
    ApplyActivityPatch(in, a);
    Validator v;
    domain::CheckActivity(a, v);
    BD_RETURN_IF_ERROR(CheckUnits(a, plan, *tree, v));
    if (a.completed_on && a.completed_on > Date::TodayInVietnam()) {
      v.Fail("completed_on", "ngày hoàn thành không được sau hôm nay",
             "completed_on is in the future");
    }
    if (!v.ok()) return v.ToError();
    a.version = in.version;
    storage::ActivitiesRepo repo(m.sql());
    if (!repo.Update(a, m.now_ms())) return Error::StaleVersion(current.version);
    repo.InsertChange({id, m.now_ms(), caller.user_id(), caller.username(), a.status,
                       a.progress_note, a.completed_on, a.version + 1});
    m.Audit({"activity.update", "activity", IdToString(id), plan.unit_id, "ok",
             std::string(domain::ActivityStatusName(a.status))});
    return ReadActivity(m, id);
  });
}

Status PlansService::DeleteActivity(const Caller& caller, Id id, long long version) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  return Mutate(store_, caller, [&](Mutation& m) -> Status {
    BD_ASSIGN_OR_RETURN(ActivityWithPlan found, ReadActivity(m, id));
    const auto& [a, plan] = found;
    if (!domain::Can(*caller.user, domain::Right::kWritePlans, plan.unit_id, *tree)) {
      return Error::Forbidden();
    }
    if (plan.status == PlanStatus::kIssued) {
      return Error::Conflict(
          "Kế hoạch đã ban hành nên không xoá được hoạt động; hãy huỷ hoạt động và ghi lý do",
          "The plan is issued: its activities are not deleted but cancelled with a reason");
    }
    if (!storage::ActivitiesRepo(m.sql()).Delete(id, version))
      return Error::StaleVersion(a.version);
    m.Audit({"activity.delete", "activity", IdToString(id), plan.unit_id, "ok", a.title});
    return Ok();
  });
}

Result<ActivityWithPlan> PlansService::CancelActivity(const Caller& caller, Id id,
                                                      long long version,
                                                      const std::string& reason) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  return Mutate(store_, caller, [&](Mutation& m) -> Result<ActivityWithPlan> {
    BD_ASSIGN_OR_RETURN(ActivityWithPlan found, ReadActivity(m, id));
    Activity a = found.activity;
    const Plan& plan = found.plan;
    if (!domain::Can(*caller.user, domain::Right::kWritePlans, plan.unit_id, *tree)) {
      return Error::Forbidden();
    }
    const std::string why = text::Trim(reason);
    if (why.empty() || text::Length(why) > 2000) {
      return Error::Invalid(
          "reason", "cần ghi lý do huỷ hoạt động (tối đa 2.000 ký tự)",
          "a reason (at most 2,000 characters) is required to cancel an activity");
    }
    if (a.version != version) return Error::StaleVersion(a.version);
    if (a.status == ActivityStatus::kCancelled) {
      return Error::Conflict("Hoạt động đã được huỷ", "The activity is already cancelled");
    }
    a.status = ActivityStatus::kCancelled;
    a.progress_note = why;
    a.completed_on.reset();
    storage::ActivitiesRepo repo(m.sql());
    if (!repo.Update(a, m.now_ms())) return Error::StaleVersion(found.activity.version);
    repo.InsertChange({id, m.now_ms(), caller.user_id(), caller.username(), a.status,
                       a.progress_note, std::nullopt, a.version + 1});
    m.Audit({"activity.cancel", "activity", IdToString(id), plan.unit_id, "ok", why});
    return ReadActivity(m, id);
  });
}

Result<Page<storage::Task>> PlansService::Tasks(const Caller& caller, const TaskQuery& q) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  const Id unit = q.unit.value_or(caller.user->unit_id);
  if (!tree->Find(unit))
    return Error::Invalid("unit", "đơn vị không tồn tại", "unit does not exist");
  if (!domain::Can(*caller.user, domain::Right::kView, unit, *tree)) return Error::Forbidden();
  storage::TaskFilter f{unit,         q.status,     q.overdue, Date::TodayInVietnam(),
                        q.page.limit, q.page.offset};
  auto sql = store_.Lease();
  Page<storage::Task> page;
  page.items = storage::ActivitiesRepo(*sql).Tasks(f);
  if (page.items.size() > q.page.limit) {
    page.items.pop_back();
    page.next_cursor = std::to_string(q.page.offset + q.page.limit);
  }
  return page;
}

Result<Plan> PlansService::CreateBySystem(Plan p, const std::vector<Activity>& activities) {
  Validator v;
  domain::CheckPlan(p, v);
  for (const auto& a : activities) domain::CheckActivity(a, v);
  if (!v.ok()) return v.ToError();
  return Mutate(store_, Caller::System(), [&](Mutation& m) -> Result<Plan> {
    storage::PlansRepo plans(m.sql());
    p.id = plans.Insert(p, 0, m.now_ms());
    storage::ActivitiesRepo repo(m.sql());
    int position = 1;
    for (auto a : activities) {
      a.plan_id = p.id;
      if (!a.position) a.position = position;
      ++position;
      repo.Insert(a, m.now_ms());
    }
    m.Audit({"plan.create", "plan", IdToString(p.id), p.unit_id, "ok", p.title});
    return *plans.Get(p.id);
  });
}

}  // namespace binhdang::service
