#include "documents/plan_docx.h"

#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>

#include "common/text.h"

namespace binhdang::documents {

namespace {

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

struct Run {
  int half_points = 28;
  bool bold = false, italic = false;
};

void RunProps(pugi::xml_node r, Run f) {
  auto pr = r.append_child("w:rPr");
  auto fonts = pr.append_child("w:rFonts");
  for (const char* a : {"w:ascii", "w:hAnsi", "w:cs"})
    fonts.append_attribute(a) = "Times New Roman";
  if (f.bold) pr.append_child("w:b");
  if (f.italic) pr.append_child("w:i");
  pr.append_child("w:sz").append_attribute("w:val") = f.half_points;
  pr.append_child("w:szCs").append_attribute("w:val") = f.half_points;
}

//! A paragraph of one or more lines ('\n' becomes a line break).
pugi::xml_node Para(pugi::xml_node parent, const std::string& text, Run f, const char* align,
                    bool indent = false, int after_twips = 0, const char* style = nullptr) {
  auto p = parent.append_child("w:p");
  auto pr = p.append_child("w:pPr");
  if (style) pr.append_child("w:pStyle").append_attribute("w:val") = style;
  auto spacing = pr.append_child("w:spacing");
  spacing.append_attribute("w:before") = 0;
  spacing.append_attribute("w:after") = after_twips;
  if (indent) pr.append_child("w:ind").append_attribute("w:firstLine") = 720;  // 1.27 cm
  pr.append_child("w:jc").append_attribute("w:val") = align;
  std::istringstream lines(text::Nfc(text));
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    auto r = p.append_child("w:r");
    RunProps(r, f);
    if (!first) r.append_child("w:br");
    auto t = r.append_child("w:t");
    t.append_attribute("xml:space") = "preserve";
    t.text().set(line.c_str());
    first = false;
  }
  return p;
}

pugi::xml_node Cell(pugi::xml_node row, int width_twips) {
  auto tc = row.append_child("w:tc");
  auto w = tc.append_child("w:tcPr").append_child("w:tcW");
  w.append_attribute("w:w") = width_twips;
  w.append_attribute("w:type") = "dxa";
  return tc;
}

pugi::xml_node NewTable(pugi::xml_node body, bool borders) {
  auto tbl = body.append_child("w:tbl");
  auto pr = tbl.append_child("w:tblPr");
  auto w = pr.append_child("w:tblW");
  w.append_attribute("w:w") = 0;
  w.append_attribute("w:type") = "auto";
  auto b = pr.append_child("w:tblBorders");
  for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
    auto e = b.append_child(side);
    e.append_attribute("w:val") = borders ? "single" : "nil";
    if (borders) e.append_attribute("w:sz") = 4;
  }
  return tbl;
}

std::string Xml(const pugi::xml_document& d) {
  std::ostringstream out;
  d.save(out, "", pugi::format_raw);
  return out.str();
}

constexpr int kTextTwips = 11906 - 1701 - 850;  // A4 width minus 30 mm and 15 mm

}  // namespace

