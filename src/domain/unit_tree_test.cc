#include "domain/unit_tree.h"

#include <gtest/gtest.h>

#include "domain/access.h"

namespace binhdang::domain {
namespace {

Unit U(Id id, Id parent, UnitKind kind, std::string name, std::string code,
       std::optional<Date> from = std::nullopt, std::optional<Date> to = std::nullopt) {
  Unit u;
  u.id = id;
  u.parent_id = parent;
  u.kind = kind;
  u.name = name;
  u.full_name = name;
  u.code = code;
  u.valid_from = from;
  u.valid_to = to;
  return u;
}

const Date kOld(2025, 6, 30), kNew(2025, 7, 1);

// Country 1; old province 2 (Hà Tĩnh) with old district 3 (Thành phố Hà Tĩnh) and commune 4;
// new province 5 (Hà Tĩnh) with commune 6 merged from 4; agency 7 under commune 6.
UnitTree Sample() {
  return UnitTree({U(1, 0, UnitKind::kCountry, "Việt Nam", "VN"),
                   U(2, 1, UnitKind::kProvince, "Hà Tĩnh", "42", std::nullopt, kOld),
                   U(3, 2, UnitKind::kDistrict, "Thành phố Hà Tĩnh", "436", std::nullopt, kOld),
                   U(4, 3, UnitKind::kCommune, "Phường Bắc Hà", "18070", std::nullopt, kOld),
                   U(5, 1, UnitKind::kProvince, "Hà Tĩnh", "42", kNew),
                   U(6, 5, UnitKind::kCommune, "Phường Thành Sen", "18073", kNew),
                   U(7, 6, UnitKind::kAgency, "Hội Phụ nữ phường", "", kNew)},
                  {{4, 6, MergeType::kFull}, {2, 5, MergeType::kFull}});
}

TEST(UnitTree, AncestryAndChildren) {
  auto t = Sample();
  EXPECT_EQ(t.roots(), std::vector<Id>{1});
  EXPECT_EQ(t.Children(1).size(), 2u);
  auto a = t.Ancestors(4);
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0]->id, 1);
  EXPECT_EQ(a[2]->id, 3);
  EXPECT_TRUE(t.IsWithin(4, 2));
  EXPECT_FALSE(t.IsWithin(4, 5));
  EXPECT_TRUE(t.IsWithin(2, 2));
  EXPECT_EQ(t.Depth(7), 3);
}

TEST(UnitTree, SearchRanksExactThenPrefixThenContainedAndFiltersByDate) {
  auto t = Sample();
  auto any = t.Search({"ha tinh", std::nullopt, std::nullopt, std::nullopt});
  ASSERT_GE(any.size(), 3u);
  EXPECT_EQ(any[0], 5) << "exact, shallow, still valid first";
  EXPECT_EQ(any[1], 2);
  EXPECT_EQ(any[2], 3) << "contained match last";
  EXPECT_EQ(t.Search({"HA TINH", std::nullopt, std::nullopt, kOld}), (std::vector<Id>{2, 3}));
  EXPECT_EQ(t.Search({"phuong", std::nullopt, UnitKind::kCommune, std::nullopt}),
            (std::vector<Id>{6, 4}))
      << "among equals, units still valid come first";
  EXPECT_EQ(t.Search({"", Id{5}, std::nullopt, std::nullopt}), (std::vector<Id>{5, 6, 7}));
  EXPECT_TRUE(t.Search({"không có", std::nullopt, std::nullopt, std::nullopt}).empty());
}

TEST(UnitTree, ChildCountFollowsTheDate) {
  auto t = Sample();
  EXPECT_EQ(t.ChildCountAt(1, kNew), 1u) << "the new province only";
  EXPECT_EQ(t.ChildCountAt(1, kOld), 1u) << "the old province only";
  EXPECT_EQ(t.ChildCountAt(3, kNew), 1u) << "an ended district keeps its communes";
  EXPECT_EQ(t.ChildCountAt(6, kOld), 1u)
      << "a new commune, seen before it existed, shows its agency";
  EXPECT_EQ(t.ChildCountAt(99, kNew), 0u);
}

TEST(UnitTree, Lineage) {
  auto t = Sample();
  ASSERT_EQ(t.Predecessors(6).size(), 1u);
  EXPECT_EQ(t.Predecessors(6)[0].predecessor_id, 4);
  ASSERT_EQ(t.Successors(4).size(), 1u);
  EXPECT_EQ(t.Successors(4)[0].successor_id, 6);
  EXPECT_TRUE(t.Predecessors(1).empty());
}

TEST(Access, RolesApplyToTheRightScope) {
  auto t = Sample();
  User planner{1, "p", "P", 5, {Role::kPlanner}, true, 1, std::nullopt};
  EXPECT_TRUE(Can(planner, Right::kWritePlans, 5, t));
  EXPECT_FALSE(Can(planner, Right::kWritePlans, 6, t)) << "plans: own unit only";
  EXPECT_TRUE(Can(planner, Right::kView, 7, t));
  EXPECT_FALSE(Can(planner, Right::kManageUsers, 5, t));
  // A successor's subtree covers its predecessors' subtrees: data of the old units stays visible.
  EXPECT_TRUE(Can(planner, Right::kView, 4, t));
  EXPECT_FALSE(Can(planner, Right::kView, 1, t));

  User admin{2, "a", "A", 1, {Role::kAdmin}, true, 1, std::nullopt};
  EXPECT_TRUE(Can(admin, Right::kManageUsers, 7, t));
  EXPECT_FALSE(Can(admin, Right::kRecordCases, 7, t)) << "case data is need-to-know";

  User inactive = admin;
  inactive.active = false;
  EXPECT_FALSE(Can(inactive, Right::kView, 1, t));
}

TEST(Roles, NamesRoundTrip) {
  for (Role r : kAllRoles) EXPECT_EQ(ParseRole(RoleName(r)), r);
  EXPECT_FALSE(ParseRole("king"));
}

}  // namespace
}  // namespace binhdang::domain
