// An uploaded XLSX: the zip container, the shared strings and the sheet XML, under the import
// limits (memory counted by the expanded size), then the identity cell and the rows of the
// built-in action-month template.
#include "documents/report_xlsx.h"
#include "fuzz/harness.h"
#include "support/templates.h"

using namespace binhdang;

BINHDANG_FUZZ_TARGET(xlsx) {
  static const auto& templates = testing::BuiltInTemplates();
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  auto grid = documents::ReadGrid(s);
  if (!grid.ok()) return 0;
  (void)documents::IdentityOf(*grid);
  for (const auto& t : templates) (void)documents::ReportFromGrid(t, *grid);
  return 0;
}
