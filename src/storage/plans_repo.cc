#include "storage/plans_repo.h"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "common/text.h"
#include "domain/plan_json.h"
#include "storage/stored.h"

namespace binhdang::storage {

namespace {
using nlohmann::json;

constexpr const char* kPlanColumns =
    "SELECT id, unit_id, number, symbol, place, issued_on, title, kind, period_start, period_end, "
    "theme, parent_plan_id, status, revision, version, created_at, updated_at, content FROM plans";
constexpr const char* kPlanListColumns =
    "SELECT id, unit_id, number, symbol, place, issued_on, title, kind, period_start, period_end, "
    "theme, parent_plan_id, status, revision, version, created_at, updated_at, '' FROM plans";

// Binds a NULL-able date for writing.
struct DateParam {
  std::string value;
  soci::indicator ind;
  explicit DateParam(const std::optional<Date>& d)
      : value(d ? d->Iso() : ""), ind(d ? soci::i_ok : soci::i_null) {}
};
struct IdParam {
  long long value;
  soci::indicator ind;
  explicit IdParam(Id id) : value(id), ind(id ? soci::i_ok : soci::i_null) {}
};

// Binds the columns of kPlanColumns into a row buffer and converts it to a Plan.
struct PlanRow {
  domain::Plan p;
  int number = 0, revision = 0;
  std::string issued_on, kind, start, end, status, content;
  long long parent = 0, created = 0, updated = 0;
  soci::indicator ind_number = soci::i_ok, ind_issued = soci::i_ok, ind_start = soci::i_ok,
                  ind_end = soci::i_ok, ind_parent = soci::i_ok;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(p.id));
    st.exchange(soci::into(p.unit_id));
    st.exchange(soci::into(number, ind_number));
    st.exchange(soci::into(p.symbol));
    st.exchange(soci::into(p.place));
    st.exchange(soci::into(issued_on, ind_issued));
    st.exchange(soci::into(p.title));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(start, ind_start));
    st.exchange(soci::into(end, ind_end));
    st.exchange(soci::into(p.theme));
    st.exchange(soci::into(parent, ind_parent));
    st.exchange(soci::into(status));
    st.exchange(soci::into(revision));
    st.exchange(soci::into(p.version));
    st.exchange(soci::into(created));
    st.exchange(soci::into(updated));
    st.exchange(soci::into(content));
  }
  domain::Plan Take() const {
    domain::Plan out = p;
    out.number = ind_number == soci::i_ok ? std::optional<int>(number) : std::nullopt;
    out.issued_on = DateOf(issued_on, ind_issued);
    out.kind = Stored(domain::ParsePlanKind(kind), "kind", kind);
    out.period_start = DateOf(start, ind_start);
    out.period_end = DateOf(end, ind_end);
    out.parent_plan_id = ind_parent == soci::i_ok ? parent : 0;
    out.status = Stored(domain::ParsePlanStatus(status), "status", status);
    out.revision = revision;
    out.created_at_ms = created;
    out.updated_at_ms = updated;
    if (!content.empty()) {
      Validator ignored;  // written by ContentToJson: always well-formed
      domain::ContentFromJson(json::parse(content, nullptr, false), out.content, ignored);
    }
    return out;
  }
};

std::string ContentText(const domain::Plan& p) {
  json j = json::object();
  domain::ContentToJson(p.content, j);
  return j.dump();
}

std::string SearchText(const domain::Plan& p) {
  return text::Fold(p.NumberAndSymbol() + " " + p.title + " " + p.theme);
}

// The plan's columns as bindable values (for INSERT and UPDATE).
struct PlanParams {
  std::string kind, status, content, search;
  DateParam issued, start, end;
  int number, year, revision;
  soci::indicator ind_number;
  explicit PlanParams(const domain::Plan& p)
      : kind(domain::PlanKindName(p.kind)),
        status(domain::PlanStatusName(p.status)),
        content(ContentText(p)),
        search(SearchText(p)),
        issued(p.issued_on),
        start(p.period_start),
        end(p.period_end),
        number(p.number.value_or(0)),
        year(p.Year()),
        revision(p.revision),
        ind_number(p.number ? soci::i_ok : soci::i_null) {}
};

