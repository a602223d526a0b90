// /api/v1/plans, /api/v1/activities, /api/v1/tasks and the per-unit task calendar.
#include "domain/plan_json.h"
#include "http/api.h"
#include "http/json_input.h"
#include "http/json_output.h"
#include "http/plans_json.h"

namespace binhdang::http {

namespace {
using nlohmann::json;

const std::vector<std::string>& PlanFieldNames(bool create) {
  static const std::vector<std::string> kPatch = [] {
    std::vector<std::string> k = {"version",      "title",      "theme",    "place",
                                  "symbol",       "kind",       "number",   "issued_on",
                                  "period_start", "period_end", "reporting"};
    for (const char* c : domain::kPlanContentKeys) k.push_back(c);
    return k;
  }();
  static const std::vector<std::string> kCreate = [] {
    std::vector<std::string> k = kPatch;
    k.erase(k.begin());  // no version
    k.push_back("unit_id");
    k.push_back("activities");
    k.push_back("parent_plan_id");
    return k;
  }();
  return create ? kCreate : kPatch;
}

std::optional<domain::PlanKind> KindField(Fields& f) {
  auto s = f.String("kind");
  if (!s) return std::nullopt;
  auto kind = domain::ParsePlanKind(*s);
  if (!kind) {
    f.validator().Fail("kind", "loại kế hoạch phải là action_month, programme, annual hoặc other",
                       "kind must be action_month, programme, annual or other");
  }
  return kind;
}

std::vector<domain::ReportingRequirement> ReportingField(const json& j, Validator& v) {
  std::vector<domain::ReportingRequirement> out;
  if (!j.is_array()) {
    v.Fail("reporting", "yêu cầu báo cáo phải là một danh sách", "reporting must be an array");
    return out;
  }
  for (size_t i = 0; i < j.size(); ++i) {
    const std::string p = "reporting[" + std::to_string(i) + "]";
    if (!j[i].is_object()) {
      v.Fail(p, "phải là một đối tượng JSON", "must be an object");
      continue;
    }
    Fields f(j[i]);
    f.AllowOnly({"template_code", "due_date", "to_unit_id", "reporting_scope", "note"});
    domain::ReportingRequirement r;
    r.template_code = f.String("template_code", true).value_or("");
    r.due_date = f.DateField("due_date", true).value_or(Date());
    r.to_unit_id = f.IdField("to_unit_id").value_or(0);
    r.reporting_scope = f.String("reporting_scope").value_or("children_and_agencies");
    r.note = f.String("note").value_or("");
    if (!f.ok()) {
      for (const auto& d : f.ToError().details)
        v.Fail(p + "." + d.field, d.message.vi, d.message.en);
    }
    out.push_back(std::move(r));
  }
  return out;
}

Result<service::PlanPatch> PlanPatchOf(const json& body, bool create, Id* unit_id) {
  Fields f(body);
  f.AllowOnly(PlanFieldNames(create));
  service::PlanPatch p;
  if (create) {
    *unit_id = f.IdField("unit_id", true).value_or(0);
    if (f.Has("parent_plan_id") && !body["parent_plan_id"].is_null())
      p.parent_plan_id = f.IdField("parent_plan_id");
  } else {
    p.version = f.Integer("version", true, 1).value_or(0);
  }
  p.title = f.String("title", create);
  p.theme = f.String("theme");
  p.place = f.String("place");
  p.symbol = f.String("symbol");
  p.kind = KindField(f);
  if (f.Has("number")) {
    if (body["number"].is_null())
      p.number = std::optional<int>();
    else if (auto n = f.Integer("number", false, 1, 999999))
      p.number = std::optional<int>(static_cast<int>(*n));
  }
  p.issued_on = f.NullableDate("issued_on");
  p.period_start = f.NullableDate("period_start");
  p.period_end = f.NullableDate("period_end");
  if (f.Has("reporting")) p.reporting = ReportingField(body["reporting"], f.validator());
  for (const char* key : domain::kPlanContentKeys) {
    if (body.contains(key)) p.content[key] = body[key];
  }
  if (!f.ok()) return f.ToError();
  return p;
}

template <typename E>
std::optional<E> EnumField(Fields& f, const char* key, std::optional<E> (*parse)(std::string_view),
                           const char* vi, const char* en) {
  auto s = f.String(key);
  if (!s) return std::nullopt;
  auto v = parse(*s);
  if (!v) f.validator().Fail(key, vi, en);
  return v;
}

Result<service::ActivityPatch> ActivityPatchOf(const json& body, bool create) {
  Fields f(body);
  if (create) {
    f.AllowOnly({"title", "details", "section", "assignee", "lead_unit_id", "support_unit_ids",
                 "due_date", "position"});
  } else {
    f.AllowOnly({"version", "title", "details", "section", "assignee", "lead_unit_id",
                 "support_unit_ids", "due_date", "position", "status", "progress_note",
                 "completed_on"});
  }
  service::ActivityPatch p;
  if (!create) p.version = f.Integer("version", true, 1).value_or(0);
  p.title = f.String("title", create);
  p.details = f.Strings("details");
  p.section = EnumField(f, "section", &domain::ParseActivitySection,
                        "phần phải là key hoặc assignment", "section must be key or assignment");
  p.assignee = EnumField(f, "assignee", &domain::ParseAssignee,
                         "đối tượng thực hiện phải là unit, child_units hoặc everyone",
                         "assignee must be unit, child_units or everyone");
  if (f.Has("lead_unit_id"))
    p.lead_unit_id = body["lead_unit_id"].is_null() ? 0 : f.IdField("lead_unit_id").value_or(0);
  p.support_unit_ids = f.Ids("support_unit_ids");
  p.due_date = f.NullableDate("due_date");
  if (auto pos = f.Integer("position", false, 1, 100000)) p.position = static_cast<int>(*pos);
  p.status = EnumField(f, "status", &domain::ParseActivityStatus,
                       "trạng thái phải là not_started, in_progress, done hoặc cancelled",
                       "status must be not_started, in_progress, done or cancelled");
  p.progress_note = f.String("progress_note");
  p.completed_on = f.NullableDate("completed_on");
  if (!f.ok()) return f.ToError();
  return p;
}

//! The "activities" of a new plan, each as POST /plans/{id}/activities takes it.
Result<std::vector<service::ActivityPatch>> ActivitiesOf(const json& body) {
  std::vector<service::ActivityPatch> out;
  if (!body.contains("activities")) return out;
  const json& list = body["activities"];
  if (!list.is_array()) {
    return Error::Invalid("activities", "các hoạt động phải là một danh sách",
                          "activities must be an array");
  }
  if (list.size() > 1000) {
    return Error::Invalid("activities", "một kế hoạch có tối đa 1.000 hoạt động",
                          "a plan has at most 1,000 activities");
  }
  Validator v;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string prefix = "activities[" + std::to_string(i) + "]";
    if (!list[i].is_object()) {
      v.Fail(prefix, "phải là một đối tượng JSON", "must be an object");
      continue;
    }
    auto patch = ActivityPatchOf(list[i], true);
    if (!patch.ok()) {
      for (const auto& d : patch.error().details)
        v.Fail(prefix + "." + d.field, d.message.vi, d.message.en);
      continue;
    }
    out.push_back(std::move(*patch));
  }
  if (!v.ok()) return v.ToError();
  return out;
}

//! What an import read: the text, the draft as the API writes a plan and its activities, and
//! each field with its span in the text (UTF-16 offsets, as a browser counts).
json ImportJson(const documents::PlanImport& imp, const domain::UnitTree& tree, Date today) {
  json fields = json::array();
  const std::string& text = imp.source.text;
  for (const auto& f : imp.fields) {
    fields.push_back({{"path", f.path},
                      {"value", f.value},
                      {"start", documents::Utf16Offset(text, f.begin)},
                      {"end", documents::Utf16Offset(text, f.end)},
                      {"confidence", f.confidence}});
  }
  json activities = json::array();
  for (size_t i = 0; i < imp.activities.size(); ++i) {
    json a = ActivityJson(imp.activities[i], &imp.plan, tree, today);
    a.erase("id");
    a.erase("plan_id");
    a["agency_text"] = i < imp.activity_agencies.size() ? imp.activity_agencies[i] : std::string();
    activities.push_back(std::move(a));
  }
  json plan = PlanJson(imp.plan, tree);
  plan.erase("id");
  return {{"format", imp.source.format},
          {"text", text},
          {"issuer", imp.issuer},
          {"plan", std::move(plan)},
          {"activities", std::move(activities)},
          {"fields", std::move(fields)},
          {"unmatched_agencies", imp.unmatched}};
}

Result<service::PlanQuery> PlanQueryOf(const Request& req) {
  service::PlanQuery q;
  BD_ASSIGN_OR_RETURN(q.page, PageOf(req));
  Validator v;
  q.q = req.Query("q").value_or("");
  if (q.q.size() > 200) v.Fail("q", "từ khóa dài quá 200 ký tự", "q is longer than 200 characters");
  if (auto unit = req.Query("unit"); unit && !unit->empty()) {
    q.unit = ParseId(*unit);
    if (!q.unit) v.Fail("unit", "mã đơn vị không hợp lệ", "invalid unit id");
  }
  if (auto year = req.Query("year"); year && !year->empty()) {
    auto y = ParseId(*year);
    if (!y || *y < 1990 || *y > 2100)
      v.Fail("year", "năm phải từ 1990 đến 2100", "year must be from 1990 to 2100");
    else
      q.year = static_cast<int>(*y);
  }
  if (auto kind = req.Query("kind"); kind && !kind->empty()) {
    q.kind = domain::ParsePlanKind(*kind);
    if (!q.kind)
      v.Fail("kind", "loại kế hoạch phải là action_month, programme, annual hoặc other",
             "kind must be action_month, programme, annual or other");
  }
  if (auto status = req.Query("status"); status && !status->empty()) {
    q.status = domain::ParsePlanStatus(*status);
    if (!q.status)
      v.Fail("status", "trạng thái phải là draft hoặc issued", "status must be draft or issued");
  }
  if (!v.ok()) return v.ToError();
  return q;
}

Result<service::TaskQuery> TaskQueryOf(const Request& req) {
  service::TaskQuery q;
  BD_ASSIGN_OR_RETURN(q.page, PageOf(req));
  Validator v;
  if (auto unit = req.Query("unit"); unit && !unit->empty()) {
    q.unit = ParseId(*unit);
    if (!q.unit) v.Fail("unit", "mã đơn vị không hợp lệ", "invalid unit id");
  }
  if (auto status = req.Query("status"); status && !status->empty()) {
    q.status = domain::ParseActivityStatus(*status);
    if (!q.status)
      v.Fail("status", "trạng thái phải là not_started, in_progress, done hoặc cancelled",
             "status must be not_started, in_progress, done or cancelled");
  }
  if (auto overdue = req.Query("overdue"); overdue && !overdue->empty()) {
    if (*overdue == "true" || *overdue == "1")
      q.overdue = true;
    else if (*overdue == "false" || *overdue == "0")
      q.overdue = false;
    else
      v.Fail("overdue", "overdue phải là true hoặc false", "overdue must be true or false");
  }
  if (!v.ok()) return v.ToError();
  return q;
}
}  // namespace

