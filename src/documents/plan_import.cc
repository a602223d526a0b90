#include "documents/plan_import.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>

#include "common/text.h"
#include "documents/zip_package.h"

namespace binhdang::documents {

namespace {

using domain::Activity;
using domain::ActivitySection;
using domain::Assignee;

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// ---------------------------------------------------------------------------------------------
// Code points.

UChar32 CodePointAt(std::string_view s, size_t i, size_t* next = nullptr) {
  int32_t pos = static_cast<int32_t>(i);
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), pos, static_cast<int32_t>(s.size()), c);
  if (next) *next = static_cast<size_t>(pos);
  return c;
}
UChar32 FirstCodePoint(std::string_view s) { return s.empty() ? -1 : CodePointAt(s, 0); }
UChar32 LastCodePoint(std::string_view s) {
  if (s.empty()) return -1;
  int32_t pos = static_cast<int32_t>(s.size());
  UChar32 c = 0;
  U8_PREV(reinterpret_cast<const uint8_t*>(s.data()), 0, pos, c);
  return c;
}
bool StartsLower(std::string_view s) {
  UChar32 c = FirstCodePoint(s);
  return c > 0 && u_islower(c);
}

//! Upper case as a heading is: at least three letters and none of them lower case.
bool IsUpperLine(std::string_view s) {
  int letters = 0;
  for (size_t i = 0; i < s.size();) {
    size_t next = i;
    UChar32 c = CodePointAt(s, i, &next);
    if (next <= i) break;
    if (c > 0 && u_isalpha(c)) {
      if (u_islower(c)) return false;
      ++letters;
    }
    i = next;
  }
  return letters >= 3;
}

//! `s` with its first letter in upper case ("phát động" -> "Phát động").
std::string UpperFirst(std::string_view s) {
  if (s.empty()) return {};
  size_t next = 0;
  UChar32 c = CodePointAt(s, 0, &next);
  if (c <= 0 || !u_islower(c)) return std::string(s);
  UChar32 up = u_toupper(c);
  char buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, up, error);
  if (error) return std::string(s);
  return std::string(buf, static_cast<size_t>(n)) + std::string(s.substr(next));
}

std::string Fold(std::string_view s) { return text::Fold(s); }
bool FoldStarts(std::string_view s, std::string_view folded) {
  return StartsWith(Fold(s.substr(0, std::min<size_t>(s.size(), folded.size() * 3 + 8))), folded);
}
bool FoldHas(const std::string& folded, std::string_view what) {
  return folded.find(what) != std::string::npos;
}

// ---------------------------------------------------------------------------------------------
// Cleaning: one paragraph per line.

//! One line cleaned: bookmarks and emphasis marks out, tabs and no-break spaces as spaces (a
//! tab between table cells is kept), runs of spaces as one, trimmed.
std::string CleanLine(std::string_view in, bool keep_tabs) {
  std::string s;
  s.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    if (in[i] == '[' && StartsWith(in.substr(i), "[bookmark:")) {
      size_t close = in.find(']', i);
      if (close != std::string_view::npos) {
        i = close + 1;
        continue;
      }
    }
    if (in[i] == '*') {
      ++i;
      continue;
    }
    if (StartsWith(in.substr(i), "\xC2\xA0")) {  // U+00A0
      s += ' ';
      i += 2;
      continue;
    }
    if (in[i] == '\t' && !keep_tabs) {
      s += ' ';
      ++i;
      continue;
    }
    s += in[i++];
  }
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\t')) continue;
    if (c == '\t') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
    }
    out += c;
  }
  return text::Trim(out);
}

bool OnlyDigits(std::string_view s) {
  return !s.empty() && s.size() <= 3 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

//! A paragraph that goes on from the one before: that one ends on a letter, a digit or a
//! comma (no full stop, colon or semicolon) and this one starts with a lower-case letter.
bool Continues(std::string_view prev, std::string_view line) {
  if (prev.empty() || !StartsLower(line)) return false;
  // "a) …" opens a sub-item, whatever ends the line before.
  if (line.size() > 2 && line[0] >= 'a' && line[0] <= 'z' && line[1] == ')') return false;
  if (prev.find('\t') != std::string_view::npos || line.find('\t') != std::string_view::npos)
    return false;
  UChar32 last = LastCodePoint(prev);
  return last > 0 && (u_isalnum(last) || last == ',' || last == 0x2013 || last == '-');
}

std::string JoinParagraphs(const std::vector<std::string>& lines) {
  std::vector<std::string> paras;
  for (const auto& raw : lines) {
    std::string line = CleanLine(raw, true);
    if (line.empty() || OnlyDigits(line)) continue;
    if (!paras.empty() && Continues(paras.back(), line)) {
      paras.back() += ' ';
      paras.back() += line;
    } else {
      paras.push_back(std::move(line));
    }
  }
  std::string text;
  for (const auto& p : paras) {
    text += p;
    text += '\n';
  }
  return text;
}

std::vector<std::string> SplitLines(std::string_view s) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '\n' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v') {
      lines.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return lines;
}

Error NotADocument() {
  return Error::Invalid(
      "file", "tệp phải là văn bản Word (.docx), PDF có lớp chữ hoặc văn bản thuần (.txt, UTF-8)",
      "the file must be a .docx, a PDF with a text layer or UTF-8 plain text");
}

Result<ImportText> FromTxt(std::string_view bytes) {
  if (StartsWith(bytes, "\xEF\xBB\xBF")) bytes.remove_prefix(3);
  std::string s(bytes);
  for (char& c : s) {
    if (c == '\r' || c == '\f' || c == '\v') c = '\n';
  }
  if (!text::IsCleanUtf8(s)) return NotADocument();
  return ImportText{"txt", JoinParagraphs(SplitLines(text::Nfc(s)))};
}

// --- DOCX: the body's paragraphs in order; a table of three or more columns a row per line
// (cells split by tabs), a narrower one (the header, the signer block) a paragraph per line.

struct DocxReader {
  ZipPackage* zip;
  std::vector<std::string> lines;
  bool too_large = false;
  const std::map<std::string, std::string>* footnotes = nullptr;  // w:id -> its text

