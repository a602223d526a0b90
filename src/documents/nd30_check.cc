#include "documents/nd30_check.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-font.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <set>

#include "common/text.h"
#include "documents/zip_package.h"

namespace binhdang::documents {

namespace {

constexpr double kMm = 72.0 / 25.4;      // points per millimetre
constexpr double kTwipMm = 25.4 / 1440;  // millimetres per twip
// What a measurement may be off by: glyph boxes stand a little inside or outside their line.
constexpr double kMarginTolMm = 1.5;
constexpr double kSizeTol = 0.26;

// A run of text read back from a document: a line (or the part of a line in one column) of a
// PDF, or a paragraph of a DOCX, with what its characters are set in.
struct Segment {
  int page = 1;
  std::string text;  // NFC, words joined by single spaces
  double min_size = 0, max_size = 0;
  bool bold = true, italic = true;  // every character
  bool any_bold = false;
  std::set<std::string> fonts;
  double x0 = 0, x1 = 0, y0 = 0, y1 = 0;  // PDF: points, y from the top of the page
  std::string group;                      // DOCX: the table cell; PDF: "L" | "R" (column)
  std::string align;                      // DOCX: w:jc
  size_t chars = 0;
};

std::string Dec(double v, int decimals = 1) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}
std::string Pt(double v) { return Dec(v, std::fabs(v - std::round(v)) < 0.05 ? 0 : 1) + " pt"; }
std::string SizeRange(const Segment& s) {
  return std::fabs(s.max_size - s.min_size) < 0.05 ? Pt(s.min_size)
                                                   : Pt(s.min_size) + "–" + Pt(s.max_size);
}
std::string Style(const Segment& s) {
  std::string out = s.bold ? "đậm" : (s.any_bold ? "đậm một phần" : "không đậm");
  out += s.italic ? ", nghiêng" : ", đứng";
  return out;
}
std::string Quote(const std::string& text) {
  constexpr size_t kMax = 48;
  if (text::Length(text) <= kMax) return "«" + text + "»";
  // Cut at a character boundary.
  size_t i = 0, chars = 0;
  while (i < text.size() && chars < kMax) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    ++chars;
  }
  return "«" + text.substr(0, i) + "…»";
}
bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool Contains(std::string_view s, std::string_view p) {
  return s.find(p) != std::string_view::npos;
}
// "Độc lập – Tự do – Hạnh phúc" and "Độc lập - Tự do - Hạnh phúc" alike.
std::string Dashes(std::string s) {
  for (const char* dash : {"\u2013", "\u2014", "\u2012"}) {
    for (size_t at; (at = s.find(dash)) != std::string::npos;) s.replace(at, 3, "-");
  }
  return s;
}
bool SerifFont(const std::string& name) {
  std::string n = name.substr(name.find('+') == 6 ? 7 : 0);  // "ABCDEF+LiberationSerif-Bold"
  n.erase(std::remove(n.begin(), n.end(), ' '), n.end());
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
  return StartsWith(n, "liberationserif") || StartsWith(n, "timesnewroman");
}

class Checker {
 public:
  explicit Checker(CheckReport& report) : report_(report) {}
  void Expect(bool ok, std::string rule, std::string measured, std::string expected) {
    (ok ? report_.passed : report_.findings)
        .push_back({std::move(rule), std::move(measured), std::move(expected)});
  }
  void Missing(std::string rule, std::string what) {
    report_.findings.push_back({std::move(rule), "không thấy " + what, "có " + what});
  }

 private:
  CheckReport& report_;
};

bool SizeIn(const Segment& s, double lo, double hi) {
  return s.min_size >= lo - kSizeTol && s.max_size <= hi + kSizeTol;
}

// One element of the first page: where it is found, the size and the style NĐ 30 gives it.
void CheckElement(Checker& c, const std::string& rule, const std::string& name, const Segment* s,
                  double lo, double hi, std::optional<bool> bold, std::optional<bool> italic) {
  if (!s) return c.Missing(rule, name);
  const bool ok =
      SizeIn(*s, lo, hi) && (!bold || s->bold == *bold) && (!italic || s->italic == *italic);
  std::string expected = lo == hi ? Pt(lo) : Pt(lo) + "–" + Pt(hi);
  if (bold) expected += *bold ? ", đậm" : ", không đậm";
  if (italic) expected += *italic ? ", nghiêng" : ", đứng";
  c.Expect(ok, rule, name + " " + Quote(s->text) + ": " + SizeRange(*s) + ", " + Style(*s),
           expected);
}

