#include "service/demo_plans.h"

#include <spdlog/spdlog.h>

#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "domain/plan_json.h"
#include "service/bootstrap.h"
#include "service/mutate.h"
#include "service/plans.h"
#include "service/resources.h"
#include "storage/units_repo.h"

namespace binhdang::service {

namespace {
using domain::Activity;
using domain::ActivityStatus;
using domain::Plan;
using nlohmann::json;

const Message kFile{"Tệp kế hoạch minh họa", "The demo plans file"};

// Finds units by kind and full name among the children of `parent` (or anywhere with 0),
// valid on `day`.
class UnitFinder {
 public:
  UnitFinder(const domain::UnitTree& tree, Date day) : tree_(tree), day_(day) {}
  Id Find(domain::UnitKind kind, const std::string& full_name, Id parent = 0) const {
    const auto ids =
        tree_.Search({full_name, parent ? std::optional<Id>(parent) : std::nullopt, kind, day_});
    for (Id id : ids) {
      if (tree_.Find(id)->full_name == full_name) return id;
    }
    return 0;
  }
  Id Agency(Id parent, const std::string& name) const {
    return Find(domain::UnitKind::kAgency, name, parent);
  }
  std::vector<Id> Communes(Id parent) const {
    std::vector<Id> out;
    for (Id c : tree_.Children(parent)) {
      const domain::Unit* u = tree_.Find(c);
      if (u->kind == domain::UnitKind::kCommune && u->ValidAt(day_)) out.push_back(c);
    }
    return out;
  }

 private:
  const domain::UnitTree& tree_;
  Date day_;
};

// The file as read and checked before anything is written: units and agencies are still
// named (units by the keys of "units", agencies by their full names under a plan's unit).
struct UnitDoc {
  std::string key;
  domain::UnitKind kind = domain::UnitKind::kProvince;
  std::string full_name;
  std::string parent;  // a key of an earlier unit, or ""
};
struct AgenciesDoc {
  std::string unit;
  std::vector<std::pair<std::string, std::string>> agencies;  // (full name, agency type code)
};
struct ActivityDoc {
  Activity activity;
  std::string lead;  // "" unless the assignee is a unit
  std::vector<std::string> support;
};
struct PlanDoc {
  std::string key, unit, parent;
  Plan plan;
  std::vector<std::string> reporting_to;  // the unit key of each of plan.reporting
  std::vector<ActivityDoc> activities;
};
struct ProgressDoc {
  std::string plan, lead;
  ActivityStatus status = ActivityStatus::kNotStarted;
  std::string note;
  std::optional<Date> completed_on;
};
struct CommuneDoc {
  bool issue = false;
  Date issued_on;
  int activities_done = 0;
};
struct DerivedDoc {
  std::string plan;
  std::string note;
  std::vector<CommuneDoc> communes;
};
struct DemoPlans {
  Date lookup_day;
  std::vector<UnitDoc> units;
  std::vector<AgenciesDoc> agencies;
  std::vector<PlanDoc> plans;
  std::vector<ProgressDoc> progress;
  std::optional<DerivedDoc> derived;
};

// Typed reads of the file's fields that record a field error named by its JSON path.
class Reader {
 public:
  explicit Reader(Validator& v) : v_(v) {}

