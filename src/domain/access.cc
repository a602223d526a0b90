#include "domain/access.h"

namespace binhdang::domain {

bool InSubtreeAcrossTime(Id unit, Id root, const UnitTree& tree) {
  if (tree.IsWithin(unit, root)) return true;
  // A unit and its ancestors' predecessors: Tỉnh Lai Châu (2025) covers Huyện Tam Đường (old).
  for (const auto& link : tree.Predecessors(root)) {
    if (tree.IsWithin(unit, link.predecessor_id)) return true;
  }
  return false;
}

bool Can(const User& user, Right right, Id target_unit, const UnitTree& tree) {
  switch (ScopeOf(user, right)) {
    case Scope::kNone:
      return false;
    case Scope::kEverywhere:
      return true;
    case Scope::kOwnUnit:
      return target_unit == user.unit_id;
    case Scope::kSubtree:
      return InSubtreeAcrossTime(target_unit, user.unit_id, tree);
  }
  return false;
}

}  // namespace binhdang::domain