// What every document is checked for, whatever its format: the elements of the first page, the
// size of the body, the bounds of every size and the typeface.
void CheckElements(Checker& c, const std::vector<Segment>& segs) {
  auto find = [&](auto pred, size_t from = 0) -> std::optional<size_t> {
    for (size_t i = from; i < segs.size(); ++i)
      if (pred(segs[i])) return i;
    return std::nullopt;
  };
  auto at = [&](std::optional<size_t> i) { return i ? &segs[*i] : nullptr; };

  const auto nation =
      find([](const Segment& s) { return Contains(s.text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); });
  CheckElement(c, "quoc-hieu", "quốc hiệu", at(nation), 12, 13, true, false);
  const auto motto = find(
      [](const Segment& s) { return Contains(Dashes(s.text), "Độc lập - Tự do - Hạnh phúc"); });
  CheckElement(c, "tieu-ngu", "tiêu ngữ", at(motto), 13, 14, true, false);
  const auto number =
      find([](const Segment& s) { return s.page == 1 && StartsWith(s.text, "Số:"); });
  CheckElement(c, "so-ky-hieu", "số, ký hiệu", at(number), 13, 13, std::nullopt, false);

  static const std::array<const char*, 9> kKinds = {"KẾ HOẠCH",     "BÁO CÁO",    "QUYẾT ĐỊNH",
                                                    "CHƯƠNG TRÌNH", "THÔNG BÁO",  "TỜ TRÌNH",
                                                    "CHỈ THỊ",      "NGHỊ QUYẾT", "HƯỚNG DẪN"};
  const auto kind = find([](const Segment& s) {
    return std::any_of(kKinds.begin(), kKinds.end(), [&](const char* k) { return s.text == k; });
  });
  CheckElement(c, "ten-loai", "tên loại văn bản", at(kind), 13, 14, true, false);
  if (kind)
    CheckElement(c, "trich-yeu", "trích yếu",
                 at(find([](const Segment&) { return true; }, *kind + 1)), 13, 14, true,
                 std::nullopt);

  const auto place = find([&](const Segment& s) {
    return s.page == 1 && Contains(s.text, "ngày") && Contains(s.text, "tháng") &&
           Contains(s.text, "năm") && (!kind || &s < &segs[*kind]);
  });
  CheckElement(c, "dia-danh", "địa danh, ngày tháng", at(place), 13, 14, std::nullopt, true);

  // The parent body (upright) and the issuing body (bold) stand above the number, in its column.
  if (number) {
    const Segment& n = segs[*number];
    std::vector<const Segment*> issuer;
    for (size_t i = 0; i < segs.size(); ++i) {
      const Segment& s = segs[i];
      const bool above = n.y1 > 0 ? (s.page == 1 && s.y1 <= n.y0 + 1) : i < *number;
      if (above && s.group == n.group && &s != &n) issuer.push_back(&s);
    }
    if (issuer.empty()) {
      c.Missing("co-quan-ban-hanh", "tên cơ quan ban hành");
    } else {
      bool sizes = true, any_bold = false;
      for (const auto* s : issuer)
        sizes = sizes && SizeIn(*s, 12, 13) && !s->italic, any_bold = any_bold || s->bold;
      std::string measured = "tên cơ quan";
      for (const auto* s : issuer)
        measured += " " + Quote(s->text) + ": " + SizeRange(*s) + ", " + Style(*s) + ";";
      measured.pop_back();
      c.Expect(sizes && any_bold && issuer.back()->bold, "co-quan-ban-hanh", measured,
               "12–13 pt, đứng; tên cơ quan ban hành đậm");
    }
  }

  // Nơi nhận: bold italic 12; the list under it 11, upright, its last line "- Lưu: …".
  const auto to = find([](const Segment& s) { return StartsWith(s.text, "Nơi nhận:"); });
  CheckElement(c, "noi-nhan", "«Nơi nhận:»", at(to), 12, 12, true, true);
  if (to) {
    std::vector<const Segment*> list;
    for (size_t i = *to + 1; i < segs.size(); ++i)
      if (segs[i].group == segs[*to].group &&
          (segs[i].page > segs[*to].page || segs[i].y0 >= segs[*to].y0))
        list.push_back(&segs[i]);
    bool ok = !list.empty();
    for (const auto* s : list) ok = ok && SizeIn(*s, 11, 11) && !s->italic;
    c.Expect(ok, "noi-nhan-danh-sach",
             list.empty() ? "không có nơi nhận nào"
                          : std::to_string(list.size()) + " dòng, " + SizeRange(*list.front()) +
                                ", " + Style(*list.front()),
             "11 pt, đứng");
    const bool kept = !list.empty() && StartsWith(list.back()->text, "- Lưu");
    c.Expect(kept, "noi-nhan-luu", list.empty() ? "không có" : Quote(list.back()->text),
             "dòng cuối «- Lưu: VT, …»");
  }

  // The body: the size most of the text is set in; no text outside 11–14 pt.
  std::map<long, size_t> by_size;
  for (const auto& s : segs) by_size[std::lround(s.max_size * 2)] += s.chars;
  if (!by_size.empty()) {
    const auto top =
        std::max_element(by_size.begin(), by_size.end(),
                         [](const auto& a, const auto& b) { return a.second < b.second; });
    const double body = static_cast<double>(top->first) / 2;
    c.Expect(body >= 13 - kSizeTol && body <= 14 + kSizeTol, "co-chu-noi-dung",
             "phần lớn văn bản cỡ " + Pt(body), "13–14 pt");
  }
  std::vector<const Segment*> odd;
  for (const auto& s : segs)
    if (!SizeIn(s, 11, 14)) odd.push_back(&s);
  std::string measured =
      odd.empty() ? "mọi chữ cỡ 11–14 pt" : std::to_string(odd.size()) + " đoạn ngoài khoảng:";
  for (size_t i = 0; i < odd.size() && i < 3; ++i)
    measured += " trang " + std::to_string(odd[i]->page) + " " + Quote(odd[i]->text) + " " +
                SizeRange(*odd[i]) + ";";
  c.Expect(odd.empty(), "co-chu", measured, "11–14 pt");

  std::set<std::string> fonts, foreign;
  for (const auto& s : segs) fonts.insert(s.fonts.begin(), s.fonts.end());
  for (const auto& f : fonts)
    if (!SerifFont(f)) foreign.insert(f);
  std::string names;
  for (const auto& f : foreign.empty() ? fonts : foreign) names += (names.empty() ? "" : ", ") + f;
  c.Expect(!fonts.empty() && foreign.empty(), "phong-chu",
           (foreign.empty() ? "phông " : "phông khác: ") + names,
           "Times New Roman (hoặc Liberation Serif, cùng kích thước chữ)");
}

