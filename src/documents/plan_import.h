// A plan in from a document: the text of a .docx, a .pdf (its text layer, read with poppler) or
// a .txt, and the kế hoạch read out of it — issuer, number and symbol, place and date, title,
// bases, purposes and requirements, objective and targets, theme, period, messages, key
// activities, assignments to agencies, budget, reporting duty, closing, recipients, signer.
// Each field read carries the span of the text it came from and a confidence; what the
// document does not say is left empty, never guessed.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/plan.h"

namespace binhdang::documents {

//! What one import may take: the upload and, for a DOCX, its unpacked parts.
inline constexpr size_t kImportMaxBytes = 16u * 1024 * 1024;

//! The document's text: one paragraph per line, cleaned (NFC, runs of white space as one
//! space, Word bookmarks and emphasis marks removed, page numbers dropped, a paragraph broken
//! across a page joined again). Spans below are byte offsets into it.
struct ImportText {
  std::string format;  // "docx" | "pdf" | "txt"
  std::string text;
};

//! kInvalidArgument ("file") when the bytes are none of the three (a .txt must be UTF-8);
//! kPayloadTooLarge beyond kImportMaxBytes. The format is told by the first bytes ("%PDF-",
//! "PK"), else text.
Result<ImportText> ExtractPlanText(std::string_view bytes);

//! One field read: its path in the plan ("number", "content.bases[0].date",
//! "activities[3].lead"), the value as the API writes it, the span and a confidence in [0, 1].
struct ImportedField {
  std::string path;
  std::string value;
  size_t begin = 0, end = 0;
  double confidence = 1;
};

//! Finds the agency (or administrative unit) the document names ("Phòng Tư pháp"), 0 if none.
using AgencyLookup = std::function<Id(const std::string& name)>;

struct PlanImport {
  ImportText source;
  domain::Plan plan;                           // unit_id is left to the caller
  std::vector<domain::Activity> activities;    // key activities, then assignments
  std::vector<std::string> activity_agencies;  // per activity: the agency as the document names it
  std::string issuer;                          // "ỦY BAN NHÂN DÂN HUYỆN HƯƠNG KHÊ"
  std::vector<ImportedField> fields;
  std::vector<std::string> unmatched;  // agencies named but not found by the lookup
};

//! Reads the plan out of `text`. Never fails: what it cannot read stays empty.
PlanImport ParsePlan(ImportText text, const AgencyLookup& agencies);

//! UTF-16 code units before byte `offset` of `s` (for a browser, whose strings count so).
size_t Utf16Offset(std::string_view s, size_t offset);

}  // namespace binhdang::documents
