#include "documents/report_xlsx.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "common/crypto.h"
#include "common/text.h"

namespace binhdang::documents {

namespace {
constexpr const char* kMagic = "binhdang-report";
constexpr int kFirstDataCol = 4;  // A key (hidden), B STT, C item, D detail, E... values

std::string LevelFromLabel(const std::string& text) {
  const std::string folded = text::Fold(text::Trim(text));
  if (folded == "tinh") return "tinh";
  if (folded == "huyen") return "huyen";
  if (folded == "xa") return "xa";
  return text::Trim(text);
}

// Owns a workbook written to a temporary file; Finish() returns the bytes.
class Book {
 public:
  // Owns the workbook and its temporary file: neither copied nor moved.
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;
  Book() {
    path_ =
        (std::filesystem::temp_directory_path() / ("binhdang-" + crypto::RandomToken(8) + ".xlsx"))
            .string();
    book_ = workbook_new(path_.c_str());
    if (!book_) return;
    sheet_ = workbook_add_worksheet(book_, "Bao cao");
    title_ = workbook_add_format(book_);
    format_set_bold(title_);
    format_set_font_size(title_, 13);
    header_ = workbook_add_format(book_);
    format_set_bold(header_);
    format_set_border(header_, LXW_BORDER_THIN);
    format_set_align(header_, LXW_ALIGN_CENTER);
    format_set_align(header_, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(header_);
    cell_ = workbook_add_format(book_);
    format_set_border(cell_, LXW_BORDER_THIN);
    format_set_text_wrap(cell_);
    total_ = workbook_add_format(book_);
    format_set_bold(total_);
    format_set_border(total_, LXW_BORDER_THIN);
    lxw_row_col_options hidden = {1, 0, 0};
    worksheet_set_column_opt(sheet_, 0, 0, 2, nullptr, &hidden);
    worksheet_set_column(sheet_, 1, 1, 5, nullptr);
    worksheet_set_column(sheet_, 2, 2, 42, nullptr);
    worksheet_set_column(sheet_, 3, 3, 20, nullptr);
    worksheet_set_column(sheet_, 4, 12, 12, nullptr);
  }
  ~Book() {
    if (book_) workbook_close(book_);
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  bool ok() const { return book_ && sheet_; }

  void Text(int row, int col, const std::string& s, lxw_format* f = nullptr) {
    worksheet_write_string(sheet_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                           s.c_str(), f);
  }
  void Number(int row, int col, long long n, lxw_format* f) {
    worksheet_write_number(sheet_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                           static_cast<double>(n), f);
  }
  void Blank(int row, int col, lxw_format* f) {
    worksheet_write_blank(sheet_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), f);
  }
  void Merge(int row, int c1, int row2, int c2, const std::string& s, lxw_format* f) {
    worksheet_merge_range(sheet_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(c1),
                          static_cast<lxw_row_t>(row2), static_cast<lxw_col_t>(c2), s.c_str(), f);
  }
  void Sum(int row, int col, int first, int last, long long value) {
    const std::string f = "=SUM(" + CellName(first, col) + ":" + CellName(last, col) + ")";
    worksheet_write_formula_num(sheet_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                                f.c_str(), total_, static_cast<double>(value));
  }

  Result<std::string> Finish() {
    const lxw_error err = workbook_close(book_);
    book_ = nullptr;
    if (err != LXW_NO_ERROR) return Error::Internal(std::string("xlsx: ") + lxw_strerror(err));
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

  lxw_format *title_ = nullptr, *header_ = nullptr, *cell_ = nullptr, *total_ = nullptr;

 private:
  std::string path_;
  lxw_workbook* book_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
};

// Writes the header lines; returns the next free row.
int WriteHeader(Book& b, const std::string& identity, const std::string& title,
                const SheetHeader& h) {
  b.Text(0, 0, identity);
  b.Text(0, 1, title, b.title_);
  std::string line = "Đơn vị: " + h.unit_name + " — Kỳ báo cáo: " + h.period_label;
  if (!h.due_date.empty()) line += " — Hạn gửi: " + h.due_date;
  if (!h.status_label.empty()) line += " — Trạng thái: " + h.status_label;
  b.Text(1, 1, line);
  return 3;
}

// Writes one table (title, two header rows, rows, totals); returns the next free row.
int WriteTable(Book& b, int row, const domain::TemplateTable& t,
               const std::vector<const domain::ReportRow*>& rows) {
  b.Text(row++, 1, t.title, b.title_);
  const int h1 = row, h2 = row + 1;
  b.Merge(h1, 1, h2, 1, "STT", b.header_);
  b.Merge(h1, 2, h2, 2, t.item_label, b.header_);
  b.Merge(h1, 3, h2, 3, "Chi tiết", b.header_);
  int col = kFirstDataCol;
  for (const auto& c : t.columns) {
    if (c.by_sex) {
      b.Merge(h1, col, h1, col + 1, c.name, b.header_);
      b.Text(h2, col, "Nam", b.header_);
      b.Text(h2, col + 1, "Nữ", b.header_);
      col += 2;
    } else {
      b.Merge(h1, col, h2, col, c.name, b.header_);
      ++col;
    }
  }
  const int level_col = col;
  b.Merge(h1, level_col, h2, level_col, "Cấp triển khai", b.header_);
  row = h2 + 1;
  const int first = row;
  std::map<int, long long> sums;
  int n = 0;
  for (const auto* r : rows) {
    const auto* item = t.Item(r->item);
    b.Text(row, 0, "row|" + t.key + "|" + r->item);
    b.Number(row, 1, ++n, b.cell_);
    b.Text(row, 2, item ? item->name : r->item, b.cell_);
    b.Text(row, 3, r->detail, b.cell_);
    col = kFirstDataCol;
    for (const auto& c : t.columns) {
      auto it = r->values.find(c.key);
      const bool filled = !r->level.empty();
      const domain::CellValue v = it == r->values.end() ? domain::CellValue{} : it->second;
      for (long long x :
           c.by_sex ? std::vector<long long>{v.male, v.female} : std::vector<long long>{v.total}) {
        if (filled)
          b.Number(row, col, x, b.cell_);
        else
          b.Blank(row, col, b.cell_);
        sums[col] += x;
        ++col;
      }
    }
    b.Text(row, level_col, r->level.empty() ? "" : domain::LevelLabel(r->level), b.cell_);
    ++row;
  }
  b.Text(row, 0, "total|" + t.key);
  b.Text(row, 2, "Tổng cộng", b.total_);
  for (int c = kFirstDataCol; c < level_col; ++c) {
    if (rows.empty())
      b.Number(row, c, 0, b.total_);
    else
      b.Sum(row, c, first, row - 1, sums[c]);
  }
  return row + 2;
}

}  // namespace

Result<std::string> ReportXlsx(const domain::ReportTemplate& t, const domain::Report& r,
                               const SheetHeader& h) {
  Book b;
  if (!b.ok()) return Error::Internal("xlsx: cannot create a workbook");
  int row = WriteHeader(b,
                        std::string(kMagic) + "|" + IdToString(r.id) + "|" + IdToString(t.id) +
                            "|" + std::to_string(r.version),
                        t.title, h);
  b.Text(row++, 1, "PHẦN NỘI DUNG", b.title_);
  for (const auto& s : t.sections) {
    auto it = r.sections.find(s.key);
    b.Text(row, 0, "section|" + s.key);
    b.Merge(row, 1, row, 2, s.title, b.cell_);
    b.Merge(row, 3, row, 8, it == r.sections.end() ? "" : it->second, b.cell_);
    ++row;
  }
  ++row;
  b.Text(row++, 1, "PHẦN SỐ LIỆU", b.title_);
  std::vector<domain::ReportRow> blanks;
  blanks.reserve(64);
  for (const auto& table : t.tables) {
    for (const auto& item : table.items) {
      bool present = false;
      for (const auto& x : r.rows)
        present = present || (x.table == table.key && x.item == item.key);
      if (!present) blanks.push_back({table.key, item.key, "", "", {}});
    }
  }
  for (const auto& table : t.tables) {
    std::vector<const domain::ReportRow*> rows;
    for (const auto& x : r.rows)
      if (x.table == table.key) rows.push_back(&x);
    for (const auto& x : blanks)
      if (x.table == table.key) rows.push_back(&x);
    row = WriteTable(b, row, table, rows);
  }
  return b.Finish();
}

Result<std::string> ConsolidationXlsx(const domain::ReportTemplate& t, const SheetHeader& h,
                                      const std::vector<domain::ReportRow>& rows,
                                      const std::vector<CompiledNarrative>& narratives,
                                      const std::vector<std::string>& included_units) {
  Book b;
  if (!b.ok()) return Error::Internal("xlsx: cannot create a workbook");
  int row = WriteHeader(b, std::string(kMagic) + "-consolidation|" + IdToString(t.id),
                        "TỔNG HỢP: " + t.title, h);
  for (const auto& table : t.tables) {
    std::vector<const domain::ReportRow*> list;
    for (const auto& x : rows)
      if (x.table == table.key) list.push_back(&x);
    row = WriteTable(b, row, table, list);
  }
  b.Text(row++, 1, "TỔNG HỢP NỘI DUNG", b.title_);
  for (const auto& s : t.sections) {
    bool title = false;
    for (const auto& n : narratives) {
      if (n.section_key != s.key) continue;
      if (!title) b.Text(row++, 1, s.title, b.header_), title = true;
      b.Text(row, 2, n.unit_name, b.cell_);
      b.Merge(row, 3, row, 8, n.text, b.cell_);
      ++row;
    }
  }
  ++row;
  b.Text(row++, 1, "Đơn vị đã báo cáo (" + std::to_string(included_units.size()) + ")", b.title_);
  int n = 0;
  for (const auto& u : included_units) {
    b.Number(row, 1, ++n, b.cell_);
    b.Text(row++, 2, u, b.cell_);
  }
  return b.Finish();
}

Result<SheetIdentity> IdentityOf(const Grid& grid) {
  const Error bad =
      Error::Invalid("file", "bảng tính không do binhdang xuất cho một báo cáo (ô A1)",
                     "the sheet was not exported by binhdang for a report (cell A1)");
  auto row = grid.find(0);
  if (row == grid.end() || !row->second.count(0)) return bad;
  std::vector<std::string> parts;
  std::stringstream ss(row->second.at(0));
  for (std::string p; std::getline(ss, p, '|');) parts.push_back(p);
  if (parts.size() != 4 || parts[0] != kMagic) return bad;
  auto report = ParseId(parts[1]), templ = ParseId(parts[2]), version = ParseId(parts[3]);
  if (!report || !templ || !version) return bad;
  return SheetIdentity{*report, *templ, *version};
}

Result<std::pair<std::map<std::string, std::string>, std::vector<domain::ReportRow>>>
ReportFromGrid(const domain::ReportTemplate& t, const Grid& grid) {
  Validator v;
  std::map<std::string, std::string> sections;
  std::vector<domain::ReportRow> rows;
  for (const auto& [r, row_cells] : grid) {
    const auto& cols = row_cells;  // a lambda below captures it (clang 14: not a binding)
    auto key_it = cols.find(0);
    if (key_it == cols.end()) continue;
    const std::string& key = key_it->second;
    auto cell = [&](int c) -> std::string {
      auto it = cols.find(c);
      return it == cols.end() ? std::string() : it->second;
    };
    if (key.starts_with("section|")) {
      const std::string text = text::Nfc(text::Trim(cell(3)));
      if (!text.empty()) sections[key.substr(8)] = text;
      continue;
    }
    if (!key.starts_with("row|")) continue;
    const auto sep = key.find('|', 4);
    if (sep == std::string::npos) continue;
    domain::ReportRow row{
        key.substr(4, sep - 4), key.substr(sep + 1), text::Nfc(text::Trim(cell(3))), "", {}};
    const domain::TemplateTable* table = t.Table(row.table);
    if (!table) {
      v.Fail(CellName(r, 0), "dòng không thuộc bảng nào của mẫu báo cáo",
             "the row belongs to no table of the template");
      continue;
    }
    int col = kFirstDataCol;
    bool any = false;
    for (const auto& c : table->columns) {
      domain::CellValue value;
      value.split = c.by_sex;
      for (int part = 0; part < (c.by_sex ? 2 : 1); ++part, ++col) {
        const std::string text = text::Trim(cell(col));
        if (text.empty()) continue;
        any = true;
        char* end = nullptr;
        const double d = std::strtod(text.c_str(), &end);
        if (end != text.c_str() + text.size() || !std::isfinite(d) || d < 0 || d != std::floor(d) ||
            d > 1e12) {
          v.Fail(CellName(r, col), "ô " + CellName(r, col) + " phải là số nguyên không âm",
                 "cell " + CellName(r, col) + " must be a non-negative integer");
          continue;
        }
        const long long n = static_cast<long long>(d);
        if (!c.by_sex)
          value.total = n;
        else if (part == 0)
          value.male = n;
        else
          value.female = n;
      }
      row.values[c.key] = value;
    }
    const std::string level_text = text::Trim(cell(col));
    if (!any && level_text.empty() && row.detail.empty()) continue;  // a catalog row left empty
    row.level = LevelFromLabel(level_text);
    if (!domain::IsLevel(row.level)) {
      v.Fail(CellName(r, col),
             "ô " + CellName(r, col) + ": cấp triển khai phải là Tỉnh, Huyện hoặc Xã",
             "cell " + CellName(r, col) + ": level must be Tỉnh, Huyện or Xã");
    }
    rows.push_back(std::move(row));
  }
  if (!v.ok()) return v.ToError();
  return std::make_pair(std::move(sections), std::move(rows));
}

}  // namespace binhdang::documents
