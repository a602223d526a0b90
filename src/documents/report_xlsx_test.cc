#include "documents/report_xlsx.h"

#include <gtest/gtest.h>

namespace binhdang::documents {
namespace {

domain::Report Sample(const domain::ReportTemplate& t) {
  domain::Report r;
  r.id = 42;
  r.template_id = t.id;
  r.version = 3;
  r.sections = {{"direction", "Ban hành Kế hoạch số 12/KH-UBND ngày 08/11/2024."},
                {"difficulties", "Địa bàn rộng; \"kinh phí\" hạn chế & <ít> người."}};
  r.rows = {{"activities", "launch_ceremony", "", "xa", {{"count", {1, 0, 0, false}}, {"people", {0, 40, 60, true}}}},
            {"activities", "other", "Văn nghệ", "huyen", {{"count", {2, 0, 0, false}}, {"people", {0, 10, 20, true}}}},
            {"media", "television", "", "tinh", {{"count", {1, 0, 0, false}}, {"people", {0, 500, 450, true}}}}};
  return r;
}

TEST(ReportXlsx, RoundTripKeepsSectionsRowsAndIdentity) {
  auto t = domain::BuiltInTemplates()[0];
  t.id = 7;
  const auto r = Sample(t);
  auto bytes = ReportXlsx(t, r, {"Xã Bình Lư", "Tháng hành động 2024", "10/12/2024", "Đang soạn"});
  ASSERT_TRUE(bytes.ok()) << bytes.error().message.en;
  auto grid = ReadGrid(*bytes);
  ASSERT_TRUE(grid.ok()) << grid.error().message.en;
  auto id = IdentityOf(*grid);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->report_id, 42);
  EXPECT_EQ(id->template_id, 7);
  EXPECT_EQ(id->version, 3);
  auto back = ReportFromGrid(t, *grid);
  ASSERT_TRUE(back.ok()) << back.error().details.at(0).field;
  EXPECT_EQ(back->first, r.sections);
  ASSERT_EQ(back->second.size(), r.rows.size());
  for (size_t i = 0; i < r.rows.size(); ++i) {
    EXPECT_EQ(back->second[i].table, r.rows[i].table);
    EXPECT_EQ(back->second[i].item, r.rows[i].item);
    EXPECT_EQ(back->second[i].detail, r.rows[i].detail);
    EXPECT_EQ(back->second[i].level, r.rows[i].level);
    for (const auto& [k, v] : r.rows[i].values) {
      const auto& w = back->second[i].values.at(k);
      EXPECT_EQ(w.total, v.total);
      EXPECT_EQ(w.male, v.male);
      EXPECT_EQ(w.female, v.female);
      EXPECT_EQ(w.split, v.split);
    }
  }
  // Official layout: Vietnamese headers with nam / nữ columns and a totals row.
  bool nam = false, total = false;
  for (const auto& [row, cols] : *grid) {
    for (const auto& [col, text] : cols) {
      nam = nam || text == "Nữ";
      total = total || text == "Tổng cộng";
    }
  }
  EXPECT_TRUE(nam);
  EXPECT_TRUE(total);
}

TEST(ReportXlsx, ConsolidationSheetIsReadable) {
  auto t = domain::BuiltInTemplates()[0];
  auto bytes = ConsolidationXlsx(t, {"Huyện Tam Đường", "Tháng hành động 2024", "", ""}, Sample(t).rows,
                                 {{"Xã Bình Lư", "results", "Tốt"}}, {"Xã Bình Lư"});
  ASSERT_TRUE(bytes.ok());
  auto grid = ReadGrid(*bytes);
  ASSERT_TRUE(grid.ok());
  EXPECT_FALSE(IdentityOf(*grid).ok()) << "a consolidation is not imported as a report";
}

TEST(ReportXlsx, BadFilesAreRefusedByName) {
  for (std::string bad : {std::string(), std::string("hello"), std::string("PK\x03\x04garbage", 11)}) {
    auto g = ReadGrid(bad);
    ASSERT_FALSE(g.ok());
    EXPECT_EQ(g.error().details.at(0).field, "file");
  }
  auto t = domain::BuiltInTemplates()[0];
  Grid grid;
  grid[0][0] = "binhdang-report|1|1|1";
  grid[5][0] = "row|activities|training";
  grid[5][4] = "-3";
  grid[5][5] = "abc";
  grid[5][7] = "Thôn";
  auto r = ReportFromGrid(t, grid);
  ASSERT_FALSE(r.ok());
  std::vector<std::string> fields;
  for (const auto& d : r.error().details) fields.push_back(d.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"E6", "F6", "H6"}));
  // Any byte string: no crash, an error or a grid.
  std::string fuzz = *ReportXlsx(t, Sample(t), {});
  for (size_t i = 0; i < fuzz.size(); i += 97) {
    std::string copy = fuzz;
    copy[i] = static_cast<char>(copy[i] ^ 0x5a);
    (void)ReadGrid(copy);
    copy.resize(i);
    (void)ReadGrid(copy);
  }
}

}  // namespace
}  // namespace binhdang::documents
