// Report templates (đề cương / biểu mẫu báo cáo): narrative sections and tables. A table's rows
// are line items from the template's catalog (so that units' rows add up), each with an
// optional free-text detail and the level at which it was carried out (cấp triển khai); its
// columns are data elements, split by sex (nam / nữ) where the outline splits them. Templates
// are versioned; a report keeps the template id (one version) it was made with. The built-in
// templates are data, in resources/templates/ (read by service/resources.h).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/ids.h"
#include "common/result.h"
#include "domain/period.h"

namespace binhdang::domain {

struct TemplateSection {
  std::string key;
  std::string title;
};
struct TemplateItem {
  std::string key;
  std::string name;
};
struct TemplateColumn {
  std::string key;
  std::string name;
  bool by_sex = false;
};
struct TemplateTable {
  std::string key;
  std::string title;
  std::string item_label;  // header of the item column ("Hoạt động", "Nội dung", "Sản phẩm")
  std::vector<TemplateItem> items;
  std::vector<TemplateColumn> columns;

  const TemplateItem* Item(const std::string& key) const;
  const TemplateColumn* Column(const std::string& key) const;
};

struct ReportTemplate {
  Id id = 0;
  std::string code;
  long long version = 1;
  std::string title;
  //! The period kinds the template is reported for; the first is the default.
  std::vector<PeriodKind> periods;
  std::vector<TemplateSection> sections;
  std::vector<TemplateTable> tables;

  const TemplateTable* Table(const std::string& key) const;
  bool AcceptsPeriod(PeriodKind kind) const;
};

//! The period a report of `t` is for, from its code ("2024AM"): an error naming the field
//! "period" when the code is no period or the template is not reported for its kind.
Result<Period> CheckReportPeriod(const ReportTemplate& t, const std::string& period);

//! Implementation levels (cấp triển khai).
inline constexpr const char* kLevels[] = {"tinh", "huyen", "xa"};
bool IsLevel(const std::string& level);
std::string LevelLabel(const std::string& level);  // "Tỉnh", "Huyện", "Xã"
//! The catalog key every table accepts for rows outside the list; such rows need a detail.
inline constexpr const char* kOtherItem = "other";

//! The template as the API documents it (without id when 0).
nlohmann::json TemplateToJson(const ReportTemplate& t);
//! Reads and validates a template definition (code, title, periods, sections, tables): keys
//! are non-empty, unique and [a-z0-9_]; every table has items and columns. Field errors name
//! the JSON path. id and version are not read.
Result<ReportTemplate> TemplateFromJson(const nlohmann::json& j);

}  // namespace binhdang::domain
