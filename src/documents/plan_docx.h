// A DOCX (WordprocessingML) of an official document (official_document.h): Times New Roman,
// A4 with the NĐ 30 margins, header in a borderless two-column table, the activities table with
// its header row repeated (tblHeader), the page number in a header from page 2 (titlePg).
#pragma once

#include <string>

#include "common/result.h"
#include "documents/official_document.h"

namespace binhdang::documents {

Result<std::string> WriteDocumentDocx(const OfficialDocument& doc);

}  // namespace binhdang::documents
