#include "documents/report_xlsx.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "support/templates.h"
#include "support/xlsx_fixture.h"

namespace binhdang::documents {
namespace {

using binhdang::testing::AmplifyingXlsx;
using binhdang::testing::Zip;

domain::Report Sample(const domain::ReportTemplate& t) {
  domain::Report r;
  r.id = 42;
  r.template_id = t.id;
  r.version = 3;
  r.sections = {{"direction", "Ban hành Kế hoạch số 12/KH-UBND ngày 08/11/2024."},
                {"difficulties", "Địa bàn rộng; \"kinh phí\" hạn chế & <ít> người."}};
  r.rows = {{"activities",
             "launch_ceremony",
             "",
             "xa",
             {{"count", {1, 0, 0, false}}, {"people", {0, 40, 60, true}}}},
            {"activities",
             "other",
             "Văn nghệ",
             "huyen",
             {{"count", {2, 0, 0, false}}, {"people", {0, 10, 20, true}}}},
            {"media",
             "television",
             "",
             "tinh",
             {{"count", {1, 0, 0, false}}, {"people", {0, 500, 450, true}}}}};
  return r;
}

TEST(ReportXlsx, RoundTripKeepsSectionsRowsAndIdentity) {
  auto t = testing::BuiltInTemplate("action_month_results");
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
  auto t = testing::BuiltInTemplate("action_month_results");
  auto bytes =
      ConsolidationXlsx(t, {"Huyện Tam Đường", "Tháng hành động 2024", "", ""}, Sample(t).rows,
                        {{"Xã Bình Lư", "results", "Tốt"}}, {"Xã Bình Lư"});
  ASSERT_TRUE(bytes.ok());
  auto grid = ReadGrid(*bytes);
  ASSERT_TRUE(grid.ok());
  EXPECT_FALSE(IdentityOf(*grid).ok()) << "a consolidation is not imported as a report";
}

TEST(ReportXlsx, BadFilesAreRefusedByName) {
  for (std::string bad :
       {std::string(), std::string("hello"), std::string("PK\x03\x04garbage", 11)}) {
    auto g = ReadGrid(bad);
    ASSERT_FALSE(g.ok());
    EXPECT_EQ(g.error().details.at(0).field, "file");
  }
  auto t = testing::BuiltInTemplate("action_month_results");
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

TEST(ReportXlsx, HostileSheetsAreRefusedOrReadSafely) {
  const std::string ok_shared =
      "<sst><si><t>binhdang-report|1|1|1</t></si><si><r><t>row|activities</t></r><r><t>|training</"
      "t></r></si></sst>";
  // Index past the table, negative index, column past XFD, row past the limit, reversed
  // reference, no reference, truncated XML, an entity bomb (not expanded by pugixml), empty.
  const std::vector<std::string> cases = {
      R"(<worksheet><sheetData><row><c r="A1" t="s"><v>7</v></c></row></sheetData></worksheet>)",
      R"(<worksheet><sheetData><row><c r="A1" t="s"><v>-1</v></c></row></sheetData></worksheet>)",
      R"(<worksheet><sheetData><row><c r="ZZZZZZ1"><v>1</v></c></row></sheetData></worksheet>)",
      R"(<worksheet><sheetData><row><c r="A99999999999"><v>1</v></c></row></sheetData></worksheet>)",
      R"(<worksheet><sheetData><row><c r="1A"><v>1</v></c></row></sheetData></worksheet>)",
      R"(<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>)",
      R"(<worksheet><sheetData)",
      R"(<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet>&b;</worksheet>)",
      "",
  };
  for (const auto& sheet : cases) {
    auto g = ReadGrid(Zip(sheet, ok_shared));
    // Either refused by name or read without harm (the entity is not expanded by pugixml).
    if (!g.ok()) {
      EXPECT_EQ(g.error().details.at(0).field, "file") << sheet;
    }
  }
  // A well-formed hostile sheet: rich-text shared strings, inline strings, huge and fractional
  // numbers, a level that is not one; errors name the cells.
  const std::string sheet =
      "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
      "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>1</v></c><c r=\"E5\"><v>1e300</v></c><c "
      "r=\"F5\"><v>2.5</v></c>"
      "<c r=\"G5\" t=\"inlineStr\"><is><t>7</t></is></c><c r=\"H5\" "
      "t=\"inlineStr\"><is><t>xã</t></is></c></row>"
      "</sheetData></worksheet>";
  auto g = ReadGrid(Zip(sheet, ok_shared));
  ASSERT_TRUE(g.ok());
  ASSERT_TRUE(IdentityOf(*g).ok());
  auto r = ReportFromGrid(testing::BuiltInTemplate("action_month_results"), *g);
  ASSERT_FALSE(r.ok());
  std::vector<std::string> fields;
  for (const auto& d : r.error().details) fields.push_back(d.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"E5", "F5"}));
  // Random mutations of a real export never crash.
  auto t = testing::BuiltInTemplate("action_month_results");
  std::string bytes = *ReportXlsx(t, Sample(t), {});
  std::mt19937 rng(42);
  for (int i = 0; i < 3000; ++i) {
    std::string copy = bytes;
    for (int k = 0; k < 1 + static_cast<int>(rng() % 4); ++k)
      copy[rng() % copy.size()] = static_cast<char>(rng());
    auto grid = ReadGrid(copy);
    if (grid.ok()) (void)ReportFromGrid(t, *grid);
  }
}

// Regression: shared strings were copied into every cell that referred to them, so a sheet of
// ~500 KB pointing 200,000 cells at one 1 MiB string asked for 200 GB. The import is refused
// by name (413 through the API) before it takes the memory.
bool RefusedAsTooLarge(const Result<Grid>& g) {
  return !g.ok() && g.error().code == ErrorCode::kPayloadTooLarge && !g.error().details.empty() &&
         g.error().details[0].field == "file";
}

TEST(ReportXlsx, SharedStringAmplificationIsRefused) {
  // Small entries, large expansion: 100 cells x 1 MiB.
  const std::string few = AmplifyingXlsx(100, 1 << 20);
  EXPECT_LT(few.size(), 20000u);
  EXPECT_TRUE(RefusedAsTooLarge(ReadGrid(few)));
  // The same sheet is read when its expansion fits the limit.
  auto fits = ReadGrid(few, {.max_bytes = 256u << 20});
  ASSERT_TRUE(fits.ok());
  EXPECT_EQ(fits->at(0).at(0).size(), 1u << 20);
  // A tight limit refuses an ordinary sheet the same way, and a generous one reads it.
  auto t = testing::BuiltInTemplate("action_month_results");
  const std::string normal = *ReportXlsx(t, Sample(t), {});
  EXPECT_TRUE(RefusedAsTooLarge(ReadGrid(normal, {.max_bytes = 4096})));
  EXPECT_TRUE(ReadGrid(normal).ok());
}

// In a death-test child: caps the address space at 1 GiB above what the process has, reads
// `xlsx`; 0 iff it was refused as too large.
int ReadWithCappedMemory(const std::string& xlsx) {
#if !defined(__SANITIZE_ADDRESS__)  // ASan reserves terabytes of address space up front
  long pages = 0;
  std::ifstream("/proc/self/statm") >> pages;
  const rlim_t cap =
      static_cast<rlim_t>(pages) * static_cast<rlim_t>(sysconf(_SC_PAGESIZE)) + (rlim_t{1} << 30);
  const rlimit limit{cap, cap};
  setrlimit(RLIMIT_AS, &limit);
#endif
  return RefusedAsTooLarge(ReadGrid(xlsx)) ? 0 : 1;
}

TEST(ReportXlsx, SharedStringAmplificationIsRefusedWithinBoundedMemory) {
  // The attack as reported: ~500 KB on the wire, 200,000 cells x 1 MiB = 200 GB expanded. Read
  // in a child whose address space is capped at 1 GiB above what it already has, so taking the
  // memory fails the test (bad_alloc aborts the child) instead of the machine.
  const std::string hostile = AmplifyingXlsx(200000, 1 << 20);
  EXPECT_LT(hostile.size(), 1u << 20);
  EXPECT_EXIT(_exit(ReadWithCappedMemory(hostile)), ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace binhdang::documents
