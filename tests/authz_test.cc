// The authorisation matrix: every route of the router, for every role, against objects at the
// user's own unit, inside its subtree and outside it, and without a session. A route with no
// rule here fails the test, so no route ships without a decision on who may call it.
#include <gtest/gtest.h>

#include <functional>

#include "domain/user.h"
#include "support/test_env.h"

namespace binhdang::testing {
namespace {

using domain::Role;
using nlohmann::json;

enum class Where { kOwn, kInside, kOutside };
const char* WhereName(Where w) {
  return w == Where::kOwn ? "own unit" : w == Where::kInside ? "inside subtree" : "outside subtree";
}

//! Objects the probes refer to, created once by the admin.
struct Targets {
  std::string own_unit, inside_unit, outside_unit;        // province A, commune of A, commune of B
  std::string own_agency, inside_agency, outside_agency;  // agencies under them
  std::string own_user, inside_user, outside_user;        // viewers at those units
  std::string own_plan, inside_plan, outside_plan;        // issued plans of those units
  std::string own_activity, inside_activity, outside_activity;  // led by the agencies
  const std::string& Unit(Where w) const {
    return w == Where::kOwn ? own_unit : w == Where::kInside ? inside_unit : outside_unit;
  }
  const std::string& Agency(Where w) const {
    return w == Where::kOwn ? own_agency : w == Where::kInside ? inside_agency : outside_agency;
  }
  const std::string& User(Where w) const {
    return w == Where::kOwn ? own_user : w == Where::kInside ? inside_user : outside_user;
  }
  const std::string& Plan(Where w) const {
    return w == Where::kOwn ? own_plan : w == Where::kInside ? inside_plan : outside_plan;
  }
  const std::string& Activity(Where w) const {
    return w == Where::kOwn      ? own_activity
           : w == Where::kInside ? inside_activity
                                 : outside_activity;
  }
  std::string own_report, inside_report, outside_report;  // action-month reports of those units
  std::string action_month_template;
  std::string own_grant, inside_grant, outside_grant;  // pending case-role grants of the viewers
  const std::string& Grant(Where w) const {
    return w == Where::kOwn ? own_grant : w == Where::kInside ? inside_grant : outside_grant;
  }
  const std::string& Report(Where w) const {
    return w == Where::kOwn ? own_report : w == Where::kInside ? inside_report : outside_report;
  }
  // GBV cases: own = opened by role.case_worker with role.case_supervisor named on it; inside
  // and outside = opened by other case workers of the inside and outside communes.
  std::string own_case, inside_case, outside_case, case_supervisor_id;
  const std::string& Case(Where w) const {
    return w == Where::kOwn ? own_case : w == Where::kInside ? inside_case : outside_case;
  }
  // Analytics: an indicator made by the admin, and a target of it at each unit.
  std::string indicator_id;
  std::map<Where, std::string> target;
  // A signed scan attached to each place's plan by the admin.
  std::map<Where, std::string> attachment;
};

struct Probe {
  std::string method;
  std::string target;
  json body;  // null: no body
};

struct Rule {
  std::function<Probe(const Targets&, Where, const std::string& role)> probe;
  //! Whether `role`, acting on an object at `where`, is let through (any status but 401/403).
  std::function<bool(Role, Where)> allowed;
  bool is_public = false;    // answers without a session too
  bool own_session = false;  // the probe ends the session: send it from a fresh one
};

bool Everyone(Role, Where) { return true; }
bool AdminsOrUnitAdminsWithin(Role r, Where w) {
  return r == Role::kAdmin || (r == Role::kUnitAdmin && w != Where::kOutside);
}
bool AdminOnly(Role r, Where) { return r == Role::kAdmin; }
// Roles that read their subtree (kView): plans, activities, tasks and cascades.
bool Readers(Role r, Where w) {
  return r == Role::kAdmin ||
         (w != Where::kOutside && r != Role::kCaseWorker && r != Role::kCaseSupervisor);
}
// Planners write their own unit's plans.
bool PlannersOwn(Role r, Where w) {
  return r == Role::kAdmin || (r == Role::kPlanner && w == Where::kOwn);
}
// Progress of an activity: the issuing unit's planners and reporters (or the lead unit's).
bool ProgressOwn(Role r, Where w) {
  return r == Role::kAdmin || ((r == Role::kPlanner || r == Role::kReporter) && w == Where::kOwn);
}
// A unit's calendar token: its own users who may view it.
bool OwnReaders(Role r, Where w) {
  return r == Role::kAdmin || (w == Where::kOwn && Readers(r, w));
}
// Reports: viewing within the subtree (Readers), entering at the own unit (reporters),
// reviewing within the subtree (reviewers).
bool ReportEnterers(Role r, Where w) {
  return r == Role::kAdmin || (r == Role::kReporter && w == Where::kOwn);
}
bool ReportReviewers(Role r, Where w) {
  return r == Role::kAdmin || (r == Role::kReviewer && w != Where::kOutside);
}
// Case roles take a second person: another admin, or a case supervisor over the user's unit.
bool GrantDeciders(Role r, Where w) {
  return r == Role::kAdmin || (r == Role::kCaseSupervisor && w != Where::kOutside);
}
bool AdminsOrCaseSupervisors(Role r, Where) {
  return r == Role::kAdmin || r == Role::kCaseSupervisor;
}

Probe Get(std::string target) { return {"GET", std::move(target), nullptr}; }

// ---- GBV cases: need to know (domain/case.h) ----------------------------------------------
// Content: the owner and the members named on the case, nobody else, administrators included.
bool OnCase(Role r, Where w) {
  return (r == Role::kCaseWorker || r == Role::kCaseSupervisor) && w == Where::kOwn;
}
bool CaseRoles(Role r, Where) { return r == Role::kCaseWorker || r == Role::kCaseSupervisor; }
bool CaseWorkers(Role r, Where) { return r == Role::kCaseWorker; }
// Opening a case: a case worker, for a unit of their subtree.
bool CaseOpeners(Role r, Where w) { return r == Role::kCaseWorker && w != Where::kOutside; }
// Anonymised counts: whoever views the unit, and the case roles of its subtree.
bool CaseCounters(Role r, Where w) { return r == Role::kAdmin || w != Where::kOutside; }
bool CaseSupervisors(Role r, Where) { return r == Role::kCaseSupervisor; }

json IncidentBody() {
  return {{"occurred_on", "2025-03-01"},
          {"reported_on", "2025-03-02"},
          {"how_reported", "police"},
          {"place_type", "home"},
          {"gbv_type", "psychological_abuse"},
          {"dv_form", "psychological"},
          {"perpetrator_relationship", "intimate_partner"},
          {"perpetrator_sex", "male"},
          {"perpetrator_age_band", "26-40"}};
}
json CaseBody(const std::string& unit) {
  return {{"unit_id", unit},
          {"sex", "female"},
          {"full_name", "Người thử nghiệm"},
          {"date_of_birth", "1995-01-01"},
          {"phone", "0900000000"},
          {"incident", IncidentBody()}};
}

void AddCaseRules(std::map<std::string, Rule>& r) {
  r["GET /api/v1/cases"] = {[](auto&, Where, auto&) { return Get("/api/v1/cases"); }, CaseRoles};
  r["POST /api/v1/cases"] = {[](const Targets& t, Where w, auto&) {
                               return Probe{"POST", "/api/v1/cases", CaseBody(t.Unit(w))};
                             },
                             CaseOpeners};
  r["POST /api/v1/cases/duplicates"] = {
      [](auto&, Where, auto&) {
        return Probe{"POST", "/api/v1/cases/duplicates", {{"full_name", "Người thử nghiệm"}}};
      },
      CaseWorkers};
  r["GET /api/v1/cases/{id}"] = {
      [](const Targets& t, Where w, auto&) { return Get("/api/v1/cases/" + t.Case(w)); }, OnCase};
  // The first allowed probe changes the status, later ones are 409 (stale version).
  r["PATCH /api/v1/cases/{id}"] = {[](const Targets& t, Where w, auto&) {
                                     return Probe{"PATCH",
                                                  "/api/v1/cases/" + t.Case(w),
                                                  {{"version", 1}, {"status", "in_progress"}}};
                                   },
                                   OnCase};
  r["POST /api/v1/cases/{id}/identity"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/cases/" + t.Case(w) + "/identity", json::object()};
      },
      OnCase};
  r["POST /api/v1/cases/{id}/incidents"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/cases/" + t.Case(w) + "/incidents", IncidentBody()};
      },
      OnCase};
  // Naming the supervisor again: a 409 once past the permission check.
  r["POST /api/v1/cases/{id}/members"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST",
                     "/api/v1/cases/" + t.Case(w) + "/members",
                     {{"user_id", t.case_supervisor_id}, {"role", "supervisor"}}};
      },
      OnCase};
  r["GET /api/v1/cases/{id}/access-log"] = {
      [](const Targets& t, Where w, auto&) {
        return Get("/api/v1/cases/" + t.Case(w) + "/access-log");
      },
      OnCase};
  // ---- The care of a case (service/cases_care.cc): whoever is on the case works on it; the
  // owner asks to close, a supervisor named on it decides. Unknown measures, referrals and
  // follow-ups are 404 once past the case's own check.
  r["GET /api/v1/case-codes"] = {[](auto&, Where, auto&) { return Get("/api/v1/case-codes"); },
                                 Everyone};
  r["POST /api/v1/cases/{id}/measures"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST",
                     "/api/v1/cases/" + t.Case(w) + "/measures",
                     {{"type", "medical_care"}, {"authority", "other"}}};
      },
      OnCase};
  r["PATCH /api/v1/cases/{id}/measures/{measure}"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{
            "PATCH", "/api/v1/cases/" + t.Case(w) + "/measures/999999999", {{"version", 1}}};
      },
      OnCase};
  r["POST /api/v1/cases/{id}/referrals"] = {[](const Targets& t, Where w, auto&) {
                                              return Probe{
                                                  "POST",
                                                  "/api/v1/cases/" + t.Case(w) + "/referrals",
                                                  {{"provider_id", "999999999"},
                                                   {"service", "health"},
                                                   {"consent", true},
                                                   {"consent_on", "2025-03-02"}}};
                                            },
                                            OnCase};
  r["PATCH /api/v1/cases/{id}/referrals/{referral}"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"PATCH",
                     "/api/v1/cases/" + t.Case(w) + "/referrals/999999999",
                     {{"version", 1}, {"status", "accepted"}}};
      },
      OnCase};
  r["POST /api/v1/cases/{id}/followups"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{
            "POST", "/api/v1/cases/" + t.Case(w) + "/followups", {{"due_on", "2025-04-01"}}};
      },
      OnCase};
  r["PATCH /api/v1/cases/{id}/followups/{followup}"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{
            "PATCH", "/api/v1/cases/" + t.Case(w) + "/followups/999999999", {{"version", 1}}};
      },
      OnCase};
  // An unknown reason: a 400 for the owner, who alone may ask.
  r["POST /api/v1/cases/{id}/close"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{
            "POST", "/api/v1/cases/" + t.Case(w) + "/close", {{"version", 1}, {"reason", "tired"}}};
      },
      [](Role r, Where w) { return r == Role::kCaseWorker && w == Where::kOwn; }};
  // Nothing waits for approval: a 409 for the supervisor named on the case, who alone decides.
  r["POST /api/v1/cases/{id}/close/decision"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST",
                     "/api/v1/cases/" + t.Case(w) + "/close/decision",
                     {{"version", 1}, {"approve", true}}};
      },
      [](Role r, Where w) { return r == Role::kCaseSupervisor && w == Where::kOwn; }};
  // The service directory: anyone searches it; administrators keep it, unit administrators for
  // providers serving their subtree (the seeded nationwide numbers: administrators only).
  r["GET /api/v1/services"] = {
      [](const Targets& t, Where w, auto&) { return Get("/api/v1/services?unit=" + t.Unit(w)); },
      Everyone, true};
  r["GET /api/v1/services/areas"] = {
      [](auto&, Where, auto&) { return Get("/api/v1/services/areas?q=lai"); }, Everyone, true};
  r["GET /api/v1/services/{id}"] = {[](auto&, Where, auto&) { return Get("/api/v1/services/1"); },
                                    Everyone, true};
  r["POST /api/v1/services"] = {[](const Targets& t, Where w, auto&) {
                                  return Probe{"POST",
                                               "/api/v1/services",
                                               {{"name", "Nơi thử"},
                                                {"type", "hotline"},
                                                {"services", {"hotline"}},
                                                {"phone", "12a"},
                                                {"unit_id", t.Unit(w)}}};
                                },
                                AdminsOrUnitAdminsWithin};
  r["PATCH /api/v1/services/{id}"] = {[](auto&, Where, auto&) {
                                        return Probe{"PATCH",
                                                     "/api/v1/services/1",
                                                     {{"version", 99},
                                                      {"name", "Tổng đài"},
                                                      {"type", "hotline"},
                                                      {"services", {"hotline"}},
                                                      {"phone", "111"}}};
                                      },
                                      AdminOnly};
  r["GET /api/v1/case-statistics"] = {
      [](const Targets& t, Where w, auto&) {
        return Get("/api/v1/case-statistics?pe=2026&unit=" + t.Unit(w));
      },
      CaseCounters};
  r["GET /api/v1/case-statistics/report"] = {
      [](const Targets& t, Where w, auto&) {
        return Get("/api/v1/case-statistics/report?pe=2026&unit=" + t.Unit(w));
      },
      CaseCounters};
  // ---- Transfer and emergency access (service/cases_access.cc). A reason too short: a 400
  // once past the permission check.
  r["POST /api/v1/cases/{id}/transfer"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST",
                     "/api/v1/cases/" + t.Case(w) + "/transfer",
                     {{"to_user_id", "999999999"}, {"reason", "x"}, {"version", 1}}};
      },
      OnCase};
  r["GET /api/v1/cases/{id}/transfer-candidates"] = {
      [](const Targets& t, Where w, auto&) {
        return Get("/api/v1/cases/" + t.Case(w) + "/transfer-candidates");
      },
      OnCase};
  // Any case supervisor may ask (the case's area is checked after the reason: a 400 either way).
  r["POST /api/v1/cases/emergency-access"] = {
      [](auto&, Where, auto&) {
        return Probe{"POST",
                     "/api/v1/cases/emergency-access",
                     {{"code", "VV-2026-NOCASE"}, {"reason", "gấp"}}};
      },
      CaseSupervisors};
  r["GET /api/v1/case-approvals"] = {
      [](auto&, Where, auto&) { return Get("/api/v1/case-approvals"); }, CaseSupervisors};
}