  //! The paragraph's text; a footnote reference is resolved in place as "(its text)", so what
  //! a basis' footnote says is read with it.
  std::string ParagraphText(const pugi::xml_node& p) const {
    std::string s;
    for (auto n :
         p.select_nodes(".//w:t | .//w:tab | .//w:br | .//w:cr | .//w:footnoteReference")) {
      const pugi::xml_node node = n.node();
      const std::string_view name = node.name();
      if (name == "w:t") {
        s += node.text().get();
      } else if (name == "w:tab") {
        s += ' ';
      } else if (name == "w:footnoteReference") {
        if (!footnotes) continue;
        auto it = footnotes->find(node.attribute("w:id").value());
        if (it != footnotes->end() && !it->second.empty()) s += " (" + it->second + ")";
      } else {
        s += '\n';
      }
    }
    return s;
  }
  void Paragraph(const pugi::xml_node& p) {
    for (auto& line : SplitLines(ParagraphText(p))) {
      if (!zip->Charge(line.size() + 32)) {
        too_large = true;
        return;
      }
      lines.push_back(std::move(line));
    }
  }
  void Block(const pugi::xml_node& parent, int depth) {
    if (depth > 8) return;
    for (auto child : parent.children()) {
      const std::string_view name = child.name();
      if (name == "w:p") {
        Paragraph(child);
      } else if (name == "w:tbl") {
        Table(child, depth);
      } else if (name == "w:sdt") {
        Block(child.child("w:sdtContent"), depth + 1);
      }
      if (too_large) return;
    }
  }
  void Table(const pugi::xml_node& tbl, int depth) {
    size_t columns = 0;
    for (auto col : tbl.child("w:tblGrid").children("w:gridCol")) {
      (void)col;
      ++columns;
    }
    for (auto tr : tbl.children("w:tr")) {
      if (columns < 3) {
        for (auto tc : tr.children("w:tc")) Block(tc, depth + 1);
        continue;
      }
      std::string row;
      bool first = true;
      for (auto tc : tr.children("w:tc")) {
        std::string cell;
        for (auto p : tc.children("w:p")) {
          std::string t = ParagraphText(p);
          for (char& c : t) {
            if (c == '\n' || c == '\t') c = ' ';
          }
          if (!cell.empty() && !t.empty()) cell += ' ';
          cell += t;
        }
        if (!first) row += '\t';
        row += cell.empty() ? std::string(" ") : cell;
        first = false;
      }
      if (!zip->Charge(row.size() + 32)) {
        too_large = true;
        return;
      }
      lines.push_back(std::move(row));
    }
  }
};

Result<ImportText> FromDocx(std::string_view bytes) {
  BD_ASSIGN_OR_RETURN(auto zip, ZipPackage::Open(bytes, kDocxPackage, kImportMaxBytes));
  BD_ASSIGN_OR_RETURN(std::string xml, zip.Read("word/document.xml", true));
  pugi::xml_document doc;
  BD_RETURN_IF_ERROR(zip.Parse(doc, xml));
  pugi::xml_node body = doc.child("w:document").child("w:body");
  if (!body) return zip.Damaged();
  // Footnotes, by id (the separators Word writes as ids -1 and 0 have no text).
  std::map<std::string, std::string> notes;
  BD_ASSIGN_OR_RETURN(std::string notes_xml, zip.Read("word/footnotes.xml", false));
  pugi::xml_document notes_doc;
  if (!notes_xml.empty()) {
    BD_RETURN_IF_ERROR(zip.Parse(notes_doc, notes_xml));
    DocxReader plain{&zip, {}, false, nullptr};
    for (auto fn : notes_doc.child("w:footnotes").children("w:footnote")) {
      std::string t;
      for (auto p : fn.children("w:p")) {
        std::string one = plain.ParagraphText(p);
        for (char& c : one) {
          if (c == '\n') c = ' ';
        }
        t += (t.empty() ? "" : " ") + one;
      }
      t = text::Trim(t);
      if (!t.empty() && !zip.Charge(t.size() + 64)) return zip.TooLarge();
      notes[fn.attribute("w:id").value()] = t;
    }
  }
  DocxReader reader{&zip, {}, false, &notes};
  reader.Block(body, 0);
  if (reader.too_large) return zip.TooLarge();
  std::string joined;
  for (const auto& l : reader.lines) {
    joined += l;
    joined += '\n';
  }
  return ImportText{"docx", JoinParagraphs(SplitLines(text::Nfc(joined)))};
}

// --- PDF: the words of each page grouped into lines, a line split into columns where a wide
// gap stands; above the kind of document ("KẾ HOẠCH") the left column is read before the right.
// A line joins the one before when that one runs to the right margin and this one is not
// indented (a justified paragraph).

void QuietPoppler(const std::string&, void*) {}

struct PdfLine {
  double x0, x1, y, h;
  std::string text;
};

Result<ImportText> FromPdf(std::string_view bytes) {
  poppler::set_debug_error_function(QuietPoppler, nullptr);
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc || doc->is_locked()) {
    return Error::Invalid("file", "tệp PDF bị hỏng hoặc có mật khẩu",
                          "the PDF is damaged or locked");
  }
  std::vector<std::string> out;
  size_t total = 0;
  bool header = true;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    std::vector<poppler::text_box> words = page->text_list();
    std::vector<PdfLine> chunks;
    // Words in reading order come line by line; a new chunk where the baseline moves or a gap
    // wider than twice the line's height opens.
    for (const auto& w : words) {
      const poppler::rectf r = w.bbox();
      const poppler::byte_array utf8 = w.text().to_utf8();
      std::string t(utf8.begin(), utf8.end());
      if (t.empty()) continue;
      total += t.size() + 1;
      if (total > kImportMaxBytes) {
        return Error{ErrorCode::kPayloadTooLarge,
                     {"Văn bản quá lớn để nhập", "The document is too large to import"},
                     {},
                     0};
      }
      if (!chunks.empty()) {
        PdfLine& c = chunks.back();
        const double h = std::max(1.0, std::max(c.h, r.height()));
        if (std::fabs(r.top() - c.y) < 0.5 * h && r.left() >= c.x1 - 1 && r.left() - c.x1 < 2 * h) {
          c.text += ' ';
          c.text += t;
          c.x1 = r.right();
          continue;
        }
      }
      chunks.push_back({r.left(), r.right(), r.top(), r.height(), t});
    }
    if (chunks.empty()) continue;
    std::stable_sort(chunks.begin(), chunks.end(), [](const PdfLine& a, const PdfLine& b) {
      if (std::fabs(a.y - b.y) > 0.5 * std::max(a.h, b.h)) return a.y < b.y;
      return a.x0 < b.x0;
    });
    double left = 1e9, right = 0;
    for (const auto& c : chunks) {
      left = std::min(left, c.x0);
      right = std::max(right, c.x1);
    }
    const double mid = (left + right) / 2;
    if (header) {
      size_t kind = chunks.size();
      for (size_t k = 0; k < chunks.size(); ++k) {
        const std::string f = Fold(chunks[k].text);
        if (f == "ke hoach" || f == "bao cao" || f == "quyet dinh") {
          kind = k;
          break;
        }
      }
      if (kind < chunks.size()) {
        std::stable_partition(chunks.begin(), chunks.begin() + static_cast<long>(kind),
                              [&](const PdfLine& c) { return (c.x0 + c.x1) / 2 < mid; });
        header = false;
      }
    }
    // The recipients and the signer block stand side by side: the left column first.
    for (size_t k = 0; k < chunks.size(); ++k) {
      if (StartsWith(Fold(chunks[k].text), "noi nhan")) {
        std::stable_partition(chunks.begin() + static_cast<long>(k), chunks.end(),
                              [&](const PdfLine& c) { return (c.x0 + c.x1) / 2 < mid; });
        break;
      }
    }
    const PdfLine* prev = nullptr;
    for (const auto& c : chunks) {
      std::string t = text::Nfc(c.text);
      bool join = prev && !out.empty() && prev->x1 > right - 12 && std::fabs(c.x0 - left) < 3 &&
                  c.y - prev->y < 2.2 * std::max(c.h, prev->h) && c.y > prev->y;
      if (join) {
        out.back() += ' ';
        out.back() += t;
      } else {
        out.push_back(std::move(t));
      }
      prev = &c;
    }
  }
  if (out.empty()) {
    return Error::Invalid("file",
                          "tệp PDF không có lớp chữ (bản chụp cần nhận dạng chữ trước khi nhập)",
                          "the PDF has no text layer (a scan needs OCR first)");
  }
  return ImportText{"pdf", JoinParagraphs(out)};
}

}  // namespace

