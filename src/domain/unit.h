// Units (đơn vị): one tree of administrative units and the agencies attached to them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/ids.h"
#include "common/time.h"

namespace binhdang::domain {

enum class UnitKind { kCountry, kProvince, kDistrict, kCommune, kAgency };

std::string_view UnitKindName(UnitKind kind);  // "province", ...
std::optional<UnitKind> ParseUnitKind(std::string_view name);

struct Unit {
  Id id = 0;
  std::string code;       // statistics office code; agencies: optional, free-form
  std::string name;       // "Hà Tĩnh"
  std::string full_name;  // "Tỉnh Hà Tĩnh"
  UnitKind kind = UnitKind::kCommune;
  std::string agency_type;         // agencies only: a code from the agency type list
  Id parent_id = 0;                // 0 for the root
  std::optional<Date> valid_from;  // nullopt: since before records began
  std::optional<Date> valid_to;    // inclusive; nullopt: still valid
  long long version = 1;

  //! True iff the unit exists on `day`.
  bool ValidAt(Date day) const {
    return (!valid_from || *valid_from <= day) && (!valid_to || day <= *valid_to);
  }
};

//! How an old unit went into a new one in a reorganisation (sáp nhập toàn bộ / một phần).
enum class MergeType { kFull, kPartial };
std::string_view MergeTypeName(MergeType type);

struct LineageLink {
  Id predecessor_id = 0;
  Id successor_id = 0;
  MergeType type = MergeType::kFull;
};

//! An agency type (loại cơ quan), from a configurable list.
struct AgencyType {
  std::string code;     // "womens_union"
  std::string name_vi;  // "Hội Liên hiệp Phụ nữ"
  std::string name_en;
};

}  // namespace binhdang::domain