//! Opens the cases the rules above refer to.
void CreateCaseTargets(TestServer& server, Client& case_worker, Targets& t) {
  auto own = case_worker.Post("/api/v1/cases", CaseBody(t.inside_unit));
  EXPECT_EQ(own.status, 201) << own.body;
  t.own_case = own.json().value("id", "");
  for (const auto& u : server.services().users.ListAll()) {
    if (u.username == "role.case_supervisor") t.case_supervisor_id = IdToString(u.id);
  }
  EXPECT_EQ(case_worker
                .Post("/api/v1/cases/" + t.own_case + "/members",
                      {{"user_id", t.case_supervisor_id}, {"role", "supervisor"}})
                .status,
            200);
  for (Where w : {Where::kInside, Where::kOutside}) {
    const std::string name =
        std::string("authz.cw.") + (w == Where::kInside ? "inside" : "outside");
    auto made = server.services().users.CreateBySystem(
        {name, "Cán bộ khác", "case-worker-2025", *ParseId(t.Unit(w)), {"case_worker"}});
    ASSERT_TRUE(made.ok());
    Client other(server.port());
    ASSERT_EQ(other.Login(name, "case-worker-2025"), 200);
    auto c = other.Post("/api/v1/cases", CaseBody(t.Unit(w)));
    EXPECT_EQ(c.status, 201) << c.body;
    (w == Where::kInside ? t.inside_case : t.outside_case) = c.json().value("id", "");
  }
}

