#include "domain/report_template.h"

#include <algorithm>
#include <set>

namespace binhdang::domain {

using nlohmann::json;

const TemplateItem* TemplateTable::Item(const std::string& k) const {
  for (const auto& i : items)
    if (i.key == k) return &i;
  return nullptr;
}
const TemplateColumn* TemplateTable::Column(const std::string& k) const {
  for (const auto& c : columns)
    if (c.key == k) return &c;
  return nullptr;
}
const TemplateTable* ReportTemplate::Table(const std::string& k) const {
  for (const auto& t : tables)
    if (t.key == k) return &t;
  return nullptr;
}
bool ReportTemplate::AcceptsPeriod(PeriodKind kind) const {
  return std::find(periods.begin(), periods.end(), kind) != periods.end();
}

bool IsLevel(const std::string& level) {
  return std::any_of(std::begin(kLevels), std::end(kLevels),
                     [&](const char* l) { return level == l; });
}
std::string LevelLabel(const std::string& level) {
  if (level == "tinh") return "Tỉnh";
  if (level == "huyen") return "Huyện";
  if (level == "xa") return "Xã";
  return level;
}

json TemplateToJson(const ReportTemplate& t) {
  json j = {{"code", t.code}, {"version", t.version}, {"title", t.title}};
  if (t.id) j["id"] = IdToString(t.id);
  json periods = json::array();
  for (auto k : t.periods) periods.push_back(PeriodKindName(k));
  j["periods"] = periods;
  j["sections"] = json::array();
  for (const auto& s : t.sections) j["sections"].push_back({{"key", s.key}, {"title", s.title}});
  j["tables"] = json::array();
  for (const auto& tab : t.tables) {
    json items = json::array(), columns = json::array();
    for (const auto& i : tab.items) items.push_back({{"key", i.key}, {"name", i.name}});
    for (const auto& c : tab.columns)
      columns.push_back({{"key", c.key}, {"name", c.name}, {"by_sex", c.by_sex}});
    j["tables"].push_back({{"key", tab.key},
                           {"title", tab.title},
                           {"item_label", tab.item_label},
                           {"items", items},
                           {"columns", columns}});
  }
  return j;
}

namespace {
bool IsKey(const std::string& k) {
  return !k.empty() && k.size() <= 40 && std::all_of(k.begin(), k.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}
std::string Str(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>()
                                                                : std::string();
}
std::optional<PeriodKind> ParseKind(const std::string& s) {
  for (auto k : {PeriodKind::kYear, PeriodKind::kSixMonth, PeriodKind::kQuarter, PeriodKind::kMonth,
                 PeriodKind::kActionMonth}) {
    if (PeriodKindName(k) == s) return k;
  }
  return std::nullopt;
}
// Checks `key` at `path` and that it was not seen before in `seen`.
void CheckKey(Validator& v, const std::string& path, const std::string& key,
              std::set<std::string>& seen) {
  if (!IsKey(key)) {
    v.Fail(path, "mã phải gồm chữ thường không dấu, số hoặc _ (tối đa 40 ký tự)",
           "key must be lower-case letters, digits or _ (at most 40)");
  } else if (!seen.insert(key).second) {
    v.Fail(path, "mã bị trùng", "duplicate key");
  }
}
}  // namespace

Result<ReportTemplate> TemplateFromJson(const json& j) {
  Validator v;
  ReportTemplate t;
  if (!j.is_object())
    return Error::Invalid("template", "mẫu báo cáo phải là một đối tượng JSON",
                          "template must be an object");
  t.code = Str(j, "code");
  t.title = Str(j, "title");
  std::set<std::string> codes;
  CheckKey(v, "code", t.code, codes);
  if (t.title.empty() || t.title.size() > 500)
    v.Fail("title", "cần tên mẫu báo cáo (tối đa 500 ký tự)",
           "title is required (at most 500 characters)");
  if (j.contains("periods") && j["periods"].is_array()) {
    for (const auto& p : j["periods"]) {
      auto k = p.is_string() ? ParseKind(p.get<std::string>()) : std::nullopt;
      if (!k)
        v.Fail("periods", "kỳ báo cáo phải là year, six_month, quarter, month hoặc action_month",
               "periods must be year, six_month, quarter, month or action_month");
      else
        t.periods.push_back(*k);
    }
  }
  if (t.periods.empty())
    v.Fail("periods", "cần ít nhất một loại kỳ báo cáo", "at least one period kind is required");
  std::set<std::string> section_keys;
  if (j.contains("sections") && j["sections"].is_array()) {
    for (size_t i = 0; i < j["sections"].size(); ++i) {
      const auto& s = j["sections"][i];
      const std::string path = "sections/" + std::to_string(i);
      TemplateSection sec{Str(s, "key"), Str(s, "title")};
      CheckKey(v, path + "/key", sec.key, section_keys);
      if (sec.title.empty()) v.Fail(path + "/title", "cần tiêu đề mục", "title is required");
      t.sections.push_back(sec);
    }
  } else if (j.contains("sections")) {
    v.Fail("sections", "sections phải là một mảng", "sections must be an array");
  }
  std::set<std::string> table_keys;
  if (j.contains("tables") && j["tables"].is_array()) {
    for (size_t i = 0; i < j["tables"].size(); ++i) {
      const auto& tj = j["tables"][i];
      const std::string path = "tables/" + std::to_string(i);
      TemplateTable tab{Str(tj, "key"), Str(tj, "title"), Str(tj, "item_label"), {}, {}};
      if (tab.item_label.empty()) tab.item_label = "Nội dung";
      CheckKey(v, path + "/key", tab.key, table_keys);
      if (tab.title.empty()) v.Fail(path + "/title", "cần tiêu đề bảng", "title is required");
      std::set<std::string> item_keys, column_keys;
      if (tj.is_object() && tj.contains("items") && tj["items"].is_array()) {
        for (size_t k = 0; k < tj["items"].size(); ++k) {
          TemplateItem item{Str(tj["items"][k], "key"), Str(tj["items"][k], "name")};
          CheckKey(v, path + "/items/" + std::to_string(k) + "/key", item.key, item_keys);
          if (item.name.empty())
            v.Fail(path + "/items/" + std::to_string(k) + "/name", "cần tên dòng",
                   "name is required");
          tab.items.push_back(item);
        }
      }
      if (tab.items.empty())
        v.Fail(path + "/items", "bảng cần ít nhất một dòng", "a table needs at least one item");
      if (tj.is_object() && tj.contains("columns") && tj["columns"].is_array()) {
        for (size_t k = 0; k < tj["columns"].size(); ++k) {
          const auto& cj = tj["columns"][k];
          const std::string column_path = path + "/columns/" + std::to_string(k);
          TemplateColumn col{Str(cj, "key"), Str(cj, "name"), false};
          if (cj.is_object() && cj.contains("by_sex") && !cj["by_sex"].is_null()) {
            if (cj["by_sex"].is_boolean()) {
              col.by_sex = cj["by_sex"].get<bool>();
            } else {
              v.Fail(column_path + "/by_sex", "by_sex phải là true hoặc false",
                     "by_sex must be true or false");
            }
          }
          CheckKey(v, column_path + "/key", col.key, column_keys);
          if (col.name.empty()) v.Fail(column_path + "/name", "cần tên cột", "name is required");
          tab.columns.push_back(col);
        }
      }
      if (tab.columns.empty())
        v.Fail(path + "/columns", "bảng cần ít nhất một cột", "a table needs at least one column");
      t.tables.push_back(tab);
    }
  } else if (j.contains("tables")) {
    v.Fail("tables", "tables phải là một mảng", "tables must be an array");
  }
  if (t.sections.empty() && t.tables.empty())
    v.Fail("sections", "mẫu cần ít nhất một mục hoặc một bảng",
           "a template needs a section or a table");
  if (!v.ok()) return v.ToError();
  return t;
}

Result<Period> CheckReportPeriod(const ReportTemplate& t, const std::string& period) {
  auto p = ParsePeriod(period);
  if (!p) {
    return Error::Invalid("period",
                          "kỳ báo cáo phải có dạng 2024, 2024S1, 2024Q4, 202411 hoặc 2024AM",
                          "period must look like 2024, 2024S1, 2024Q4, 202411 or 2024AM");
  }
  if (!t.AcceptsPeriod(p->kind)) {
    return Error::Invalid("period", "mẫu \"" + t.title + "\" không báo cáo cho kỳ " + p->Label(),
                          "the template \"" + t.title + "\" is not reported for " + p->id() + " (" +
                              std::string(PeriodKindName(p->kind)) + ")");
  }
  return *p;
}

}  // namespace binhdang::domain
