// A PDF of an official document (official_document.h) with Cairo and Pango: A4 portrait,
// margins 20/20/30/15 mm, Liberation Serif (embedded), page numbers from page 2.
#pragma once

#include <string>

#include "common/result.h"
#include "documents/official_document.h"

namespace binhdang::documents {

//! The PDF bytes; kInternal if Cairo fails.
Result<std::string> WriteDocumentPdf(const OfficialDocument& doc);

}  // namespace binhdang::documents
