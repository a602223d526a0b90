#include "domain/case.h"

#include "common/text.h"
#include "domain/access.h"

namespace binhdang::domain {

bool IsCode(std::span<const Code> list, std::string_view code) {
  for (const auto& c : list) {
    if (c.code == code) return true;
  }
  return false;
}

std::string_view LabelOf(std::span<const Code> list, std::string_view code) {
  for (const auto& c : list) {
    if (c.code == code) return c.vi;
  }
  return code;
}

bool HasCaseRole(const User& u) {
  return u.active && (u.Has(Role::kCaseWorker) || u.Has(Role::kCaseSupervisor));
}

std::string_view AgeBandOn(std::optional<Date> birth, Date on) {
  if (!birth || *birth > on) return "unknown";
  int age = on.year() - birth->year();
  if (on.month() < birth->month() || (on.month() == birth->month() && on.day() < birth->day())) {
    --age;
  }
  if (age <= 11) return "0-11";
  if (age <= 17) return "12-17";
  if (age <= 25) return "18-25";
  if (age <= 40) return "26-40";
  if (age <= 60) return "41-60";
  return "61+";
}

std::string& FieldOf(Identity& identity, std::string_view name) {
  if (name == "date_of_birth") return identity.date_of_birth;
  if (name == "phone") return identity.phone;
  if (name == "address") return identity.address;
  if (name == "national_id") return identity.national_id;
  return identity.full_name;
}

void RequireCode(std::span<const Code> list, const std::string& value, const char* field,
                 Validator& v) {
  if (!IsCode(list, value)) {
    std::string allowed;
    for (const auto& c : list) allowed += (allowed.empty() ? "" : ", ") + std::string(c.code);
    v.Fail(field, std::string(field) + " phải là một trong: " + allowed,
           std::string(field) + " must be one of: " + allowed);
  }
}

namespace {
void RequireLength(const std::string& value, size_t max, const char* field, const char* vi,
                   Validator& v) {
  if (text::Length(value) > max) {
    v.Fail(field, std::string(vi) + " dài quá " + std::to_string(max) + " ký tự",
           std::string(field) + " is longer than " + std::to_string(max) + " characters");
  }
}
}  // namespace

void ValidateCase(const CaseRecord& c, const Identity& id, Date today, Validator& v) {
  RequireCode(kSexes, c.sex, "sex", v);
  RequireCode(kAgeBands, c.age_band, "age_band", v);
  RequireCode(kCaseStatuses, c.status, "status", v);
  RequireLength(c.ethnicity, 60, "ethnicity", "Dân tộc", v);
  if (text::Trim(id.full_name).empty()) {
    v.Fail("full_name", "Cần nhập họ tên người bị bạo lực", "The survivor's name is required");
  }
  RequireLength(id.full_name, 200, "full_name", "Họ tên", v);
  RequireLength(id.phone, 40, "phone", "Số điện thoại", v);
  RequireLength(id.address, 500, "address", "Địa chỉ", v);
  RequireLength(id.national_id, 20, "national_id", "Số định danh", v);
  if (!id.date_of_birth.empty()) {
    auto dob = Date::Parse(id.date_of_birth);
    if (!dob || *dob > today) {
      v.Fail("date_of_birth", "Ngày sinh không hợp lệ hoặc ở tương lai",
             "date_of_birth is not a valid past date");
    }
  }
  if (c.opened_on > today) {
    v.Fail("opened_on", "Ngày mở vụ việc không được ở tương lai", "opened_on is in the future");
  }
}

void ValidateIncident(const Incident& i, Date today, Validator& v) {
  RequireCode(kReportChannels, i.how_reported, "how_reported", v);
  RequireCode(kReporters, i.reported_by, "reported_by", v);
  RequireCode(kPlaceTypes, i.place_type, "place_type", v);
  RequireCode(kGbvTypes, i.gbv_type, "gbv_type", v);
  if (!i.dv_form.empty()) RequireCode(kDvForms, i.dv_form, "dv_form", v);
  RequireCode(kRelationships, i.perpetrator_relationship, "perpetrator_relationship", v);
  RequireCode(kSexes, i.perpetrator_sex, "perpetrator_sex", v);
  RequireCode(kAgeBands, i.perpetrator_age_band, "perpetrator_age_band", v);
  if (i.occurred_on > today) {
    v.Fail("occurred_on", "Ngày xảy ra không được ở tương lai", "occurred_on is in the future");
  }
  if (i.reported_on > today) {
    v.Fail("reported_on", "Ngày trình báo không được ở tương lai", "reported_on is in the future");
  } else if (i.reported_on < i.occurred_on) {
    v.Fail("reported_on", "Ngày trình báo phải từ ngày xảy ra trở đi",
           "reported_on must be on or after occurred_on");
  }
}

std::string MakeCaseCode(int year, std::string_view random) {
  // Crockford-like alphabet without I, L, O, U: read aloud over the phone without mistakes.
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::string code = "VV-" + std::to_string(year) + "-";
  for (size_t i = 0; i < 6 && i < random.size(); ++i) {
    code += kAlphabet[static_cast<unsigned char>(random[i]) % 32];
  }
  return code;
}

std::string DuplicateKey(std::string_view full_name, std::string_view date_of_birth) {
  std::string name = text::Fold(full_name);
  if (name.empty()) return "";
  return name + "|" + std::string(date_of_birth.substr(0, date_of_birth.size() >= 4 ? 4 : 0));
}

namespace {
bool Named(const std::vector<CaseMember>& members, Id user, std::string_view role) {
  for (const auto& m : members) {
    if (m.user_id == user && m.role == role) return true;
  }
  return false;
}
}  // namespace

bool CanReadCase(const User& user, const CaseRecord& c, const std::vector<CaseMember>& members,
                 const UnitTree& tree) {
  if (!user.active) return false;
  if (user.Has(Role::kCaseWorker) && (c.owner_id == user.id || Named(members, user.id, "worker"))) {
    return true;
  }
  return user.Has(Role::kCaseSupervisor) &&
         (Named(members, user.id, "supervisor") || Named(members, user.id, "emergency")) &&
         InSubtreeAcrossTime(c.unit_id, user.unit_id, tree);
}

bool CanManageCase(const User& user, const CaseRecord& c, const std::vector<CaseMember>& members,
                   const UnitTree& tree) {
  if (!user.active) return false;
  if (user.Has(Role::kCaseWorker) && c.owner_id == user.id) return true;
  return user.Has(Role::kCaseSupervisor) && Named(members, user.id, "supervisor") &&
         InSubtreeAcrossTime(c.unit_id, user.unit_id, tree);
}

bool CanOwnCase(const User& user, const CaseRecord& c, const UnitTree& tree) {
  return user.active && user.Has(Role::kCaseWorker) &&
         InSubtreeAcrossTime(c.unit_id, user.unit_id, tree);
}

bool CanBreakGlass(const User& user, const CaseRecord& c, const UnitTree& tree) {
  return user.active && user.Has(Role::kCaseSupervisor) &&
         InSubtreeAcrossTime(c.unit_id, user.unit_id, tree);
}

bool CanOpenCase(const User& user, Id unit_id, const UnitTree& tree) {
  return user.active && user.Has(Role::kCaseWorker) &&
         InSubtreeAcrossTime(unit_id, user.unit_id, tree);
}

bool CanCountCases(const User& user, Id unit_id, const UnitTree& tree) {
  if (Can(user, Right::kView, unit_id, tree)) return true;
  return user.active && (user.Has(Role::kCaseWorker) || user.Has(Role::kCaseSupervisor)) &&
         InSubtreeAcrossTime(unit_id, user.unit_id, tree);
}

std::string SuppressedCount(long long n) {
  if (n > 0 && n < kSmallCell) return "<5";
  return std::to_string(n);
}

std::vector<std::string> SuppressCells(const std::vector<long long>& counts, bool* hide_total) {
  std::vector<std::string> out;
  long long total = 0, hidden = 0, smalls = 0, stars = 0;
  for (long long n : counts) {
    out.push_back(SuppressedCount(n));
    total += n;
    if (n > 0 && n < kSmallCell) hidden += n, ++smalls;
  }
  // A suppressed (or unshown) total reveals nothing the small cells do not.
  if (!hide_total || total < kSmallCell || smalls == 0) return out;
  // With h hidden in all, a small cell is at most h - (smalls - 1) - 5 × stars: two values or
  // more stay possible for it when that is at least 2.
  auto enough = [&] { return stars > 0 && hidden >= kSmallCell * stars + smalls + 1; };
  while (!enough()) {
    size_t smallest = counts.size();
    for (size_t i = 0; i < counts.size(); ++i) {
      if (counts[i] >= kSmallCell && out[i] != kHiddenCell &&
          (smallest == counts.size() || counts[i] < counts[smallest])) {
        smallest = i;
      }
    }
    if (smallest == counts.size()) {
      *hide_total = true;  // every cell hidden and still too little: the total would tell
      break;
    }
    out[smallest] = std::string(kHiddenCell);
    hidden += counts[smallest];
    ++stars;
  }
  return out;
}

}  // namespace binhdang::domain
