#include "documents/report_datavalues.h"

#include <nlohmann/json.hpp>

namespace binhdang::documents {

namespace {

std::string Csv(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::optional<std::string> Dhis2Period(const domain::Period& p) {
  switch (p.kind) {
    case domain::PeriodKind::kYear:
    case domain::PeriodKind::kSixMonth:
    case domain::PeriodKind::kQuarter:
    case domain::PeriodKind::kMonth:
      return p.id();  // binhdang's codes are DHIS2's for these four
    case domain::PeriodKind::kActionMonth:
      return std::nullopt;
  }
  return std::nullopt;
}

std::string WriteDataValueSetsCsv(const std::vector<DhisDataValue>& values) {
  std::string out =
      "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,"
      "lastupdated,comment,followup\n";
  for (const auto& v : values) {
    out += Csv(v.data_element) + "," + Csv(v.period) + "," + Csv(v.org_unit) + "," +
           Csv(v.category_option_combo) + ",," + Csv(v.value) + "," + Csv(v.stored_by) + "," +
           Csv(v.last_updated) + "," + Csv(v.comment) + ",false\n";
  }
  return out;
}

std::string WriteDataValueSetsJson(const std::vector<DhisDataValue>& values,
                                   const std::string& data_set) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& v : values) {
    nlohmann::json j = {{"dataElement", v.data_element},
                        {"period", v.period},
                        {"orgUnit", v.org_unit},
                        {"categoryOptionCombo", v.category_option_combo},
                        {"value", v.value},
                        {"storedBy", v.stored_by},
                        {"lastUpdated", v.last_updated}};
    if (!v.comment.empty()) j["comment"] = v.comment;
    list.push_back(std::move(j));
  }
  return nlohmann::json{{"dataSet", data_set}, {"dataValues", list}}.dump(2);
}

}  // namespace binhdang::documents
