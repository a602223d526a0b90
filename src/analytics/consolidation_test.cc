#include "analytics/consolidation.h"

#include <gtest/gtest.h>

#include <random>

namespace binhdang::analytics {
namespace {

domain::Unit U(Id id, Id parent) {
  domain::Unit u;
  u.id = id;
  u.parent_id = parent;
  u.code = std::to_string(id);
  u.name = u.full_name = "Đơn vị " + u.code;
  u.kind = parent == 0 ? domain::UnitKind::kCountry : domain::UnitKind::kCommune;
  return u;
}

domain::DataValue V(Id unit, std::string item, std::string level, std::string sex, long long n) {
  return {unit, "activities", std::move(item), std::move(level), "people", std::move(sex), n};
}

TEST(Consolidation, ChildReportStandsForItsSubtree) {
  // 1 → {2 → {4, 5}, 3}
  domain::UnitTree tree({U(1, 0), U(2, 1), U(3, 1), U(4, 2), U(5, 2)}, {});
  ValuesByUnit values;
  values[4] = {V(4, "training", "xa", "female", 10)};
  values[5] = {V(5, "training", "xa", "female", 5), V(5, "contest", "xa", "male", 2)};
  values[3] = {V(3, "training", "huyen", "female", 7)};
  auto c = Consolidate(tree, 1, values);
  EXPECT_EQ(c.included, (std::vector<Id>{4, 5, 3}));
  EXPECT_EQ((c.cells[{"activities", "training", "xa", "people", "female"}]), 15);
  EXPECT_EQ((c.totals[{"activities", "people", "female"}]), 22);
  EXPECT_EQ((c.totals[{"activities", "people", "male"}]), 2);
  // Once unit 2 reports (its consolidation), its communes are not counted again.
  values[2] = {V(2, "training", "xa", "female", 15), V(2, "contest", "xa", "male", 2)};
  auto again = Consolidate(tree, 1, values);
  EXPECT_EQ(again.included, (std::vector<Id>{2, 3}));
  EXPECT_EQ(again.totals, c.totals);
}

// Property: on random trees with random reports, the consolidation of a unit equals the sum of
// its parts — the reports of the units in its subtree that have no reporting unit between
// them and it — and equals the sum, over its children, of each child's report or, when the
// child has none, of the child's own consolidation.
TEST(Consolidation, PropertyEqualsSumOfParts) {
  std::mt19937 rng(20241210);
  const char* items[] = {"launch_ceremony", "training", "contest", "other"};
  const char* levels[] = {"tinh", "huyen", "xa"};
  const char* sexes[] = {"male", "female"};
  for (int round = 0; round < 200; ++round) {
    const int n = 2 + static_cast<int>(rng() % 60);
    std::vector<domain::Unit> units{U(1, 0)};
    for (Id id = 2; id <= n; ++id) units.push_back(U(id, 1 + static_cast<Id>(rng() % (id - 1))));
    domain::UnitTree tree(units, {});
    ValuesByUnit values;
    for (Id id = 2; id <= n; ++id) {
      if (rng() % 3 == 0) continue;
      auto& list = values[id];
      const int rows = static_cast<int>(rng() % 5);
      for (int r = 0; r < rows; ++r) {
        list.push_back(V(id, items[rng() % 4], levels[rng() % 3], sexes[rng() % 2],
                         static_cast<long long>(rng() % 1000)));
      }
    }
    for (Id root = 1; root <= n; ++root) {
      const Consolidation c = Consolidate(tree, root, values);
      // Brute force over the frontier.
      Consolidation expected;
      expected.unit_id = root;
      for (const auto& [unit, list] : values) {
        if (unit == root || !tree.IsWithin(unit, root)) continue;
        bool covered = false;
        for (const auto* a : tree.Ancestors(unit)) {
          if (a->id != root && tree.IsWithin(a->id, root) && values.count(a->id)) covered = true;
        }
        if (covered) continue;
        for (const auto& v : list) Add(expected, v);
      }
      ASSERT_EQ(c.cells, expected.cells) << "round " << round << " root " << root;
      ASSERT_EQ(c.totals, expected.totals);
      // Recursive decomposition over children.
      Consolidation by_children;
      for (Id child : tree.Children(root)) {
        auto it = values.find(child);
        if (it != values.end()) {
          for (const auto& v : it->second) Add(by_children, v);
        } else {
          for (const auto& [k, x] : Consolidate(tree, child, values).cells) {
            by_children.cells[k] += x;
            by_children.totals[{std::get<0>(k), std::get<3>(k), std::get<4>(k)}] += x;
          }
        }
      }
      ASSERT_EQ(c.cells, by_children.cells);
      ASSERT_EQ(c.totals, by_children.totals);
    }
  }
}

}  // namespace
}  // namespace binhdang::analytics
