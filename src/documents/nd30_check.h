// The NĐ 30/2020 checker (Phụ lục I): measures, in a PDF or a DOCX, what the decree fixes —
// paper size and orientation, margins, the typeface, the size and style of each element of the
// first page (quốc hiệu, tiêu ngữ, issuing body, number and symbol, place and date, the kind of
// document, the body, Nơi nhận) and where the page numbers stand — and lists what is off, each
// with what was measured and what the decree asks. Used by `binhdang check-document` and by the
// tests, which run it on every document binhdang writes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace binhdang::documents {

//! One rule measured: its code ("margin-left"), what it measured, in Vietnamese ("Lề trái
//! 30,0 mm"), and what NĐ 30 asks ("30–35 mm").
struct CheckItem {
  std::string rule;
  std::string measured;
  std::string expected;
};

struct CheckReport {
  std::string format;  // "pdf" | "docx"
  int pages = 0;       // the PDF's pages; 0 for a DOCX (its pages are laid out by the reader)
  std::vector<CheckItem> passed;
  std::vector<CheckItem> findings;  // what is off
  bool ok() const { return findings.empty(); }
};

//! What one check may take: the file's size and, for a DOCX, its unpacked parts.
inline constexpr size_t kCheckMaxBytes = 64u * 1024 * 1024;

//! kInvalidArgument ("file") when the bytes are not a PDF poppler can read.
Result<CheckReport> CheckPdf(std::string_view pdf);
//! kInvalidArgument ("file") when the bytes are not a DOCX; kPayloadTooLarge when unpacked it
//! would exceed kCheckMaxBytes.
Result<CheckReport> CheckDocx(std::string_view docx);
//! Either, by the file's first bytes ("%PDF-" or "PK").
Result<CheckReport> CheckDocument(std::string_view bytes);

//! The report as lines a person reads (Vietnamese), the findings first.
std::string DescribeCheck(const CheckReport& report);

}  // namespace binhdang::documents
