// Request bodies: the JSON parser with its limits, typed field access on whatever parsed, and
// the domain readers that take JSON (report template definitions, plan content).
#include "domain/plan.h"
#include "domain/plan_json.h"
#include "domain/report_template.h"
#include "fuzz/harness.h"
#include "http/json_input.h"

using namespace binhdang;

BINHDANG_FUZZ_TARGET(json_body) {
  http::Request req;
  req.method = "POST";
  req.headers["content-type"] = "application/json";
  req.body.assign(reinterpret_cast<const char*>(data), size);
  auto parsed = http::ParseJsonObject(req);
  if (!parsed.ok()) return 0;
  const nlohmann::json& j = *parsed;
  http::Fields f(j);
  f.AllowOnly({"title", "version", "unit_id", "roles", "active", "period_start", "due_date"});
  (void)f.String("title");
  (void)f.Integer("version", false, 1);
  (void)f.IdField("unit_id");
  (void)f.Strings("roles");
  (void)f.Bool("active");
  (void)f.DateField("period_start");
  (void)f.NullableDate("due_date");
  (void)f.Ids("support_unit_ids");
  (void)domain::TemplateFromJson(j);
  domain::PlanContent content;
  Validator v;
  domain::ContentFromJson(j, content, v);
  return 0;
}
