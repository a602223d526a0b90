#include "documents/report_document.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "common/text.h"
#include "domain/period.h"

namespace binhdang::documents {

namespace {

using S = DocParagraph::Style;

// "năm 2024", "6 tháng đầu năm 2024", "quý I năm 2025", "tháng 3 năm 2025"; the action month is
// named by its year, for the template's title already says "Tháng hành động".
std::string PeriodPhrase(const std::string& id) {
  auto p = domain::ParsePeriod(id);
  if (!p) return id;
  const std::string y = std::to_string(p->year);
  switch (p->kind) {
    case domain::PeriodKind::kYear:
    case domain::PeriodKind::kActionMonth:
      return "năm " + y;
    case domain::PeriodKind::kSixMonth:
      return (p->index == 1 ? "6 tháng đầu năm " : "6 tháng cuối năm ") + y;
    case domain::PeriodKind::kQuarter:
      return "quý " + std::string(kRoman[(p->index - 1) % 10]) + " năm " + y;
    case domain::PeriodKind::kMonth:
      return "tháng " + std::to_string(p->index) + " năm " + y;
  }
  return y;
}

std::string LevelName(const std::string& level) {
  if (level == "tinh") return "cấp tỉnh";
  if (level == "huyen") return "cấp huyện";
  if (level == "xa") return "cấp xã";
  return level;
}

// A narrative as paragraphs: one per line; "- …" lines stay bullets.
void Narrative(std::vector<DocBlock>& body, const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    line = text::Trim(line);
    if (!line.empty()) body.push_back(Para(S::kBody, line));
  }
}

// One table of figures: TT, the item, then each column (a column split by sex as its total, nam
// and nữ), and a total row.
DocTable FiguresTable(const domain::TemplateTable& t, const std::vector<domain::ReportRow>& rows) {
  DocTable out;
  out.columns = {"TT", t.item_label.empty() ? "Nội dung" : t.item_label};
  for (const auto& c : t.columns) {
    if (c.by_sex) {
      out.columns.push_back(c.name + " (tổng)");
      out.columns.push_back("Nam");
      out.columns.push_back("Nữ");
    } else {
      out.columns.push_back(c.name);
    }
  }
  const size_t numbers = out.columns.size() - 2;
  const double rest = 0.62 / static_cast<double>(std::max<size_t>(numbers, 1));
  out.widths = {0.06, numbers ? 0.32 : 0.94};
  for (size_t i = 0; i < numbers; ++i) out.widths.push_back(rest);

  std::set<std::string> levels;
  for (const auto& r : rows)
    if (r.table == t.key) levels.insert(r.level);
  std::map<std::string, domain::CellValue> totals;
  int n = 0;
  // In the template's order of items, then the "other" rows as they come.
  auto add = [&](const domain::ReportRow& r) {
    const domain::TemplateItem* item = t.Item(r.item);
    std::string name = item ? item->name : r.item;
    if (!r.detail.empty()) name = item ? name + ": " + r.detail : r.detail;
    if (levels.size() > 1 && !r.level.empty()) name += " (" + LevelName(r.level) + ")";
    std::vector<std::string> cells = {std::to_string(++n), name};
    for (const auto& c : t.columns) {
      auto it = r.values.find(c.key);
      const domain::CellValue v = it == r.values.end() ? domain::CellValue{} : it->second;
      auto& sum = totals[c.key];
      if (c.by_sex) {
        cells.push_back(GroupedNumber(v.male + v.female));
        cells.push_back(GroupedNumber(v.male));
        cells.push_back(GroupedNumber(v.female));
        sum.male += v.male, sum.female += v.female;
      } else {
        cells.push_back(GroupedNumber(v.total));
        sum.total += v.total;
      }
    }
    out.rows.push_back(std::move(cells));
  };
  for (const auto& item : t.items)
    for (const auto& r : rows)
      if (r.table == t.key && r.item == item.key) add(r);
  for (const auto& r : rows)
    if (r.table == t.key && !t.Item(r.item)) add(r);
  std::vector<std::string> total = {"", "Tổng cộng"};
  for (const auto& c : t.columns) {
    const auto& v = totals[c.key];
    if (c.by_sex) {
      total.push_back(GroupedNumber(v.male + v.female));
      total.push_back(GroupedNumber(v.male));
      total.push_back(GroupedNumber(v.female));
    } else {
      total.push_back(GroupedNumber(v.total));
    }
  }
  out.rows.push_back(std::move(total));
  return out;
}

}  // namespace

