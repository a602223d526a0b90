#include "documents/xlsx_sheet.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <pugixml.hpp>
#include <sstream>

#include "common/crypto.h"
#include "common/ids.h"
#include "common/text.h"
#include "documents/zip_package.h"

namespace binhdang::documents {

std::string ColumnName(int col) {
  std::string s;
  for (++col; col > 0; col = (col - 1) / 26)
    s.insert(s.begin(), static_cast<char>('A' + (col - 1) % 26));
  return s;
}
std::string CellName(int row, int col) { return ColumnName(col) + std::to_string(row + 1); }

namespace {
// What one cell of a Grid costs beyond its text: the map node and the string.
constexpr size_t kCellOverhead = 96;

// "AB12" -> (11, 27); nullopt when malformed.
std::optional<std::pair<int, int>> ParseRef(std::string_view ref) {
  int col = 0, row = 0;
  size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + (ref[i] - 'A' + 1);
    if (col > 16384) return std::nullopt;
    ++i;
  }
  if (i == 0 || i == ref.size()) return std::nullopt;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return std::nullopt;
    row = row * 10 + (ref[i] - '0');
    if (row > 1048576) return std::nullopt;
  }
  if (row == 0) return std::nullopt;
  return std::make_pair(row - 1, col - 1);
}

// The text of an <si> or <is> element: every <t> below it, in order.
std::string InlineText(const pugi::xml_node& node) {
  std::string out;
  for (auto t : node.select_nodes(".//*[local-name()='t']")) out += t.node().text().get();
  return out;
}

}  // namespace

Result<Grid> ReadGrid(std::string_view xlsx, const ImportLimits& limits) {
  BD_ASSIGN_OR_RETURN(ZipPackage z, ZipPackage::Open(xlsx, kXlsxPackage, limits.max_bytes));
  const Error not_xlsx = z.NotThisKind();
  BD_ASSIGN_OR_RETURN(std::string shared_xml, z.Read("xl/sharedStrings.xml", false));
  BD_ASSIGN_OR_RETURN(std::string sheet_xml, z.Read("xl/worksheets/sheet1.xml", true));
  std::vector<std::string> shared;
  if (!shared_xml.empty()) {
    pugi::xml_document doc;
    BD_RETURN_IF_ERROR(z.Parse(doc, shared_xml));
    for (auto si : doc.document_element().children("si")) {
      shared.push_back(InlineText(si));
      if (!z.Charge(sizeof(std::string) + shared.back().size())) return z.TooLarge();
    }
  }
  pugi::xml_document doc;
  BD_RETURN_IF_ERROR(z.Parse(doc, sheet_xml));
  Grid grid;
  size_t cells = 0;
  for (auto r : doc.document_element().child("sheetData").children("row")) {
    for (auto c : r.children("c")) {
      auto ref = ParseRef(c.attribute("r").value());
      if (!ref) return not_xlsx;
      if (++cells > limits.max_cells)
        return Error::Invalid("file", "bảng tính có quá nhiều ô", "too many cells");
      const std::string type = c.attribute("t").value();
      std::string value;
      if (type == "s") {
        const std::string v = c.child("v").text().get();
        auto idx = ParseId(v);
        const size_t i = v == "0" ? 0 : idx ? static_cast<size_t>(*idx) : shared.size();
        if (i >= shared.size()) return not_xlsx;
        // Every reference is a copy: a short sheet pointing many cells at one long string
        // expands to far more than its own size.
        if (!z.Charge(kCellOverhead + shared[i].size())) return z.TooLarge();
        value = shared[i];
      } else if (type == "inlineStr") {
        value = InlineText(c.child("is"));
      } else {
        value = c.child("v").text().get();
      }
      if (type != "s" && !z.Charge(kCellOverhead + value.size())) return z.TooLarge();
      if (!value.empty()) grid[ref->first][ref->second] = value;
    }
  }
  return grid;
}

namespace {
std::string HeaderKey(std::string_view header) {
  std::string s(header);
  if (auto paren = s.find('('); paren != std::string::npos) s.resize(paren);
  return text::Fold(s);
}

Error FileError(std::string vi, std::string en) {
  return Error::Invalid("file", std::move(vi), std::move(en));
}

}  // namespace

