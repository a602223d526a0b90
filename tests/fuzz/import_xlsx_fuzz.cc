// An uploaded bulk-import file: the zip container and sheet under the import's limits, the
// header row matched against the users' and the agencies' templates, then each row's cells read
// as a list of roles and as an agency type, as the import checks them.
#include "domain/bulk_import.h"
#include "fuzz/harness.h"
#include "service/imports.h"

using namespace binhdang;

BINHDANG_FUZZ_TARGET(import_xlsx) {
  static const std::vector<domain::AgencyType> types = {
      {"womens_union", "Hội Liên hiệp Phụ nữ", "Women's Union"}, {"police", "Công an", "Police"}};
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  for (const auto* columns : {&service::UserImportColumns(), &service::AgencyImportColumns()}) {
    auto table =
        documents::ReadTable(s, *columns,
                             {service::ImportsService::kMaxRows,
                              service::ImportsService::kMaxMemory, service::kImportExampleMark, 1});
    if (!table.ok()) continue;
    for (const auto& row : table->rows) {
      for (const auto& cell : row.cells) {
        for (const auto& item : domain::SplitList(cell)) (void)domain::ParseRoleLabel(item);
        (void)domain::ParseAgencyType(cell, types);
      }
    }
  }
  return 0;
}
