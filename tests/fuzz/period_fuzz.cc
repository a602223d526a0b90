// Reporting period ids ("2024AM", "2026H1", "2026Q3", "202611", "2026"): a parsed period prints
// back to an id that parses to the same period.
#include <cstdlib>

#include "domain/period.h"
#include "fuzz/harness.h"

using namespace binhdang;

BINHDANG_FUZZ_TARGET(period) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  auto p = domain::ParsePeriod(s);
  if (!p) return 0;
  auto again = domain::ParsePeriod(p->id());
  if (!again || again->id() != p->id() || again->start != p->start || again->end != p->end)
    std::abort();
  return 0;
}