Result<Table> ReadTable(std::string_view xlsx, const std::vector<TableColumn>& columns,
                        const TableOptions& options) {
  ImportLimits limits;
  limits.max_cells = (options.max_rows + 2) * 8;
  limits.max_bytes = options.max_bytes;
  BD_ASSIGN_OR_RETURN(auto grid, ReadGrid(xlsx, limits));
  if (grid.empty()) return FileError("bảng tính trống", "the spreadsheet is empty");
  Table sheet;
  sheet.columns.assign(columns.size(), -1);
  const auto& [header_row, headers] = *grid.begin();
  std::map<int, bool> known;  // sheet column -> belongs to the template
  for (const auto& [col, text] : headers) {
    const std::string key = HeaderKey(text);
    if (key.empty()) continue;
    bool found = false;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (key != HeaderKey(columns[i].header)) continue;
      if (sheet.columns[i] >= 0) {
        return FileError("cột “" + text::Trim(text) + "” có hai lần (dòng " +
                             std::to_string(header_row + 1) + ")",
                         "column \"" + text::Trim(text) + "\" appears twice");
      }
      sheet.columns[i] = col;
      found = true;
    }
    if (!found) {
      return FileError(
          "cột " + ColumnName(col) + " (“" + text::Trim(text) +
              "”) không thuộc mẫu; hãy dùng mẫu tải từ binhdang",
          "column " + ColumnName(col) + " (\"" + text::Trim(text) + "\") is not in the template");
    }
    known[col] = true;
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].required && sheet.columns[i] < 0) {
      return FileError(
          std::string("thiếu cột “") + columns[i].header + "” ở dòng tiêu đề (dòng " +
              std::to_string(header_row + 1) + ")",
          std::string("the header row lacks the column \"") + columns[i].header + "\"");
    }
  }
  for (auto it = std::next(grid.begin()); it != grid.end(); ++it) {
    TableRow r;
    r.row = it->first + 1;
    r.cells.resize(columns.size());
    bool any = false;
    for (const auto& [col, raw] : it->second) {
      std::string value = text::Nfc(text::Trim(raw));
      if (value.empty()) continue;
      if (!known.count(col)) {
        sheet.stray.push_back({r.row, ColumnName(col), CellName(it->first, col)});
        any = true;
        continue;
      }
      for (size_t i = 0; i < columns.size(); ++i) {
        if (sheet.columns[i] == col) r.cells[i] = value;
      }
      any = true;
    }
    if (!any) continue;
    if (!sheet.example_row && !options.example_mark.empty() &&
        options.mark_column < r.cells.size() &&
        r.cells[options.mark_column].find(options.example_mark) != std::string::npos) {
      sheet.example_row = r.row;
      continue;
    }
    sheet.rows.push_back(std::move(r));
    if (sheet.rows.size() > options.max_rows) {
      return Error{
          ErrorCode::kPayloadTooLarge,
          {"Tệp có quá nhiều dòng: tối đa " + std::to_string(options.max_rows) + " dòng một lần",
           "Too many rows: at most " + std::to_string(options.max_rows) + " at a time"},
          {{"file", {"quá nhiều dòng", "too many rows"}}},
          0};
    }
  }
  return sheet;
}

Result<std::string> TablesXlsx(const std::vector<SheetTable>& sheets) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("binhdang-" + crypto::RandomToken(8) + ".xlsx"))
          .string();
  // Removes the temporary file however this returns.
  struct Remove {
    const std::string& path;
    ~Remove() {
      std::error_code ec;
      std::filesystem::remove(path, ec);
    }
  } remove{path};
  lxw_workbook* book = workbook_new(path.c_str());
  if (!book) return Error::Internal("xlsx: cannot create a workbook");
  lxw_format* header = workbook_add_format(book);
  format_set_bold(header);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color(header, 0xE8EEF7);
  lxw_format* cell = workbook_add_format(book);
  format_set_border(cell, LXW_BORDER_THIN);
  lxw_format* text = workbook_add_format(book);
  format_set_num_format(text, "@");
  lxw_format* text_cell = workbook_add_format(book);
  format_set_num_format(text_cell, "@");
  format_set_border(text_cell, LXW_BORDER_THIN);
  lxw_format* note = workbook_add_format(book);
  format_set_italic(note);
  lxw_format* number_cell = workbook_add_format(book);
  format_set_border(number_cell, LXW_BORDER_THIN);
  format_set_num_format(number_cell, "#,##0.##");
  for (const auto& sheet : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(book, sheet.name.c_str());
    if (!ws) {
      workbook_close(book);
      return Error::Internal("xlsx: cannot add worksheet " + sheet.name);
    }
    auto is_text = [&](size_t c) {
      return std::find(sheet.text_columns.begin(), sheet.text_columns.end(), static_cast<int>(c)) !=
             sheet.text_columns.end();
    };
    for (size_t c = 0; c < sheet.headers.size(); ++c) {
      const double width = c < sheet.widths.size() ? sheet.widths[c] : 16;
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width,
                           is_text(c) ? text : nullptr);
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), sheet.headers[c].c_str(), header);
    }
    worksheet_set_row(ws, 0, 32, nullptr);  // room for a header wrapped on two lines
    worksheet_freeze_panes(ws, 1, 0);
    // Printed: landscape, one page wide.
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    worksheet_fit_to_pages(ws, 1, 0);
    lxw_row_t r = 1;
    auto is_number = [&](size_t c) {
      return std::find(sheet.number_columns.begin(), sheet.number_columns.end(),
                       static_cast<int>(c)) != sheet.number_columns.end();
    };
    for (const auto& row : sheet.rows) {
      for (size_t c = 0; c < row.size(); ++c) {
        if (is_number(c) && !row[c].empty()) {
          char* end = nullptr;
          const double v = std::strtod(row[c].c_str(), &end);
          if (end && *end == '\0') {
            worksheet_write_number(ws, r, static_cast<lxw_col_t>(c), v, number_cell);
            continue;
          }
        }
        worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), row[c].c_str(),
                               is_text(c) ? text_cell : cell);
      }
      ++r;
    }
    if (!sheet.notes.empty()) ++r;
    for (const auto& line : sheet.notes) worksheet_write_string(ws, r++, 0, line.c_str(), note);
  }
  const lxw_error err = workbook_close(book);
  if (err != LXW_NO_ERROR) return Error::Internal(std::string("xlsx: ") + lxw_strerror(err));
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace binhdang::documents