Result<ImportText> ExtractPlanText(std::string_view bytes) {
  if (bytes.size() > kImportMaxBytes) {
    return Error{
        ErrorCode::kPayloadTooLarge,
        {"Tệp quá lớn để nhập (tối đa 16 MB)", "The file is too large to import (16 MB at most)"},
        {},
        0};
  }
  if (bytes.empty()) return Error::Invalid("file", "tệp trống", "the file is empty");
  if (StartsWith(bytes, "%PDF-")) return FromPdf(bytes);
  if (StartsWith(bytes, "PK")) return FromDocx(bytes);
  return FromTxt(bytes);
}

size_t Utf16Offset(std::string_view s, size_t offset) {
  size_t units = 0;
  offset = std::min(offset, s.size());
  for (size_t i = 0; i < offset; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;
    units += c >= 0xF0 ? 2 : 1;
  }
  return units;
}

// ---------------------------------------------------------------------------------------------
// Reading the plan.

namespace {

struct Para {
  size_t begin = 0, end = 0;  // in the text
  std::string text;
};

//! A numbered or bulleted line: its marker ("II.", "3.", "b)", "-", "+") and the rest.
struct Marker {
  enum Kind { kNone, kRoman, kNumber, kLetter, kDash, kPlus } kind = kNone;
  int number = 0;
  std::string rest;
};

Marker MarkerOf(const std::string& s) {
  Marker m;
  size_t i = 0;
  if (StartsWith(s, "- ") || StartsWith(s, "\u2013 ")) {
    m.kind = Marker::kDash;
    m.rest = text::Trim(s.substr(s[0] == '-' ? 2 : 4));
    return m;
  }
  if (StartsWith(s, "+ ")) {
    m.kind = Marker::kPlus;
    m.rest = text::Trim(s.substr(2));
    return m;
  }
  while (i < s.size() && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X')) ++i;
  if (i > 0 && i <= 4 && i + 1 < s.size() && s[i] == '.' && s[i + 1] == ' ') {
    m.kind = Marker::kRoman;
    m.rest = text::Trim(s.substr(i + 2));
    return m;
  }
  i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i > 0 && i <= 2 && i < s.size() && s[i] == '.' && (i + 1 == s.size() || s[i + 1] == ' ')) {
    // "1. ", not "1.2" and not a date
    m.kind = Marker::kNumber;
    m.number = std::stoi(s.substr(0, i));
    m.rest = text::Trim(s.substr(i + 1));
    return m;
  }
  if (s.size() > 3 && s[0] >= 'a' && s[0] <= 'z' && s[1] == ')' && s[2] == ' ') {
    m.kind = Marker::kLetter;
    m.number = s[0] - 'a' + 1;
    m.rest = text::Trim(s.substr(3));
    return m;
  }
  m.rest = s;
  return m;
}

//! "Mục đích: Triển khai …" -> {"Mục đích", "Triển khai …"}; no colon: {s, ""}.
std::pair<std::string, std::string> LabelAndRest(const std::string& s) {
  size_t colon = s.find(": ");
  if (colon == std::string::npos && EndsWith(s, ":")) colon = s.size() - 1;
  if (colon == std::string::npos || colon > 160) return {s, ""};
  return {text::Trim(s.substr(0, colon)), text::Trim(s.substr(std::min(s.size(), colon + 1)))};
}

std::string StripEnd(std::string s, std::string_view chars = " .;:,") {
  while (!s.empty() && chars.find(s.back()) != std::string_view::npos) s.pop_back();
  return s;
}

std::string StripQuotes(std::string s) {
  s = text::Trim(s);
  s = StripEnd(s, " .");
  for (const char* q : {"\u201C", "\"", "\u201D"}) {
    if (StartsWith(s, q)) s = s.substr(std::string_view(q).size());
    if (EndsWith(s, q)) s.resize(s.size() - std::string_view(q).size());
  }
  return text::Trim(s);
}

std::optional<int> Number(std::string_view s, size_t& i, int max_digits) {
  size_t start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < static_cast<size_t>(max_digits))
    ++i;
  if (i == start) return std::nullopt;
  return std::stoi(std::string(s.substr(start, i - start)));
}
void Spaces(std::string_view s, size_t& i) {
  while (i < s.size() && s[i] == ' ') ++i;
}

//! A date "dd/mm/yyyy" (spaces allowed around the slashes) at `i`.
std::optional<Date> SlashDate(std::string_view s, size_t& i) {
  size_t j = i;
  auto d = Number(s, j, 2);
  Spaces(s, j);
  if (!d || j >= s.size() || s[j] != '/') return std::nullopt;
  ++j;
  Spaces(s, j);
  auto m = Number(s, j, 2);
  Spaces(s, j);
  if (!m || j >= s.size() || s[j] != '/') return std::nullopt;
  ++j;
  Spaces(s, j);
  auto y = Number(s, j, 4);
  if (!y || *y < 1945 || *y > 2100 || *m < 1 || *m > 12 || *d < 1 || *d > DaysInMonth(*y, *m))
    return std::nullopt;
  i = j;
  return Date(*y, *m, *d);
}

//! The first date after `word` ("trước ngày 10/12/2024"), searching from `from`.
std::optional<Date> DateAfter(std::string_view s, std::string_view word, size_t from = 0,
                              size_t* at = nullptr) {
  for (size_t p = s.find(word, from); p != std::string_view::npos; p = s.find(word, p + 1)) {
    size_t i = p + word.size();
    Spaces(s, i);
    if (auto d = SlashDate(s, i)) {
      if (at) *at = i;
      return d;
    }
  }
  return std::nullopt;
}

class Reader {
 public:
  Reader(ImportText source, const AgencyLookup& agencies) : agencies_(agencies) {
    out_.source = std::move(source);
    const std::string& t = out_.source.text;
    size_t start = 0;
    for (size_t i = 0; i < t.size(); ++i) {
      if (t[i] != '\n') continue;
      paras_.push_back({start, i, t.substr(start, i - start)});
      start = i + 1;
    }
    if (start < t.size()) paras_.push_back({start, t.size(), t.substr(start)});
  }

  PlanImport Read() {
    size_t i = Header();
    i = TitleAndPreamble(i);
    Body(i);
    return std::move(out_);
  }

 private:
  void Field(std::string path, std::string value, const Para& p, double confidence) {
    Field(std::move(path), std::move(value), p.begin, p.end, confidence);
  }
  void Field(std::string path, std::string value, size_t begin, size_t end, double confidence) {
    out_.fields.push_back({std::move(path), std::move(value), begin, end, confidence});
  }
  //! The span of `part` inside paragraph `p`, or the paragraph.
  std::pair<size_t, size_t> Span(const Para& p, std::string_view part) const {
    size_t at = part.empty() ? std::string::npos : p.text.find(part);
    if (at == std::string::npos) return {p.begin, p.end};
    return {p.begin + at, p.begin + at + part.size()};
  }
  void FieldIn(std::string path, std::string value, const Para& p, std::string_view part,
               double confidence) {
    auto [b, e] = Span(p, part);
    Field(std::move(path), std::move(value), b, e, confidence);
  }