// The rules, keyed "METHOD pattern". Add one for every new route.
// ---- Bulk import: administrators anywhere, unit administrators for their subtree (which rows
// they may import is checked row by row: tests/imports_test.cc). An empty upload is a 400 once
// past the permission check.
bool AdminsOrUnitAdmins(Role r, Where) { return r == Role::kAdmin || r == Role::kUnitAdmin; }

void AddImportRules(std::map<std::string, Rule>& r) {
  r["GET /api/v1/imports/users/template.xlsx"] = {
      [](auto&, Where, auto&) { return Get("/api/v1/imports/users/template.xlsx"); },
      AdminsOrUnitAdmins};
  r["GET /api/v1/imports/agencies/template.xlsx"] = {
      [](auto&, Where, auto&) { return Get("/api/v1/imports/agencies/template.xlsx"); },
      AdminsOrUnitAdmins};
  r["POST /api/v1/imports/users"] = {
      [](auto&, Where, auto&) {
        return Probe{"POST", "/api/v1/imports/users?mode=all", nullptr};
      },
      AdminsOrUnitAdmins};
  r["POST /api/v1/imports/agencies"] = {
      [](auto&, Where, auto&) {
        return Probe{"POST", "/api/v1/imports/agencies?mode=all", nullptr};
      },
      AdminsOrUnitAdmins};
  r["POST /api/v1/imports/credentials.xlsx"] = {
      [](auto&, Where, auto&) {
        return Probe{"POST",
                     "/api/v1/imports/credentials.xlsx",
                     {{"credentials", json::array({{{"username", "a.b"}, {"password", "x"}}})}}};
      },
      AdminsOrUnitAdmins};
}

// ---- Analytics: figures of the units one views; indicators made by template managers (the
// administrators); a unit's targets set by its planners.
void AddAnalyticsRules(std::map<std::string, Rule>& r) {
  r["GET /api/v1/analytics"] = {
      [](const Targets& t, Where w, auto&) {
        return Get("/api/v1/analytics?dx=action_month_results.activities.people&pe=2024&ou=" +
                   t.Unit(w));
      },
      Readers};
  r["GET /api/v1/analytics/elements"] = {
      [](auto&, Where, auto&) { return Get("/api/v1/analytics/elements"); }, Everyone};
  r["GET /api/v1/indicators"] = {[](auto&, Where, auto&) { return Get("/api/v1/indicators"); },
                                 Everyone};
  r["POST /api/v1/indicators"] = {
      [](auto&, Where, const std::string& role) {
        return Probe{"POST",
                     "/api/v1/indicators",
                     {{"code", "probe_" + role},
                      {"name", "Thử"},
                      {"numerator", "#{action_month_results.activities.people.female}"},
                      {"denominator", "#{action_month_results.activities.people}"},
                      {"factor", 100}}};
      },
      AdminOnly};
  r["PATCH /api/v1/indicators/{id}"] = {
      [](const Targets& t, Where, auto&) {
        return Probe{"PATCH",
                     "/api/v1/indicators/" + t.indicator_id,
                     {{"name", "Tỷ lệ nữ"},
                      {"numerator", "#{action_month_results.activities.people.female}"},
                      {"version", 1}}};
      },
      AdminOnly};
  r["GET /api/v1/targets"] = {
      [](const Targets& t, Where w, auto&) { return Get("/api/v1/targets?unit=" + t.Unit(w)); },
      Everyone};
  r["POST /api/v1/targets"] = {[](const Targets& t, Where w, auto&) {
                                 return Probe{"POST",
                                              "/api/v1/targets",
                                              {{"indicator", "authz_share"},
                                               {"unit_id", t.Unit(w)},
                                               {"year", 2031},
                                               {"comparator", ">="},
                                               {"value", 50}}};
                               },
                               PlannersOwn};
  r["PATCH /api/v1/targets/{id}"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"PATCH", "/api/v1/targets/" + t.target.at(w), {{"value", 60}, {"version", 1}}};
      },
      PlannersOwn};
  r["GET /api/v1/targets/progress"] = {[](const Targets& t, Where w, auto&) {
                                         return Get("/api/v1/targets/progress?unit=" + t.Unit(w));
                                       },
                                       Readers};
}

