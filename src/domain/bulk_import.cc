#include "domain/bulk_import.h"

#include <algorithm>

#include "common/text.h"

namespace binhdang::domain {

namespace {
// The labels of web/src/i18n.ts ("role.*"), in the order of Role.
constexpr std::string_view kRoleLabels[] = {"Quản trị hệ thống", "Quản trị đơn vị", "Lập kế hoạch",
                                            "Báo cáo",           "Duyệt",           "Xem",
                                            "Quản lý ca",        "Giám sát ca"};
static_assert(std::size(kRoleLabels) == std::size(kAllRoles));

bool AllDigits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= '0' && c <= '9'; });
}
}  // namespace

std::string_view RoleLabel(Role role) { return kRoleLabels[static_cast<int>(role)]; }

std::optional<Role> ParseRoleLabel(std::string_view text) {
  const std::string folded = text::Fold(text);
  if (folded.empty()) return std::nullopt;
  for (Role r : kAllRoles) {
    if (folded == text::Fold(RoleLabel(r)) || folded == RoleName(r)) return r;
  }
  return std::nullopt;
}

std::vector<std::string> SplitList(std::string_view cell) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= cell.size(); ++i) {
    if (i == cell.size() || cell[i] == ',' || cell[i] == ';' || cell[i] == '\n' ||
        cell[i] == '\r') {
      std::string item = text::Trim(cell.substr(start, i - start));
      if (!item.empty()) out.push_back(std::move(item));
      start = i + 1;
    }
  }
  return out;
}

std::optional<std::string> ParseAgencyType(std::string_view text,
                                           const std::vector<AgencyType>& types) {
  const std::string trimmed = text::Trim(text);
  const std::string folded = text::Fold(trimmed);
  if (folded.empty()) return std::nullopt;
  for (const auto& t : types) {
    if (trimmed == t.code || folded == text::Fold(t.name_vi)) return t.code;
  }
  return std::nullopt;
}

UnitIndex::UnitIndex(const UnitTree& tree, Date day) {
  std::vector<Id> stack(tree.roots().rbegin(), tree.roots().rend());
  while (!stack.empty()) {
    const Id id = stack.back();
    stack.pop_back();
    const Unit* u = tree.Find(id);
    if (!u) continue;
    const auto& children = tree.Children(id);
    stack.insert(stack.end(), children.rbegin(), children.rend());
    if (!u->ValidAt(day)) continue;
    if (!u->code.empty()) {
      by_code_[u->code].push_back(u);
      if (AllDigits(u->code) && std::find(code_lengths_.begin(), code_lengths_.end(),
                                          u->code.size()) == code_lengths_.end()) {
        code_lengths_.push_back(u->code.size());
      }
    }
    by_name_[text::Fold(u->full_name)].push_back(u);
  }
}

UnitIndex::Match UnitIndex::Lookup(
    const std::unordered_map<std::string, std::vector<const Unit*>>& map,
    const std::string& key) const {
  auto it = map.find(key);
  if (it == map.end()) return {};
  if (it->second.size() > 1) return {nullptr, true};
  return {it->second.front(), false};
}

UnitIndex::Match UnitIndex::Find(std::string_view cell) const {
  const std::string code = text::Trim(cell);
  if (code.empty()) return {};
  if (auto m = Lookup(by_code_, code); m.unit || m.ambiguous) return m;
  if (AllDigits(code)) {
    for (size_t len : code_lengths_) {
      if (len <= code.size()) continue;
      if (auto m = Lookup(by_code_, std::string(len - code.size(), '0') + code);
          m.unit || m.ambiguous)
        return m;
    }
  }
  return Lookup(by_name_, text::Fold(code));
}

}  // namespace binhdang::domain