  // --- header: issuer, number and symbol, place and date, up to "KẾ HOẠCH".
  size_t Header() {
    size_t kind = paras_.size();
    for (size_t i = 0; i < paras_.size() && i < 40; ++i) {
      if (Fold(paras_[i].text) == "ke hoach") {
        kind = i;
        break;
      }
    }
    const size_t end = kind < paras_.size() ? kind : std::min<size_t>(paras_.size(), 12);
    std::string issuer;
    size_t issuer_begin = 0, issuer_end = 0;
    for (size_t i = 0; i < end; ++i) {
      const Para& p = paras_[i];
      const std::string f = Fold(p.text);
      if (StartsWith(f, "so:") || StartsWith(f, "so :")) {
        NumberAndSymbol(p);
      } else if (FoldHas(f, ", ngay") && FoldHas(f, "thang") && FoldHas(f, "nam")) {
        PlaceAndDate(p);
      } else if (StartsWith(f, "cong hoa xa hoi") || StartsWith(f, "doc lap")) {
        continue;
      } else if (IsUpperLine(p.text) && kind < paras_.size()) {
        if (issuer.empty()) issuer_begin = p.begin;
        issuer += (issuer.empty() ? "" : " ") + p.text;
        issuer_end = p.end;
      } else if (kind == paras_.size()) {
        return i;  // no "KẾ HOẠCH": the header ends at the first line that is none of these
      }
    }
    if (!issuer.empty()) {
      out_.issuer = issuer;
      Field("issuer", issuer, issuer_begin, issuer_end, 0.9);
    }
    return kind < paras_.size() ? kind + 1 : end;
  }

  void NumberAndSymbol(const Para& p) {
    std::string_view s = p.text;
    size_t i = s.find(':');
    if (i == std::string_view::npos) return;
    ++i;
    Spaces(s, i);
    size_t num_at = i;
    auto n = documents::Number(s, i, 6);
    Spaces(s, i);
    if (i >= s.size() || s[i] != '/') return;
    if (n) {
      out_.plan.number = *n;
      Field("number", std::to_string(*n), p.begin + num_at,
            p.begin + num_at + std::to_string(*n).size(), 1);
    }
    ++i;
    Spaces(s, i);
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    std::string symbol(s.substr(i, j - i));
    if (!symbol.empty()) {
      out_.plan.symbol = symbol;
      Field("symbol", symbol, p.begin + i, p.begin + j, 1);
    }
  }

  void PlaceAndDate(const Para& p) {
    const std::string& s = p.text;
    size_t comma = s.find(", ng");
    if (comma == std::string::npos) return;
    std::string place = text::Trim(s.substr(0, comma));
    if (!place.empty() && place.size() < 80) {
      out_.plan.place = place;
      Field("place", place, p.begin, p.begin + comma, 1);
    }
    // "ngày 16 tháng 3 năm 2021"; the day or month may be blank in a copy sent for signature.
    std::string_view rest(s);
    size_t i = comma + 2;
    auto after = [&](std::string_view word) -> std::optional<int> {
      size_t at = rest.find(word, i);
      if (at == std::string_view::npos) return std::nullopt;
      i = at + word.size();
      Spaces(rest, i);
      return documents::Number(rest, i, 4);
    };
    auto day = after("ngày");
    auto month = after("tháng");
    auto year = after("năm");
    if (day && month && year && *month >= 1 && *month <= 12 && *day >= 1 &&
        *day <= DaysInMonth(*year, *month)) {
      out_.plan.issued_on = Date(*year, *month, *day);
      Field("issued_on", out_.plan.issued_on->Iso(), p.begin + comma + 2, p.end, 1);
    }
  }

  // --- title (trích yếu), the bases printed on their own, the preamble with its bases.
  bool IsBasisLine(const std::string& s) const {
    return (FoldStarts(s, "can cu") || FoldStarts(s, "thuc hien")) &&
           s.find(" số ") != std::string::npos && s.find('/') != std::string::npos;
  }

  size_t TitleAndPreamble(size_t i) {
    const bool had_kind = i > 0 && i - 1 < paras_.size() && Fold(paras_[i - 1].text) == "ke hoach";
    if (had_kind && i < paras_.size()) {
      std::string title = paras_[i].text;
      size_t b = paras_[i].begin, e = paras_[i].end;
      ++i;
      // A title set on several lines: the lines that follow are not a basis, a heading or body.
      while (i < paras_.size() && paras_[i].text.size() < 200 && !IsBasisLine(paras_[i].text) &&
             MarkerOf(paras_[i].text).kind == Marker::kNone && StartsLower(paras_[i].text)) {
        title += ' ' + paras_[i].text;
        e = paras_[i].end;
        ++i;
      }
      out_.plan.title = title;
      Field("title", title, b, e, 0.95);
      const std::string f = Fold(title);
      if (FoldHas(f, "thang hanh dong")) {
        out_.plan.kind = domain::PlanKind::kActionMonth;
      } else if (FoldHas(f, "chuong trinh") || FoldHas(f, "giai doan")) {
        out_.plan.kind = domain::PlanKind::kProgramme;
      } else if (FoldHas(f, "nam ")) {
        out_.plan.kind = domain::PlanKind::kAnnual;
      }
      Field("kind", std::string(domain::PlanKindName(out_.plan.kind)), b, e, 0.7);
    }
    std::string preamble;
    size_t pre_b = 0, pre_e = 0;
    for (; i < paras_.size(); ++i) {
      const Para& p = paras_[i];
      if (MarkerOf(p.text).kind == Marker::kRoman) break;
      Bases(p);
      // A line that is only a basis ("Căn cứ Luật … ;") stands before the body, not in it.
      if (FoldStarts(p.text, "can cu") && (EndsWith(p.text, ";") || EndsWith(p.text, ".")) &&
          !FoldHas(Fold(p.text), "ban hanh ke hoach") &&
          !FoldHas(Fold(p.text), "xay dung ke hoach")) {
        continue;
      }
      if (preamble.empty()) pre_b = p.begin;
      preamble += (preamble.empty() ? "" : "\n") + p.text;
      pre_e = p.end;
    }
    if (!preamble.empty()) {
      out_.plan.content.preamble = preamble;
      Field("content.preamble", preamble, pre_b, pre_e, 0.9);
    }
    return i;
  }