// ---- Attachments: read with the object they belong to; changed by those who change it (a
// plan's planners, a report's reporters, an activity's progress). An empty upload is a 400 once
// past the permission check; the first permitted removal removes, the later ones are 404s.
void AddAttachmentRules(std::map<std::string, Rule>& r) {
  r["GET /api/v1/plans/{id}/attachments"] = {
      [](const Targets& t, Where w, auto&) {
        return Get("/api/v1/plans/" + t.Plan(w) + "/attachments");
      },
      Readers};
  r["POST /api/v1/plans/{id}/attachments"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/plans/" + t.Plan(w) + "/attachments?name=a.pdf", nullptr};
      },
      PlannersOwn};
  r["GET /api/v1/reports/{id}/attachments"] = {
      [](const Targets& t, Where w, auto&) {
        return Get("/api/v1/reports/" + t.Report(w) + "/attachments");
      },
      Readers};
  r["POST /api/v1/reports/{id}/attachments"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/reports/" + t.Report(w) + "/attachments?name=a.pdf", nullptr};
      },
      ReportEnterers};
  r["GET /api/v1/activities/{id}/attachments"] = {
      [](const Targets& t, Where w, auto&) {
        return Get("/api/v1/activities/" + t.Activity(w) + "/attachments");
      },
      Readers};
  r["POST /api/v1/activities/{id}/attachments"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/activities/" + t.Activity(w) + "/attachments?name=a.jpg",
                     nullptr};
      },
      ProgressOwn};
  r["GET /api/v1/attachments/{id}"] = {[](const Targets& t, Where w, auto&) {
                                         return Get("/api/v1/attachments/" + t.attachment.at(w));
                                       },
                                       Readers};
  r["DELETE /api/v1/attachments/{id}"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"DELETE", "/api/v1/attachments/" + t.attachment.at(w), nullptr};
      },
      PlannersOwn};
}

