#include "http/plans_json.h"

#include "domain/plan_json.h"
#include "http/json_output.h"

namespace binhdang::http {

namespace {
using nlohmann::json;

json IdOrNull(Id id) { return id ? json(IdToString(id)) : json(nullptr); }

json UnitNameJson(Id id, const domain::UnitTree& tree) {
  const domain::Unit* u = tree.Find(id);
  return u ? json(u->full_name) : json(nullptr);
}

json CascadePlanJson(const storage::CascadePlan& p) {
  return {
      {"id", IdToString(p.id)},
      {"unit_id", IdToString(p.unit_id)},
      {"status", domain::PlanStatusName(p.status)},
      {"number", p.number ? json(*p.number) : json(nullptr)},
      {"number_symbol", (p.number ? std::to_string(*p.number) : std::string()) + "/" + p.symbol},
      {"title", p.title},
      {"issued_on", DateJson(p.issued_on)},
      {"created_at", IsoInstant(p.created_at_ms)}};
}

json EntryJson(const service::CascadeEntry& e, const domain::UnitTree& tree) {
  const domain::Unit* u = tree.Find(e.unit_id);
  json units = json::array();
  long long missing = 0;
  for (const auto& child : e.units) {
    units.push_back(EntryJson(child, tree));
    if (child.expected && !child.plan) ++missing;
  }
  const double share =
      e.activities_total ? static_cast<double>(e.activities_done) / e.activities_total : 0.0;
  // The subtree is moved in after: a braced list would copy it once per level.
  json out = {
      {"unit",
       {{"id", IdToString(e.unit_id)},
        {"name", u ? u->name : ""},
        {"full_name", u ? u->full_name : ""},
        {"kind", u ? domain::UnitKindName(u->kind) : "agency"}}},
      {"expected", e.expected},
      {"plan", e.plan ? CascadePlanJson(*e.plan) : json(nullptr)},
      {"derived_on", e.plan ? json(Date::InVietnam(e.plan->created_at_ms).Iso()) : json(nullptr)},
      {"activities_total", e.activities_total},
      {"activities_done", e.activities_done},
      {"done_share", share},
      {"overdue", e.overdue},
      {"behind", (e.expected && !e.plan) || e.overdue > 0},
      {"missing_count", missing}};
  out["units"] = std::move(units);
  return out;
}

// Escapes a TEXT value (RFC 5545 3.3.11).
std::string IcsText(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == ';' || c == ',')
      out += '\\', out += c;
    else if (c == '\n')
      out += "\\n";
    else if (c != '\r')
      out += c;
  }
  return out;
}

// Folds a content line at 75 octets without splitting a UTF-8 sequence (RFC 5545 3.1).
std::string IcsLine(const std::string& line) {
  std::string out;
  size_t col = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(line[i]);
    const bool starts_char = (c & 0xC0) != 0x80;
    if (starts_char && col >= 73) {
      out += "\r\n ";
      col = 1;
    }
    out += line[i];
    ++col;
  }
  return out + "\r\n";
}

std::string Compact(const Date& d) {
  std::string iso = d.Iso();
  iso.erase(std::remove(iso.begin(), iso.end(), '-'), iso.end());
  return iso;
}
}  // namespace

json PlanJson(const domain::Plan& p, const domain::UnitTree& tree) {
  json j = domain::PlanToJson(p);
  j["unit_name"] = UnitNameJson(p.unit_id, tree);
  for (auto& r : j["reporting"]) {
    r["to_unit_name"] = r["to_unit_id"].is_null()
                            ? json(nullptr)
                            : UnitNameJson(*ParseId(r["to_unit_id"].get<std::string>()), tree);
  }
  j["created_at"] = IsoInstant(p.created_at_ms);
  j["updated_at"] = IsoInstant(p.updated_at_ms);
  return j;
}

