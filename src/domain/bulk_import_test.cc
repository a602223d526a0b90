#include "domain/bulk_import.h"

#include <gtest/gtest.h>

namespace binhdang::domain {
namespace {

TEST(BulkImport, RolesByTheirVietnameseNamesOrCodesIgnoringCaseAndDiacritics) {
  EXPECT_EQ(ParseRoleLabel("Quản trị đơn vị"), Role::kUnitAdmin);
  EXPECT_EQ(ParseRoleLabel("  quan tri DON VI "), Role::kUnitAdmin);
  EXPECT_EQ(ParseRoleLabel("Lập kế hoạch"), Role::kPlanner);
  EXPECT_EQ(ParseRoleLabel("giám sát ca"), Role::kCaseSupervisor);
  EXPECT_EQ(ParseRoleLabel("reviewer"), Role::kReviewer);
  EXPECT_EQ(ParseRoleLabel("Thủ kho"), std::nullopt);
  EXPECT_EQ(ParseRoleLabel(""), std::nullopt);
  for (Role r : kAllRoles) EXPECT_EQ(ParseRoleLabel(RoleLabel(r)), r);
}

TEST(BulkImport, ListsSplitOnCommasSemicolonsAndNewLines) {
  EXPECT_EQ(SplitList("Xem, Báo cáo;\nDuyệt ,, "),
            (std::vector<std::string>{"Xem", "Báo cáo", "Duyệt"}));
  EXPECT_TRUE(SplitList(" , ").empty());
}

TEST(BulkImport, AgencyTypesByCodeOrName) {
  const std::vector<AgencyType> types = {{"womens_union", "Hội Liên hiệp Phụ nữ", "Women's Union"},
                                         {"police", "Công an", "Police"}};
  EXPECT_EQ(ParseAgencyType("womens_union", types), "womens_union");
  EXPECT_EQ(ParseAgencyType("hoi lien hiep phu nu", types), "womens_union");
  EXPECT_EQ(ParseAgencyType("CÔNG AN", types), "police");
  EXPECT_EQ(ParseAgencyType("Công an xã", types), std::nullopt);
}

Unit MakeUnit(Id id, Id parent, std::string code, std::string full_name, UnitKind kind,
              std::optional<Date> to = std::nullopt) {
  Unit u;
  u.id = id;
  u.parent_id = parent;
  u.code = std::move(code);
  u.name = u.full_name = std::move(full_name);
  u.kind = kind;
  u.valid_to = to;
  return u;
}

TEST(BulkImport, UnitsByCodeOrFullNameAmongTodaysUnits) {
  const Date today(2026, 1, 1);
  UnitTree tree({MakeUnit(1, 0, "VN", "Việt Nam", UnitKind::kCountry),
                 MakeUnit(2, 1, "12", "Tỉnh Lai Châu", UnitKind::kProvince),
                 MakeUnit(3, 2, "00004", "Xã Bản Bo", UnitKind::kCommune),
                 // The old commune of the same code, gone since the reform.
                 MakeUnit(4, 2, "00004", "Xã Bản Bo cũ", UnitKind::kCommune, Date(2025, 6, 30)),
                 MakeUnit(5, 2, "00007", "Xã Trùng Tên", UnitKind::kCommune),
                 MakeUnit(6, 2, "00008", "Xã Trùng Tên", UnitKind::kCommune)},
                {});
  const UnitIndex index(tree, today);
  EXPECT_EQ(index.Find("00004").unit->id, 3);
  EXPECT_EQ(index.Find("4").unit->id, 3) << "a code that lost its leading zeros in a spreadsheet";
  EXPECT_EQ(index.Find("xa ban bo").unit->id, 3);
  EXPECT_EQ(index.Find("Xã Bản Bo cũ").unit, nullptr) << "only units that exist today";
  EXPECT_TRUE(index.Find("Xã Trùng Tên").ambiguous);
  EXPECT_EQ(index.Find("Xã Trùng Tên").unit, nullptr);
  EXPECT_EQ(index.Find("00008").unit->id, 6);
  EXPECT_EQ(index.Find("99999").unit, nullptr);
  EXPECT_FALSE(index.Find("99999").ambiguous);
}

}  // namespace
}  // namespace binhdang::domain
