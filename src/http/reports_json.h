// Reports, consolidations and completeness as the JSON the API documents (docs/api.md), and
// report content read from request bodies.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/unit_tree.h"
#include "http/json_input.h"
#include "http/message.h"
#include "service/reports.h"

namespace binhdang::http {

nlohmann::json ReportJson(const domain::Report& r, const domain::UnitTree& tree,
                          bool with_content = true);
nlohmann::json ConsolidatedJson(const service::ConsolidatedReport& c, const domain::UnitTree& tree);
//! How fresh an answer of the analytics engine is: {"sequence", "changed_at", "checked_at"}.
nlohmann::json AsOfJson(const analytics::AsOf& a);
nlohmann::json CompletenessJson(const service::Completeness& c, const domain::UnitTree& tree);

//! ?template=&period=&unit= (or &plan=) of the consolidation, completeness, export and document
//! routes; the unit defaults to the caller's.
struct SumQuery {
  std::string template_code, period;
  Id unit = 0;
  std::optional<Date> due;  // from the plan, when plan= is given
};
Result<SumQuery> SumQueryOf(Request& req, service::ReportsService& reports);
//! The same three named in a JSON body, all required: {"template", "period", "unit_id"} (the
//! draft from a consolidation, the completeness reminder).
Result<SumQuery> SumBodyOf(Request& req);

//! Reads "sections": {key: text} into `out`; problems go to `f`'s validator.
void ReadSections(Fields& f, const nlohmann::json& body, std::map<std::string, std::string>& out);
//! Reads "rows": [{"table", "item", "detail", "level", "values": {column: n | {"male",
//! "female"}}}].
void ReadRows(Fields& f, const nlohmann::json& body, std::vector<domain::ReportRow>& out);

}  // namespace binhdang::http