// ---- PDF ---------------------------------------------------------------------------------

struct Word {
  std::string text;
  double x0, x1, y0, y1, size;
  std::string font;
};

std::vector<Segment> Segments(int page, double width, std::vector<Word> words) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) { return a.y0 < b.y0; });
  // Lines: words whose vertical middles lie within half a height of the line's first word.
  std::vector<std::vector<Word>> lines;
  for (auto& w : words) {
    const double mid = (w.y0 + w.y1) / 2;
    if (!lines.empty()) {
      const Word& f = lines.back().front();
      if (std::fabs(mid - (f.y0 + f.y1) / 2) < (f.y1 - f.y0) / 2) {
        lines.back().push_back(std::move(w));
        continue;
      }
    }
    lines.push_back({std::move(w)});
  }
  std::vector<Segment> out;
  for (auto& line : lines) {
    std::sort(line.begin(), line.end(), [](const Word& a, const Word& b) { return a.x0 < b.x0; });
    // A gap wider than 18 pt separates two columns (the header, the signer beside Nơi nhận).
    std::vector<Segment> parts;
    for (size_t i = 0; i < line.size(); ++i) {
      const Word& w = line[i];
      if (i == 0 || w.x0 - line[i - 1].x1 > 18) {
        parts.emplace_back();
        parts.back().page = page;
        parts.back().x0 = w.x0, parts.back().y0 = w.y0, parts.back().y1 = w.y1;
        parts.back().min_size = w.size, parts.back().max_size = w.size;
      }
      Segment& s = parts.back();
      s.text += (s.text.empty() ? "" : " ") + w.text;
      s.x1 = w.x1;
      s.y0 = std::min(s.y0, w.y0), s.y1 = std::max(s.y1, w.y1);
      s.min_size = std::min(s.min_size, w.size), s.max_size = std::max(s.max_size, w.size);
      const bool bold = Contains(w.font, "Bold"),
                 italic = Contains(w.font, "Italic") || Contains(w.font, "Oblique");
      s.bold = s.bold && bold, s.italic = s.italic && italic, s.any_bold = s.any_bold || bold;
      s.fonts.insert(w.font.substr(w.font.find('+') == 6 ? 7 : 0));
      s.chars += text::Length(w.text);
    }
    for (auto& s : parts) {
      s.group = (s.x0 + s.x1) / 2 < width / 2 ? "L" : "R";
      out.push_back(std::move(s));
    }
  }
  return out;
}

