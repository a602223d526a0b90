// Plain spreadsheets: reading the cells of the first worksheet of an uploaded .xlsx (libzip +
// pugixml) under memory limits, and writing sheets that are one table each (libxlsxwriter).
// Shared by the report sheets (report_xlsx.h) and the bulk import templates (imports).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace binhdang::documents {

//! "A" for column 0, "AB" for column 27.
std::string ColumnName(int col);
//! "E12" for row 11, column 4 (both 0-based).
std::string CellName(int row, int col);

//! The cells of the first worksheet of an .xlsx, by row then column (0-based), as text.
using Grid = std::map<int, std::map<int, std::string>>;
//! What one import may take. A report sheet binhdang exports is a few tens of kilobytes.
struct ImportLimits {
  //! Memory the import may hold: the uncompressed entries (as text and parsed), every cell and
  //! every cell's text, counting a shared string once for each cell that refers to it.
  size_t max_bytes = 64u * 1024 * 1024;
  size_t max_cells = 200000;
};
//! Unzips and parses the first worksheet and its shared strings. kInvalidArgument ("file")
//! when the bytes are not an .xlsx; kPayloadTooLarge ("file") when reading it would take more
//! than `limits` allow, checked before the memory is taken; never throws on bad input.
Result<Grid> ReadGrid(std::string_view xlsx, const ImportLimits& limits = {});

//! A column of a table people fill in: the field it holds, its header and whether a file must
//! have it. Headers are matched case- and diacritic-insensitively, without a trailing "(...)",
//! in any order.
struct TableColumn {
  const char* field;
  const char* header;
  bool required;
  double width;  // when written, in characters
};
struct TableRow {
  int row = 0;                     // as the spreadsheet numbers it (1: the first)
  std::vector<std::string> cells;  // in the order of the columns asked for, trimmed, in NFC
};
//! A non-empty cell in a column without a header of the table.
struct StrayCell {
  int row = 0;
  std::string column;  // "F"
  std::string cell;    // "F5"
};
struct Table {
  std::vector<TableRow> rows;
  std::vector<int> columns;  // the sheet's column of each column asked for; -1: absent
  int example_row = 0;       // the row skipped as the example; 0: none
  std::vector<StrayCell> stray;
};
struct TableOptions {
  size_t max_rows = 20000;
  size_t max_bytes = 64u * 1024 * 1024;  // ImportLimits::max_bytes
  //! A row whose cell in `mark_column` contains this is the template's example: skipped.
  std::string_view example_mark;
  size_t mark_column = 0;
};
//! The first worksheet as a table: its first non-empty row is the header row, each later
//! non-empty row a data row. kInvalidArgument ("file") when it is not an .xlsx, is empty, a
//! header is unknown or twice, or a required column is missing; kPayloadTooLarge beyond
//! `max_rows` data rows or ReadGrid's limits.
Result<Table> ReadTable(std::string_view xlsx, const std::vector<TableColumn>& columns,
                        const TableOptions& options);

//! One worksheet holding one table: a bold header row, then rows of text.
struct SheetTable {
  std::string name;  // the tab's name, at most 31 characters
  std::vector<std::string> headers;
  std::vector<double> widths;  // per column, in characters; missing: 16
  std::vector<std::vector<std::string>> rows;
  //! Lines written below the table, in italics (instructions, a reminder).
  std::vector<std::string> notes;
  //! Columns written as text cells and formatted as text ("@"), so that a code typed later
  //! keeps its leading zeros.
  std::vector<int> text_columns;
  //! Columns whose cells are numbers ("1234", "45.6"), written as number cells ("" stays empty).
  std::vector<int> number_columns;
};
//! An .xlsx with one worksheet per table, in order.
Result<std::string> TablesXlsx(const std::vector<SheetTable>& sheets);

}  // namespace binhdang::documents
