// A layout-independent model of an official document in the NĐ 30/2020 format (header in two
// columns, number/symbol, place and date, kind, trích yếu, bases, numbered body, tables, signer
// block, Nơi nhận). Built from domain objects (plan_document.h); written by plan_pdf.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/ids.h"
#include "common/time.h"

namespace binhdang::domain {
class UnitTree;
}

namespace binhdang::documents {

//! One paragraph of the body. Headings are bold; body text is justified with a first-line
//! indent; bullets ("- ...") likewise.
struct DocParagraph {
  enum class Style { kHeading1, kHeading2, kHeading3, kBody };
  Style style = Style::kBody;
  std::string text;  // with its own numbering ("I. ", "1. ", "a) ", "- ")
  bool italic = false;
};

//! A table whose first row (`columns`) is repeated at the top of every page it runs onto.
struct DocTable {
  std::vector<std::string> columns;
  std::vector<double> widths;  // fractions of the text width, one per column (sum 1)
  std::vector<std::vector<std::string>> rows;
};

struct DocBlock {
  enum class Kind { kParagraph, kTable };
  Kind kind = Kind::kParagraph;
  DocParagraph paragraph;
  DocTable table;
};

//! A paragraph of the body, as both documents (plan and report) build it.
inline DocBlock Para(DocParagraph::Style style, std::string text, bool italic = false) {
  DocBlock b;
  b.paragraph.style = style;
  b.paragraph.text = std::move(text);
  b.paragraph.italic = italic;
  return b;
}

//! The numbering of a document's sections: I. … X.
inline constexpr const char* kRoman[] = {"I",  "II",  "III",  "IV", "V",
                                         "VI", "VII", "VIII", "IX", "X"};

struct DocSigner {
  std::string on_behalf_of;  // "TM. ỦY BAN NHÂN DÂN"
  std::string authority;     // "KT. CHỦ TỊCH"
  std::string title;         // "PHÓ CHỦ TỊCH"
  std::string name;
};

struct OfficialDocument {
  std::string parent_body;         // the body above the issuer, upright ("" for a UBND)
  std::string issuing_body;        // bold, upper case: "ỦY BAN NHÂN DÂN\nHUYỆN TAM ĐƯỜNG"
  std::string number_symbol;       // "144/KH-UBND"
  std::string place_date;          // "Tam Đường, ngày 05 tháng 11 năm 2024"
  std::string kind;                // "KẾ HOẠCH"
  std::string title;               // trích yếu
  std::vector<std::string> bases;  // italic, before the body
  std::vector<DocBlock> body;
  DocSigner signer;
  std::vector<std::string> recipients;  // "- Sở Lao động – TB&XH (B/c);"
};

//! "ngày 05 tháng 11 năm 2024": NĐ 30 writes a leading zero for days below 10 and for months
//! 1 and 2 only ("ngày 05 tháng 3", "tháng 02").
std::string VietnameseDateWords(Date d);
//! "Tam Đường, ngày 05 tháng 11 năm 2024"; "Tam Đường, ngày      tháng      năm 2024" without a
//! day (a draft: the day is written by hand on signing).
std::string PlaceAndDate(const std::string& place, const std::optional<Date>& d, int year);

//! Upper case, Vietnamese rules ("ủy ban" → "ỦY BAN").
std::string UpperVi(const std::string& s);
//! The header's bodies for a document of unit `unit_id`: an agency under the UBND above it
//! ("UBND HUYỆN TAM ĐƯỜNG" / "PHÒNG VĂN HÓA - XÃ HỘI"); any other unit as its UBND.
void SetIssuer(OfficialDocument& doc, const domain::UnitTree& units, Id unit_id);

}  // namespace binhdang::documents