bool Digits(const std::string& s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isdigit(ch); });
}

void QuietPoppler(const std::string&, void*) {}

}  // namespace

Result<CheckReport> CheckPdf(std::string_view pdf) {
  const Error not_pdf = Error::Invalid("file", "tệp không phải PDF đọc được", "not a readable PDF");
  if (pdf.size() < 5 || pdf.substr(0, 5) != "%PDF-") return not_pdf;
  if (pdf.size() > kCheckMaxBytes)
    return Error{ErrorCode::kPayloadTooLarge,
                 {"Tệp PDF quá lớn", "The PDF is too large"},
                 {{"file", {"tệp quá lớn", "the file is too large"}}},
                 0};
  poppler::set_debug_error_function(QuietPoppler, nullptr);
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!doc || doc->is_locked() || doc->pages() < 1) return not_pdf;

  CheckReport report;
  report.format = "pdf";
  report.pages = doc->pages();
  Checker c(report);
  std::vector<Segment> segs;
  std::vector<std::string> odd_pages;
  double page_w = 0;
  for (int i = 0; i < report.pages; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) return not_pdf;
    const poppler::rectf box = page->page_rect(poppler::media_box);
    const double w = box.width(), h = box.height();
    const bool a4 = (std::fabs(w - 595.3) < 2 && std::fabs(h - 841.9) < 2) ||
                    (std::fabs(w - 841.9) < 2 && std::fabs(h - 595.3) < 2);
    if (!a4)
      odd_pages.push_back("trang " + std::to_string(i + 1) + ": " + Dec(w / kMm, 0) + " × " +
                          Dec(h / kMm, 0) + " mm");
    if (i == 0) {
      page_w = w;
      c.Expect(a4 && h > w, "kho-giay",
               "trang 1: " + Dec(w / kMm, 0) + " × " + Dec(h / kMm, 0) + " mm",
               "A4 đứng, 210 × 297 mm");
    }
    std::vector<Word> words;
    for (const auto& tb : page->text_list(poppler::page::text_list_include_font)) {
      const auto utf8 = tb.text().to_utf8();
      std::string t = text::Nfc(std::string_view(utf8.data(), utf8.size()));
      if (t.empty()) continue;
      const poppler::rectf r = tb.bbox();
      words.push_back({std::move(t), r.left(), r.right(), r.top(), r.bottom(), tb.get_font_size(),
                       tb.has_font_info() ? tb.get_font_name(0) : std::string()});
    }
    auto page_segs = Segments(i + 1, w, std::move(words));

    // The page number: from page 2, digits alone in the top margin, centred; none on page 1.
    const Segment* number = nullptr;
    double top_text = h;
    for (const auto& s : page_segs) {
      if (Digits(s.text) && s.y1 < 20 * kMm + kMarginTolMm * kMm && !number) number = &s;
    }
    for (const auto& s : page_segs)
      if (&s != number) top_text = std::min(top_text, s.y0);
    if (i == 0) {
      c.Expect(!number, "so-trang-1",
               number ? "trang 1 có số trang «" + number->text + "»" : "trang 1 không có số trang",
               "không đánh số trang đầu");
    } else if (!number || number->text != std::to_string(i + 1)) {
      c.Expect(false, "so-trang",
               "trang " + std::to_string(i + 1) + ": " +
                   (number ? "số «" + number->text + "»" : "không có số trang ở lề trên"),
               "số trang ở giữa lề trên, từ trang 2");
    } else if (i == 1) {
      // Centred between the margins (30 mm and 15 mm) or on the page: within 10 mm of either.
      const double mid = (number->x0 + number->x1) / 2;
      const double off =
          std::min(std::fabs(mid - w / 2), std::fabs(mid - (30 * kMm + (w - 15 * kMm)) / 2)) / kMm;
      c.Expect(off <= 10 && number->y1 <= top_text && SizeIn(*number, 13, 14) && !number->italic,
               "so-trang",
               "trang 2: «" + number->text + "» cách giữa " + Dec(off) + " mm, " +
                   Dec(number->y0 / kMm) + " mm từ mép trên, " + SizeRange(*number) + ", " +
                   Style(*number),
               "giữa lề trên, 13–14 pt, đứng");
    }
    for (auto& s : page_segs)
      if (&s != number) segs.push_back(std::move(s));
  }
  c.Expect(
      odd_pages.empty(), "kho-giay-moi-trang",
      odd_pages.empty()
          ? "mọi trang A4"
          : odd_pages.front() + (odd_pages.size() > 1
                                     ? " và " + std::to_string(odd_pages.size() - 1) + " trang khác"
                                     : ""),
      "A4 (trang ngang cho bảng rộng)");

  // Margins: no text beyond any of them, and the text reaches the left, right and top ones (so
  // that they are not wider than NĐ 30 allows either).
  double left = 1e9, right = 0, top = 1e9, bottom = 0;
  const Segment* worst[4] = {nullptr, nullptr, nullptr, nullptr};
  for (const auto& s : segs) {
    if (s.x0 < left) left = s.x0, worst[0] = &s;
    if (s.x1 > right) right = s.x1, worst[1] = &s;
    if (s.y0 < top) top = s.y0, worst[2] = &s;
    if (s.y1 > bottom) bottom = s.y1, worst[3] = &s;
  }
  if (segs.empty()) {
    c.Missing("noi-dung", "chữ trong tệp (PDF không có lớp chữ)");
    return report;
  }
  const double h = 841.9;
  auto margin = [&](const char* rule, const char* name, double mm, double lo, double hi,
                    const Segment* s) {
    c.Expect(mm >= lo - kMarginTolMm && mm <= hi + kMarginTolMm, rule,
             std::string(name) + " " + Dec(mm) + " mm (trang " + std::to_string(s->page) + ", " +
                 Quote(s->text) + ")",
             Dec(lo, 0) + "–" + Dec(hi, 0) + " mm");
  };
  margin("le-trai", "Lề trái", left / kMm, 30, 35, worst[0]);
  margin("le-phai", "Lề phải", (page_w - right) / kMm, 15, 20, worst[1]);
  margin("le-tren", "Lề trên", top / kMm, 20, 25, worst[2]);
  const double bottom_mm = (h - bottom) / kMm;
  c.Expect(bottom_mm >= 20 - kMarginTolMm, "le-duoi",
           "Lề dưới " + Dec(bottom_mm) + " mm (trang " + std::to_string(worst[3]->page) + ")",
           "20–25 mm");

  std::vector<std::string> loose;
  for (const auto& f : doc->fonts())
    if (!f.is_embedded()) loose.push_back(f.name());
  c.Expect(loose.empty(), "nhung-phong",
           loose.empty() ? "mọi phông được nhúng" : "không nhúng: " + loose.front(),
           "nhúng phông vào tệp");
  CheckElements(c, segs);
  return report;
}

