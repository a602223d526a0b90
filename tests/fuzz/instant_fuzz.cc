// Instants typed into case forms ("2026-12-01T14:05", Vietnam time, or "…Z" in UTC): a parsed
// instant prints back (IsoInstant, UTC) to a text that parses to the same instant.
#include <cstdlib>

#include "common/time.h"
#include "fuzz/harness.h"

using namespace binhdang;

BINHDANG_FUZZ_TARGET(instant) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  auto ms = ParseInstant(s);
  if (!ms) return 0;
  auto again = ParseInstant(IsoInstant(*ms));
  if (!again || *again != *ms) std::abort();
  return 0;
}