std::map<std::string, Rule> Rules() {
  std::map<std::string, Rule> r;
  r["GET /api/v1/health"] = {[](auto&, Where, auto&) { return Get("/api/v1/health"); }, Everyone,
                             true};
  r["GET /metrics"] = {[](auto&, Where, auto&) { return Get("/metrics"); }, Everyone, true};
  r["GET /api/v1/openapi.json"] = {[](auto&, Where, auto&) { return Get("/api/v1/openapi.json"); },
                                   Everyone, true};
  r["POST /api/v1/session"] = {[](auto&, Where, auto&) {
                                 // Without a password: a 400 shows the route is reachable.
                                 return Probe{"POST", "/api/v1/session", {{"username", "nobody"}}};
                               },
                               Everyone, true};
  r["DELETE /api/v1/session"] = {[](auto&, Where, auto&) {
                                   return Probe{"DELETE", "/api/v1/session", nullptr};
                                 },
                                 Everyone, false, true};
  r["GET /api/v1/me"] = {[](auto&, Where, auto&) { return Get("/api/v1/me"); }, Everyone};
  // Units are public reference data for every signed-in user.
  r["GET /api/v1/units"] = {
      [](const Targets& t, Where w, auto&) { return Get("/api/v1/units?parent=" + t.Unit(w)); },
      Everyone};
  r["GET /api/v1/units/{id}"] = {
      [](const Targets& t, Where w, auto&) { return Get("/api/v1/units/" + t.Unit(w)); }, Everyone};
  r["GET /api/v1/units/{id}/children"] = {[](const Targets& t, Where w, auto&) {
                                            return Get("/api/v1/units/" + t.Unit(w) + "/children");
                                          },
                                          Everyone};
  r["GET /api/v1/units/{id}/lineage"] = {[](const Targets& t, Where w, auto&) {
                                           return Get("/api/v1/units/" + t.Unit(w) + "/lineage");
                                         },
                                         Everyone};
  // The reminder days of a unit: its readers see them, its planners choose them.
  r["GET /api/v1/units/{id}/reminder-days"] = {
      [](const Targets& t, Where w, auto&) {
        return Get("/api/v1/units/" + t.Unit(w) + "/reminder-days");
      },
      Readers};
  r["PUT /api/v1/units/{id}/reminder-days"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"PUT",
                     "/api/v1/units/" + t.Unit(w) + "/reminder-days",
                     {{"first_days", 10}, {"last_days", 2}}};
      },
      PlannersOwn};
  r["DELETE /api/v1/units/{id}/reminder-days"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"DELETE", "/api/v1/units/" + t.Unit(w) + "/reminder-days", nullptr};
      },
      PlannersOwn};
  r["GET /api/v1/agency-types"] = {[](auto&, Where, auto&) { return Get("/api/v1/agency-types"); },
                                   Everyone};
  r["GET /api/v1/agency-sets"] = {[](auto&, Where, auto&) { return Get("/api/v1/agency-sets"); },
                                  Everyone};
  r["POST /api/v1/units/{id}/agency-sets/{code}"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/units/" + t.Unit(w) + "/agency-sets/commune-2025", nullptr};
      },
      AdminsOrUnitAdminsWithin};
  r["POST /api/v1/units"] = {
      [](const Targets& t, Where w, const std::string& role) {
        return Probe{
            "POST",
            "/api/v1/units",
            {{"parent_id", t.Unit(w)}, {"name", "Cơ quan thử " + role}, {"agency_type", "other"}}};
      },
      AdminsOrUnitAdminsWithin};
  r["PATCH /api/v1/units/{id}"] = {[](const Targets& t, Where w, const std::string& role) {
                                     return Probe{"PATCH",
                                                  "/api/v1/units/" + t.Agency(w),
                                                  {{"version", 1}, {"name", "Đổi tên " + role}}};
                                   },
                                   AdminsOrUnitAdminsWithin};
  r["GET /api/v1/users"] = {
      [](const Targets& t, Where w, auto&) { return Get("/api/v1/users?unit=" + t.Unit(w)); },
      AdminsOrUnitAdminsWithin};
  r["GET /api/v1/users/{id}"] = {
      [](const Targets& t, Where w, auto&) { return Get("/api/v1/users/" + t.User(w)); },
      AdminsOrUnitAdminsWithin};
  r["POST /api/v1/users"] = {[](const Targets& t, Where w, const std::string& role) {
                               return Probe{"POST",
                                            "/api/v1/users",
                                            {{"username", "new." + role + "." + WhereName(w)[0] +
                                                              std::to_string(static_cast<int>(w))},
                                             {"full_name", "Người mới"},
                                             {"password", "new-user-2025"},
                                             {"unit_id", t.Unit(w)},
                                             {"roles", {"viewer"}}}};
                             },
                             AdminsOrUnitAdminsWithin};
  r["PATCH /api/v1/users/{id}"] = {[](const Targets& t, Where w, auto&) {
                                     return Probe{"PATCH",
                                                  "/api/v1/users/" + t.User(w),
                                                  {{"version", 1}, {"full_name", "Tên mới"}}};
                                   },
                                   AdminsOrUnitAdminsWithin};
  r["POST /api/v1/users/{id}/unlock"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/users/" + t.User(w) + "/unlock", nullptr};
      },
      AdminsOrUnitAdminsWithin};
  r["GET /api/v1/role-grants"] = {[](auto&, Where, auto&) { return Get("/api/v1/role-grants"); },
                                  AdminsOrCaseSupervisors};
  r["POST /api/v1/role-grants/{id}/approve"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/role-grants/" + t.Grant(w) + "/approve", nullptr};
      },
      GrantDeciders};
  r["POST /api/v1/role-grants/{id}/reject"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/role-grants/" + t.Grant(w) + "/reject", nullptr};
      },
      GrantDeciders};
  // One's own password, feeds and notifications: every signed-in user, for themselves only
  // (someone else's feed or notification is a 404, tested in tests/api/security.test).
  r["POST /api/v1/me/password"] = {
      [](auto&, Where, auto&) {
        return Probe{"POST",
                     "/api/v1/me/password",
                     {{"current_password", "wrong-2025"}, {"new_password", "x"}}};
      },
      Everyone};
  r["PATCH /api/v1/me"] = {[](auto&, Where, auto&) {
                             return Probe{"PATCH",
                                          "/api/v1/me",
                                          {{"version", 1}, {"email", "x"}, {"email_pref", "off"}}};
                           },
                           Everyone};
  r["GET /api/v1/calendar-feeds"] = {
      [](auto&, Where, auto&) { return Get("/api/v1/calendar-feeds"); }, Everyone};
  r["DELETE /api/v1/calendar-feeds/{id}"] = {
      [](auto&, Where, auto&) {
        return Probe{"DELETE", "/api/v1/calendar-feeds/999999", nullptr};
      },
      Everyone};
  r["GET /api/v1/notifications"] = {
      [](auto&, Where, auto&) { return Get("/api/v1/notifications"); }, Everyone};
  r["POST /api/v1/notifications/{id}/read"] = {
      [](auto&, Where, auto&) {
        return Probe{"POST", "/api/v1/notifications/999999/read", nullptr};
      },
      Everyone};
  r["GET /api/v1/audit"] = {[](auto&, Where, auto&) { return Get("/api/v1/audit"); }, AdminOnly};
  // Plans: lists show only what the caller may read, so everyone may ask.
  r["GET /api/v1/plans"] = {
      [](const Targets& t, Where w, auto&) { return Get("/api/v1/plans?unit=" + t.Unit(w)); },
      Everyone};
  r["POST /api/v1/plans"] = {
      [](const Targets& t, Where w, const std::string& role) {
        return Probe{
            "POST", "/api/v1/plans", {{"unit_id", t.Unit(w)}, {"title", "Kế hoạch " + role}}};
      },
      PlannersOwn};
  // The body is the document itself (here a line of text, sent as a JSON string); nothing is
  // written.
  r["POST /api/v1/plans/import"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/plans/import?unit_id=" + t.Unit(w), json("KẾ HOẠCH")};
      },
      PlannersOwn};
  r["GET /api/v1/plans/next-number"] = {[](const Targets& t, Where w, auto&) {
                                          return Get("/api/v1/plans/next-number?unit=" + t.Unit(w));
                                        },
                                        PlannersOwn};
  r["GET /api/v1/plans/{id}"] = {
      [](const Targets& t, Where w, auto&) { return Get("/api/v1/plans/" + t.Plan(w)); }, Readers};
  r["PATCH /api/v1/plans/{id}"] = {[](const Targets& t, Where w, auto&) {
                                     return Probe{"PATCH",
                                                  "/api/v1/plans/" + t.Plan(w),
                                                  {{"version", 1}, {"theme", "Chủ đề mới"}}};
                                   },
                                   PlannersOwn};
  r["POST /api/v1/plans/{id}/issue"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/plans/" + t.Plan(w) + "/issue", {{"version", 1}}};
      },
      PlannersOwn};
  r["GET /api/v1/plans/{id}/revisions"] = {
      [](const Targets& t, Where w, auto&) {
        return Get("/api/v1/plans/" + t.Plan(w) + "/revisions");
      },
      Readers};
  r["GET /api/v1/plans/{id}/document.pdf"] = {
      [](const Targets& t, Where w, auto&) {
        return Get("/api/v1/plans/" + t.Plan(w) + "/document.pdf");
      },
      Readers};
  r["GET /api/v1/plans/{id}/document.docx"] = {
      [](const Targets& t, Where w, auto&) {
        return Get("/api/v1/plans/" + t.Plan(w) + "/document.docx");
      },
      Readers};
  // Deriving writes a plan for the target unit: its planners (the own plan is readable to all
  // readers).
  r["POST /api/v1/plans/{id}/derive"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/plans/" + t.own_plan + "/derive", {{"unit_id", t.Unit(w)}}};
      },
      PlannersOwn};
  // A copy for next year goes to the plan's own unit: its planners (and administrators).
  r["POST /api/v1/plans/{id}/copy"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/plans/" + t.Plan(w) + "/copy", json::object()};
      },
      PlannersOwn};
  r["GET /api/v1/plans/{id}/cascade"] = {[](const Targets& t, Where w, auto&) {
                                           return Get("/api/v1/plans/" + t.Plan(w) + "/cascade");
                                         },
                                         Readers};
  r["GET /api/v1/plans/{id}/activities"] = {
      [](const Targets& t, Where w, auto&) {
        return Get("/api/v1/plans/" + t.Plan(w) + "/activities");
      },
      Readers};
  r["POST /api/v1/plans/{id}/activities"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST",
                     "/api/v1/plans/" + t.Plan(w) + "/activities",
                     {{"title", "Hoạt động thêm"}, {"lead_unit_id", t.Agency(w)}}};
      },
      PlannersOwn};
  r["GET /api/v1/activities/{id}"] = {
      [](const Targets& t, Where w, auto&) { return Get("/api/v1/activities/" + t.Activity(w)); },
      Readers};
  r["PATCH /api/v1/activities/{id}"] = {[](const Targets& t, Where w, auto&) {
                                          return Probe{"PATCH",
                                                       "/api/v1/activities/" + t.Activity(w),
                                                       {{"version", 1}, {"status", "in_progress"}}};
                                        },
                                        ProgressOwn};
  // Deleting an issued plan's activity is a 409 and cancelling without a reason a 400, once
  // past the permission check: the issuer's planners.
  r["DELETE /api/v1/activities/{id}"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"DELETE", "/api/v1/activities/" + t.Activity(w), {{"version", 1}}};
      },
      PlannersOwn};
  r["POST /api/v1/activities/{id}/cancel"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/activities/" + t.Activity(w) + "/cancel", {{"version", 1}}};
      },
      PlannersOwn};
  r["GET /api/v1/tasks"] = {
      [](const Targets& t, Where w, auto&) { return Get("/api/v1/tasks?unit=" + t.Unit(w)); },
      Readers};
  r["POST /api/v1/units/{id}/calendar-token"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/units/" + t.Unit(w) + "/calendar-token", nullptr};
      },
      OwnReaders};
  // The feed is public: its secret token is the credential (wrong token: 404, never 403).
  r["GET /api/v1/units/{id}/tasks.ics"] = {
      [](const Targets& t, Where w, auto&) {
        return Get("/api/v1/units/" + t.Unit(w) + "/tasks.ics?token=guess");
      },
      Everyone, true};
  r["GET /api/v1/report-templates"] = {
      [](auto&, Where, auto&) { return Get("/api/v1/report-templates"); }, Everyone};
  r["GET /api/v1/report-templates/{id}"] = {
      [](const Targets& t, Where, auto&) {
        return Get("/api/v1/report-templates/" + t.action_month_template);
      },
      Everyone};
  r["POST /api/v1/report-templates"] = {[](auto&, Where, auto&) {
                                          return Probe{
                                              "POST",
                                              "/api/v1/report-templates",
                                              {{"code", "authz_probe"},
                                               {"title", "Mẫu thử"},
                                               {"periods", {"year"}},
                                               {"sections", {{{"key", "a"}, {"title", "A"}}}}}};
                                        },
                                        AdminOnly};
  const std::string am = "template=action_month_results&period=2024AM&unit=";
  r["GET /api/v1/reports"] = {
      [](const Targets& t, Where w, auto&) { return Get("/api/v1/reports?unit=" + t.Unit(w)); },
      Readers};
  r["POST /api/v1/reports"] = {[](const Targets& t, Where w, auto&) {
                                 return Probe{"POST",
                                              "/api/v1/reports",
                                              {{"template_id", t.action_month_template},
                                               {"unit_id", t.Unit(w)},
                                               {"period", "2024AM"}}};
                               },
                               ReportEnterers};
  r["GET /api/v1/reports/{id}"] = {
      [](const Targets& t, Where w, auto&) { return Get("/api/v1/reports/" + t.Report(w)); },
      Readers};
  r["PATCH /api/v1/reports/{id}"] = {[](const Targets& t, Where w, auto&) {
                                       return Probe{
                                           "PATCH",
                                           "/api/v1/reports/" + t.Report(w),
                                           {{"version", 1}, {"sections", {{"results", "Đã sửa"}}}}};
                                     },
                                     ReportEnterers};
  r["POST /api/v1/reports/{id}/submit"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/reports/" + t.Report(w) + "/submit", {{"version", 1}}};
      },
      ReportEnterers};
  // Withdrawing a draft is a 409 once past the permission check.
  r["POST /api/v1/reports/{id}/withdraw"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/reports/" + t.Report(w) + "/withdraw", {{"version", 1}}};
      },
      ReportEnterers};
  r["POST /api/v1/reports/{id}/return"] = {[](const Targets& t, Where w, auto&) {
                                             return Probe{
                                                 "POST",
                                                 "/api/v1/reports/" + t.Report(w) + "/return",
                                                 {{"version", 1}, {"comment", "Bổ sung số liệu"}}};
                                           },
                                           ReportReviewers};
  r["POST /api/v1/reports/{id}/accept"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/reports/" + t.Report(w) + "/accept", {{"version", 1}}};
      },
      ReportReviewers};
  r["GET /api/v1/reports/consolidated"] = {
      [am](const Targets& t, Where w, auto&) {
        return Get("/api/v1/reports/consolidated?" + am + t.Unit(w));
      },
      Readers};
  r["GET /api/v1/reports/completeness"] = {
      [am](const Targets& t, Where w, auto&) {
        return Get("/api/v1/reports/completeness?" + am + t.Unit(w));
      },
      Readers};
  r["POST /api/v1/reports/completeness/remind"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{
            "POST",
            "/api/v1/reports/completeness/remind",
            {{"template", "action_month_results"}, {"period", "2024AM"}, {"unit_id", t.Unit(w)}}};
      },
      ReportReviewers};
  r["GET /api/v1/reports/data-values"] = {
      [am](const Targets& t, Where w, auto&) {
        return Get("/api/v1/reports/data-values?" + am + t.Unit(w));
      },
      Readers};
  r["GET /api/v1/reports/adx"] = {[am](const Targets& t, Where w, auto&) {
                                    return Get("/api/v1/reports/adx?" + am + t.Unit(w));
                                  },
                                  Readers};
  // Without a body: the unit the file is for is checked before the body is read.
  r["POST /api/v1/reports/adx"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/reports/adx?unit=" + t.Unit(w), nullptr};
      },
      ReportEnterers};
  r["GET /api/v1/reports/consolidated/xlsx"] = {
      [am](const Targets& t, Where w, auto&) {
        return Get("/api/v1/reports/consolidated/xlsx?" + am + t.Unit(w));
      },
      Readers};
  r["GET /api/v1/reports/{id}/xlsx"] = {[](const Targets& t, Where w, auto&) {
                                          return Get("/api/v1/reports/" + t.Report(w) + "/xlsx");
                                        },
                                        Readers};
  r["GET /api/v1/reports/consolidated/document.pdf"] = {
      [am](const Targets& t, Where w, auto&) {
        return Get("/api/v1/reports/consolidated/document.pdf?" + am + t.Unit(w));
      },
      Readers};
  r["GET /api/v1/reports/{id}/document.pdf"] = {
      [](const Targets& t, Where w, auto&) {
        return Get("/api/v1/reports/" + t.Report(w) + "/document.pdf");
      },
      Readers};
  r["GET /api/v1/reports/consolidated/document.docx"] = {
      [am](const Targets& t, Where w, auto&) {
        return Get("/api/v1/reports/consolidated/document.docx?" + am + t.Unit(w));
      },
      Readers};
  r["GET /api/v1/reports/{id}/document.docx"] = {
      [](const Targets& t, Where w, auto&) {
        return Get("/api/v1/reports/" + t.Report(w) + "/document.docx");
      },
      Readers};
  // An empty upload: a 400 (file) once past the permission check.
  r["POST /api/v1/reports/{id}/xlsx"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{"POST", "/api/v1/reports/" + t.Report(w) + "/xlsx", nullptr};
      },
      ReportEnterers};
  r["POST /api/v1/reports/consolidated/draft"] = {
      [](const Targets& t, Where w, auto&) {
        return Probe{
            "POST",
            "/api/v1/reports/consolidated/draft",
            {{"template", "action_month_results"}, {"period", "2024AM"}, {"unit_id", t.Unit(w)}}};
      },
      ReportEnterers};
  AddCaseRules(r);
  AddImportRules(r);
  AddAnalyticsRules(r);
  AddAttachmentRules(r);
  return r;
}