// ---- DOCX --------------------------------------------------------------------------------

namespace {

constexpr const char* kMain = "word/document.xml";

struct RunStyle {
  std::optional<double> size;
  std::optional<bool> bold, italic;
  std::optional<std::string> font;
  void Over(const RunStyle& o) {
    if (o.size) size = o.size;
    if (o.bold) bold = o.bold;
    if (o.italic) italic = o.italic;
    if (o.font) font = o.font;
  }
};

std::optional<bool> Toggle(const pugi::xml_node& n) {
  if (!n) return std::nullopt;
  const std::string v = n.attribute("w:val").value();
  return !(v == "0" || v == "false" || v == "off");
}

RunStyle ReadRunStyle(const pugi::xml_node& rpr) {
  RunStyle s;
  if (!rpr) return s;
  if (auto sz = rpr.child("w:sz")) s.size = sz.attribute("w:val").as_double() / 2;
  s.bold = Toggle(rpr.child("w:b"));
  s.italic = Toggle(rpr.child("w:i"));
  if (auto f = rpr.child("w:rFonts")) {
    const char* a = f.attribute("w:ascii").value();
    if (*a) s.font = a;
  }
  return s;
}

struct Styles {
  RunStyle defaults;
  std::map<std::string, std::pair<RunStyle, std::string>> by_id;  // style, basedOn
  RunStyle Of(std::string id) const {
    std::vector<const RunStyle*> chain;
    for (int depth = 0; depth < 16 && !id.empty(); ++depth) {
      auto it = by_id.find(id);
      if (it == by_id.end()) break;
      chain.push_back(&it->second.first);
      id = it->second.second;
    }
    RunStyle s = defaults;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) s.Over(**it);
    return s;
  }
};