// The activity's columns as bindable values (for INSERT and UPDATE).
struct ActivityParams {
  std::string section, assignee, status, details;
  IdParam lead;
  DateParam due, completed;
  explicit ActivityParams(const domain::Activity& a)
      : section(domain::ActivitySectionName(a.section)),
        assignee(domain::AssigneeName(a.assignee)),
        status(domain::ActivityStatusName(a.status)),
        details(json(a.details).dump()),
        lead(a.lead_unit_id),
        due(a.due_date),
        completed(a.completed_on) {}
};

// Activity rows.
constexpr const char* kActivityColumns =
    "SELECT id, plan_id, position, section, title, details, assignee, lead_unit_id, due_date, "
    "status, progress_note, completed_on, version, updated_at FROM activities";

struct ActivityRow {
  domain::Activity a;
  std::string section, details, assignee, due, status, completed;
  long long lead = 0, updated = 0;
  soci::indicator ind_lead = soci::i_ok, ind_due = soci::i_ok, ind_completed = soci::i_ok;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(a.id));
    st.exchange(soci::into(a.plan_id));
    st.exchange(soci::into(a.position));
    st.exchange(soci::into(section));
    st.exchange(soci::into(a.title));
    st.exchange(soci::into(details));
    st.exchange(soci::into(assignee));
    st.exchange(soci::into(lead, ind_lead));
    st.exchange(soci::into(due, ind_due));
    st.exchange(soci::into(status));
    st.exchange(soci::into(a.progress_note));
    st.exchange(soci::into(completed, ind_completed));
    st.exchange(soci::into(a.version));
    st.exchange(soci::into(updated));
  }
  domain::Activity Take() const {
    domain::Activity out = a;
    out.section = Stored(domain::ParseActivitySection(section), "section", section);
    out.details.clear();
    const json d = json::parse(details, nullptr, false);
    if (d.is_array()) {
      for (const auto& e : d)
        if (e.is_string()) out.details.push_back(e.get<std::string>());
    }
    out.assignee = Stored(domain::ParseAssignee(assignee), "assignee", assignee);
    out.lead_unit_id = ind_lead == soci::i_ok ? lead : 0;
    out.due_date = DateOf(due, ind_due);
    out.status = Stored(domain::ParseActivityStatus(status), "status", status);
    out.completed_on = DateOf(completed, ind_completed);
    out.updated_at_ms = updated;
    return out;
  }
};

//! An activity with the header of its plan: the rows of the task lists and the reminders.
constexpr const char* kTaskColumns =
    "SELECT a.id, a.plan_id, a.position, a.section, a.title, a.details, a.assignee, "
    "a.lead_unit_id, a.due_date, a.status, a.progress_note, a.completed_on, a.version, "
    "a.updated_at, p.unit_id, p.title, p.number, p.symbol, p.status FROM activities a "
    "JOIN plans p ON p.id = a.plan_id ";

struct TaskRow {
  ActivityRow row;
  long long plan_unit = 0;
  std::string plan_title, symbol, plan_status;
  int number = 0;
  soci::indicator ind_number = soci::i_ok;

  void Bind(soci::statement& st) {
    row.Bind(st);
    st.exchange(soci::into(plan_unit));
    st.exchange(soci::into(plan_title));
    st.exchange(soci::into(number, ind_number));
    st.exchange(soci::into(symbol));
    st.exchange(soci::into(plan_status));
  }
  Task Take() {
    Task t;
    t.activity = row.Take();
    t.plan_unit_id = plan_unit;
    t.plan_title = plan_title;
    t.plan_number =
        (ind_number == soci::i_ok ? std::to_string(number) : std::string()) + "/" + symbol;
    t.plan_status = Stored(domain::ParsePlanStatus(plan_status), "plan_status", plan_status);
    return t;
  }
};

// Runs `sql_text` with the binding `bind` (which may add use() elements) and collects rows.
template <typename Row, typename T, typename BindUses>
std::vector<T> Collect(soci::session& sql, const std::string& sql_text, BindUses bind_uses) {
  std::vector<T> out;
  Row row;
  soci::statement st(sql);
  row.Bind(st);
  bind_uses(st);
  st.alloc();
  st.prepare(sql_text);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) out.push_back(row.Take());
  return out;
}

// The recursive selection of a plan and everything derived from it.
constexpr const char* kCascadeCte =
    "WITH RECURSIVE cascade(id) AS (SELECT id FROM plans WHERE id = :root "
    "UNION ALL SELECT p.id FROM plans p JOIN cascade c ON p.parent_plan_id = c.id) ";
}  // namespace