  const json& Array(const json& o, const std::string& path, const char* key) {
    static const json kEmpty = json::array();
    if (!o.is_object() || !o.contains(key) || o[key].is_null()) return kEmpty;
    if (!o[key].is_array()) {
      v_.Fail(Path(path, key), "phải là một danh sách", "must be an array");
      return kEmpty;
    }
    return o[key];
  }
  std::string Str(const json& o, const std::string& path, const char* key, bool required,
                  const std::string& fallback = "") {
    if (!o.is_object() || !o.contains(key) || o[key].is_null()) {
      if (required) v_.Fail(Path(path, key), "thiếu giá trị", "is missing");
      return fallback;
    }
    if (!o[key].is_string()) {
      v_.Fail(Path(path, key), "phải là chuỗi ký tự", "must be a string");
      return fallback;
    }
    return o[key].get<std::string>();
  }
  std::vector<std::string> Strs(const json& o, const std::string& path, const char* key) {
    std::vector<std::string> out;
    for (size_t i = 0; const auto& e : Array(o, path, key)) {
      if (e.is_string()) {
        out.push_back(e.get<std::string>());
      } else {
        v_.Fail(Path(path, key) + "[" + std::to_string(i) + "]", "phải là chuỗi ký tự",
                "must be a string");
      }
      ++i;
    }
    return out;
  }
  std::optional<Date> DateAt(const json& o, const std::string& path, const char* key,
                             bool required) {
    const std::string s = Str(o, path, key, required);
    if (s.empty()) return std::nullopt;
    auto d = Date::Parse(s);
    if (!d) v_.Fail(Path(path, key), "ngày phải có dạng YYYY-MM-DD", "must be a date YYYY-MM-DD");
    return d;
  }
  std::optional<int> Int(const json& o, const std::string& path, const char* key) {
    if (!o.is_object() || !o.contains(key) || o[key].is_null()) return std::nullopt;
    if (!o[key].is_number_integer()) {
      v_.Fail(Path(path, key), "phải là số nguyên", "must be an integer");
      return std::nullopt;
    }
    return o[key].get<int>();
  }
  // A name the domain parses (ParsePlanKind, ParseActivityStatus, …); `names` lists them.
  template <typename T, typename Parse>
  T Name(const json& o, const std::string& path, const char* key, Parse parse, T fallback,
         const char* names) {
    const std::string s = Str(o, path, key, true);
    if (s.empty()) return fallback;
    if (auto value = parse(s)) return *value;
    v_.Fail(Path(path, key), std::string("phải là ") + names, std::string("must be ") + names);
    return fallback;
  }
  // A reference to a key defined before it in the file.
  void Known(const std::map<std::string, size_t>& keys, const std::string& key,
             const std::string& path, const char* what_vi, const char* what_en) {
    if (!keys.contains(key)) {
      v_.Fail(path, std::string("không có ") + what_vi + " \"" + key + "\" khai báo trước đó",
              std::string("no ") + what_en + " \"" + key + "\" declared before");
    }
  }
  void Fail(const std::string& path, const std::string& vi, const std::string& en) {
    v_.Fail(path, vi, en);
  }

  static std::string Path(const std::string& path, const char* key) {
    return path.empty() ? key : path + "." + key;
  }
  static std::string Index(const std::string& path, const char* key, size_t i) {
    return Path(path, key) + "[" + std::to_string(i) + "]";
  }