struct DocxReader {
  const Styles& styles;
  std::vector<Segment> segs;
  std::vector<pugi::xml_node> justified;
  int cells = 0;

  void Paragraph(const pugi::xml_node& p, const std::string& group) {
    Segment s;
    s.group = group;
    s.align = p.child("w:pPr").child("w:jc").attribute("w:val").value();
    const RunStyle para = styles.Of(p.child("w:pPr").child("w:pStyle").attribute("w:val").value());
    bool first = true;
    for (auto r : p.children("w:r")) {
      std::string t;
      for (auto ch : r.children()) {
        const std::string_view name = ch.name();
        if (name == "w:t")
          t += ch.text().get();
        else if (name == "w:tab" || name == "w:br")
          t += ' ';
      }
      if (text::Trim(t).empty()) {
        s.text += t;
        continue;
      }
      RunStyle rs = para;
      rs.Over(ReadRunStyle(r.child("w:rPr")));
      const double size = rs.size.value_or(10);
      const bool bold = rs.bold.value_or(false), italic = rs.italic.value_or(false);
      if (first) s.min_size = s.max_size = size;
      s.min_size = std::min(s.min_size, size), s.max_size = std::max(s.max_size, size);
      s.bold = s.bold && bold, s.italic = s.italic && italic, s.any_bold = s.any_bold || bold;
      s.fonts.insert(rs.font.value_or("(mặc định)"));
      s.text += t;
      s.chars += text::Length(t);
      first = false;
    }
    std::string squeezed;
    for (char ch : text::Trim(s.text)) {
      if (ch == ' ' && !squeezed.empty() && squeezed.back() == ' ') continue;
      squeezed += ch;
    }
    s.text = text::Nfc(squeezed);
    if (s.text.empty()) return;
    if (group.empty() && s.align == "both") justified.push_back(p);
    segs.push_back(std::move(s));
  }
  void Block(const pugi::xml_node& parent, const std::string& group) {
    for (auto n : parent.children()) {
      const std::string_view name = n.name();
      if (name == "w:p") {
        Paragraph(n, group);
      } else if (name == "w:tbl") {
        for (auto tr : n.children("w:tr"))
          for (auto tc : tr.children("w:tc")) Block(tc, "cell" + std::to_string(++cells));
      } else if (name == "w:sdt") {
        Block(n.child("w:sdtContent"), group);
      }
    }
  }
};