Id PlansRepo::Insert(const domain::Plan& p, Id created_by, int64_t now_ms) {
  PlanParams pp(p);
  IdParam parent(p.parent_plan_id), creator(created_by);
  const long long now = now_ms;
  Id id = 0;
  sql_
      << "INSERT INTO plans (unit_id, number, symbol, year, place, issued_on, title, kind, "
         "period_start, period_end, theme, parent_plan_id, status, revision, version, content, "
         "search_text, created_by, created_at, updated_at) VALUES (:unit, :number, :symbol, :year, "
         ":place, :issued, :title, :kind, :start, :end, :theme, :parent, :status, :revision, 1, "
         ":content, :search, :creator, :now, :now2) RETURNING id",
      soci::use(p.unit_id), soci::use(pp.number, pp.ind_number), soci::use(p.symbol),
      soci::use(pp.year), soci::use(p.place), soci::use(pp.issued.value, pp.issued.ind),
      soci::use(p.title), soci::use(pp.kind), soci::use(pp.start.value, pp.start.ind),
      soci::use(pp.end.value, pp.end.ind), soci::use(p.theme), soci::use(parent.value, parent.ind),
      soci::use(pp.status), soci::use(pp.revision), soci::use(pp.content), soci::use(pp.search),
      soci::use(creator.value, creator.ind), soci::use(now), soci::use(now), soci::into(id);
  WriteReporting(id, p.reporting);
  return id;
}

