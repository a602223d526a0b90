// The public service directory (danh bạ dịch vụ hỗ trợ): where a person facing violence can get
// help, and where a case worker refers a survivor. Anyone may search it without signing in; the
// street address of a shelter or a trusted address is shown to case workers only — the public
// sees how to reach it (a phone, a hotline). Pure types and rules.
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "common/ids.h"
#include "domain/case.h"

namespace binhdang::domain {

inline constexpr Code kProviderTypes[] = {
    {"hotline", "Đường dây nóng, tổng đài"},
    {"trusted_address", "Địa chỉ tin cậy ở cộng đồng"},
    {"shelter", "Nhà tạm lánh"},
    {"one_stop_centre", "Trung tâm hỗ trợ một cửa"},
    {"social_work_centre", "Trung tâm công tác xã hội"},
    {"health_facility", "Cơ sở y tế"},
    {"legal_aid_centre", "Trung tâm trợ giúp pháp lý"},
    {"police", "Công an"},
};

//! The services a provider offers, and what a referral asks for.
inline constexpr Code kServiceKinds[] = {
    {"health", "Chăm sóc y tế"},
    {"psychosocial", "Tư vấn, hỗ trợ tâm lý - xã hội"},
    {"legal_aid", "Trợ giúp pháp lý"},
    {"safe_shelter", "Nơi tạm lánh an toàn"},
    {"police", "Bảo vệ, can thiệp của công an"},
    {"justice", "Tư pháp, tòa án"},
    {"hotline", "Tư vấn qua điện thoại"},
};

//! Providers whose street address is visible to case workers only.
bool AddressIsProtected(std::string_view provider_type);

struct Provider {
  Id id = 0;
  std::string name;
  std::string type;                   // kProviderTypes
  Id unit_id = 0;                     // the unit it serves (0: the whole country)
  std::vector<std::string> services;  // kServiceKinds
  std::string phone;
  std::string hours;  // "24/7", "7h30–17h00 các ngày làm việc"
  bool free_of_charge = false;
  std::string how_to_reach;    // what the public sees: "Gọi 111, miễn phí, 24/7"
  std::string street_address;  // case workers only for shelters and trusted addresses
  std::string source;          // where the listing comes from (for seeded entries)
  bool active = true;
  long long version = 1;
};

void ValidateProvider(const Provider& p, Validator& v);

}  // namespace binhdang::domain
