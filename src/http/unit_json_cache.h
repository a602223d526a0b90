// The serialised JSON of every unit of the current UnitTree, built once per tree. Unit lists
// are the hottest responses (pickers, the tree browser); assembling them from ready strings
// avoids building and freeing a JSON object per unit per request. Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/mutex.h"
#include "domain/unit_tree.h"

namespace binhdang::http {

class UnitJsonCache {
 public:
  using Map = std::unordered_map<Id, std::string>;

  //! The JSON text of each unit of `tree` without child_count and without its closing brace.
  std::shared_ptr<const Map> For(const std::shared_ptr<const domain::UnitTree>& tree);

  //! {"items": [...], "next_cursor": ...} for `units` of `tree`, with child counts on `at`
  //! (default: today), exactly as UnitJson writes each unit.
  std::string List(const std::shared_ptr<const domain::UnitTree>& tree,
                   const std::vector<domain::Unit>& units, const std::string& next_cursor,
                   std::optional<Date> at);

 private:
  Mutex mu_;
  std::shared_ptr<const domain::UnitTree> tree_ GUARDED_BY(mu_);
  std::shared_ptr<const Map> json_ GUARDED_BY(mu_);
};

}  // namespace binhdang::http
