// The seeded Tam Đường plan 144/KH-UBND as a PDF through the API, checked with poppler's tools:
// A4, the NĐ 30 header lines, the number and date, Liberation Serif embedded, the headers.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "documents/official_document.h"
#include "support/test_env.h"

namespace binhdang::testing {
namespace {

std::string Shell(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  pclose(p);
  return out;
}

std::string Squeeze(const std::string& s) { return std::regex_replace(s, std::regex("\\s+"), " "); }

TEST(VietnameseDate, LeadingZeroForDaysBelowTenAndJanuaryFebruary) {
  EXPECT_EQ(documents::VietnameseDateWords(Date(2024, 11, 5)), "ngày 05 tháng 11 năm 2024");
  EXPECT_EQ(documents::VietnameseDateWords(Date(2024, 2, 15)), "ngày 15 tháng 02 năm 2024");
  EXPECT_EQ(documents::VietnameseDateWords(Date(2024, 3, 9)), "ngày 09 tháng 3 năm 2024");
  EXPECT_EQ(documents::VietnameseDateWords(Date(2024, 12, 25)), "ngày 25 tháng 12 năm 2024");
}

TEST(PlanPdf, SeededTamDuongPlanIsAnA4Nd30Document) {
  TestServer server("sqlite");
  ASSERT_TRUE(server.ok());
  Client admin(server.port());
  ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword), 200);
  const std::string unit = admin.Get("/api/v1/units?q=tam%20duong&kind=district&at=2024-11-15")
                               .json()["items"][0]
                               .value("id", "");
  auto list = admin.Get("/api/v1/plans?unit=" + unit + "&kind=action_month&year=2024").json();
  ASSERT_EQ(list["items"][0].value("number_symbol", ""), "144/KH-UBND");
  const std::string id = list["items"][0].value("id", "");
  const std::string title = list["items"][0].value("title", "");

