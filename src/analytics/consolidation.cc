#include "analytics/consolidation.h"

#include <algorithm>

namespace binhdang::analytics {

void Add(Consolidation& c, const domain::DataValue& v) {
  c.cells[{v.table, v.item, v.level, v.column, v.sex}] += v.value;
  c.totals[{v.table, v.column, v.sex}] += v.value;
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
