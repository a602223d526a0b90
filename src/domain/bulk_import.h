// Bulk import (nhập hàng loạt) of users and agencies from a spreadsheet: how the cells people
// type are understood. Roles by their Vietnamese names, units by their official code or full
// name, agency types by name or code, lists separated by commas. Pure code: no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "domain/unit_tree.h"
#include "domain/user.h"

namespace binhdang::domain {

//! The name of a role as people read it ("Quản trị đơn vị"), as the web front end shows it.
std::string_view RoleLabel(Role role);
//! A role from its Vietnamese name or its code, ignoring case and diacritics
//! ("quan tri don vi", "Quản trị đơn vị" and "unit_admin" are kUnitAdmin).
std::optional<Role> ParseRoleLabel(std::string_view text);

//! The non-empty items of a list typed in one cell, separated by commas, semicolons or new
//! lines, each trimmed: "Xem, Báo cáo;" -> {"Xem", "Báo cáo"}.
std::vector<std::string> SplitList(std::string_view cell);

//! An agency type from its code or its Vietnamese name (case- and diacritic-insensitive);
//! nullopt when it is neither. Returns the code.
std::optional<std::string> ParseAgencyType(std::string_view text,
                                           const std::vector<AgencyType>& types);

//! Finds the unit a cell names: its official code, or its full name ("Xã Bản Bo"), among the
//! units that exist on one day. A code or a name two units share is ambiguous. Built once per
//! import over the whole tree, so that each row is a hash lookup.
class UnitIndex {
 public:
  UnitIndex(const UnitTree& tree, Date day);

  struct Match {
    const Unit* unit = nullptr;  // nullptr: not found or ambiguous
    bool ambiguous = false;
  };
  //! By code first; a number that lost its leading zeros in a spreadsheet ("4" for "00004")
  //! is tried padded to the code lengths in use; then by folded full name.
  Match Find(std::string_view cell) const;

 private:
  Match Lookup(const std::unordered_map<std::string, std::vector<const Unit*>>& map,
               const std::string& key) const;
  std::unordered_map<std::string, std::vector<const Unit*>> by_code_;
  std::unordered_map<std::string, std::vector<const Unit*>> by_name_;
  std::vector<size_t> code_lengths_;
};

//! One problem of one cell of an imported sheet: its row as the spreadsheet numbers it (1 is
//! the first), its column letter ("C"), the field and the message.
struct ImportIssue {
  int row = 0;
  std::string column;
  std::string field;
  Message message;
};

}  // namespace binhdang::domain