  //! Every "<kind> số <n>/<symbol>[,] ngày dd/mm/yyyy của <issuer> [về] <title>" in `p`.
  void Bases(const Para& p) {
    static const char* kKinds[] = {
        "Bộ luật",  "Luật",     "Nghị quyết",   "Nghị định", "Quyết định", "Chỉ thị",   "Thông tư",
        "Kế hoạch", "Công văn", "Chương trình", "Hướng dẫn", "Đề án",      "Thông báo", "Văn bản"};
    const std::string& s = p.text;
    size_t from = 0;
    while (from < s.size()) {
      size_t best = std::string::npos;
      const char* kind = nullptr;
      for (const char* k : kKinds) {
        std::string needle = std::string(k) + " số ";
        size_t at = s.find(needle, from);
        if (at != std::string::npos && (best == std::string::npos || at < best)) {
          best = at;
          kind = k;
        }
      }
      if (best == std::string::npos) return;
      size_t i = best + std::string_view(kind).size() + std::string_view(" số ").size();
      size_t num_b = i;
      while (i < s.size() && s[i] != ' ' && s[i] != ',' && s[i] != ';') ++i;
      std::string number = s.substr(num_b, i - num_b);
      if (number.find('/') == std::string::npos) {
        from = i;
        continue;
      }
      domain::PlanBasis basis;
      basis.document = std::string(kind) + " số " + number;
      size_t j = i;
      while (j < s.size() && (s[j] == ',' || s[j] == ' ')) ++j;
      if (StartsWith(std::string_view(s).substr(j), "ngày ")) {
        size_t k = j + std::string_view("ngày ").size();
        if (auto d = SlashDate(s, k)) {
          basis.date = d;
          j = k;
        }
      }
      Spaces(s, j);
      // The end of this basis: the next "; <Kind> số", else a full stop or a semicolon.
      size_t end = s.size();
      for (const char* k : kKinds) {
        size_t at = s.find(std::string("; ") + k + " số ", j);
        if (at != std::string::npos) end = std::min(end, at);
      }
      for (const char* stop : {". ", ";", ", Ủy ban", ", UBND", ". UBND"}) {
        size_t at = s.find(stop, j);
        if (at != std::string::npos) end = std::min(end, at);
      }
      if (EndsWith(std::string_view(s).substr(0, end), ".")) --end;
      std::string rest = text::Trim(s.substr(j, end - j));
      if (StartsWith(rest, "của ")) {
        rest = rest.substr(std::string_view("của ").size());
        size_t about = std::string::npos;
        for (const char* w : {" về ", " V/v ", " phê duyệt ", " ban hành ", " hướng dẫn "}) {
          size_t at = rest.find(w);
          if (at != std::string::npos && at < about) about = at;
        }
        basis.issuer = text::Trim(rest.substr(0, about));
        if (about != std::string::npos) {
          std::string title = text::Trim(rest.substr(about));
          for (const char* lead : {"về việc ", "về ", "V/v "}) {
            if (StartsWith(title, lead)) {
              title = title.substr(std::string_view(lead).size());
              break;
            }
          }
          basis.title = StripEnd(title);
        }
      } else {
        for (const char* lead : {"về việc ", "về ", "V/v "}) {
          if (StartsWith(rest, lead)) {
            rest = rest.substr(std::string_view(lead).size());
            break;
          }
        }
        basis.title = StripEnd(rest);
      }
      // The same document named again (a basis printed on its own and in the preamble) is one.
      bool seen = false;
      for (const auto& b : out_.plan.content.bases) seen = seen || b.document == basis.document;
      if (!seen) {
        const std::string path =
            "content.bases[" + std::to_string(out_.plan.content.bases.size()) + "]";
        Field(path + ".document", basis.document, p.begin + best, p.begin + i, 1);
        if (basis.date) Field(path + ".date", basis.date->Iso(), p.begin + i, p.begin + j, 1);
        if (!basis.issuer.empty()) FieldIn(path + ".issuer", basis.issuer, p, basis.issuer, 0.8);
        if (!basis.title.empty()) FieldIn(path + ".title", basis.title, p, basis.title, 0.8);
        out_.plan.content.bases.push_back(std::move(basis));
      }
      from = std::max(end, i);
    }
  }

  // --- the body: sections (I., II.), items (1.), sub-items (a)), bullets, paragraphs.
  struct Item {
    Marker marker;
    const Para* head = nullptr;
    std::string label, inline_text;  // "Mục đích", "Triển khai …"
    std::vector<const Para*> lines;  // bullets and paragraphs under it, in order
    std::vector<Item> subs;          // a) b) c)
  };
  struct Section {
    const Para* head = nullptr;
    std::string folded;
    std::vector<const Para*> intro;
    std::vector<Item> items;
  };

  void Body(size_t i) {
    std::vector<Section> sections;
    size_t end = paras_.size();
    size_t closing = end, recipients = end, annex = end;
    for (size_t k = i; k < paras_.size(); ++k) {
      const std::string f =
          Fold(paras_[k].text.substr(0, std::min<size_t>(paras_[k].text.size(), 40)));
      if (closing == end && StartsWith(f, "tren day la")) closing = k;
      if (recipients == end && StartsWith(f, "noi nhan")) recipients = k;
      if (annex == end && k > i && (StartsWith(f, "de cuong") || StartsWith(f, "phu luc")) &&
          IsUpperLine(paras_[k].text)) {
        annex = k;
      }
    }
    const size_t body_end = std::min({closing, recipients, annex});
    for (size_t k = i; k < body_end; ++k) {
      const Para& p = paras_[k];
      Marker m = MarkerOf(p.text);
      if (m.kind == Marker::kRoman) {
        sections.push_back({&p, Fold(m.rest), {}, {}});
        continue;
      }
      if (sections.empty()) continue;
      Section& s = sections.back();
      if (m.kind == Marker::kNumber) {
        Item item;
        item.marker = m;
        item.head = &p;
        std::tie(item.label, item.inline_text) = LabelAndRest(m.rest);
        s.items.push_back(std::move(item));
      } else if (m.kind == Marker::kLetter && !s.items.empty()) {
        Item sub;
        sub.marker = m;
        sub.head = &p;
        std::tie(sub.label, sub.inline_text) = LabelAndRest(m.rest);
        s.items.back().subs.push_back(std::move(sub));
      } else if (!s.items.empty()) {
        Item& it = s.items.back();
        (it.subs.empty() ? it.lines : it.subs.back().lines).push_back(&p);
      } else {
        s.intro.push_back(&p);
      }
    }
    for (const auto& s : sections) SectionContent(s);
    if (closing < paras_.size()) {
      out_.plan.content.closing = paras_[closing].text;
      Field("content.closing", paras_[closing].text, paras_[closing], 0.95);
    }
    if (recipients < paras_.size()) Recipients(recipients, annex);
    Table(i, body_end);
  }

  static std::string LineText(const Para* p) {
    Marker m = MarkerOf(p->text);
    return m.kind == Marker::kDash || m.kind == Marker::kPlus ? m.rest : p->text;
  }

  //! The texts of an item: what stands after its label's colon, then its lines.
  std::vector<std::pair<std::string, const Para*>> Texts(const Item& it) const {
    std::vector<std::pair<std::string, const Para*>> out;
    if (!it.inline_text.empty()) out.push_back({UpperFirst(it.inline_text), it.head});
    for (const Para* p : it.lines) {
      if (p->text.find('\t') != std::string::npos) continue;  // a table row
      // "+ …" under "- …": a point of that bullet, kept with it on a line of its own.
      if (MarkerOf(p->text).kind == Marker::kPlus && !out.empty()) {
        out.back().first += "\n" + p->text;
        continue;
      }
      out.push_back({LineText(p), p});
    }
    return out;
  }

