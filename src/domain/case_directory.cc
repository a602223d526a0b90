#include "domain/case_directory.h"

#include <algorithm>
#include <set>

#include "common/text.h"

namespace binhdang::domain {

bool AddressIsProtected(std::string_view provider_type) {
  return provider_type == "shelter" || provider_type == "trusted_address";
}

void ValidateProvider(const Provider& p, Validator& v) {
  const std::string name = text::Trim(p.name);
  if (name.empty()) v.Fail("name", "Cần nhập tên nơi cung cấp dịch vụ", "name is required");
  if (text::Length(p.name) > 300) v.Fail("name", "Tên dài quá 300 ký tự", "name is too long");
  RequireCode(kProviderTypes, p.type, "type", v);
  if (p.services.empty()) {
    v.Fail("services", "Cần chọn ít nhất một dịch vụ", "at least one service is required");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < p.services.size(); ++i) {
    const std::string field = "services[" + std::to_string(i) + "]";
    if (!IsCode(kServiceKinds, p.services[i])) {
      v.Fail(field, "Dịch vụ không có trong danh mục", "unknown service kind");
    } else if (!seen.insert(p.services[i]).second) {
      v.Fail(field, "Dịch vụ bị lặp lại", "duplicate service");
    }
  }
  const std::string phone = text::Trim(p.phone);
  const bool digits = !phone.empty() && std::all_of(phone.begin(), phone.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == ' ' || c == '.' || c == '+';
  });
  if (!digits || phone.size() < 3 || phone.size() > 20) {
    v.Fail("phone", "Số điện thoại chỉ gồm chữ số (3–20 ký tự), ví dụ 111 hoặc 0213 3876 543",
           "phone must be 3–20 digits");
  }
  if (text::Length(p.hours) > 200)
    v.Fail("hours", "Giờ làm việc dài quá 200 ký tự", "hours too long");
  if (text::Length(p.how_to_reach) > 500) {
    v.Fail("how_to_reach", "Cách liên hệ dài quá 500 ký tự", "how_to_reach too long");
  }
  if (text::Length(p.street_address) > 500) {
    v.Fail("street_address", "Địa chỉ dài quá 500 ký tự", "street_address too long");
  }
}

}  // namespace binhdang::domain