std::string GroupedNumber(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

OfficialDocument BuildReportDocument(const ReportDocumentInput& in, const domain::UnitTree& units) {
  OfficialDocument doc;
  const domain::ReportTemplate& t = *in.templ;
  const domain::Unit* unit = units.Find(in.unit_id);
  const bool agency = unit && unit->kind == domain::UnitKind::kAgency;
  const domain::Unit* parent = unit ? units.Find(unit->parent_id) : nullptr;
  SetIssuer(doc, units, in.unit_id);
  doc.number_symbol = agency ? "Số:       /BC" : "Số:       /BC-UBND";
  const domain::Unit* locality = agency ? parent : unit;
  auto period = domain::ParsePeriod(in.period);
  doc.place_date =
      PlaceAndDate(locality ? locality->name : "", in.signed_on, period ? period->year : 0);
  doc.kind = "BÁO CÁO";
  std::string title = t.title;
  for (const char* lead : {"Báo cáo ", "báo cáo "})
    if (title.rfind(lead, 0) == 0) title = title.substr(std::string(lead).size());
  if (!title.empty()) title = text::LowerFirst(title);
  const std::string subject =
      (in.consolidated ? "tổng hợp " : "") + title + " " + PeriodPhrase(in.period);
  // The trích yếu begins with a capital ("Kết quả…", "Tổng hợp…"); the phrases above begin in
  // ASCII.
  doc.title = subject;
  if (!doc.title.empty())
    doc.title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(doc.title[0])));

  const std::string who =
      agency ? (unit ? unit->name : std::string())
             : "Ủy ban nhân dân " + (unit ? text::LowerFirst(unit->full_name) : std::string());
  doc.body.push_back(Para(S::kBody, who + " báo cáo " + subject + " như sau:"));

  int roman = 0;
  for (const auto& s : t.sections) {
    doc.body.push_back(
        Para(S::kHeading1, std::string(kRoman[roman++ % 10]) + ". " + UpperVi(s.title)));
    bool any = false;
    if (auto it = in.sections.find(s.key);
        it != in.sections.end() && !text::Trim(it->second).empty()) {
      Narrative(doc.body, it->second);
      any = true;
    }
    int n = 0;
    for (const auto& nar : in.narratives) {
      if (nar.section != s.key || text::Trim(nar.text).empty()) continue;
      doc.body.push_back(Para(S::kHeading2, std::to_string(++n) + ". " + nar.unit_name));
      Narrative(doc.body, nar.text);
      any = true;
    }
    if (!any) doc.body.push_back(Para(S::kBody, "(Không có nội dung.)", true));
  }
  if (!t.tables.empty()) {
    doc.body.push_back(Para(S::kHeading1, std::string(kRoman[roman++ % 10]) + ". SỐ LIỆU KẾT QUẢ"));
    int n = 0;
    for (const auto& table : t.tables) {
      doc.body.push_back(Para(S::kHeading2, std::to_string(++n) + ". " + table.title));
      DocBlock b;
      b.kind = DocBlock::Kind::kTable;
      b.table = FiguresTable(table, in.rows);
      doc.body.push_back(std::move(b));
    }
  }
  if (in.consolidated) {
    std::string list;
    for (const auto& u : in.included_units) list += (list.empty() ? "" : ", ") + u;
    doc.body.push_back(Para(S::kBody,
                            in.included_units.empty()
                                ? "Chưa có đơn vị nào gửi báo cáo kỳ này."
                                : "Số liệu tổng hợp từ báo cáo của " +
                                      std::to_string(in.included_units.size()) +
                                      " đơn vị: " + list + ".",
                            true));
  }

  doc.signer = agency ? DocSigner{"", "", "THỦ TRƯỞNG CƠ QUAN", ""}
                      : DocSigner{"TM. ỦY BAN NHÂN DÂN", "", "CHỦ TỊCH", ""};
  if (parent && parent->parent_id != 0) {
    doc.recipients.push_back("- " + std::string(agency ? "Lãnh đạo UBND " : "UBND ") +
                             parent->full_name + " (b/c);");
  } else if (parent) {
    doc.recipients.push_back("- Các bộ, ngành Trung ương có liên quan (b/c);");
  }
  doc.recipients.push_back("- Lưu: VT.");
  return doc;
}

}  // namespace binhdang::documents