  void SectionContent(const Section& s) {
    const std::string& f = s.folded;
    const bool purpose = FoldHas(f, "muc dich") || FoldHas(f, "yeu cau");
    const bool objective = FoldHas(f, "muc tieu");
    const bool budget = StartsWith(f, "kinh phi");
    const bool organise = FoldHas(f, "to chuc thuc hien");
    if (budget) {
      Budget(s.items, &s);
      return;
    }
    for (const auto& it : s.items) {
      const std::string label = Fold(it.label);
      if (FoldHas(label, "bang phan cong")) {
        continue;  // binhdang's table of who does what: read by Table()
      } else if (purpose && StartsWith(label, "muc dich")) {
        List("content.purposes", out_.plan.content.purposes, it);
      } else if (purpose && StartsWith(label, "yeu cau")) {
        List("content.requirements", out_.plan.content.requirements, it);
      } else if (StartsWith(label, "muc tieu chung") ||
                 (objective && StartsWith(label, "muc tieu") && !FoldHas(label, "cu the") &&
                  !FoldHas(label, "chi tieu"))) {
        std::string text;
        const Para* at = it.head;
        for (const auto& [t, p] : Texts(it)) {
          text += (text.empty() ? "" : "\n") + t;
          at = p;
        }
        if (!text.empty()) {
          out_.plan.content.objective = text;
          Field("content.objective", text, it.head->begin, at->end, 0.9);
        }
      } else if (FoldHas(label, "chi tieu") || (objective && FoldHas(label, "muc tieu cu the"))) {
        Targets(it);
      } else if (StartsWith(label, "chu de")) {
        std::string theme = it.inline_text;
        const Para* at = it.head;
        if (theme.empty() && !it.lines.empty()) {
          theme = it.lines.front()->text;
          at = it.lines.front();
        }
        theme = StripQuotes(theme);
        if (!theme.empty()) {
          out_.plan.theme = theme;
          FieldIn("theme", theme, *at, theme, 0.95);
        }
      } else if (StartsWith(label, "thoi gian")) {
        Period(it);
      } else if (StartsWith(label, "thong diep")) {
        Messages(it);
      } else if (StartsWith(label, "kinh phi")) {
        std::vector<Item> one{it};
        Budget(one, nullptr);
      } else if (StartsWith(label, "che do") || StartsWith(label, "bao cao") ||
                 FoldHas(label, "thong tin bao cao")) {
        Reporting(it);
      } else if (organise) {
        Assignment(it);
      } else if (FoldHas(f, "noi dung") || FoldHas(f, "nhiem vu") || FoldHas(f, "hoat dong") ||
                 FoldHas(f, "giai phap")) {
        KeyActivities(it, StartsWith(label, "cac hoat dong") || StartsWith(label, "hoat dong"));
      }
    }
  }

  void List(const std::string& path, std::vector<std::string>& into, const Item& it) {
    for (const auto& [t, p] : Texts(it)) {
      Field(path + "[" + std::to_string(into.size()) + "]", t, *p, 0.9);
      into.push_back(t);
    }
  }

  void Period(const Item& it) {
    std::string s = it.inline_text;
    const Para* at = it.head;
    if (s.empty() && !it.lines.empty()) {
      s = it.lines.front()->text;
      at = it.lines.front();
    }
    size_t k = 0;
    auto start = DateAfter(s, "ngày", 0, &k);
    auto end = start ? DateAfter(s, "ngày", k) : std::nullopt;
    if (start) {
      out_.plan.period_start = start;
      Field("period_start", start->Iso(), *at, 0.95);
    }
    if (end) {
      out_.plan.period_end = end;
      Field("period_end", end->Iso(), *at, 0.95);
    }
  }

  void Messages(const Item& it) {
    auto group = [&](std::string title, const std::vector<const Para*>& lines, const Para* head) {
      domain::MessageGroup g;
      g.title = StripEnd(std::move(title));
      const std::string path =
          "content.message_groups[" + std::to_string(out_.plan.content.message_groups.size()) + "]";
      if (head) Field(path + ".title", g.title, *head, 0.9);
      for (const Para* p : lines) {
        std::string m = LineText(p);
        Field(path + ".messages[" + std::to_string(g.messages.size()) + "]", m, *p, 0.95);
        g.messages.push_back(std::move(m));
      }
      out_.plan.content.message_groups.push_back(std::move(g));
    };
    if (it.subs.empty()) {
      if (!it.lines.empty()) group(it.label, it.lines, nullptr);
      return;
    }
    for (const auto& sub : it.subs) group(sub.head->text, sub.lines, sub.head);
  }