json ActivityJson(const domain::Activity& a, const domain::Plan* plan, const domain::UnitTree& tree,
                  Date today) {
  json support = json::array(), support_names = json::array();
  for (Id s : a.support_unit_ids) {
    support.push_back(IdToString(s));
    support_names.push_back(UnitNameJson(s, tree));
  }
  return {{"id", IdToString(a.id)},
          {"plan_id", IdToString(a.plan_id)},
          {"position", a.position},
          {"section", domain::ActivitySectionName(a.section)},
          {"title", a.title},
          {"details", a.details},
          {"assignee", domain::AssigneeName(a.assignee)},
          {"lead_unit_id", IdOrNull(a.lead_unit_id)},
          {"lead_unit_name", a.lead_unit_id ? UnitNameJson(a.lead_unit_id, tree) : json(nullptr)},
          {"support_unit_ids", support},
          {"support_unit_names", support_names},
          {"due_date", DateJson(a.due_date)},
          {"due_outside_period", plan ? domain::DueOutsidePeriod(a, *plan) : false},
          {"status", domain::ActivityStatusName(a.status)},
          {"progress_note", a.progress_note},
          {"completed_on", DateJson(a.completed_on)},
          {"overdue", a.OverdueOn(today)},
          {"version", a.version},
          {"updated_at", IsoInstant(a.updated_at_ms)}};
}

json TaskJson(const storage::Task& t, const domain::UnitTree& tree, Date today) {
  json j = ActivityJson(t.activity, nullptr, tree, today);
  j["plan"] = {{"id", IdToString(t.activity.plan_id)},
               {"unit_id", IdToString(t.plan_unit_id)},
               {"unit_name", UnitNameJson(t.plan_unit_id, tree)},
               {"title", t.plan_title},
               {"number_symbol", t.plan_number},
               {"status", domain::PlanStatusName(t.plan_status)}};
  return j;
}

json CascadeJson(const service::CascadeView& v, const domain::UnitTree& tree) {
  json units = json::array(), missing = json::array();
  for (const auto& e : v.units) {
    units.push_back(EntryJson(e, tree));
    if (e.expected && !e.plan) {
      const domain::Unit* u = tree.Find(e.unit_id);
      missing.push_back({{"id", IdToString(e.unit_id)}, {"full_name", u ? u->full_name : ""}});
    }
  }
  json plan = CascadePlanJson(v.plan);
  plan["unit_name"] = UnitNameJson(v.plan.unit_id, tree);
  json out = {{"plan", std::move(plan)},
              {"summary",
               {{"plans", v.plans},
                {"expected", v.expected},
                {"derived", v.derived},
                {"issued", v.issued},
                {"missing", v.missing},
                {"hidden", v.hidden}}}};
  out["units"] = std::move(units);
  out["missing"] = std::move(missing);
  return out;
}

std::string TasksCalendar(const std::vector<storage::Task>& tasks, const std::string& name,
                          int64_t now_ms) {
  std::string stamp = IsoInstant(now_ms);  // 2026-11-23T03:04:05Z -> 20261123T030405Z
  stamp.erase(std::remove(stamp.begin(), stamp.end(), '-'), stamp.end());
  stamp.erase(std::remove(stamp.begin(), stamp.end(), ':'), stamp.end());
  std::string out = IcsLine("BEGIN:VCALENDAR") + IcsLine("VERSION:2.0") +
                    IcsLine("PRODID:-//binhdang//tasks//VI") + IcsLine("CALSCALE:GREGORIAN") +
                    IcsLine("METHOD:PUBLISH") +
                    IcsLine("X-WR-CALNAME:" + IcsText("Việc cần làm — " + name)) +
                    IcsLine("X-WR-TIMEZONE:Asia/Ho_Chi_Minh");
  for (const auto& t : tasks) {
    if (!t.activity.due_date) continue;
    const Date& due = *t.activity.due_date;
    out += IcsLine("BEGIN:VEVENT");
    out += IcsLine("UID:activity-" + IdToString(t.activity.id) + "@binhdang");
    out += IcsLine("DTSTAMP:" + stamp);
    out += IcsLine("DTSTART;VALUE=DATE:" + Compact(due));
    out += IcsLine("DTEND;VALUE=DATE:" + Compact(due.AddDays(1)));
    out += IcsLine("SUMMARY:" + IcsText("Hạn: " + t.activity.title));
    out += IcsLine("DESCRIPTION:" +
                   IcsText("Kế hoạch " + t.plan_number + ": " + t.plan_title + "\nTrạng thái: " +
                           std::string(domain::ActivityStatusName(t.activity.status))));
    out += IcsLine(std::string("STATUS:") + (t.activity.status == domain::ActivityStatus::kCancelled
                                                 ? "CANCELLED"
                                                 : "CONFIRMED"));
    out += IcsLine("END:VEVENT");
  }
  return out + IcsLine("END:VCALENDAR");
}

}  // namespace binhdang::http