Result<std::string> WriteDocumentDocx(const OfficialDocument& doc) {
  pugi::xml_document d;
  auto decl = d.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  decl.append_attribute("standalone") = "yes";
  auto root = d.append_child("w:document");
  root.append_attribute("xmlns:w") = kW;
  root.append_attribute("xmlns:r") = kR;
  auto body = root.append_child("w:body");

  // The header: issuer and number on the left; nation, motto and date on the right.
  // The quốc hiệu (12 pt bold, about 93 mm) must fit on one line inside the right cell and its
  // margins (LibreOffice: 1,9 mm a side), so the right column takes 101 mm.
  const int left = 3600, right = kTextTwips - left;
  auto head = NewTable(body, false);
  auto grid = head.append_child("w:tblGrid");
  grid.append_child("w:gridCol").append_attribute("w:w") = left;
  grid.append_child("w:gridCol").append_attribute("w:w") = right;
  auto row = head.append_child("w:tr");
  auto l = Cell(row, left);
  if (!doc.parent_body.empty()) Para(l, doc.parent_body, {26, false, false}, "center");
  Para(l, doc.issuing_body, {26, true, false}, "center", false, 120);
  Para(l, doc.number_symbol, {26, false, false}, "center");
  auto r = Cell(row, right);
  Para(r, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {24, true, false}, "center");
  Para(r, "Độc lập - Tự do - Hạnh phúc", {26, true, false}, "center", false, 120);
  Para(r, doc.place_date, {26, false, true}, "center");

  Para(body, "", {28, false, false}, "center");
  Para(body, doc.kind, {28, true, false}, "center");
  Para(body, doc.title, {28, true, false}, "center", false, 240);
  for (const auto& b : doc.bases) Para(body, b, {28, false, true}, "both", true, 120);
  for (const auto& block : doc.body) {
    if (block.kind == DocBlock::Kind::kParagraph) {
      const auto& p = block.paragraph;
      const char* style = p.style == DocParagraph::Style::kHeading1   ? "Heading1"
                          : p.style == DocParagraph::Style::kHeading2 ? "Heading2"
                          : p.style == DocParagraph::Style::kHeading3 ? "Heading3"
                                                                      : "BodyText";
      Para(body, p.text,
           {28,
            p.style == DocParagraph::Style::kHeading1 || p.style == DocParagraph::Style::kHeading2,
            p.italic || p.style == DocParagraph::Style::kHeading3},
           "both", true, 120, style);
      continue;
    }
    const auto& t = block.table;
    auto tbl = NewTable(body, true);
    auto g = tbl.append_child("w:tblGrid");
    std::vector<int> widths;
    for (size_t i = 0; i < t.columns.size(); ++i) {
      double frac = i < t.widths.size() ? t.widths[i] : 1.0 / static_cast<double>(t.columns.size());
      widths.push_back(static_cast<int>(frac * kTextTwips));
      g.append_child("w:gridCol").append_attribute("w:w") = widths.back();
    }
    auto add = [&](const std::vector<std::string>& cells, bool header) {
      auto tr = tbl.append_child("w:tr");
      if (header) tr.append_child("w:trPr").append_child("w:tblHeader");
      for (size_t i = 0; i < widths.size(); ++i)
        Para(Cell(tr, widths[i]), i < cells.size() ? cells[i] : "", {24, header, false},
             header ? "center" : "left");
    };
    add(t.columns, true);
    for (const auto& rw : t.rows) add(rw, false);
    Para(body, "", {28, false, false}, "left");
  }

  // Signer and recipients.
  auto sign = NewTable(body, false);
  auto sg = sign.append_child("w:tblGrid");
  sg.append_child("w:gridCol").append_attribute("w:w") = kTextTwips / 2;
  sg.append_child("w:gridCol").append_attribute("w:w") = kTextTwips / 2;
  auto srow = sign.append_child("w:tr");
  auto sl = Cell(srow, kTextTwips / 2);
  Para(sl, "Nơi nhận:", {24, true, true}, "left");
  for (const auto& rc : doc.recipients) Para(sl, rc, {22, false, false}, "left");
  auto sr = Cell(srow, kTextTwips / 2);
  for (const auto* s : {&doc.signer.on_behalf_of, &doc.signer.authority, &doc.signer.title})
    if (!s->empty()) Para(sr, *s, {28, true, false}, "center");
  Para(sr, "\n\n\n", {28, false, false}, "center");
  Para(sr, doc.signer.name, {28, true, false}, "center");

  auto sect = body.append_child("w:sectPr");
  auto hdr = sect.append_child("w:headerReference");
  hdr.append_attribute("w:type") = "default";
  hdr.append_attribute("r:id") = "rIdHeader";
  auto pg = sect.append_child("w:pgSz");
  pg.append_attribute("w:w") = 11906;
  pg.append_attribute("w:h") = 16838;
  auto mar = sect.append_child("w:pgMar");
  mar.append_attribute("w:top") = 1134;     // 20 mm
  mar.append_attribute("w:right") = 850;    // 15 mm
  mar.append_attribute("w:bottom") = 1134;  // 20 mm
  mar.append_attribute("w:left") = 1701;    // 30 mm
  mar.append_attribute("w:header") = 567;
  mar.append_attribute("w:footer") = 567;
  mar.append_attribute("w:gutter") = 0;
  sect.append_child("w:titlePg");  // no page number on page 1

  // Every run of the field carries the size: Word and LibreOffice show the result ("2") in
  // its own run's formatting.
  const std::string page_rpr =
      "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
      "w:cs=\"Times New Roman\"/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr>";
  const std::string header_xml =
      std::string(
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:hdr xmlns:w=\"") +
      kW +
      "\"><w:p><w:pPr><w:jc w:val=\"center\"/><w:rPr><w:sz w:val=\"26\"/></w:rPr></w:pPr><w:r>" +
      page_rpr + "<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>" + page_rpr +
      "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r>" + page_rpr +
      "<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>" + page_rpr + "<w:t>2</w:t></w:r><w:r>" +
      page_rpr + "<w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>";
  // The styles a person editing in Word or LibreOffice finds: the body (Times New Roman 14,
  // justified, first line indented 1,27 cm, 6 pt after) and three heading levels kept with the
  // paragraph that follows (the navigation pane lists them). Paragraphs also carry their
  // formatting directly, so the document reads the same wherever the styles are replaced.
  const std::string styles_xml =
      std::string(
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:styles xmlns:w=\"") +
      kW +
      "\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
      "w:hAnsi=\"Times New Roman\" "
      "w:cs=\"Times New Roman\" w:eastAsia=\"Times New Roman\"/><w:sz w:val=\"28\"/><w:szCs "
      "w:val=\"28\"/>"
      "<w:lang w:val=\"vi-VN\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing "
      "w:after=\"0\" "
      "w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
      "w:val=\"Normal\"/><w:qFormat/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"BodyText\"><w:name w:val=\"Body "
      "Text\"/><w:basedOn w:val=\"Normal\"/>"
      "<w:qFormat/><w:pPr><w:spacing w:after=\"120\"/><w:ind w:firstLine=\"720\"/><w:jc "
      "w:val=\"both\"/></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading "
      "1\"/><w:basedOn w:val=\"BodyText\"/>"
      "<w:next w:val=\"BodyText\"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl "
      "w:val=\"0\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading "
      "2\"/><w:basedOn w:val=\"BodyText\"/>"
      "<w:next w:val=\"BodyText\"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl "
      "w:val=\"1\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading "
      "3\"/><w:basedOn w:val=\"BodyText\"/>"
      "<w:next w:val=\"BodyText\"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl "
      "w:val=\"2\"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>"
      "</w:styles>";
  const std::string types =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" "
      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/word/document.xml\" "
      "ContentType=\"application/"
      "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
      "<Override PartName=\"/word/header1.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
      "<Override PartName=\"/word/styles.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/"
      "></Types>";
  const std::string rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
      "Target=\"word/document.xml\"/></Relationships>";
  const std::string doc_rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rIdHeader\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" "
      "Target=\"header1.xml\"/><Relationship Id=\"rIdStyles\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
      "Target=\"styles.xml\"/></Relationships>";
  const std::string document_xml = Xml(d);

  // libzip writes to a file; the package is read back and the file removed.
  const auto path = std::filesystem::temp_directory_path() /
                    ("binhdang-docx-" + std::to_string(getpid()) + "-" +
                     std::to_string(reinterpret_cast<uintptr_t>(&d)) + ".docx");
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!z) return Error::Internal("zip_open " + std::to_string(err));
  const std::pair<const char*, const std::string*> parts[] = {
      {"[Content_Types].xml", &types},
      {"_rels/.rels", &rels},
      {"word/_rels/document.xml.rels", &doc_rels},
      {"word/document.xml", &document_xml},
      {"word/header1.xml", &header_xml},
      {"word/styles.xml", &styles_xml}};
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(z, data->data(), data->size(), 0);
    if (!s || zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8) < 0) {
      if (s) zip_source_free(s);
      zip_discard(z);
      return Error::Internal("zip_file_add");
    }
  }
  if (zip_close(z) != 0) {
    zip_discard(z);
    std::filesystem::remove(path);
    return Error::Internal("zip_close");
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  return bytes;
}

}  // namespace binhdang::documents