  auto pdf = admin.Get("/api/v1/plans/" + id + "/document.pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
  EXPECT_EQ(pdf.headers["content-disposition"],
            "attachment; filename=\"ke-hoach-144.pdf\"; "
            "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20144-KH-UBND.pdf");
  ASSERT_EQ(pdf.body.rfind("%PDF-", 0), 0u);

  const auto dir =
      std::filesystem::temp_directory_path() / ("binhdang-plan-pdf-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "ke-hoach-144.pdf").string();
  std::ofstream(file, std::ios::binary) << pdf.body;

  const std::string info = Shell("pdfinfo " + file);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(info, m, std::regex("Page size:\\s+([0-9.]+) x ([0-9.]+) pts")));
  EXPECT_NEAR(std::stod(m[1]), 595, 1);
  EXPECT_NEAR(std::stod(m[2]), 842, 1);
  ASSERT_TRUE(std::regex_search(info, m, std::regex("Pages:\\s+([0-9]+)")));
  const int pages = std::stoi(m[1]);
  EXPECT_GE(pages, 3);

  const std::string text = Squeeze(Shell("pdftotext -enc UTF-8 " + file + " -"));
  for (const std::string& s :
       {std::string("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        std::string("Độc lập - Tự do - Hạnh phúc"), std::string("KẾ HOẠCH"),
        std::string("Số: 144/KH-UBND"), std::string("Tam Đường, ngày 05 tháng 11 năm 2024"),
        std::string("ỦY BAN NHÂN DÂN"), std::string("HUYỆN TAM ĐƯỜNG"), std::string("Nơi nhận:"),
        std::string("Vũ Xuân Thịnh"), std::string("Cơ quan chủ trì")}) {
    EXPECT_NE(text.find(s), std::string::npos) << s;
  }
  EXPECT_NE(text.find(Squeeze(title)), std::string::npos) << title;

  // Page 2 starts with its number in the top margin; page 1 has none.
  const std::string page2 = Shell("pdftotext -enc UTF-8 -f 2 -l 2 -layout " + file + " -");
  EXPECT_TRUE(std::regex_search(page2, std::regex("^\\s*2\\s*\n"))) << page2.substr(0, 200);
  const std::string page1 = Shell("pdftotext -enc UTF-8 -f 1 -l 1 -layout " + file + " -");
  EXPECT_FALSE(std::regex_search(page1, std::regex("^\\s*1\\s*\n")));
  // The activities table goes over a page: its header row is repeated.
  const std::string& all = text;
  size_t headers = 0;
  for (size_t at = all.find("Cơ quan chủ trì"); at != std::string::npos;
       at = all.find("Cơ quan chủ trì", at + 1))
    ++headers;
  EXPECT_GE(headers, 2u);

  // Every font is Liberation Serif, embedded.
  const std::string fonts = Shell("pdffonts " + file);
  size_t rows = 0;
  std::istringstream lines(fonts);
  std::string line;
  for (int i = 0; std::getline(lines, line); ++i) {
    if (i < 2 || line.empty()) continue;
    ++rows;
    EXPECT_NE(line.find("LiberationSerif"), std::string::npos) << line;
    EXPECT_TRUE(std::regex_search(line, std::regex("\\s+yes\\s+yes\\s+")))
        << "not embedded: " << line;
  }
  EXPECT_GE(rows, 3u) << fonts;  // regular, bold, italic

  // A plan another unit's user may not read is a 404 as elsewhere; no plan at all too.
  EXPECT_EQ(admin.Get("/api/v1/plans/999999999/document.pdf").status, 404);
  Client anonymous(server.port());
  EXPECT_EQ(anonymous.Get("/api/v1/plans/" + id + "/document.pdf").status, 401);
  if (!std::getenv("BINHDANG_KEEP_PDF")) std::filesystem::remove_all(dir);
}

// The DOCX of the same plan opens in LibreOffice (headless, private profile) and its text has
// the header lines; the package has the A4 size and NĐ 30 margins in sectPr.
TEST(PlanDocx, SeededTamDuongPlanOpensInLibreOffice) {
  TestServer server("sqlite");
  ASSERT_TRUE(server.ok());
  Client admin(server.port());
  ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword), 200);
  const std::string unit = admin.Get("/api/v1/units?q=tam%20duong&kind=district&at=2024-11-15")
                               .json()["items"][0]
                               .value("id", "");
  auto list = admin.Get("/api/v1/plans?unit=" + unit + "&kind=action_month&year=2024").json();
  const std::string id = list["items"][0].value("id", "");
  const std::string title = list["items"][0].value("title", "");
  auto docx = admin.Get("/api/v1/plans/" + id + "/document.docx");
  ASSERT_EQ(docx.status, 200) << docx.body;
  EXPECT_EQ(docx.headers["content-type"],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(
      docx.headers["content-disposition"].rfind("attachment; filename=\"ke-hoach-144.docx\"", 0),
      0u);
  ASSERT_EQ(docx.body.rfind("PK", 0), 0u);

  const auto dir =
      std::filesystem::temp_directory_path() / ("binhdang-plan-docx-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "ke-hoach-144.docx").string();
  std::ofstream(file, std::ios::binary) << docx.body;
  const std::string xml = Shell("unzip -p " + file + " word/document.xml");
  EXPECT_NE(xml.find("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), std::string::npos);
  EXPECT_NE(xml.find("w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""),
            std::string::npos);
  EXPECT_NE(xml.find("<w:tblHeader/>"), std::string::npos);
  EXPECT_NE(xml.find("TB&amp;XH"), std::string::npos);  // XML escaping of a recipient

  Shell("cd " + dir.string() +
        " && soffice -env:UserInstallation=file:///tmp/lo-docout --headless " +
        "--convert-to pdf --outdir " + dir.string() + " " + file + " >/dev/null 2>&1");
  const std::string pdf = (dir / "ke-hoach-144.pdf").string();
  ASSERT_TRUE(std::filesystem::exists(pdf)) << "LibreOffice did not open " << file;
  const std::string text = Squeeze(Shell("pdftotext -enc UTF-8 " + pdf + " -"));
  for (const std::string& s :
       {std::string("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        std::string("Độc lập - Tự do - Hạnh phúc"), std::string("KẾ HOẠCH"),
        std::string("Số: 144/KH-UBND"), std::string("Tam Đường, ngày 05 tháng 11 năm 2024"),
        std::string("Vũ Xuân Thịnh")}) {
    EXPECT_NE(text.find(s), std::string::npos) << s;
  }
  EXPECT_NE(text.find(Squeeze(title)), std::string::npos) << title;
  const std::string info = Shell("pdfinfo " + pdf);
  EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
  if (!std::getenv("BINHDANG_KEEP_PDF")) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace binhdang::testing
