#include "domain/unit.h"

namespace binhdang::domain {

namespace {
constexpr std::string_view kUnitKindNames[] = {"country", "province", "district", "commune",
                                               "agency"};
}

std::string_view UnitKindName(UnitKind kind) { return kUnitKindNames[static_cast<int>(kind)]; }

std::optional<UnitKind> ParseUnitKind(std::string_view name) {
  for (int i = 0; i < 5; ++i) {
    if (kUnitKindNames[i] == name) return static_cast<UnitKind>(i);
  }
  return std::nullopt;
}

std::string_view MergeTypeName(MergeType type) {
  return type == MergeType::kFull ? "full" : "partial";
}

}  // namespace binhdang::domain