 private:
  Validator& v_;
};

ActivityDoc ActivityOf(Reader& r, const json& j, const std::string& path) {
  ActivityDoc d;
  Activity& a = d.activity;
  a.section = r.Name(j, path, "section", domain::ParseActivitySection,
                     domain::ActivitySection::kAssignment, "key, assignment");
  a.assignee = r.Name(j, path, "assignee", domain::ParseAssignee, domain::Assignee::kUnit,
                      "unit, child_units, everyone");
  d.lead = r.Str(j, path, "lead", a.assignee == domain::Assignee::kUnit);
  if (!d.lead.empty() && a.assignee != domain::Assignee::kUnit) {
    r.Fail(Reader::Path(path, "lead"), "chỉ có khi assignee là unit",
           "is given only when the assignee is unit");
  }
  d.support = r.Strs(j, path, "support");
  a.title = r.Str(j, path, "title", true);
  a.details = r.Strs(j, path, "details");
  a.due_date = r.DateAt(j, path, "due_date", false);
  return d;
}

PlanDoc PlanOf(Reader& r, const json& j, const std::string& path) {
  PlanDoc d;
  d.key = r.Str(j, path, "key", true);
  d.unit = r.Str(j, path, "unit", true);
  d.parent = r.Str(j, path, "parent", false);
  Plan& p = d.plan;
  p.number = r.Int(j, path, "number");
  p.symbol = r.Str(j, path, "symbol", false, p.symbol);
  p.place = r.Str(j, path, "place", false);
  p.issued_on = r.DateAt(j, path, "issued_on", false);
  p.title = r.Str(j, path, "title", true);
  p.kind = r.Name(j, path, "kind", domain::ParsePlanKind, domain::PlanKind::kOther,
                  "action_month, programme, annual, other");
  p.period_start = r.DateAt(j, path, "period_start", false);
  p.period_end = r.DateAt(j, path, "period_end", false);
  p.theme = r.Str(j, path, "theme", false);
  p.status = r.Name(j, path, "status", domain::ParsePlanStatus, domain::PlanStatus::kDraft,
                    "draft, issued");
  p.revision = r.Int(j, path, "revision").value_or(0);
  // The content keys, as the API writes them (domain/plan_json.h).
  Validator content;
  domain::ContentFromJson(j, p.content, content);
  if (!content.ok()) {
    for (const auto& e : content.ToError().details) {
      r.Fail(path + "." + e.field, e.message.vi, e.message.en);
    }
  }
  for (size_t i = 0; const auto& e : r.Array(j, path, "reporting")) {
    const std::string rp = Reader::Index(path, "reporting", i++);
    domain::ReportingRequirement req;
    req.template_code = r.Str(e, rp, "template_code", true);
    req.due_date = r.DateAt(e, rp, "due_date", true).value_or(Date());
    req.reporting_scope = r.Str(e, rp, "reporting_scope", false, req.reporting_scope);
    req.note = r.Str(e, rp, "note", false);
    p.reporting.push_back(req);
    d.reporting_to.push_back(r.Str(e, rp, "to_unit", true));
  }
  for (size_t i = 0; const auto& e : r.Array(j, path, "activities")) {
    d.activities.push_back(ActivityOf(r, e, Reader::Index(path, "activities", i++)));
  }
  return d;
}

// Reads the whole file, its references between keys included, before anything is written.
Result<DemoPlans> ParseDemoPlans(const json& doc, const std::string& file) {
  Validator v;
  Reader r(v);
  DemoPlans demo;
  if (!doc.is_object()) r.Fail("", "tệp phải là một đối tượng JSON", "the file must be an object");
  demo.lookup_day = r.DateAt(doc, "", "lookup_day", true).value_or(Date());
  std::map<std::string, size_t> unit_keys, plan_keys;
  for (size_t i = 0; const auto& e : r.Array(doc, "", "units")) {
    const std::string path = Reader::Index("", "units", i++);
    UnitDoc u;
    u.key = r.Str(e, path, "key", true);
    u.kind = r.Name(e, path, "kind", domain::ParseUnitKind, domain::UnitKind::kProvince,
                    "province, district, commune");
    u.full_name = r.Str(e, path, "full_name", true);
    u.parent = r.Str(e, path, "parent", false);
    if (!u.parent.empty()) r.Known(unit_keys, u.parent, path + ".parent", "đơn vị", "unit");
    unit_keys[u.key] = demo.units.size();
    demo.units.push_back(std::move(u));
  }
  for (size_t i = 0; const auto& e : r.Array(doc, "", "agencies")) {
    const std::string path = Reader::Index("", "agencies", i++);
    AgenciesDoc a;
    a.unit = r.Str(e, path, "unit", true);
    r.Known(unit_keys, a.unit, path + ".unit", "đơn vị", "unit");
    for (size_t k = 0; const auto& g : r.Array(e, path, "agencies")) {
      const std::string gp = Reader::Index(path, "agencies", k++);
      a.agencies.emplace_back(r.Str(g, gp, "name", true), r.Str(g, gp, "type", true));
    }
    demo.agencies.push_back(std::move(a));
  }
  for (size_t i = 0; const auto& e : r.Array(doc, "", "plans")) {
    const std::string path = Reader::Index("", "plans", i++);
    PlanDoc p = PlanOf(r, e, path);
    r.Known(unit_keys, p.unit, path + ".unit", "đơn vị", "unit");
    if (!p.parent.empty()) r.Known(plan_keys, p.parent, path + ".parent", "kế hoạch", "plan");
    for (size_t k = 0; k < p.reporting_to.size(); ++k) {
      r.Known(unit_keys, p.reporting_to[k], Reader::Index(path, "reporting", k) + ".to_unit",
              "đơn vị", "unit");
    }
    plan_keys[p.key] = demo.plans.size();
    demo.plans.push_back(std::move(p));
  }
  for (size_t i = 0; const auto& e : r.Array(doc, "", "progress")) {
    const std::string path = Reader::Index("", "progress", i++);
    ProgressDoc p;
    p.plan = r.Str(e, path, "plan", true);
    r.Known(plan_keys, p.plan, path + ".plan", "kế hoạch", "plan");
    p.lead = r.Str(e, path, "lead", true);
    p.status = r.Name(e, path, "status", domain::ParseActivityStatus, ActivityStatus::kNotStarted,
                      "not_started, in_progress, done, cancelled");
    p.note = r.Str(e, path, "progress_note", false);
    p.completed_on = r.DateAt(e, path, "completed_on", false);
    demo.progress.push_back(std::move(p));
  }
  if (doc.is_object() && doc.contains("derived")) {
    const json& d = doc["derived"];
    DerivedDoc derived;
    derived.plan = r.Str(d, "derived", "plan", true);
    r.Known(plan_keys, derived.plan, "derived.plan", "kế hoạch", "plan");
    derived.note = r.Str(d, "derived", "progress_note", false);
    for (size_t i = 0; const auto& e : r.Array(d, "derived", "communes")) {
      const std::string path = Reader::Index("derived", "communes", i++);
      CommuneDoc c;
      c.issue = r.Name(e, path, "status", domain::ParsePlanStatus, domain::PlanStatus::kDraft,
                       "draft, issued") == domain::PlanStatus::kIssued;
      if (c.issue) c.issued_on = r.DateAt(e, path, "issued_on", true).value_or(Date());
      if (e.is_object() && e.contains("activities_done") && e["activities_done"] == "all") {
        c.activities_done = std::numeric_limits<int>::max();
      } else {
        c.activities_done = r.Int(e, path, "activities_done").value_or(0);
      }
      derived.communes.push_back(c);
    }
    demo.derived = std::move(derived);
  }
  if (!v.ok()) {
    return ResourceError(kFile, file, {"không đúng định dạng", "is not in the expected shape"},
                         v.ToError().details);
  }
  return demo;
}

// The system acting for the seed: an administrator that is no user account.
Caller SeedCaller() {
  Caller c = Caller::System();
  domain::User system;
  system.username = "system";
  system.roles = {domain::Role::kAdmin};
  c.user = system;
  return c;
}

// Records progress the way an agency would, through the service.
void Progress(PlansService& plans, const Caller& system, Id activity, ActivityStatus status,
              const std::string& note, std::optional<Date> completed_on) {
  auto current = plans.GetActivity(system, activity);
  if (!current.ok()) return;
  ActivityPatch patch;
  patch.version = current->activity.version;
  patch.status = status;
  patch.progress_note = note;
  if (completed_on) patch.completed_on = completed_on;
  auto done = plans.UpdateActivity(system, activity, patch);
  if (!done.ok()) {
    spdlog::warn("demo plans: progress of activity {}: {}", activity, done.error().message.vi);
  }
}

// Derives the plans of the first communes of the plan's unit, one state each (issued with its
// first activities done, or a draft); the other communes have not derived theirs.
void DeriveCommunePlans(PlansService& plans, const Caller& system, const UnitFinder& units,
                        const Plan& plan, const DerivedDoc& derived) {
  const auto communes = units.Communes(plan.unit_id);
  for (size_t i = 0; i < communes.size() && i < derived.communes.size(); ++i) {
    const CommuneDoc& demo = derived.communes[i];
    auto made = plans.Derive(system, plan.id, communes[i]);
    if (!made.ok()) {
      spdlog::warn("demo plans: derive for unit {}: {}", communes[i], made.error().message.vi);
      continue;
    }
    if (!demo.issue) continue;
    auto issued = plans.Issue(system, made->id, {made->version, std::nullopt, demo.issued_on});
    if (!issued.ok()) continue;
    auto activities = plans.Activities(system, made->id);
    if (!activities.ok()) continue;
    int n = 0;
    for (const auto& a : *activities) {
      if (n++ >= demo.activities_done) break;
      Progress(plans, system, a.id, ActivityStatus::kDone, derived.note,
               a.due_date.value_or(demo.issued_on));
    }
  }
}

// The agency `name` under `parent`, which the file names and the database must have.
Result<Id> AgencyOf(const UnitFinder& units, const domain::UnitTree& tree, Id parent,
                    const std::string& name, const std::string& file) {
  if (Id id = units.Agency(parent, name)) return id;
  const std::string under = tree.Find(parent)->full_name;
  return ResourceError(kFile, file,
                       {"không có cơ quan \"" + name + "\" thuộc " + under,
                        "no agency \"" + name + "\" under " + under});
}
}  // namespace

Status SeedDemoPlans(storage::Store& store, UnitDirectory& directory, const std::string& path) {
  BD_ASSIGN_OR_RETURN(const json doc, ReadResourceJson(kFile, path));
  BD_ASSIGN_OR_RETURN(const DemoPlans demo, ParseDemoPlans(doc, path));
  directory.Reload();
  auto tree = directory.Tree();
  std::map<std::string, Id> unit_ids;
  {
    const UnitFinder units(*tree, demo.lookup_day);
    for (const auto& u : demo.units) {
      unit_ids[u.key] = units.Find(u.kind, u.full_name, u.parent.empty() ? 0 : unit_ids[u.parent]);
    }
    for (const auto& u : demo.units) {
      if (!unit_ids[u.key]) {
        spdlog::warn("demo plans: units of the seed documents not found; no demo plans");
        return Ok();
      }
    }
    // The agencies the plans assign work to that the bootstrap does not create.
    std::vector<std::pair<Id, std::vector<std::pair<const char*, const char*>>>> missing;
    for (const auto& list : demo.agencies) {
      const Id parent = unit_ids.at(list.unit);
      missing.push_back({parent, {}});
      for (const auto& [name, type] : list.agencies) {
        if (!units.Agency(parent, name))
          missing.back().second.emplace_back(name.c_str(), type.c_str());
      }
      if (missing.back().second.empty()) missing.pop_back();
    }
    if (!missing.empty()) {
      BD_RETURN_IF_ERROR(Mutate(store, SeedCaller(), [&](Mutation& m) -> Status {
        storage::UnitsRepo repo(m.sql());
        for (const auto& [parent, agencies] : missing) {
          InsertAgencies(repo, *tree->Find(parent), agencies);
          m.Audit({"unit.demo_agencies", "unit", IdToString(parent), 0, "ok",
                   std::to_string(agencies.size()) + " agencies of the demo plans"});
        }
        storage::BumpCounter(m.sql(), kUnitsRevision);
        return Ok();
      }));
      // Mutate has returned its lease: the reload takes one of its own (one lease a thread).
      directory.Reload();
      tree = directory.Tree();
    }
  }
  const UnitFinder units(*tree, demo.lookup_day);
  // Every name resolved before the first plan is written.
  std::vector<std::vector<Activity>> activities(demo.plans.size());
  std::map<std::string, const PlanDoc*> plan_docs;
  for (size_t i = 0; i < demo.plans.size(); ++i) {
    const PlanDoc& d = demo.plans[i];
    plan_docs[d.key] = &d;
    const Id unit = unit_ids.at(d.unit);
    for (const auto& a : d.activities) {
      Activity activity = a.activity;
      if (!a.lead.empty()) {
        BD_ASSIGN_OR_RETURN(activity.lead_unit_id, AgencyOf(units, *tree, unit, a.lead, path));
      }
      for (const auto& name : a.support) {
        BD_ASSIGN_OR_RETURN(Id id, AgencyOf(units, *tree, unit, name, path));
        activity.support_unit_ids.push_back(id);
      }
      activities[i].push_back(std::move(activity));
    }
  }
  std::vector<Id> progress_leads;
  for (const auto& p : demo.progress) {
    const Id unit = unit_ids.at(plan_docs.at(p.plan)->unit);
    BD_ASSIGN_OR_RETURN(Id lead, AgencyOf(units, *tree, unit, p.lead, path));
    progress_leads.push_back(lead);
  }

  PlansService plans(store, directory);
  const Caller system = SeedCaller();
  std::map<std::string, Plan> created;
  for (size_t i = 0; i < demo.plans.size(); ++i) {
    const PlanDoc& d = demo.plans[i];
    Plan p = d.plan;
    p.unit_id = unit_ids.at(d.unit);
    if (!d.parent.empty()) p.parent_plan_id = created.at(d.parent).id;
    for (size_t k = 0; k < p.reporting.size(); ++k) {
      p.reporting[k].to_unit_id = unit_ids.at(d.reporting_to[k]);
    }
    BD_ASSIGN_OR_RETURN(created[d.key], plans.CreateBySystem(p, activities[i]));
  }
  // Agencies' progress: each activity of a plan takes the first entry of "progress" for that
  // plan whose agency leads it.
  for (const auto& d : demo.plans) {
    std::vector<size_t> entries;
    for (size_t k = 0; k < demo.progress.size(); ++k) {
      if (demo.progress[k].plan == d.key) entries.push_back(k);
    }
    if (entries.empty()) continue;
    BD_ASSIGN_OR_RETURN(auto stored, plans.Activities(system, created.at(d.key).id));
    for (const auto& a : stored) {
      for (size_t k : entries) {
        if (a.lead_unit_id != progress_leads[k]) continue;
        const ProgressDoc& p = demo.progress[k];
        Progress(plans, system, a.id, p.status, p.note, p.completed_on);
        break;
      }
    }
  }
  if (demo.derived)
    DeriveCommunePlans(plans, system, units, created.at(demo.derived->plan), *demo.derived);
  return Ok();
}

}  // namespace binhdang::service