bool PlansRepo::Update(const domain::Plan& p, int64_t now_ms, bool replace_reporting) {
  PlanParams pp(p);
  const long long now = now_ms;
  soci::statement st =
      (sql_.prepare
           << "UPDATE plans SET number = :number, symbol = :symbol, year = :year, "
              "place = :place, issued_on = :issued, title = :title, kind = :kind, "
              "period_start = :start, period_end = :end, theme = :theme, status = :status, "
              "revision = :revision, content = :content, search_text = :search, "
              "version = version + 1, updated_at = :now WHERE id = :id AND version = :version",
       soci::use(pp.number, pp.ind_number), soci::use(p.symbol), soci::use(pp.year),
       soci::use(p.place), soci::use(pp.issued.value, pp.issued.ind), soci::use(p.title),
       soci::use(pp.kind), soci::use(pp.start.value, pp.start.ind),
       soci::use(pp.end.value, pp.end.ind), soci::use(p.theme), soci::use(pp.status),
       soci::use(pp.revision), soci::use(pp.content), soci::use(pp.search), soci::use(now),
       soci::use(p.id), soci::use(p.version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  if (replace_reporting) {
    sql_ << "DELETE FROM plan_reporting WHERE plan_id = :id", soci::use(p.id);
    WriteReporting(p.id, p.reporting);
  }
  return true;
}

void PlansRepo::WriteReporting(Id plan_id,
                               const std::vector<domain::ReportingRequirement>& reporting) {
  for (const auto& r : reporting) {
    const std::string due = r.due_date.Iso();
    IdParam to(r.to_unit_id);
    sql_ << "INSERT INTO plan_reporting (plan_id, template_code, due_date, to_unit_id, "
            "reporting_scope, note) VALUES (:plan, :code, :due, :to, :scope, :note)",
        soci::use(plan_id), soci::use(r.template_code), soci::use(due), soci::use(to.value, to.ind),
        soci::use(r.reporting_scope), soci::use(r.note);
  }
}

std::vector<domain::ReportingRequirement> PlansRepo::Reporting(Id plan_id) {
  std::vector<domain::ReportingRequirement> out;
  domain::ReportingRequirement r;
  std::string due;
  long long to = 0;
  soci::indicator ind_to = soci::i_ok;
  soci::statement st =
      (sql_.prepare << "SELECT id, template_code, due_date, to_unit_id, reporting_scope, "
                       "note FROM plan_reporting WHERE plan_id = :p ORDER BY id",
       soci::into(r.id), soci::into(r.template_code), soci::into(due), soci::into(to, ind_to),
       soci::into(r.reporting_scope), soci::into(r.note), soci::use(plan_id));
  st.execute();
  while (st.fetch()) {
    r.due_date = Stored(Date::Parse(due), "due", due);
    r.to_unit_id = ind_to == soci::i_ok ? to : 0;
    out.push_back(r);
  }
  return out;
}

std::optional<domain::Plan> PlansRepo::Get(Id id, const char* lock) {
  auto plans =
      Collect<PlanRow, domain::Plan>(sql_, std::string(kPlanColumns) + " WHERE id = :id" + lock,
                                     [&](soci::statement& st) { st.exchange(soci::use(id)); });
  if (plans.empty()) return std::nullopt;
  plans[0].reporting = Reporting(id);
  return plans[0];
}

long long PlansRepo::Count() {
  long long n = 0;
  sql_ << "SELECT count(*) FROM plans", soci::into(n);
  return n;
}

std::vector<domain::Plan> PlansRepo::List(const PlanFilter& f) {
  std::string where = " WHERE 1 = 1";
  long long unit = f.unit_id.value_or(0);
  int year = f.year.value_or(0);
  const std::string kind = f.kind ? std::string(domain::PlanKindName(*f.kind)) : "";
  const std::string status = f.status ? std::string(domain::PlanStatusName(*f.status)) : "";
  // Every word of the query must occur (in any order) in the folded number, title and theme.
  std::vector<std::string> likes;
  for (size_t start = 0; start < f.folded_q.size();) {
    size_t end = f.folded_q.find(' ', start);
    if (end == std::string::npos) end = f.folded_q.size();
    if (end > start) likes.push_back("%" + f.folded_q.substr(start, end - start) + "%");
    start = end + 1;
  }
  if (f.unit_id) where += " AND unit_id = :unit";
  if (f.year) where += " AND year = :year";
  if (f.kind) where += " AND kind = :kind";
  if (f.status) where += " AND status = :status";
  for (size_t i = 0; i < likes.size(); ++i) where += " AND search_text LIKE :q" + std::to_string(i);
  return Collect<PlanRow, domain::Plan>(
      sql_,
      std::string(kPlanListColumns) + where + " ORDER BY period_start DESC, id DESC" +
          (f.limit ? " LIMIT " + std::to_string(*f.limit) + " OFFSET " + std::to_string(f.offset)
                   : ""),
      [&](soci::statement& st) {
        if (f.unit_id) st.exchange(soci::use(unit));
        if (f.year) st.exchange(soci::use(year));
        if (f.kind) st.exchange(soci::use(kind));
        if (f.status) st.exchange(soci::use(status));
        for (const auto& like : likes) st.exchange(soci::use(like));
      });
}

std::vector<int> PlansRepo::UsedNumbers(Id unit_id, const std::string& symbol, int year) {
  std::vector<int> out;
  int n = 0;
  soci::statement st =
      (sql_.prepare << "SELECT number FROM plans WHERE unit_id = :u AND symbol = :s "
                       "AND year = :y AND number IS NOT NULL",
       soci::into(n), soci::use(unit_id), soci::use(symbol), soci::use(year));
  st.execute();
  while (st.fetch()) out.push_back(n);
  return out;
}

std::vector<domain::Plan> PlansRepo::Derived(Id plan_id) {
  return Collect<PlanRow, domain::Plan>(
      sql_, std::string(kPlanListColumns) + " WHERE parent_plan_id = :p ORDER BY id",
      [&](soci::statement& st) { st.exchange(soci::use(plan_id)); });
}

void PlansRepo::InsertRevision(Id plan_id, const PlanRevision& r) {
  IdParam user(r.user_id);
  const long long at = r.at_ms;
  sql_
      << "INSERT INTO plan_revisions (plan_id, revision, version, at, user_id, username, snapshot) "
         "VALUES (:p, :r, :v, :at, :u, :name, :snap)",
      soci::use(plan_id), soci::use(r.revision), soci::use(r.version), soci::use(at),
      soci::use(user.value, user.ind), soci::use(r.username), soci::use(r.snapshot);
}

std::vector<PlanRevision> PlansRepo::Revisions(Id plan_id) {
  std::vector<PlanRevision> out;
  PlanRevision r;
  long long at = 0, user = 0;
  soci::indicator ind_user = soci::i_ok;
  soci::statement st =
      (sql_.prepare << "SELECT revision, version, at, user_id, username, snapshot "
                       "FROM plan_revisions WHERE plan_id = :p ORDER BY id",
       soci::into(r.revision), soci::into(r.version), soci::into(at), soci::into(user, ind_user),
       soci::into(r.username), soci::into(r.snapshot), soci::use(plan_id));
  st.execute();
  while (st.fetch()) {
    r.at_ms = at;
    r.user_id = ind_user == soci::i_ok ? user : 0;
    out.push_back(r);
  }
  return out;
}

std::vector<CascadePlan> PlansRepo::Cascade(Id root_id) {
  std::vector<CascadePlan> out;
  CascadePlan c;
  long long parent = 0, created = 0;
  int number = 0;
  std::string status, issued;
  soci::indicator ind_parent = soci::i_ok, ind_number = soci::i_ok, ind_issued = soci::i_ok;
  soci::statement st =
      (sql_.prepare
           << std::string(kCascadeCte) +
                  "SELECT p.id, p.unit_id, p.parent_plan_id, p.status, p.number, p.symbol, "
                  "p.title, p.issued_on, p.created_at FROM plans p JOIN cascade c ON c.id = p.id "
                  "ORDER BY p.id",
       soci::into(c.id), soci::into(c.unit_id), soci::into(parent, ind_parent), soci::into(status),
       soci::into(number, ind_number), soci::into(c.symbol), soci::into(c.title),
       soci::into(issued, ind_issued), soci::into(created), soci::use(root_id));
  st.execute();
  while (st.fetch()) {
    c.parent_plan_id = ind_parent == soci::i_ok ? parent : 0;
    c.status = Stored(domain::ParsePlanStatus(status), "status", status);
    c.number = ind_number == soci::i_ok ? std::optional<int>(number) : std::nullopt;
    c.issued_on = DateOf(issued, ind_issued);
    c.created_at_ms = created;
    out.push_back(c);
  }
  return out;
}

std::vector<ActivityStats> PlansRepo::CascadeStats(Id root_id, Date today) {
  std::vector<ActivityStats> out;
  ActivityStats s;
  long long lead = 0;
  soci::indicator ind_lead = soci::i_ok;
  const std::string day = today.Iso();
  soci::statement st =
      (sql_.prepare
           << std::string(kCascadeCte) +
                  "SELECT a.plan_id, a.lead_unit_id, count(*), "
                  "sum(CASE WHEN a.status = 'done' THEN 1 ELSE 0 END), "
                  "sum(CASE WHEN a.status = 'cancelled' THEN 1 ELSE 0 END), "
                  "sum(CASE WHEN a.due_date < :today AND a.status NOT IN ('done', 'cancelled') "
                  "THEN 1 ELSE 0 END) "
                  // CROSS JOIN keeps SQLite to this order: the cascade's plans, then
                  // their activities by index. Left free it scanned every activity
                  // of every year (a million) and looked each plan up in the cascade.
                  "FROM cascade c CROSS JOIN activities a WHERE a.plan_id = c.id "
                  "GROUP BY a.plan_id, a.lead_unit_id",
       soci::into(s.plan_id), soci::into(lead, ind_lead), soci::into(s.total), soci::into(s.done),
       soci::into(s.cancelled), soci::into(s.overdue), soci::use(root_id), soci::use(day));
  st.execute();
  while (st.fetch()) {
    s.lead_unit_id = ind_lead == soci::i_ok ? lead : 0;
    out.push_back(s);
  }
  return out;
}

// --- activities ---

Id ActivitiesRepo::Insert(const domain::Activity& a, int64_t now_ms) {
  ActivityParams a_(a);
  const long long now = now_ms;
  Id id = 0;
  sql_
      << "INSERT INTO activities (plan_id, position, section, title, details, assignee, "
         "lead_unit_id, "
         "due_date, status, progress_note, completed_on, version, updated_at) VALUES (:plan, :pos, "
         ":section, :title, :details, :assignee, :lead, :due, :status, :note, :completed, 1, :now) "
         "RETURNING id",
      soci::use(a.plan_id), soci::use(a.position), soci::use(a_.section), soci::use(a.title),
      soci::use(a_.details), soci::use(a_.assignee), soci::use(a_.lead.value, a_.lead.ind),
      soci::use(a_.due.value, a_.due.ind), soci::use(a_.status), soci::use(a.progress_note),
      soci::use(a_.completed.value, a_.completed.ind), soci::use(now), soci::into(id);
  domain::Activity written = a;
  written.id = id;
  WriteSupport(written);
  return id;
}

bool ActivitiesRepo::Update(const domain::Activity& a, int64_t now_ms) {
  ActivityParams a_(a);
  const long long now = now_ms;
  soci::statement st =
      (sql_.prepare
           << "UPDATE activities SET position = :pos, section = :section, title = :title, "
              "details = :details, assignee = :assignee, lead_unit_id = :lead, due_date = :due, "
              "status = :status, progress_note = :note, completed_on = :completed, "
              "version = version + 1, updated_at = :now WHERE id = :id AND version = :version",
       soci::use(a.position), soci::use(a_.section), soci::use(a.title), soci::use(a_.details),
       soci::use(a_.assignee), soci::use(a_.lead.value, a_.lead.ind),
       soci::use(a_.due.value, a_.due.ind), soci::use(a_.status), soci::use(a.progress_note),
       soci::use(a_.completed.value, a_.completed.ind), soci::use(now), soci::use(a.id),
       soci::use(a.version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  sql_ << "DELETE FROM activity_support WHERE activity_id = :id", soci::use(a.id);
  WriteSupport(a);
  return true;
}

bool ActivitiesRepo::Delete(Id id, long long version) {
  long long found = 0;
  sql_ << "SELECT count(*) FROM activities WHERE id = :id AND version = :version", soci::use(id),
      soci::use(version), soci::into(found);
  if (found != 1) return false;
  // Its supporting units and history go first (foreign keys).
  sql_ << "DELETE FROM activity_support WHERE activity_id = :id", soci::use(id);
  sql_ << "DELETE FROM activity_history WHERE activity_id = :id", soci::use(id);
  soci::statement st =
      (sql_.prepare << "DELETE FROM activities WHERE id = :id AND version = :version",
       soci::use(id), soci::use(version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void ActivitiesRepo::WriteSupport(const domain::Activity& a) {
  for (Id unit : a.support_unit_ids) {
    sql_ << "INSERT INTO activity_support (activity_id, unit_id) VALUES (:a, :u)", soci::use(a.id),
        soci::use(unit);
  }
}

void ActivitiesRepo::LoadSupport(std::vector<domain::Activity>& activities) {
  if (activities.empty()) return;
  std::string ids;
  std::unordered_map<Id, size_t> index;
  for (size_t i = 0; i < activities.size(); ++i) {
    ids += (i ? "," : "") + std::to_string(activities[i].id);  // integers only: safe to inline
    index[activities[i].id] = i;
  }
  long long activity = 0, unit = 0;
  soci::statement st =
      (sql_.prepare << "SELECT activity_id, unit_id FROM activity_support WHERE activity_id IN (" +
                           ids + ") ORDER BY activity_id, unit_id",
       soci::into(activity), soci::into(unit));
  st.execute();
  while (st.fetch()) activities[index[activity]].support_unit_ids.push_back(unit);
}

std::optional<domain::Activity> ActivitiesRepo::Get(Id id, const char* lock) {
  auto out = Collect<ActivityRow, domain::Activity>(
      sql_, std::string(kActivityColumns) + " WHERE id = :id" + lock,
      [&](soci::statement& st) { st.exchange(soci::use(id)); });
  if (out.empty()) return std::nullopt;
  LoadSupport(out);
  return out[0];
}

std::vector<domain::Activity> ActivitiesRepo::ForPlan(Id plan_id) {
  auto out = Collect<ActivityRow, domain::Activity>(
      sql_,
      std::string(kActivityColumns) + " WHERE plan_id = :p ORDER BY section DESC, position, id",
      [&](soci::statement& st) { st.exchange(soci::use(plan_id)); });
  LoadSupport(out);
  return out;
}

int ActivitiesRepo::NextPosition(Id plan_id) {
  int max = 0;
  soci::indicator ind = soci::i_ok;
  sql_ << "SELECT max(position) FROM activities WHERE plan_id = :p", soci::use(plan_id),
      soci::into(max, ind);
  return ind == soci::i_ok ? max + 1 : 1;
}

void ActivitiesRepo::InsertChange(const domain::ActivityChange& c) {
  const std::string status(domain::ActivityStatusName(c.status));
  DateParam completed(c.completed_on);
  IdParam user(c.user_id);
  const long long at = c.at_ms;
  sql_
      << "INSERT INTO activity_history (activity_id, at, user_id, username, status, progress_note, "
         "completed_on, version) VALUES (:a, :at, :u, :name, :status, :note, :completed, :v)",
      soci::use(c.activity_id), soci::use(at), soci::use(user.value, user.ind),
      soci::use(c.username), soci::use(status), soci::use(c.progress_note),
      soci::use(completed.value, completed.ind), soci::use(c.version);
}

std::vector<domain::ActivityChange> ActivitiesRepo::History(Id activity_id) {
  std::vector<domain::ActivityChange> out;
  domain::ActivityChange c;
  long long at = 0, user = 0;
  std::string status, completed;
  soci::indicator ind_user = soci::i_ok, ind_completed = soci::i_ok;
  soci::statement st =
      (sql_.prepare << "SELECT at, user_id, username, status, progress_note, completed_on, version "
                       "FROM activity_history WHERE activity_id = :a ORDER BY id",
       soci::into(at), soci::into(user, ind_user), soci::into(c.username), soci::into(status),
       soci::into(c.progress_note), soci::into(completed, ind_completed), soci::into(c.version),
       soci::use(activity_id));
  st.execute();
  while (st.fetch()) {
    c.activity_id = activity_id;
    c.at_ms = at;
    c.user_id = ind_user == soci::i_ok ? user : 0;
    c.status = Stored(domain::ParseActivityStatus(status), "status", status);
    c.completed_on = DateOf(completed, ind_completed);
    out.push_back(c);
  }
  return out;
}

std::vector<Task> ActivitiesRepo::OpenLedDueBetween(Date from, Date to) {
  const std::string lo = from.Iso(), hi = to.Iso();
  std::vector<Task> out;
  TaskRow row;
  soci::statement st(sql_);
  row.Bind(st);
  st.exchange(soci::use(lo));
  st.exchange(soci::use(hi));
  st.alloc();
  st.prepare(std::string(kTaskColumns) +
             "WHERE p.status = 'issued' AND a.lead_unit_id IS NOT NULL AND a.due_date >= :lo "
             "AND a.due_date <= :hi AND a.status NOT IN ('done', 'cancelled') "
             "ORDER BY a.due_date, a.id");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) out.push_back(row.Take());
  return out;
}

std::vector<Task> ActivitiesRepo::Tasks(const TaskFilter& f) {
  // The unit's activities: those it leads and those it supports, of issued plans.
  std::string sql_text =
      std::string(kTaskColumns) +
      // One index lookup per side (lead, support) instead of an OR that scans every activity.
      "WHERE a.id IN (SELECT id FROM activities WHERE lead_unit_id = :unit "
      "UNION SELECT activity_id FROM activity_support WHERE unit_id = :unit2) AND p.status = "
      "'issued'";
  const std::string status = f.status ? std::string(domain::ActivityStatusName(*f.status)) : "";
  const std::string today = f.today.Iso();
  if (f.status) sql_text += " AND a.status = :status";
  if (f.overdue) {
    sql_text += *f.overdue ? " AND a.due_date < :today AND a.status NOT IN ('done', 'cancelled')"
                           : " AND NOT (a.due_date IS NOT NULL AND a.due_date < :today AND "
                             "a.status NOT IN ('done', 'cancelled'))";
  }
  sql_text += " ORDER BY CASE WHEN a.due_date IS NULL THEN 1 ELSE 0 END, a.due_date, a.id LIMIT " +
              std::to_string(f.limit + 1) + " OFFSET " + std::to_string(f.offset);
  std::vector<Task> out;
  TaskRow row;
  soci::statement st(sql_);
  row.Bind(st);
  st.exchange(soci::use(f.unit_id));
  st.exchange(soci::use(f.unit_id));
  if (f.status) st.exchange(soci::use(status));
  if (f.overdue) st.exchange(soci::use(today));
  st.alloc();
  st.prepare(sql_text);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) out.push_back(row.Take());
  std::vector<domain::Activity> activities;
  for (const auto& t : out) activities.push_back(t.activity);
  LoadSupport(activities);
  for (size_t i = 0; i < out.size(); ++i)
    out[i].activity.support_unit_ids = activities[i].support_unit_ids;
  return out;
}

std::optional<Date> PlanReportingDueDate(soci::session& sql, Id plan_id,
                                         const std::string& template_code) {
  std::string due;
  soci::indicator ind = soci::i_null;
  sql << "SELECT min(due_date) FROM plan_reporting WHERE plan_id = :p AND template_code = :t",
      soci::use(plan_id), soci::use(template_code), soci::into(due, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return Date::Parse(due);
}

}  // namespace binhdang::storage
