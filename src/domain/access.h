// Access decisions: may a user exercise a right on an object attached to a unit?
#pragma once

#include "domain/unit_tree.h"
#include "domain/user.h"

namespace binhdang::domain {

//! True iff `user` holds `right` in a scope that covers `target_unit`. The subtree of a unit
//! includes the subtrees of the units it replaced (its predecessors in the 2025 reform), so
//! data entered for a unit that no longer exists stays visible through its successors.
bool Can(const User& user, Right right, Id target_unit, const UnitTree& tree);

//! True iff `unit` lies in the subtree of `root` or of one of `root`'s predecessors.
bool InSubtreeAcrossTime(Id unit, Id root, const UnitTree& tree);

}  // namespace binhdang::domain