std::string TwipsMm(int twips) { return Dec(twips * kTwipMm) + " mm"; }

}  // namespace

Result<CheckReport> CheckDocx(std::string_view docx) {
  BD_ASSIGN_OR_RETURN(ZipPackage z, ZipPackage::Open(docx, kDocxPackage, kCheckMaxBytes));
  BD_ASSIGN_OR_RETURN(std::string main_xml, z.Read(kMain, true));
  BD_ASSIGN_OR_RETURN(std::string styles_xml, z.Read("word/styles.xml", false));
  BD_ASSIGN_OR_RETURN(std::string rels_xml, z.Read("word/_rels/document.xml.rels", false));
  pugi::xml_document main, styles_doc, rels;
  BD_RETURN_IF_ERROR(z.Parse(main, main_xml));
  main_xml.clear();
  Styles styles;
  if (!styles_xml.empty()) {
    BD_RETURN_IF_ERROR(z.Parse(styles_doc, styles_xml));
    auto root = styles_doc.child("w:styles");
    styles.defaults =
        ReadRunStyle(root.child("w:docDefaults").child("w:rPrDefault").child("w:rPr"));
    for (auto st : root.children("w:style")) {
      if (std::string_view(st.attribute("w:type").value()) != "paragraph") continue;
      styles.by_id[st.attribute("w:styleId").value()] = {
          ReadRunStyle(st.child("w:rPr")), st.child("w:basedOn").attribute("w:val").value()};
    }
  }
  if (!rels_xml.empty()) BD_RETURN_IF_ERROR(z.Parse(rels, rels_xml));
  auto body = main.child("w:document").child("w:body");
  if (!body) return z.NotThisKind();

  CheckReport report;
  report.format = "docx";
  Checker c(report);

  // The section: A4, its margins, a different first page.
  pugi::xml_node sect = body.child("w:sectPr");
  if (!sect) return (c.Missing("kho-giay", "thiết lập trang (w:sectPr)"), report);
  const int w = sect.child("w:pgSz").attribute("w:w").as_int(),
            h = sect.child("w:pgSz").attribute("w:h").as_int();
  c.Expect(std::abs(w - 11906) <= 20 && std::abs(h - 16838) <= 20, "kho-giay",
           TwipsMm(w) + " × " + TwipsMm(h), "A4 đứng, 210 × 297 mm");
  auto mar = sect.child("w:pgMar");
  auto margin = [&](const char* rule, const char* name, const char* attr, double lo, double hi) {
    const double mm = mar.attribute(attr).as_int() * kTwipMm;
    c.Expect(mm >= lo - 0.1 && mm <= hi + 0.1, rule, std::string(name) + " " + Dec(mm) + " mm",
             Dec(lo, 0) + "–" + Dec(hi, 0) + " mm");
  };
  margin("le-tren", "Lề trên", "w:top", 20, 25);
  margin("le-duoi", "Lề dưới", "w:bottom", 20, 25);
  margin("le-trai", "Lề trái", "w:left", 30, 35);
  margin("le-phai", "Lề phải", "w:right", 15, 20);

  // Page numbers: a PAGE field centred in the default header, none on the first page.
  std::map<std::string, std::string> targets;
  for (auto r : rels.child("Relationships").children("Relationship"))
    targets[r.attribute("Id").value()] = r.attribute("Target").value();
  std::string header_part, first_part;
  for (auto ref : sect.children("w:headerReference")) {
    const std::string type = ref.attribute("w:type").value(),
                      target = targets[ref.attribute("r:id").value()];
    if (type == "default") header_part = target;
    if (type == "first") first_part = target;
  }
  const bool title_pg = Toggle(sect.child("w:titlePg")).value_or(false);
  auto page_field = [&](const std::string& part, Segment* out) -> Result<bool> {
    if (part.empty()) return false;
    BD_ASSIGN_OR_RETURN(std::string xml, z.Read(("word/" + part).c_str(), false));
    if (xml.empty()) return false;
    pugi::xml_document hdr;
    BD_RETURN_IF_ERROR(z.Parse(hdr, xml));
    for (auto p : hdr.select_nodes("//w:p")) {
      bool field = false;
      for (auto ins : p.node().select_nodes(".//w:instrText"))
        field = field || Contains(ins.node().text().get(), "PAGE");
      for (auto f : p.node().select_nodes(".//w:fldSimple"))
        field = field || Contains(f.node().attribute("w:instr").value(), "PAGE");
      if (!field) continue;
      if (out) {
        DocxReader one{styles, {}, {}, 0};
        one.Paragraph(p.node(), "header");
        if (!one.segs.empty()) *out = one.segs.front();
        out->align = p.node().child("w:pPr").child("w:jc").attribute("w:val").value();
      }
      return true;
    }
    return false;
  };
  Segment number;
  BD_ASSIGN_OR_RETURN(bool numbered, page_field(header_part, &number));
  BD_ASSIGN_OR_RETURN(bool first_numbered, page_field(first_part, nullptr));
  c.Expect(numbered && number.align == "center" && SizeIn(number, 13, 14) && !number.italic,
           "so-trang",
           numbered ? "trường PAGE ở lề trên, căn «" + number.align + "», " + SizeRange(number) +
                          ", " + Style(number)
                    : "không có trường số trang ở lề trên",
           "số trang ở giữa lề trên, 13–14 pt, đứng");
  c.Expect(title_pg && !first_numbered, "so-trang-1",
           title_pg && !first_numbered ? "trang 1 không có số trang" : "trang 1 có số trang",
           "không đánh số trang đầu");

  DocxReader reader{styles, {}, {}, 0};
  reader.Block(body, "");
  // The body's paragraphs: justified, the first line indented 1–1,27 cm, at least 6 pt apart.
  size_t bad = 0;
  std::string first_bad;
  for (const auto& p : reader.justified) {
    auto ppr = p.child("w:pPr");
    const int indent = ppr.child("w:ind").attribute("w:firstLine").as_int();
    const int after = ppr.child("w:spacing").attribute("w:after").as_int() +
                      ppr.child("w:spacing").attribute("w:before").as_int();
    if (indent < 567 - 5 || indent > 737 || after < 120) {
      if (!bad++) {
        std::string t;
        for (auto n : p.select_nodes(".//w:t")) t += n.node().text().get();
        first_bad =
            Quote(t) + ": thụt đầu dòng " + TwipsMm(indent) + ", cách đoạn " + Pt(after / 20.0);
      }
    }
  }
  c.Expect(!reader.justified.empty() && bad == 0, "doan-van",
           reader.justified.empty() ? "không có đoạn nào căn đều hai bên"
           : bad == 0               ? std::to_string(reader.justified.size()) +
                            " đoạn căn đều, thụt đầu dòng và cách đoạn đúng"
                      : std::to_string(bad) + " đoạn sai, đầu tiên " + first_bad,
           "căn đều hai bên, thụt đầu dòng 1–1,27 cm, cách đoạn ≥ 6 pt");
  CheckElements(c, reader.segs);
  return report;
}

Result<CheckReport> CheckDocument(std::string_view bytes) {
  if (bytes.substr(0, 5) == "%PDF-") return CheckPdf(bytes);
  if (bytes.substr(0, 2) == "PK") return CheckDocx(bytes);
  return Error::Invalid("file", "tệp không phải PDF hay văn bản Word (.docx)",
                        "neither a PDF nor a .docx");
}

std::string DescribeCheck(const CheckReport& r) {
  std::string out =
      (r.format == "pdf" ? "PDF, " + std::to_string(r.pages) + " trang: " : std::string("DOCX: ")) +
      (r.ok() ? "đạt thể thức NĐ 30/2020 (" + std::to_string(r.passed.size()) + " mục)\n"
              : std::to_string(r.findings.size()) + " mục chưa đúng thể thức NĐ 30/2020\n");
  for (const auto& f : r.findings)
    out += "  ✗ " + f.rule + ": " + f.measured + " — cần " + f.expected + "\n";
  for (const auto& p : r.passed) out += "  ✓ " + p.rule + ": " + p.measured + "\n";
  return out;
}

}  // namespace binhdang::documents
