// Bulk import (nhập hàng loạt) of users and agencies from the XLSX templates binhdang hands
// out, to bring a province on board in an afternoon. Every row is checked before anything is
// written; the errors name the row and column. A write is one transaction with one audit record.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "documents/xlsx_sheet.h"
#include "domain/bulk_import.h"
#include "service/context.h"
#include "service/password_hasher.h"
#include "service/unit_directory.h"
#include "service/users.h"

namespace binhdang::service {

//! check: nothing is written; all: everything or nothing; valid: the valid rows only.
enum class ImportMode { kCheck, kAll, kValid };
std::optional<ImportMode> ParseImportMode(std::string_view name);
std::string_view ImportModeName(ImportMode mode);

//! The columns of the templates, in order.
const std::vector<documents::TableColumn>& UserImportColumns();
const std::vector<documents::TableColumn>& AgencyImportColumns();
//! What marks a template's example row (in its second column): an import skips that row.
inline constexpr std::string_view kImportExampleMark = "(dòng ví dụ)";

//! An initial password binhdang generated, to be handed to its user.
struct Credential {
  std::string username;
  std::string full_name;
  std::string unit;  // the unit's full name
  std::string password;
};

struct ImportOutcome {
  ImportMode mode = ImportMode::kCheck;
  long long rows = 0;                       // data rows read (the example row not counted)
  long long valid = 0;                      // rows without an error
  long long written = 0;                    // rows imported; 0 unless something was written
  int example_row = 0;                      // the template's example row, skipped; 0: none
  std::vector<domain::ImportIssue> errors;  // by row, then column
  std::vector<Credential> credentials;      // users: the passwords binhdang generated
  //! True when the mode asked for a write that was refused because of `errors` (nothing written).
  bool refused() const { return mode != ImportMode::kCheck && written == 0; }
};

class ImportsService {
 public:
  //! The largest file and the most data rows one import takes.
  //! The largest file and the most data rows one import takes: every commune's agencies
  //! (3,321 x 10) fit in one file. Reading it holds at most kMaxMemory.
  static constexpr size_t kMaxBytes = 12u * 1024 * 1024;
  static constexpr size_t kMaxRows = 50000;
  static constexpr size_t kMaxMemory = 192u * 1024 * 1024;

  ImportsService(storage::Store& store, UnitDirectory& directory, UsersService& users,
                 PasswordHasher& hasher)
      : store_(store), directory_(directory), users_(users), hasher_(hasher) {}

  //! The templates: Vietnamese headers, one example row (skipped when imported), a second sheet
  //! listing the role names / agency types. Needs kManageUsers / kManageUnits somewhere.
  Result<std::string> UsersTemplate(const Caller& caller);
  Result<std::string> AgenciesTemplate(const Caller& caller);

  //! Users from an .xlsx (Tên đăng nhập, Họ và tên, Mã đơn vị, Vai trò, Mật khẩu). Refused
  //! rows: unknown or ambiguous unit, a unit the caller may not manage users of, a username
  //! that is malformed or taken (in the file or in binhdang), a weak password, an unknown role,
  //! an administrator made by a non-administrator. Empty passwords are generated. Every
  //! imported user must change the password at the first sign-in; case roles wait for a
  //! second person as pending grants, as UsersService::Create does. A file that is not an
  //! .xlsx or lacks a column is a kInvalidArgument ("file"), a larger one kPayloadTooLarge.
  Result<ImportOutcome> ImportUsers(const Caller& caller, std::string_view xlsx, ImportMode mode);
  //! Agencies from an .xlsx (Mã đơn vị cha, Tên cơ quan, Loại cơ quan, Mã cơ quan). Refused
  //! rows: unknown, ambiguous or non-administrative parent, one the caller may not manage, an
  //! empty or long name, a name the parent already has (folded, as agency sets compare), an
  //! unknown agency type.
  Result<ImportOutcome> ImportAgencies(const Caller& caller, std::string_view xlsx,
                                       ImportMode mode);

  //! The sheet of initial passwords to hand out (at most kMaxRows).
  Result<std::string> CredentialsXlsx(const Caller& caller,
                                      const std::vector<Credential>& credentials);

 private:
  storage::Store& store_;
  UnitDirectory& directory_;
  UsersService& users_;
  PasswordHasher& hasher_;
};

}  // namespace binhdang::service
