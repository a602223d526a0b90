#include "documents/plan_pdf.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>

#include "common/text.h"

namespace binhdang::documents {

namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kPageW = 595.276, kPageH = 841.89;  // A4 in points
constexpr double kTop = 20 * kMm, kBottom = 20 * kMm, kLeft = 30 * kMm, kRight = 15 * kMm;
constexpr double kTextW = kPageW - kLeft - kRight;
constexpr double kIndent = 1.27 / 2.54 * 72;  // first-line indent, 1.27 cm
constexpr double kAfter = 6;                  // points after a body paragraph
constexpr const char* kFamily = "Liberation Serif";

struct Font {
  double size = 14;
  bool bold = false;
  bool italic = false;
};

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

class Writer {
 public:
  explicit Writer(std::string& out) {
    surface_ = cairo_pdf_surface_create_for_stream(Append, &out, kPageW, kPageH);
    cr_ = cairo_create(surface_);
    y_ = kTop;
  }
  ~Writer() {
    cairo_destroy(cr_);
    cairo_surface_destroy(surface_);
  }
  cairo_status_t Finish() {
    cairo_surface_finish(surface_);
    return cairo_surface_status(surface_);
  }

  LayoutPtr Make(const std::string& text, Font f, double width, PangoAlignment align,
                 bool justify = false, double indent = 0) {
    LayoutPtr l(pango_cairo_create_layout(cr_));
    PangoFontDescription* d = pango_font_description_new();
    pango_font_description_set_family(d, kFamily);
    // Absolute: in the PDF's units (points), whatever the context's resolution.
    pango_font_description_set_absolute_size(d, f.size * PANGO_SCALE);
    pango_font_description_set_weight(d, f.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(d, f.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(l.get(), d);
    pango_font_description_free(d);
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l.get(), align);
    pango_layout_set_justify(l.get(), justify);
    pango_layout_set_indent(l.get(), static_cast<int>(indent * PANGO_SCALE));
    const std::string nfc = text::Nfc(text);  // precomposed: Liberation Serif's own glyphs
    pango_layout_set_text(l.get(), nfc.data(), static_cast<int>(nfc.size()));
    return l;
  }
  static double Height(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
  void Show(PangoLayout* l, double x, double y) {
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, l);
  }
  void Line(double x0, double x1, double y) {
    cairo_set_line_width(cr_, 0.6);
    cairo_move_to(cr_, x0, y);
    cairo_line_to(cr_, x1, y);
    cairo_stroke(cr_);
  }
  void Rect(double x, double y, double w, double h) {
    cairo_set_line_width(cr_, 0.5);
    cairo_rectangle(cr_, x, y, w, h);
    cairo_stroke(cr_);
  }

  //! A flowing paragraph: line by line, moving to a new page where a line does not fit.
  //! `keep` more points must fit after the first line (a heading stays with what follows).
  void Flow(PangoLayout* l, double x, double keep = 0) {
    PangoLayoutIter* it = pango_layout_get_iter(l);
    bool first = true;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      const double top = static_cast<double>(logical.y) / PANGO_SCALE;
      const double h = static_cast<double>(logical.height) / PANGO_SCALE;
      const double baseline = static_cast<double>(pango_layout_iter_get_baseline(it)) / PANGO_SCALE;
      double need = h + (first ? keep : 0);
      if (y_ + need > kPageH - kBottom) NewPage();
      cairo_move_to(cr_, x + static_cast<double>(logical.x) / PANGO_SCALE, y_ + (baseline - top));
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
      y_ += h;
      first = false;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
  }

  void NewPage() {
    cairo_show_page(cr_);
    ++page_;
    y_ = kTop;
    // The page number, centred in the top margin.
    auto l = Make(std::to_string(page_), {13, false, false}, kTextW, PANGO_ALIGN_CENTER);
    Show(l.get(), kLeft, (kTop - Height(l.get())) / 2);
  }

  double& y() { return y_; }

 private:
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  double y_ = 0;
  int page_ = 1;
};

void Header(Writer& w, const OfficialDocument& doc) {
  const double left_w = 75 * kMm, right_x = kLeft + left_w, right_w = kTextW - left_w;
  double ly = kTop;
  if (!doc.parent_body.empty()) {
    auto p = w.Make(doc.parent_body, {13, false, false}, left_w, PANGO_ALIGN_CENTER);
    w.Show(p.get(), kLeft, ly);
    ly += Writer::Height(p.get());
  }
  auto issuer = w.Make(doc.issuing_body, {13, true, false}, left_w, PANGO_ALIGN_CENTER);
  w.Show(issuer.get(), kLeft, ly);
  ly += Writer::Height(issuer.get()) + 2;
  w.Line(kLeft + left_w / 2 - 12 * kMm, kLeft + left_w / 2 + 12 * kMm, ly);
  ly += 8;
  auto number = w.Make(doc.number_symbol, {13, false, false}, left_w, PANGO_ALIGN_CENTER);
  w.Show(number.get(), kLeft, ly);
  ly += Writer::Height(number.get());

  double ry = kTop;
  auto nation = w.Make("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {12.5, true, false}, right_w + 10,
                       PANGO_ALIGN_CENTER);
  w.Show(nation.get(), right_x - 5, ry);
  ry += Writer::Height(nation.get());
  auto motto =
      w.Make("Độc lập - Tự do - Hạnh phúc", {13.5, true, false}, right_w, PANGO_ALIGN_CENTER);
  w.Show(motto.get(), right_x, ry);
  PangoRectangle ink, logical;
  pango_layout_get_pixel_extents(motto.get(), &ink, &logical);
  ry += Writer::Height(motto.get()) + 2;
  w.Line(right_x + logical.x, right_x + logical.x + logical.width, ry);
  ry = std::max(ry + 8, ly - Writer::Height(number.get()));
  auto date = w.Make(doc.place_date, {13.5, false, true}, right_w, PANGO_ALIGN_CENTER);
  w.Show(date.get(), right_x, ry);
  ry += Writer::Height(date.get());
  w.y() = std::max(ly, ry) + 18;

  auto kind = w.Make(doc.kind, {14, true, false}, kTextW, PANGO_ALIGN_CENTER);
  w.Show(kind.get(), kLeft, w.y());
  w.y() += Writer::Height(kind.get());
  auto title = w.Make(doc.title, {14, true, false}, kTextW - 20 * kMm, PANGO_ALIGN_CENTER);
  w.Show(title.get(), kLeft + 10 * kMm, w.y());
  w.y() += Writer::Height(title.get()) + 3;
  w.Line(kLeft + kTextW / 2 - 20 * kMm, kLeft + kTextW / 2 + 20 * kMm, w.y());
  w.y() += 14;
}

void DrawTable(Writer& w, const DocTable& t) {
  const double pad = 3;
  std::vector<double> x(t.columns.size() + 1, kLeft);
  for (size_t i = 0; i < t.columns.size(); ++i) {
    double frac = i < t.widths.size() ? t.widths[i] : 1.0 / static_cast<double>(t.columns.size());
    x[i + 1] = x[i] + frac * kTextW;
  }
  auto row = [&](const std::vector<std::string>& cells, bool header) {
    std::vector<LayoutPtr> ls;
    double h = 0;
    for (size_t i = 0; i + 1 < x.size(); ++i) {
      const std::string& s = i < cells.size() ? cells[i] : std::string();
      ls.push_back(w.Make(s, {12, header, false}, x[i + 1] - x[i] - 2 * pad,
                          header || i == 0 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT));
      h = std::max(h, Writer::Height(ls.back().get()));
    }
    return std::make_pair(std::move(ls), h + 2 * pad);
  };
  auto draw = [&](std::vector<LayoutPtr>& ls, double h) {
    for (size_t i = 0; i < ls.size(); ++i) {
      w.Rect(x[i], w.y(), x[i + 1] - x[i], h);
      w.Show(ls[i].get(), x[i] + pad, w.y() + pad);
    }
    w.y() += h;
  };
  auto [head, head_h] = row(t.columns, true);
  if (w.y() + head_h * 2 > kPageH - kBottom) w.NewPage();
  draw(head, head_h);
  for (const auto& r : t.rows) {
    auto [cells, h] = row(r, false);
    if (w.y() + h > kPageH - kBottom) {
      w.NewPage();
      draw(head, head_h);  // the header row again on the new page
    }
    draw(cells, h);
  }
  w.y() += kAfter;
}

void Body(Writer& w, const OfficialDocument& doc) {
  for (const auto& b : doc.bases) {
    auto l = w.Make(b, {14, false, true}, kTextW, PANGO_ALIGN_LEFT, true, kIndent);
    w.Flow(l.get(), kLeft);
    w.y() += kAfter;
  }
  for (const auto& block : doc.body) {
    if (block.kind == DocBlock::Kind::kTable) {
      DrawTable(w, block.table);
      continue;
    }
    const auto& p = block.paragraph;
    const bool heading = p.style != DocParagraph::Style::kBody;
    Font f{14,
           p.style == DocParagraph::Style::kHeading1 || p.style == DocParagraph::Style::kHeading2,
           p.italic || p.style == DocParagraph::Style::kHeading3};
    auto l = w.Make(p.text, f, kTextW, PANGO_ALIGN_LEFT, true, kIndent);
    // A heading keeps two lines of what follows on its page.
    w.Flow(l.get(), kLeft, heading ? 2 * 17 + kAfter : 0);
    w.y() += kAfter;
  }
}

void Signature(Writer& w, const OfficialDocument& doc) {
  const double half = kTextW / 2;
  std::string sign;
  for (const auto* s : {&doc.signer.on_behalf_of, &doc.signer.authority, &doc.signer.title}) {
    if (s->empty()) continue;
    if (!sign.empty()) sign += "\n";
    sign += *s;
  }
  auto block = w.Make(sign, {14, true, false}, half, PANGO_ALIGN_CENTER);
  auto name = w.Make(doc.signer.name, {14, true, false}, half, PANGO_ALIGN_CENTER);
  std::string recipients = "Nơi nhận:";
  auto heading = w.Make(recipients, {12, true, true}, half, PANGO_ALIGN_LEFT);
  std::string list;
  for (const auto& r : doc.recipients) list += (list.empty() ? "" : "\n") + r;
  auto items = w.Make(list, {11, false, false}, half - 5, PANGO_ALIGN_LEFT);
  const double sign_h = Writer::Height(block.get()) + 70 + Writer::Height(name.get());
  const double left_h = Writer::Height(heading.get()) + Writer::Height(items.get());
  if (w.y() + std::max(sign_h, left_h) > kPageH - kBottom) w.NewPage();
  const double y = w.y() + 4;
  w.Show(heading.get(), kLeft, y);
  w.Show(items.get(), kLeft, y + Writer::Height(heading.get()));
  w.Show(block.get(), kLeft + half, y);
  w.Show(name.get(), kLeft + half, y + Writer::Height(block.get()) + 70);
  w.y() = y + std::max(sign_h, left_h);
}

}  // namespace

Result<std::string> WriteDocumentPdf(const OfficialDocument& doc) {
  std::string out;
  {
    Writer w(out);
    Header(w, doc);
    Body(w, doc);
    Signature(w, doc);
    if (cairo_status_t s = w.Finish(); s != CAIRO_STATUS_SUCCESS)
      return Error::Internal(std::string("cairo: ") + cairo_status_to_string(s));
  }
  return out;
}

}  // namespace binhdang::documents
