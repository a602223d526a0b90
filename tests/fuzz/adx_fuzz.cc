// An uploaded ADX document (POST /api/v1/reports/adx): parsed or refused with a field error,
// never a crash; what parses writes back to a document that parses to the same groups, and
// every group's period either maps to a period whose ADX form maps back to it, or to none.
#include <cstdlib>

#include "documents/report_adx.h"
#include "fuzz/harness.h"

using namespace binhdang;

BINHDANG_FUZZ_TARGET(adx) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  auto groups = documents::ReadAdx(s);
  if (!groups.ok()) {
    if (groups.error().details.empty()) std::abort();  // every refusal names its place
    return 0;
  }
  static const std::vector<domain::PeriodKind> kinds = {
      domain::PeriodKind::kYear, domain::PeriodKind::kSixMonth, domain::PeriodKind::kQuarter,
      domain::PeriodKind::kMonth, domain::PeriodKind::kActionMonth};
  for (const auto& g : *groups) {
    if (auto p = documents::PeriodOfAdx(g.period, kinds)) {
      auto back = documents::PeriodOfAdx(documents::AdxPeriod(*p), {p->kind});
      if (!back || back->id() != p->id()) std::abort();
    }
  }
  auto again = documents::ReadAdx(documents::WriteAdx(*groups, 0));
  if (!again.ok() || again->size() != groups->size()) std::abort();
  for (size_t i = 0; i < groups->size(); ++i) {
    const auto& a = (*groups)[i];
    const auto& b = (*again)[i];
    if (a.org_unit != b.org_unit || a.period != b.period || a.data_set != b.data_set ||
        a.complete_date != b.complete_date || a.values.size() != b.values.size())
      std::abort();
    for (size_t j = 0; j < a.values.size(); ++j) {
      const auto& x = a.values[j];
      const auto& y = b.values[j];
      if (x.value != y.value || x.item != y.item || x.sex != y.sex || x.level != y.level ||
          x.data_element != y.data_element || x.annotation != y.annotation)
        std::abort();
    }
  }
  return 0;
}
