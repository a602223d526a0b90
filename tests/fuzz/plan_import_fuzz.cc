// An uploaded plan document (.docx, .pdf or .txt): the text extraction under the import limits,
// then the reading of the plan out of the text, with an agency lookup that matches some names.
#include "documents/plan_import.h"
#include "fuzz/harness.h"

using namespace binhdang;

BINHDANG_FUZZ_TARGET(plan_import) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  auto text = documents::ExtractPlanText(s);
  if (!text.ok()) return 0;
  auto imported = documents::ParsePlan(std::move(*text), [](const std::string& name) -> Id {
    return name.size() % 3 == 0 ? static_cast<Id>(name.size()) : 0;
  });
  for (const auto& f : imported.fields) {
    if (f.begin > f.end || f.end > imported.source.text.size()) __builtin_trap();
    (void)documents::Utf16Offset(imported.source.text, f.end);
  }
  return 0;
}
