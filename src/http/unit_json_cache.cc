#include "http/unit_json_cache.h"

#include <nlohmann/json.hpp>

#include "http/json_output.h"

namespace binhdang::http {

std::shared_ptr<const UnitJsonCache::Map> UnitJsonCache::For(
    const std::shared_ptr<const domain::UnitTree>& tree) {
  MutexLock lock(mu_);
  if (tree_ != tree) {
    auto map = std::make_shared<Map>();
    map->reserve(tree->size());
    for (Id root : tree->roots()) {
      // Walk the tree; every unit is reachable from a root.
      std::vector<Id> stack{root};
      while (!stack.empty()) {
        const Id id = stack.back();
        stack.pop_back();
        std::string text = UnitJsonWithoutCount(*tree->Find(id)).dump();
        text.pop_back();  // the closing brace: List() appends child_count
        (*map)[id] = std::move(text);
        for (Id child : tree->Children(id)) stack.push_back(child);
      }
    }
    tree_ = tree;
    json_ = std::move(map);
  }
  return json_;
}

std::string UnitJsonCache::List(const std::shared_ptr<const domain::UnitTree>& tree,
                                const std::vector<domain::Unit>& units,
                                const std::string& next_cursor, std::optional<Date> at) {
  auto json = For(tree);
  const Date day = at.value_or(Date::TodayInVietnam());
  std::string out;
  out.reserve(32 + units.size() * 260);
  out += "{\"items\":[";
  for (size_t i = 0; i < units.size(); ++i) {
    if (i) out += ',';
    auto it = json->find(units[i].id);
    if (it == json->end()) {
      out += UnitJson(units[i], *tree, day).dump();
      continue;
    }
    out += it->second;
    out += ",\"child_count\":";
    out += std::to_string(tree->ChildCountAt(units[i].id, day));
    out += '}';
  }
  out += "],\"next_cursor\":";
  out += next_cursor.empty() ? "null" : nlohmann::json(next_cursor).dump();
  out += '}';
  return out;
}

}  // namespace binhdang::http