  //! "Đến năm 2023 tối thiểu 40% và đến năm 2025 tối thiểu 50% người bị …" and
  //! "<chỉ tiêu>: đến năm 2023 tối thiểu 40%, đến năm 2025 tối thiểu 50%".
  void Targets(const Item& it) {
    for (const auto& [t, p] : Texts(it)) {
      domain::Target target;
      std::string_view s(t);
      size_t last_value_end = 0;
      for (size_t at = s.find("năm "); at != std::string_view::npos; at = s.find("năm ", at + 1)) {
        size_t i = at + std::string_view("năm ").size();
        auto year = documents::Number(s, i, 4);
        if (!year || *year < 1990 || *year > 2100) continue;
        // the value: the first number followed by % (or a unit word) before the next "năm"
        size_t next = s.find("năm ", i);
        std::string_view clause =
            s.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i);
        size_t v = clause.find_first_of("0123456789");
        if (v == std::string_view::npos) continue;
        size_t ve = v;
        while (ve < clause.size() &&
               ((clause[ve] >= '0' && clause[ve] <= '9') ||
                ((clause[ve] == ',' || clause[ve] == '.') && ve + 1 < clause.size() &&
                 clause[ve + 1] >= '0' && clause[ve + 1] <= '9'))) {
          ++ve;
        }
        // 1.000 (a thousand), 12,5 (twelve and a half)
        std::string number;
        for (char c : clause.substr(v, ve - v)) {
          if (c == ',')
            number += '.';
          else if (c != '.')
            number += c;
        }
        domain::TargetValue value;
        value.year = *year;
        try {
          value.value = std::stod(number);
        } catch (...) {
          continue;
        }
        const std::string before = Fold(clause.substr(0, v));
        if (FoldHas(before, "duoi") || FoldHas(before, "khong qua") || FoldHas(before, "toi da") ||
            FoldHas(before, "giam con")) {
          value.comparator = "<=";
        } else if (FoldHas(before, "bang ")) {
          value.comparator = "=";
        } else {
          value.comparator = ">=";
        }
        bool percent = ve < clause.size() && clause[ve] == '%';
        if (percent) {
          target.unit = "%";
        } else {
          size_t u = ve;
          while (u < clause.size() && clause[u] == ' ') ++u;
          size_t ue = clause.find_first_of(" ,.;", u);
          target.unit = std::string(
              clause.substr(u, ue == std::string_view::npos ? std::string_view::npos : ue - u));
        }
        target.values.push_back(value);
        last_value_end = i + ve + (percent ? 1 : 0);
      }
      if (target.values.empty()) continue;
      size_t colon = t.find(": ");
      std::string name;
      if (colon != std::string::npos && colon < t.find("năm ")) {
        name = t.substr(0, colon);
      } else {
        name = StripEnd(text::Trim(t.substr(std::min(last_value_end, t.size()))));
        if (target.unit == "%" && !name.empty() && !FoldStarts(name, "ty le"))
          name = "Tỷ lệ " + name;
      }
      target.text = name;
      const std::string path =
          "content.targets[" + std::to_string(out_.plan.content.targets.size()) + "]";
      Field(path + ".text", target.text, *p, colon != std::string::npos ? 0.9 : 0.7);
      for (size_t k = 0; k < target.values.size(); ++k) {
        const auto& v = target.values[k];
        char number[32];
        std::snprintf(number, sizeof number, "%g", v.value);
        std::string shown = number;
        std::replace(shown.begin(), shown.end(), '.', ',');
        const char* cmp = v.comparator == "<=" ? "≤" : v.comparator == "=" ? "=" : "≥";
        std::string value =
            "năm " + std::to_string(v.year) + ": " + cmp + " " + shown + target.unit;
        Field(path + ".values[" + std::to_string(k) + "]", value, *p, 0.9);
      }
      out_.plan.content.targets.push_back(std::move(target));
    }
  }

  //! Budget sources by the words that name them; the rest of the kinh phí text is its note.
  void Budget(const std::vector<Item>& items, const Section* s) {
    struct Kind {
      const char* kind;
      std::vector<const char*> words;  // folded
    };
    static const std::vector<Kind> kKinds = {
        {"state_budget", {"ngan sach nha nuoc", "ngan sach dia phuong", "ngan sach trung uong"}},
        {"international", {"tai tro", "vien tro", "quoc te"}},
        {"mobilised", {"huy dong", "xa hoi hoa"}},
        {"other_lawful",
         {"cac nguon kinh phi hop phap", "cac nguon hop phap", "nguon kinh phi hop phap",
          "nguon hop phap"}}};
    auto sources_of = [&](const std::string& t, const Para* p) {
      // Fold keeps the words in order, so positions of words are compared in the folded text
      // and cut in the original by counting words.
      std::vector<std::string> words;
      {
        size_t b = 0;
        for (size_t k = 0; k <= t.size(); ++k) {
          if (k == t.size() || t[k] == ' ') {
            if (k > b) words.push_back(t.substr(b, k - b));
            b = k + 1;
          }
        }
      }
      std::vector<std::string> folded;
      for (const auto& w : words) folded.push_back(Fold(w));
      auto starts_at = [&](size_t w, const char* phrase) {
        size_t k = w;
        std::string_view ph(phrase);
        while (!ph.empty()) {
          size_t sp = ph.find(' ');
          std::string_view word = ph.substr(0, sp);
          if (k >= folded.size()) return false;
          std::string fw = folded[k];
          while (!fw.empty() && (fw.back() == ',' || fw.back() == ';' || fw.back() == '.'))
            fw.pop_back();
          if (fw != word) return false;
          ++k;
          ph = sp == std::string_view::npos ? std::string_view() : ph.substr(sp + 1);
        }
        return true;
      };
      std::vector<std::pair<size_t, const char*>> found;  // word index, kind
      std::vector<bool> taken(kKinds.size(), false);
      for (size_t w = 0; w < words.size(); ++w) {
        for (size_t k = 0; k < kKinds.size(); ++k) {
          if (taken[k]) continue;
          for (const char* phrase : kKinds[k].words) {
            if (starts_at(w, phrase)) {
              size_t start = w;
              if (k == 3 && w > 0 && folded[w - 1] == "cac") start = w - 1;
              found.push_back({start, kKinds[k].kind});
              taken[k] = true;
              break;
            }
          }
        }
      }
      for (size_t k = 0; k < found.size(); ++k) {
        size_t end = k + 1 < found.size() ? found[k + 1].first : words.size();
        std::string seg;
        for (size_t w = found[k].first; w < end; ++w) seg += (seg.empty() ? "" : " ") + words[w];
        seg = StripEnd(seg, " .;:,");
        for (const char* tail : {" và", " hoặc", ";"}) {
          if (EndsWith(seg, tail)) seg.resize(seg.size() - std::string_view(tail).size());
        }
        seg = StripEnd(UpperFirst(seg), " .;:,");
        const std::string path = "content.budget_sources[" +
                                 std::to_string(out_.plan.content.budget_sources.size()) + "]";
        FieldIn(path, std::string(found[k].second) + ": " + seg, *p, seg, 0.75);
        out_.plan.content.budget_sources.push_back({found[k].second, seg});
      }
    };
    std::string note;
    size_t note_b = 0, note_e = 0;
    auto add_note = [&](const std::string& t, const Para* p) {
      if (note.empty()) note_b = p->begin;
      note += (note.empty() ? "" : "\n") + t;
      note_e = p->end;
    };
    if (s) {
      for (const Para* p : s->intro) add_note(LineText(p), p);
    }
    for (const auto& it : items) {
      const auto texts = Texts(it);
      bool bullets = false;
      for (const Para* p : it.lines) bullets = bullets || MarkerOf(p->text).kind == Marker::kDash;
      if (bullets) {
        for (const Para* p : it.lines) {
          if (MarkerOf(p->text).kind == Marker::kDash) {
            sources_of(LineText(p), p);
          } else {
            add_note(p->text, p);
          }
        }
        continue;
      }
      for (const auto& [t, p] : texts) {
        add_note(t, p);
        if (out_.plan.content.budget_sources.empty() && items.size() == 1) sources_of(t, p);
      }
      if (texts.empty() && s) add_note(it.marker.rest, it.head);
    }
    if (!note.empty()) {
      out_.plan.content.budget_note = note;
      Field("content.budget_note", note, note_b, note_e, 0.85);
    }
  }

  void Reporting(const Item& it) {
    std::string note;
    const Para* last = it.head;
    for (const auto& [t, p] : Texts(it)) {
      note += (note.empty() ? "" : "\n") + t;
      last = p;
    }
    domain::ReportingRequirement r;
    r.note = StripEnd(note, " ");
    auto due = DateAfter(note, "trước ngày");
    if (!due) due = DateAfter(note, "ngày");
    if (due) r.due_date = *due;
    const std::string path = "reporting[" + std::to_string(out_.plan.reporting.size()) + "]";
    Field(path + ".note", r.note, it.head->begin, last->end, 0.9);
    if (due) Field(path + ".due_date", due->Iso(), it.head->begin, last->end, 0.95);
    // The duty stays a reporting requirement: the tasks of reporting follow from it, so it is
    // not also an activity (binhdang's Tam Đường demo has both: counted as a miss).
    if (due) out_.plan.reporting.push_back(std::move(r));
  }

  void AddActivity(Activity a, const std::string& agency, const Para& head, size_t end) {
    const std::string path = "activities[" + std::to_string(out_.activities.size()) + "]";
    Field(path + ".title", a.title, head.begin, head.end,
          a.section == ActivitySection::kKey ? 0.7 : 0.9);
    for (size_t k = 0; k < a.details.size(); ++k) {
      Field(path + ".details[" + std::to_string(k) + "]", a.details[k], head.begin, end, 0.9);
    }
    if (!agency.empty()) {
      Field(path + ".lead", agency, head.begin, head.end, a.lead_unit_id ? 0.9 : 0.5);
    }
    out_.activities.push_back(std::move(a));
    out_.activity_agencies.push_back(agency);
  }

  //! "1. Phòng Tư pháp: Tăng cường …" / "8. Đề nghị Hội Liên hiệp phụ nữ huyện" + bullets.
  void Assignment(const Item& it) {
    Activity a;
    a.section = ActivitySection::kAssignment;
    std::string name = StripEnd(it.label, " :.");
    for (const char* lead : {"Đề nghị ", "Đề nghị: "}) {
      if (StartsWith(name, lead)) name = name.substr(std::string_view(lead).size());
    }
    a.title = name;
    const std::string f = Fold(name);
    Id unit = agencies_ ? agencies_(name) : 0;
    if (unit) {
      a.assignee = Assignee::kUnit;
      a.lead_unit_id = unit;
    } else if ((StartsWith(f, "uy ban nhan dan cac") || StartsWith(f, "ubnd cac")) &&
               FoldHas(f, "xa")) {
      a.assignee = Assignee::kChildUnits;
    } else {
      a.assignee = Assignee::kUnit;
      out_.unmatched.push_back(name);
    }
    const Para* last = it.head;
    for (const auto& [t, p] : Texts(it)) {
      a.details.push_back(t);
      last = p;
    }
    for (const auto& sub : it.subs) {
      a.details.push_back(sub.head->text);
      for (const Para* p : sub.lines) a.details.push_back(LineText(p));
      last = sub.lines.empty() ? sub.head : sub.lines.back();
    }
    a.due_date = out_.plan.period_end;
    const std::string agency = a.assignee == Assignee::kChildUnits ? std::string() : name;
    AddActivity(std::move(a), agency, *it.head, last->end);
  }

  //! A numbered task (its bullets the details) or, under "Các hoạt động trọng tâm", each
  //! bullet or sub-item an activity of its own.
  void KeyActivities(const Item& it, bool each_line) {
    auto summary = [](const std::string& t) {
      size_t cut = t.size();
      for (const char* stop : {": ", "; ", ". "}) {
        size_t at = t.find(stop);
        if (at != std::string::npos && at < cut) cut = at;
      }
      std::string s = StripEnd(t.substr(0, cut));
      if (text::Length(s) > 160) {
        size_t sp = s.rfind(' ', 300);
        s = s.substr(0, sp == std::string::npos ? s.size() : sp) + "…";
      }
      return s;
    };
    if (!it.subs.empty()) {
      for (const auto& sub : it.subs) {
        Activity a;
        a.section = ActivitySection::kKey;
        a.assignee = Assignee::kEveryone;
        a.title = StripEnd(sub.marker.rest);
        for (const Para* p : sub.lines) a.details.push_back(LineText(p));
        a.due_date = out_.plan.period_end;
        AddActivity(std::move(a), "", *sub.head,
                    sub.lines.empty() ? sub.head->end : sub.lines.back()->end);
      }
      return;
    }
    if (each_line) {
      for (const auto& [t, p] : Texts(it)) {
        Activity a;
        a.section = ActivitySection::kKey;
        a.assignee = Assignee::kEveryone;
        a.title = summary(t);
        a.details = {t};
        a.due_date = out_.plan.period_end;
        AddActivity(std::move(a), "", *p, p->end);
      }
      return;
    }
    Activity a;
    a.section = ActivitySection::kKey;
    a.assignee = Assignee::kEveryone;
    a.title = StripEnd(it.marker.rest, " :.;");
    if (!it.inline_text.empty()) a.title = StripEnd(it.label);
    const Para* last = it.head;
    for (const auto& [t, p] : Texts(it)) {
      a.details.push_back(t);
      last = p;
    }
    a.due_date = out_.plan.period_end;
    AddActivity(std::move(a), "", *it.head, last->end);
  }

  //! "- Sở Lao động – TB&XH (B/c);" … then the signer: "TM. …", "KT. …", the title, the name.
  void Recipients(size_t at, size_t end) {
    size_t k = at;
    auto [label, rest] = LabelAndRest(paras_[k].text);
    (void)label;
    std::vector<const Para*> lines;
    ++k;
    for (; k < end; ++k) {
      const Para& p = paras_[k];
      if (MarkerOf(p.text).kind != Marker::kDash) break;
      lines.push_back(&p);
    }
    for (const Para* p : lines) {
      std::string t = StripEnd(LineText(p), " ;.");
      domain::Recipient r;
      if (EndsWith(t, ")")) {
        size_t open = t.rfind('(');
        if (open != std::string::npos && t.size() - open < 40) {
          r.note = t.substr(open + 1, t.size() - open - 2);
          t = text::Trim(t.substr(0, open));
        }
      }
      r.name = t;
      const std::string path =
          "content.recipients[" + std::to_string(out_.plan.content.recipients.size()) + "]";
      Field(path, r.note.empty() ? r.name : r.name + " (" + r.note + ")", *p, 0.95);
      out_.plan.content.recipients.push_back(std::move(r));
    }
    // The signer block: up to four lines, the name last (not upper case).
    auto& sg = out_.plan.content.signer;
    for (int n = 0; k < end && n < 6; ++k, ++n) {
      const Para& p = paras_[k];
      const std::string& t = p.text;
      if (StartsWith(t, "TM. ") || StartsWith(t, "TM ")) {
        sg.on_behalf_of = t;
        Field("content.signer.on_behalf_of", t, p, 0.95);
      } else if (StartsWith(t, "KT. ") || StartsWith(t, "Q. ") || StartsWith(t, "TL. ") ||
                 StartsWith(t, "TUQ. ")) {
        sg.authority = t;
        Field("content.signer.authority", t, p, 0.95);
      } else if (IsUpperLine(t) && sg.title.empty() && t.size() < 80) {
        sg.title = t;
        Field("content.signer.title", t, p, 0.9);
      } else if (!IsUpperLine(t) && t.size() < 60 && !sg.title.empty()) {
        sg.name = t;
        Field("content.signer.name", t, p, 0.85);
        break;
      } else {
        break;
      }
    }
  }

  //! The activities table binhdang writes ("TT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\t
  //! Thời gian"): its rows give each activity, by title, its lead, support and due date.
  void Table(size_t from, size_t to) {
    for (size_t k = from; k < to; ++k) {
      const std::string& t = paras_[k].text;
      if (t.find('\t') == std::string::npos) continue;
      std::vector<std::string> cells;
      size_t b = 0;
      for (size_t c = 0; c <= t.size(); ++c) {
        if (c == t.size() || t[c] == '\t') {
          cells.push_back(text::Trim(t.substr(b, c - b)));
          b = c + 1;
        }
      }
      if (cells.size() != 5 || cells[0].empty() ||
          !std::isdigit(static_cast<unsigned char>(cells[0][0])))
        continue;
      for (size_t a = 0; a < out_.activities.size(); ++a) {
        Activity& act = out_.activities[a];
        if (act.title != cells[1]) continue;
        const std::string path = "activities[" + std::to_string(a) + "]";
        if (auto d = DateAfter(cells[4], "ngày")) {
          act.due_date = *d;
          Field(path + ".due_date", d->Iso(), paras_[k], 0.95);
        }
        if (act.section == ActivitySection::kKey && !cells[2].empty() && agencies_) {
          if (Id lead = agencies_(cells[2])) {
            act.assignee = Assignee::kUnit;
            act.lead_unit_id = lead;
            out_.activity_agencies[a] = cells[2];
            Field(path + ".lead", cells[2], paras_[k], 0.9);
          }
        }
        act.support_unit_ids.clear();
        size_t s = 0;
        const std::string& support = cells[3];
        while (s < support.size() && agencies_) {
          size_t comma = support.find(", ", s);
          std::string name = text::Trim(
              support.substr(s, comma == std::string::npos ? std::string::npos : comma - s));
          if (Id u = agencies_(name)) {
            act.support_unit_ids.push_back(u);
            Field(path + ".support", name, paras_[k], 0.9);
          } else if (!name.empty()) {
            out_.unmatched.push_back(name);
          }
          if (comma == std::string::npos) break;
          s = comma + 2;
        }
        break;
      }
    }
  }

  const AgencyLookup& agencies_;
  PlanImport out_;
  std::vector<Para> paras_;
};

}  // namespace

PlanImport ParsePlan(ImportText text, const AgencyLookup& agencies) {
  return Reader(std::move(text), agencies).Read();
}

}  // namespace binhdang::documents