std::string Create(Client& admin, const std::string& path, const json& body) {
  auto res = admin.Post(path, body);
  EXPECT_EQ(res.status, 201) << path << " " << res.body;
  return res.json().value("id", "");
}

TEST(Authorization, EveryRouteHasARuleAndEveryRuleHolds) {
  TestServer server("sqlite");
  ASSERT_TRUE(server.ok());
  Client admin(server.port());
  ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword), 200);

  Targets t;
  auto first = [&](const std::string& q) {
    auto res = admin.Get("/api/v1/units?" + q);
    EXPECT_EQ(res.status, 200);
    return res.json()["items"][0].value("id", "");
  };
  t.own_unit = first("q=lai%20chau&kind=province");
  t.inside_unit = first("kind=commune&parent=" + t.own_unit);
  t.outside_unit = first("q=dien%20bien&kind=province");
  t.outside_unit = first("kind=commune&parent=" + t.outside_unit);
  for (Where w : {Where::kOwn, Where::kInside, Where::kOutside}) {
    const std::string agency = Create(admin, "/api/v1/units",
                                      {{"parent_id", t.Unit(w)},
                                       {"name", std::string("Cơ quan ") + WhereName(w)},
                                       {"agency_type", "womens_union"}});
    const std::string user = Create(admin, "/api/v1/users",
                                    {{"username", "target" + std::to_string(static_cast<int>(w))},
                                     {"full_name", "Đích"},
                                     {"password", "target-2025"},
                                     {"unit_id", t.Unit(w)},
                                     {"roles", {"viewer"}}});
    (w == Where::kOwn      ? t.own_agency
     : w == Where::kInside ? t.inside_agency
                           : t.outside_agency) = agency;
    (w == Where::kOwn ? t.own_user : w == Where::kInside ? t.inside_user : t.outside_user) = user;
    const std::string plan = Create(admin, "/api/v1/plans",
                                    {{"unit_id", t.Unit(w)},
                                     {"title", std::string("Kế hoạch ") + WhereName(w)},
                                     {"period_start", "2030-01-01"},
                                     {"period_end", "2030-12-31"}});
    const std::string activity =
        Create(admin, "/api/v1/plans/" + plan + "/activities",
               {{"title", "Tuyên truyền"}, {"lead_unit_id", agency}, {"assignee", "unit"}});
    EXPECT_EQ(admin.Post("/api/v1/plans/" + plan + "/issue", {{"version", 1}}).status, 200);
    (w == Where::kOwn ? t.own_plan : w == Where::kInside ? t.inside_plan : t.outside_plan) = plan;
    (w == Where::kOwn      ? t.own_activity
     : w == Where::kInside ? t.inside_activity
                           : t.outside_activity) = activity;
  }
  for (Where w : {Where::kOwn, Where::kInside, Where::kOutside}) {
    auto up = admin.Request("POST", "/api/v1/plans/" + t.Plan(w) + "/attachments?name=ban-ky.pdf",
                            "%PDF-1.4 signed", {{"Content-Type", "application/pdf"}});
    EXPECT_EQ(up.status, 201) << up.body;
    t.attachment[w] = up.json().value("id", "");
  }
  t.action_month_template =
      admin.Get("/api/v1/report-templates").json()["items"][0].value("id", "");
  for (Where w : {Where::kOwn, Where::kInside, Where::kOutside}) {
    (w == Where::kOwn      ? t.own_report
     : w == Where::kInside ? t.inside_report
                           : t.outside_report) = Create(admin, "/api/v1/reports",
                                                        {{"template_id", t.action_month_template},
                                                         {"unit_id", t.Unit(w)},
                                                         {"period", "2024AM"}});
  }
  t.indicator_id = Create(admin, "/api/v1/indicators",
                          {{"code", "authz_share"},
                           {"name", "Tỷ lệ"},
                           {"numerator", "#{action_month_results.activities.people.female}"},
                           {"denominator", "#{action_month_results.activities.people}"},
                           {"factor", 100}});
  for (Where w : {Where::kOwn, Where::kInside, Where::kOutside}) {
    t.target[w] = Create(admin, "/api/v1/targets",
                         {{"indicator", "authz_share"},
                          {"unit_id", t.Unit(w)},
                          {"year", 2030},
                          {"comparator", ">="},
                          {"value", 50}});
  }
  std::map<Role, std::unique_ptr<Client>> clients;
  for (Role role : domain::kAllRoles) {
    const std::string name = "role." + std::string(domain::RoleName(role));
    Create(admin, "/api/v1/users",
           {{"username", name},
            {"full_name", "Vai trò"},
            {"password", "role-pass-2025"},
            {"unit_id", t.own_unit},
            {"roles", {domain::RoleName(role)}}});
    clients[role] = std::make_unique<Client>(server.port());
    ASSERT_EQ(clients[role]->Login(name, "role-pass-2025"), 200) << name;
  }
  // The case roles asked for above wait for a second person: role.admin approves them.
  const json asked = clients[Role::kAdmin]->Get("/api/v1/role-grants").json();
  for (const auto& g : asked["items"]) {
    EXPECT_EQ(clients[Role::kAdmin]
                  ->Post("/api/v1/role-grants/" + g.value("id", "") + "/approve", json::object())
                  .status,
              200);
  }
  for (Role role : {Role::kCaseWorker, Role::kCaseSupervisor}) {
    EXPECT_EQ(clients[role]->Get("/api/v1/me").json()["user"]["roles"][0], domain::RoleName(role));
  }
  // A pending case-role grant for the viewer at each place, asked by the admin.
  for (Where w : {Where::kOwn, Where::kInside, Where::kOutside}) {
    auto res = admin.Patch("/api/v1/users/" + t.User(w),
                           {{"version", 1}, {"roles", {"viewer", "case_worker"}}});
    EXPECT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.json()["pending_roles"][0], "case_worker");
    const json pending = clients[Role::kAdmin]->Get("/api/v1/role-grants").json();
    for (const auto& g : pending["items"]) {
      if (g["user"].value("id", "") == t.User(w)) {
        (w == Where::kOwn      ? t.own_grant
         : w == Where::kInside ? t.inside_grant
                               : t.outside_grant) = g.value("id", "");
      }
    }
    EXPECT_FALSE(t.Grant(w).empty());
  }

  CreateCaseTargets(server, *clients[Role::kCaseWorker], t);

  const auto rules = Rules();
  int checked = 0;
  for (const auto& route : server.api().router().routes()) {
    const std::string key = route.method + " " + route.pattern;
    auto it = rules.find(key);
    if (it == rules.end()) {
      ADD_FAILURE() << "route " << key << " has no authorisation rule in tests/authz_test.cc";
      continue;
    }
    const Rule& rule = it->second;
    // Without a session.
    {
      Client anonymous(server.port());
      const Probe p = rule.probe(t, Where::kOwn, "anonymous");
      auto res = anonymous.Request(p.method, p.target, p.body.is_null() ? "" : p.body.dump());
      if (rule.is_public) {
        EXPECT_NE(res.status, 403) << key << " anonymous";
      } else {
        EXPECT_EQ(res.status, 401)
            << key << " must refuse a request without a session: " << res.body;
      }
      ++checked;
    }
    for (Role role : domain::kAllRoles) {
      for (Where w : {Where::kOwn, Where::kInside, Where::kOutside}) {
        const Probe p = rule.probe(t, w, std::string(domain::RoleName(role)));
        Client fresh(server.port());
        if (rule.own_session) {
          ASSERT_EQ(fresh.Login("role." + std::string(domain::RoleName(role)), "role-pass-2025"),
                    200);
        }
        Client& client = rule.own_session ? fresh : *clients[role];
        auto res = client.Request(p.method, p.target, p.body.is_null() ? "" : p.body.dump());
        const bool expect_allowed = rule.allowed(role, w);
        const std::string context =
            key + " as " + std::string(domain::RoleName(role)) + " on " + WhereName(w);
        EXPECT_LT(res.status, 500) << context << ": " << res.body;
        if (expect_allowed) {
          EXPECT_TRUE(res.status != 401 && res.status != 403)
              << context << " should be allowed: " << res.status << " " << res.body;
        } else {
          EXPECT_EQ(res.status, 403) << context << " should be refused: " << res.body;
        }
        ++checked;
      }
    }
  }
  // Rules for routes that no longer exist are stale.
  for (const auto& [key, rule] : rules) {
    bool found = false;
    for (const auto& route : server.api().router().routes())
      found = found || key == route.method + " " + route.pattern;
    EXPECT_TRUE(found) << "rule " << key << " names no route";
  }
  EXPECT_GT(checked, 100);
}

