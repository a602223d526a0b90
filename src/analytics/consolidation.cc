#include "analytics/consolidation.h"

#include <algorithm>

namespace binhdang::analytics {

void Add(Consolidation& c, const domain::DataValue& v) {
  c.cells[{v.table, v.item, v.level, v.column, v.sex}] += v.value;
  c.totals[{v.table, v.column, v.sex}] += v.value;
}

std::vector<domain::ReportRow> RowsOf(const domain::ReportTemplate& t, const Consolidation& c,
                                      const std::string& other_detail) {
  std::vector<domain::ReportRow> rows;
  for (const auto& table : t.tables) {
    for (const auto& item : table.items) {
      for (const char* level : domain::kLevels) {
        domain::ReportRow row{
            table.key, item.key, item.key == domain::kOtherItem ? other_detail : "", level, {}};
        bool any = false;
        for (const auto& col : table.columns) {
          domain::CellValue cell;
          cell.split = col.by_sex;
          auto get = [&](const char* sex) {
            auto it = c.cells.find({table.key, item.key, level, col.key, sex});
            if (it == c.cells.end()) return 0LL;
            any = true;
            return it->second;
          };
          if (col.by_sex) {
            cell.male = get("male");
            cell.female = get("female");
          } else {
            cell.total = get("");
          }
          row.values[col.key] = cell;
        }
        if (any) rows.push_back(std::move(row));
      }
    }
  }
  return rows;
}

std::map<std::string, domain::CellValue> TotalsOf(const domain::TemplateTable& table,
                                                  const Consolidation& c) {
  std::map<std::string, domain::CellValue> out;
  for (const auto& col : table.columns) {
    auto get = [&](const char* sex) -> long long {
      auto it = c.totals.find({table.key, col.key, sex});
      return it == c.totals.end() ? 0 : it->second;
    };
    out[col.key] = col.by_sex ? domain::CellValue{0, get("male"), get("female"), true}
                              : domain::CellValue{get(""), 0, 0, false};
  }
  return out;
}

Consolidation Consolidate(const domain::UnitTree& tree, Id unit_id, const ValuesByUnit& values) {
  Consolidation c;
  c.unit_id = unit_id;
  // Depth-first in tree order, stopping below each unit that reported.
  std::vector<Id> stack(tree.Children(unit_id).rbegin(), tree.Children(unit_id).rend());
  while (!stack.empty()) {
    const Id u = stack.back();
    stack.pop_back();
    auto it = values.find(u);
    if (it != values.end()) {
      c.included.push_back(u);
      for (const auto& v : it->second) Add(c, v);
      continue;
    }
    const auto& children = tree.Children(u);
    stack.insert(stack.end(), children.rbegin(), children.rend());
  }
  return c;
}

}  // namespace binhdang::analytics
