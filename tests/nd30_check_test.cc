// The NĐ 30/2020 checker: every plan binhdang seeds passes it as PDF and as DOCX, and so does the
// DOCX once LibreOffice has laid it out; a document set otherwise (Letter paper, a sans font,
// narrow margins, no page numbers) is caught rule by rule; what is not a document is refused.
#include "documents/nd30_check.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "support/test_env.h"

namespace binhdang::testing {
namespace {

std::set<std::string> Rules(const documents::CheckReport& r) {
  std::set<std::string> out;
  for (const auto& f : r.findings) out.insert(f.rule);
  return out;
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class Nd30Check : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer("sqlite");
    ASSERT_TRUE(server_->ok());
    admin_ = new Client(server_->port());
    ASSERT_EQ(admin_->Login("admin", TestServer::kAdminPassword), 200);
  }
  static void TearDownTestSuite() {
    delete admin_;
    delete server_;
  }
  static std::string TamDuongPlan() {
    const std::string unit = admin_->Get("/api/v1/units?q=tam%20duong&kind=district&at=2024-11-15")
                                 .json()["items"][0]
                                 .value("id", "");
    return admin_->Get("/api/v1/plans?unit=" + unit + "&kind=action_month&year=2024")
        .json()["items"][0]
        .value("id", "");
  }
  static TestServer* server_;
  static Client* admin_;
};
TestServer* Nd30Check::server_ = nullptr;
Client* Nd30Check::admin_ = nullptr;

TEST_F(Nd30Check, EverySeededPlanPassesAsPdfAndDocx) {
  auto list = admin_->Get("/api/v1/plans?limit=100").json();
  ASSERT_GE(list["items"].size(), 2u) << list.dump();
  for (const auto& item : list["items"]) {
    const std::string id = item.value("id", ""), number = item.value("number_symbol", "");
    auto pdf = admin_->Get("/api/v1/plans/" + id + "/document.pdf");
    ASSERT_EQ(pdf.status, 200) << pdf.body;
    auto report = documents::CheckPdf(pdf.body);
    ASSERT_TRUE(report.ok()) << report.error().message.vi;
    EXPECT_TRUE(report->ok()) << number << " PDF\n" << documents::DescribeCheck(*report);
    // Each rule was measured, not skipped: paper, four margins, page numbers, fonts, elements.
    EXPECT_GE(report->passed.size(), 18u) << documents::DescribeCheck(*report);

    auto docx = admin_->Get("/api/v1/plans/" + id + "/document.docx");
    ASSERT_EQ(docx.status, 200) << docx.body;
    auto dreport = documents::CheckDocx(docx.body);
    ASSERT_TRUE(dreport.ok()) << dreport.error().message.vi;
    EXPECT_TRUE(dreport->ok()) << number << " DOCX\n" << documents::DescribeCheck(*dreport);
    EXPECT_GE(dreport->passed.size(), 18u) << documents::DescribeCheck(*dreport);
  }
}

// Every seeded commune report, and the district's consolidation of them, as a báo cáo.
TEST_F(Nd30Check, SeededReportsAndTheirConsolidationPassAsPdfAndDocx) {
  auto list = admin_->Get("/api/v1/reports?limit=100").json();
  ASSERT_GE(list["items"].size(), 2u) << list.dump();
  std::vector<std::string> targets;
  for (const auto& item : list["items"])
    targets.push_back("/api/v1/reports/" + item.value("id", "") + "/document");
  const std::string unit = admin_->Get("/api/v1/units?q=tam%20duong&kind=district&at=2024-11-15")
                               .json()["items"][0]
                               .value("id", "");
  const std::string code = list["items"][0].value("template_code", ""),
                    period = list["items"][0].value("period", "");
  const std::string consolidated = "/api/v1/reports/consolidated/document";
  const std::string query = "?template=" + code + "&period=" + period + "&unit=" + unit;
  targets.push_back(consolidated);
  for (const auto& target : targets) {
    const std::string q = target == consolidated ? query : "";
    auto pdf = admin_->Get(target + ".pdf" + q);
    ASSERT_EQ(pdf.status, 200) << target << " " << pdf.body;
    EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
    auto report = documents::CheckPdf(pdf.body);
    ASSERT_TRUE(report.ok()) << report.error().message.vi;
    EXPECT_TRUE(report->ok()) << target << " PDF\n" << documents::DescribeCheck(*report);
    auto docx = admin_->Get(target + ".docx" + q);
    ASSERT_EQ(docx.status, 200) << target << " " << docx.body;
    auto dreport = documents::CheckDocx(docx.body);
    ASSERT_TRUE(dreport.ok()) << dreport.error().message.vi;
    EXPECT_TRUE(dreport->ok()) << target << " DOCX\n" << documents::DescribeCheck(*dreport);
  }
  // The consolidation's figures: its total row is the sum of the commune reports, with "."
  // between thousands, as the JSON consolidation gives it.
  auto sums = admin_->Get("/api/v1/reports/consolidated" + query).json();
  ASSERT_TRUE(sums.contains("included_units")) << sums.dump().substr(0, 300);
  const std::string text = [&] {
    const auto dir =
        std::filesystem::temp_directory_path() / ("binhdang-nd30-text-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "c.pdf", std::ios::binary)
        << admin_->Get(consolidated + ".pdf" + query).body;
    const std::string command =
        "pdftotext -layout -enc UTF-8 " + (dir / "c.pdf").string() + " " + (dir / "c.txt").string();
    EXPECT_EQ(std::system(command.c_str()), 0);
    std::string t = ReadFile(dir / "c.txt");
    std::filesystem::remove_all(dir);
    return t;
  }();
  EXPECT_NE(text.find("BÁO CÁO"), std::string::npos);
  EXPECT_NE(text.find("Tổng cộng"), std::string::npos);
  EXPECT_NE(text.find("Số liệu tổng hợp từ báo cáo của " +
                      std::to_string(sums["included_units"].size()) + " đơn vị"),
            std::string::npos)
      << text.substr(0, 2000);
  // Not a report, not a template: the same errors as the JSON routes.
  EXPECT_EQ(admin_->Get("/api/v1/reports/999999999/document.pdf").status, 404);
  EXPECT_EQ(
      admin_->Get(consolidated + ".pdf?template=nope&period=" + period + "&unit=" + unit).status /
          100,
      4);
  EXPECT_EQ(admin_->Get(consolidated + ".docx").status, 400);
}

// The DOCX laid out by LibreOffice is an NĐ 30 document too, of as many pages as binhdang's PDF.
TEST_F(Nd30Check, DocxLaidOutByLibreOfficePassesWithThePdfsPageCount) {
  const std::string id = TamDuongPlan();
  auto docx = admin_->Get("/api/v1/plans/" + id + "/document.docx");
  auto pdf = admin_->Get("/api/v1/plans/" + id + "/document.pdf");
  ASSERT_EQ(docx.status, 200);
  ASSERT_EQ(pdf.status, 200);
  const auto dir =
      std::filesystem::temp_directory_path() / ("binhdang-nd30-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "plan.docx", std::ios::binary) << docx.body;
  const std::string command = "cd " + dir.string() + " && soffice -env:UserInstallation=file://" +
                              dir.string() + "/lo --headless --convert-to pdf --outdir " +
                              dir.string() + " plan.docx >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0);
  const std::string laid_out = ReadFile(dir / "plan.pdf");
  ASSERT_FALSE(laid_out.empty()) << "LibreOffice did not open the DOCX";
  auto theirs = documents::CheckPdf(laid_out);
  ASSERT_TRUE(theirs.ok()) << theirs.error().message.vi;
  EXPECT_TRUE(theirs->ok()) << documents::DescribeCheck(*theirs);
  auto ours = documents::CheckPdf(pdf.body);
  ASSERT_TRUE(ours.ok());
  EXPECT_EQ(theirs->pages, ours->pages)
      << "LibreOffice " << theirs->pages << " pages, binhdang " << ours->pages;
  if (!std::getenv("BINHDANG_KEEP_OUTPUT")) std::filesystem::remove_all(dir);
}

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Letter paper, DejaVu Sans 10 pt from 10 mm, no page numbers: a memo, not an NĐ 30 document.
TEST(Nd30CheckFindings, ALetterMemoInASansFontIsCaughtRuleByRule) {
  std::string pdf;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(Append, &pdf, 612, 792);
  cairo_t* cr = cairo_create(s);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 10);
  for (int page = 0; page < 2; ++page) {
    for (int line = 0; line < 20; ++line) {
      cairo_move_to(cr, 28.35, 40 + line * 14);
      cairo_show_text(cr, "Cong van ve viec trien khai thang hanh dong vi binh dang gioi nam 2024");
    }
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);

  auto report = documents::CheckPdf(pdf);
  ASSERT_TRUE(report.ok()) << report.error().message.vi;
  EXPECT_FALSE(report->ok());
  const auto rules = Rules(*report);
  for (const char* rule :
       {"kho-giay", "kho-giay-moi-trang", "le-trai", "le-tren", "phong-chu", "co-chu-noi-dung",
        "co-chu", "so-trang", "quoc-hieu", "tieu-ngu", "ten-loai"})
    EXPECT_TRUE(rules.count(rule)) << rule << "\n" << documents::DescribeCheck(*report);
  EXPECT_FALSE(rules.count("so-trang-1"));  // page 1 has no number, as it should not
  const std::string text = documents::DescribeCheck(*report);
  EXPECT_NE(text.find("Lề trái 10,0 mm"), std::string::npos) << text;
  EXPECT_NE(text.find("216 × 279 mm"), std::string::npos) << text;
}

// The seeded DOCX with its left margin cut to 20 mm and the page number taken off.
TEST_F(Nd30Check, ADocxWithANarrowMarginAndNoPageNumberIsCaught) {
  auto docx = admin_->Get("/api/v1/plans/" + TamDuongPlan() + "/document.docx");
  ASSERT_EQ(docx.status, 200);
  const auto path = std::filesystem::temp_directory_path() /
                    ("binhdang-nd30-" + std::to_string(getpid()) + ".docx");
  std::ofstream(path, std::ios::binary) << docx.body;
  int err = 0;
  zip_t* z = zip_open(path.c_str(), 0, &err);
  ASSERT_NE(z, nullptr);
  zip_stat_t st;
  ASSERT_EQ(zip_stat(z, "word/document.xml", 0, &st), 0);
  std::string xml(st.size, '\0');
  zip_file_t* f = zip_fopen(z, "word/document.xml", 0);
  ASSERT_EQ(zip_fread(f, xml.data(), st.size), static_cast<zip_int64_t>(st.size));
  zip_fclose(f);
  const auto at = xml.find("w:left=\"1701\"");
  ASSERT_NE(at, std::string::npos);
  xml.replace(at, 13, "w:left=\"1134\"");
  const auto ref = xml.find("<w:headerReference");
  ASSERT_NE(ref, std::string::npos);
  xml.erase(ref, xml.find("/>", ref) + 2 - ref);
  zip_source_t* src = zip_source_buffer(z, xml.data(), xml.size(), 0);
  ASSERT_GE(zip_file_add(z, "word/document.xml", src, ZIP_FL_OVERWRITE), 0);
  ASSERT_EQ(zip_close(z), 0);
  const std::string changed = ReadFile(path);
  std::filesystem::remove(path);

  auto report = documents::CheckDocx(changed);
  ASSERT_TRUE(report.ok()) << report.error().message.vi;
  EXPECT_EQ(Rules(*report), (std::set<std::string>{"le-trai", "so-trang"}))
      << documents::DescribeCheck(*report);
  EXPECT_NE(documents::DescribeCheck(*report).find("Lề trái 20,0 mm"), std::string::npos);
}

TEST(Nd30CheckFindings, WhatIsNotADocumentIsRefused) {
  for (const std::string& bytes :
       {std::string(), std::string("hello"), std::string("%PDF-1.7\nbroken"),
        std::string("PK\x03\x04 broken zip")}) {
    auto report = documents::CheckDocument(bytes);
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.error().code, ErrorCode::kInvalidArgument);
    ASSERT_FALSE(report.error().details.empty());
    EXPECT_EQ(report.error().details[0].field, "file");
  }
}

// A zip whose document.xml unpacks to more than the checker may hold is refused before it is
// unpacked (a zip bomb); an XML entity that would expand is not expanded (pugixml has no DTDs).
TEST(Nd30CheckFindings, ZipBombsAndEntitiesDoNotExpand) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("binhdang-bomb-" + std::to_string(getpid()) + ".docx");
  const std::string big(documents::kCheckMaxBytes + 1, ' ');
  const std::string lol =
      "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
      "\"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
      "<w:document "
      "xmlns:w=\"x\"><w:body><w:p><w:r><w:t>&b;&b;&b;</w:t></w:r></w:p></w:body></w:document>";
  for (const std::string* body : {&big, &lol}) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    ASSERT_NE(z, nullptr);
    ASSERT_GE(zip_file_add(z, "word/document.xml",
                           zip_source_buffer(z, body->data(), body->size(), 0), 0),
              0);
    ASSERT_EQ(zip_close(z), 0);
    const std::string bytes = ReadFile(path);
    auto report = documents::CheckDocx(bytes);
    if (body == &big) {
      EXPECT_LT(bytes.size(), 1u << 20);  // it is small packed
      ASSERT_FALSE(report.ok());
      EXPECT_EQ(report.error().code, ErrorCode::kPayloadTooLarge);
    } else {
      // Parsed without the entities' expansion: no section, so the paper is reported missing.
      ASSERT_TRUE(report.ok()) << report.error().message.vi;
      EXPECT_TRUE(Rules(*report).count("kho-giay"));
    }
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace binhdang::testing