// ---- Plans: drafts and the cascade (issue 10 defect 5, issue 14 item 1) -------------------
// Every role at a commune below a province, and at the province itself, against the province's
// draft and the cascade of its issued plan, in which a sibling commune has issued its plan.
TEST(Authorization, DraftPlansAndCascadesShowOnlyWhatTheCallerMayRead) {
  for (const std::string& backend : Backends()) {
    SCOPED_TRACE(backend);
    TestServer server(backend);
    if (!server.ok()) continue;
    Client admin(server.port());
    ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword), 200);
    auto first = [&](const std::string& q, int index = 0) {
      auto res = admin.Get("/api/v1/units?" + q);
      EXPECT_EQ(res.status, 200);
      return res.json()["items"][index].value("id", "");
    };
    const std::string province = first("q=lai%20chau&kind=province");
    const std::string commune = first("kind=commune&parent=" + province);
    const std::string sibling = first("kind=commune&parent=" + province, 1);
    ASSERT_NE(commune, sibling);
    const json period = {{"period_start", "2030-01-01"}, {"period_end", "2030-12-31"}};
    json body = period;
    body["unit_id"] = province;
    body["title"] = "Dự thảo của tỉnh";
    const std::string draft = Create(admin, "/api/v1/plans", body);
    body["title"] = "Kế hoạch đã ban hành của tỉnh";
    const std::string issued = Create(admin, "/api/v1/plans", body);
    Create(admin, "/api/v1/plans/" + issued + "/activities",
           {{"title", "Kế hoạch của xã"}, {"assignee", "child_units"}});
    ASSERT_EQ(admin.Post("/api/v1/plans/" + issued + "/issue", {{"version", 1}}).status, 200);
    const std::string own_plan =
        Create(admin, "/api/v1/plans/" + issued + "/derive", {{"unit_id", commune}});
    const std::string sibling_plan =
        Create(admin, "/api/v1/plans/" + issued + "/derive", {{"unit_id", sibling}});
    ASSERT_EQ(admin
                  .Patch("/api/v1/plans/" + sibling_plan,
                         {{"version", 1}, {"title", "Kế hoạch bí mật của xã bên"}})
                  .status,
              200);
    ASSERT_EQ(admin.Post("/api/v1/plans/" + sibling_plan + "/issue", {{"version", 2}}).status, 200);

    for (const bool at_commune : {true, false}) {
      for (Role role : domain::kAllRoles) {
        const std::string name =
            std::string(at_commune ? "c." : "p.") + std::string(domain::RoleName(role));
        Create(admin, "/api/v1/users",
               {{"username", name},
                {"full_name", "Vai trò"},
                {"password", "role-pass-2025"},
                {"unit_id", at_commune ? commune : province},
                {"roles", {domain::RoleName(role)}}});
        Client c(server.port());
        ASSERT_EQ(c.Login(name, "role-pass-2025"), 200) << name;
        const bool views = role != Role::kCaseWorker && role != Role::kCaseSupervisor;
        // The province's draft: its planners and those viewing it from above (here: the province
        // itself).
        const bool reads_draft = role == Role::kAdmin || (!at_commune && views);
        for (const char* suffix : {"", "/activities", "/cascade", "/revisions"}) {
          auto res = c.Get("/api/v1/plans/" + draft + suffix);
          EXPECT_EQ(res.status, reads_draft ? 200 : 403)
              << name << " GET draft" << suffix << ": " << res.body;
        }
        auto list = c.Get("/api/v1/plans?unit=" + province);
        ASSERT_EQ(list.status, 200);
        EXPECT_EQ(list.body.find("\"" + draft + "\"") != std::string::npos, reads_draft)
            << name << " list " << list.body;
        // The issued plan goes down to every user below it (case workers included).
        const bool reads_issued = role == Role::kAdmin || at_commune || views;
        auto cascade = c.Get("/api/v1/plans/" + issued + "/cascade");
        ASSERT_EQ(cascade.status, reads_issued ? 200 : 403) << name << ": " << cascade.body;
        if (!reads_issued) continue;
        // The sibling's plan: visible to whoever reads it directly, nowhere else.
        const bool reads_sibling = c.Get("/api/v1/plans/" + sibling_plan).status == 200;
        EXPECT_EQ(reads_sibling, role == Role::kAdmin || (!at_commune && views)) << name;
        for (const std::string& leak :
             {"\"" + sibling_plan + "\"", std::string("Kế hoạch bí mật của xã bên")}) {
          EXPECT_EQ(cascade.body.find(leak) != std::string::npos, reads_sibling)
              << name << " cascade shows " << leak;
        }
        const bool reads_own = c.Get("/api/v1/plans/" + own_plan).status == 200;
        EXPECT_EQ(cascade.body.find("\"" + own_plan + "\"") != std::string::npos, reads_own)
            << name;
        const json summary = cascade.json()["summary"];
        EXPECT_EQ(summary.value("derived", 0), 2) << name << " counts stay";
        EXPECT_EQ(summary.value("issued", 0), 1) << name;
      }
    }
  }
}

}  // namespace
}  // namespace binhdang::testing