void RegisterPlanRoutes(Router& router, Api& api) {
  auto& svc = api.services();
  auto today = [] { return Date::TodayInVietnam(); };

  router.Add("GET", "/api/v1/plans", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
    BD_ASSIGN_OR_RETURN(auto query, PlanQueryOf(req));
    BD_ASSIGN_OR_RETURN(auto page, svc.plans.List(req.caller, query));
    auto tree = svc.directory.Tree();
    json items = json::array();
    for (const auto& p : page.items) {
      json j = PlanJson(p, *tree);
      for (const char* key : domain::kPlanContentKeys)
        j.erase(key);  // lists carry no document body
      items.push_back(std::move(j));
    }
    return Response::Json(ListJson(items, page.next_cursor));
  });
  router.Add("POST", "/api/v1/plans", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
    BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
    Id unit_id = 0;
    BD_ASSIGN_OR_RETURN(auto patch, PlanPatchOf(body, true, &unit_id));
    BD_ASSIGN_OR_RETURN(auto activities, ActivitiesOf(body));
    BD_ASSIGN_OR_RETURN(auto plan, svc.plans.Create(req.caller, unit_id, patch, activities));
    return Response::Json(PlanJson(plan, *svc.directory.Tree()), 201);
  });
  // The body is the file itself (.docx, .pdf or .txt); nothing is written.
  router.Add("POST", "/api/v1/plans/import", Access::kSignedIn,
             [&svc, today](Request& req) -> Result<Response> {
               Validator v;
               Id unit_id = 0;
               if (auto u = req.Query("unit_id")) {
                 auto id = ParseId(*u);
                 if (!id)
                   v.Fail("unit_id", "mã đơn vị không hợp lệ", "unit_id is not a valid id");
                 else
                   unit_id = *id;
               } else if (req.caller.user) {
                 unit_id = req.caller.user->unit_id;
               }
               if (!v.ok()) return v.ToError();
               BD_ASSIGN_OR_RETURN(auto imported, svc.plans.Import(req.caller, unit_id, req.body));
               auto tree = svc.directory.Tree();
               json out = ImportJson(imported, *tree, today());
               out["parent_plan"] = nullptr;
               if (imported.plan.parent_plan_id) {
                 if (auto parent = svc.plans.Get(req.caller, imported.plan.parent_plan_id);
                     parent.ok()) {
                   out["parent_plan"] = {
                       {"id", IdToString(parent->id)},
                       {"number_symbol", parent->NumberAndSymbol()},
                       {"title", parent->title},
                       {"unit_name",
                        tree->Find(parent->unit_id) ? tree->Find(parent->unit_id)->full_name : ""}};
                 }
               }
               return Response::Json(out);
             });
  router.Add(
      "GET", "/api/v1/plans/next-number", Access::kSignedIn,
      [&svc](Request& req) -> Result<Response> {
        Validator v;
        auto unit = ParseId(req.Query("unit").value_or(""));
        if (!unit) v.Fail("unit", "cần mã đơn vị ban hành", "unit is required");
        const std::string symbol = req.Query("symbol").value_or("KH-UBND");
        auto year =
            ParseId(req.Query("year").value_or(std::to_string(Date::TodayInVietnam().year())));
        if (!year || *year < 1990 || *year > 2100)
          v.Fail("year", "năm phải từ 1990 đến 2100", "year must be from 1990 to 2100");
        if (!v.ok()) return v.ToError();
        BD_ASSIGN_OR_RETURN(
            int next, svc.plans.NextNumber(req.caller, *unit, symbol, static_cast<int>(*year)));
        return Response::Json({{"unit_id", IdToString(*unit)},
                               {"symbol", symbol},
                               {"year", *year},
                               {"number", next},
                               {"number_symbol", std::to_string(next) + "/" + symbol}});
      });
  router.Add("GET", "/api/v1/plans/{id}", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto plan, svc.plans.Get(req.caller, id));
               return Response::Json(PlanJson(plan, *svc.directory.Tree()));
             });
  router.Add("PATCH", "/api/v1/plans/{id}", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               BD_ASSIGN_OR_RETURN(auto patch, PlanPatchOf(body, false, nullptr));
               BD_ASSIGN_OR_RETURN(auto plan, svc.plans.Update(req.caller, id, patch));
               return Response::Json(PlanJson(plan, *svc.directory.Tree()));
             });
  router.Add("POST", "/api/v1/plans/{id}/issue", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"version", "number", "issued_on"});
               service::IssueInput in;
               in.version = f.Integer("version", true, 1).value_or(0);
               if (auto n = f.Integer("number", false, 1, 999999)) in.number = static_cast<int>(*n);
               in.issued_on = f.DateField("issued_on");
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto plan, svc.plans.Issue(req.caller, id, in));
               return Response::Json(PlanJson(plan, *svc.directory.Tree()));
             });
  router.Add(
      "GET", "/api/v1/plans/{id}/revisions", Access::kSignedIn,
      [&svc](Request& req) -> Result<Response> {
        BD_ASSIGN_OR_RETURN(Id id, PathId(req));
        BD_ASSIGN_OR_RETURN(auto revisions, svc.plans.Revisions(req.caller, id));
        json items = json::array();
        for (const auto& r : revisions) {
          items.push_back({{"revision", r.revision},
                           {"version", r.version},
                           {"at", IsoInstant(r.at_ms)},
                           {"user_id", r.user_id ? json(IdToString(r.user_id)) : json(nullptr)},
                           {"username", r.username},
                           {"plan", json::parse(r.snapshot, nullptr, false)}});
        }
        return Response::Json(ListJson(items, ""));
      });
  router.Add("POST", "/api/v1/plans/{id}/derive", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"unit_id"});
               const Id unit = f.IdField("unit_id", true).value_or(0);
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto plan, svc.plans.Derive(req.caller, id, unit));
               return Response::Json(PlanJson(plan, *svc.directory.Tree()), 201);
             });
  // A new draft for the next year from any earlier plan (sao chép kế hoạch năm trước).
  router.Add("POST", "/api/v1/plans/{id}/copy", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"unit_id"});
               auto unit = f.IdField("unit_id");
               if (!f.ok()) return f.ToError();
               std::vector<std::string> notes;
               BD_ASSIGN_OR_RETURN(auto plan,
                                   svc.plans.CopyForNextYear(req.caller, id, unit, notes));
               auto j = PlanJson(plan, *svc.directory.Tree());
               j["copy_notes"] = notes;
               return Response::Json(j, 201);
             });
  router.Add("GET", "/api/v1/plans/{id}/cascade", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto view, svc.plans.Cascade(req.caller, id));
               return Response::Json(CascadeJson(view, *svc.directory.Tree()));
             });
  router.Add("GET", "/api/v1/plans/{id}/activities", Access::kSignedIn,
             [&svc, today](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto plan, svc.plans.Get(req.caller, id));
               BD_ASSIGN_OR_RETURN(auto activities, svc.plans.Activities(req.caller, id));
               auto tree = svc.directory.Tree();
               json items = json::array();
               for (const auto& a : activities)
                 items.push_back(ActivityJson(a, &plan, *tree, today()));
               return Response::Json(ListJson(items, ""));
             });
  router.Add("POST", "/api/v1/plans/{id}/activities", Access::kSignedIn,
             [&svc, today](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               BD_ASSIGN_OR_RETURN(auto patch, ActivityPatchOf(body, true));
               BD_ASSIGN_OR_RETURN(auto added, svc.plans.AddActivity(req.caller, id, patch));
               return Response::Json(
                   ActivityJson(added.activity, &added.plan, *svc.directory.Tree(), today()), 201);
             });
  router.Add(
      "GET", "/api/v1/activities/{id}", Access::kSignedIn,
      [&svc, today](Request& req) -> Result<Response> {
        BD_ASSIGN_OR_RETURN(Id id, PathId(req));
        BD_ASSIGN_OR_RETURN(auto d, svc.plans.GetActivity(req.caller, id));
        auto tree = svc.directory.Tree();
        json j = ActivityJson(d.activity, &d.plan, *tree, today());
        json history = json::array();
        for (const auto& c : d.history) {
          history.push_back({{"at", IsoInstant(c.at_ms)},
                             {"user_id", c.user_id ? json(IdToString(c.user_id)) : json(nullptr)},
                             {"username", c.username},
                             {"status", domain::ActivityStatusName(c.status)},
                             {"progress_note", c.progress_note},
                             {"completed_on", DateJson(c.completed_on)},
                             {"version", c.version}});
        }
        j["history"] = history;
        j["plan"] = {{"id", IdToString(d.plan.id)},
                     {"title", d.plan.title},
                     {"number_symbol", d.plan.NumberAndSymbol()},
                     {"period_start", DateJson(d.plan.period_start)},
                     {"period_end", DateJson(d.plan.period_end)}};
        return Response::Json(j);
      });
  router.Add("PATCH", "/api/v1/activities/{id}", Access::kSignedIn,
             [&svc, today](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               BD_ASSIGN_OR_RETURN(auto patch, ActivityPatchOf(body, false));
               BD_ASSIGN_OR_RETURN(auto updated, svc.plans.UpdateActivity(req.caller, id, patch));
               return Response::Json(
                   ActivityJson(updated.activity, &updated.plan, *svc.directory.Tree(), today()));
             });
  router.Add("DELETE", "/api/v1/activities/{id}", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"version"});
               const long long version = f.Integer("version", true, 1).value_or(0);
               if (!f.ok()) return f.ToError();
               BD_RETURN_IF_ERROR(svc.plans.DeleteActivity(req.caller, id, version));
               return Response::NoContent();
             });
  router.Add("POST", "/api/v1/activities/{id}/cancel", Access::kSignedIn,
             [&svc, today](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(Id id, PathId(req));
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"version", "reason"});
               const long long version = f.Integer("version", true, 1).value_or(0);
               const std::string reason =
                   f.String("reason").value_or("");  // required: checked by the service
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto cancelled,
                                   svc.plans.CancelActivity(req.caller, id, version, reason));
               return Response::Json(ActivityJson(cancelled.activity, &cancelled.plan,
                                                  *svc.directory.Tree(), today()));
             });
  router.Add("GET", "/api/v1/tasks", Access::kSignedIn,
             [&svc, today](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto query, TaskQueryOf(req));
               BD_ASSIGN_OR_RETURN(auto page, svc.plans.Tasks(req.caller, query));
               auto tree = svc.directory.Tree();
               json items = json::array();
               for (const auto& t : page.items) items.push_back(TaskJson(t, *tree, today()));
               return Response::Json(ListJson(items, page.next_cursor));
             });
}

}  // namespace binhdang::http
