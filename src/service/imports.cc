#include "service/imports.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "common/crypto.h"
#include "common/text.h"
#include "common/time.h"
#include "documents/xlsx_sheet.h"
#include "domain/access.h"
#include "service/audit.h"
#include "service/mutate.h"
#include "storage/units_repo.h"
#include "storage/users_repo.h"

namespace binhdang::service {

namespace {

using Column = documents::TableColumn;
using Sheet = documents::Table;
using SheetRow = documents::TableRow;

const std::vector<Column> kUserColumns = {
    {"username", "Tên đăng nhập", true, 22},
    {"full_name", "Họ và tên", true, 28},
    {"unit", "Mã đơn vị", true, 30},
    {"roles", "Vai trò", true, 30},
    {"password", "Mật khẩu (để trống: binhdang tạo)", false, 26},
};
const std::vector<Column> kAgencyColumns = {
    {"parent", "Mã đơn vị cha", true, 30},
    {"name", "Tên cơ quan", true, 46},
    {"agency_type", "Loại cơ quan", true, 36},
    {"code", "Mã cơ quan (không bắt buộc)", false, 18},
};
constexpr std::string_view kExampleMark = kImportExampleMark;

// The rows of an upload, within the import's limits; the name is the second column of both.
Result<Sheet> ReadRows(std::string_view xlsx, const std::vector<Column>& columns) {
  if (xlsx.size() > ImportsService::kMaxBytes) {
    return Error{ErrorCode::kPayloadTooLarge,
                 {"Tệp quá lớn: tối đa 12 MB", "The file is too large: at most 12 MB"},
                 {{"file", {"tệp quá lớn", "the file is too large"}}},
                 0};
  }
  return documents::ReadTable(
      xlsx, columns, {ImportsService::kMaxRows, ImportsService::kMaxMemory, kExampleMark, 1});
}

// Issues of one row, in the order of its columns.
class RowIssues {
 public:
  RowIssues(const Sheet& sheet, const SheetRow& row, const std::vector<Column>& columns)
      : sheet_(sheet), row_(row), columns_(columns) {}
  void Add(size_t column, std::string vi, std::string en) {
    const int col = sheet_.columns[column];
    issues_.push_back({row_.row,
                       col >= 0 ? documents::ColumnName(col) : "",
                       columns_[column].field,
                       {std::move(vi), std::move(en)}});
  }
  //! The failures `v` collected, at `column`.
  void Add(size_t column, Validator& v) {
    if (v.ok()) return;
    for (auto& d : v.ToError().details)
      Add(column, std::move(d.message.vi), std::move(d.message.en));
  }
  bool ok() const { return issues_.empty(); }
  std::vector<domain::ImportIssue>& issues() { return issues_; }

 private:
  const Sheet& sheet_;
  const SheetRow& row_;
  const std::vector<Column>& columns_;
  std::vector<domain::ImportIssue> issues_;
};

// Adds the stray cells of `sheet` to `issues` and sorts them by row, then column.
void Finish(const Sheet& sheet, std::vector<domain::ImportIssue>& issues, std::set<int>& bad_rows) {
  for (const auto& s : sheet.stray) {
    issues.push_back(
        {s.row,
         s.column,
         "",
         {"ô " + s.cell + " nằm ngoài các cột của mẫu; dữ liệu ở đây sẽ không được nhập",
          "cell " + s.cell + " lies outside the template's columns and would not be imported"}});
    bad_rows.insert(s.row);
  }
  std::stable_sort(issues.begin(), issues.end(), [](const auto& a, const auto& b) {
    if (a.row != b.row) return a.row < b.row;
    if (a.column.size() != b.column.size()) return a.column.size() < b.column.size();
    return a.column < b.column;
  });
}

// "dòng 5", as messages name another row.
std::string RowRef(int row) { return "dòng " + std::to_string(row); }

// A password people can read out and type: 12 characters of letters and digits without the
// look-alikes (0/O, 1/l/I), at least one of each kind, from libsodium's random bytes.
std::string GeneratePassword() {
  static constexpr std::string_view kLetters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  static constexpr std::string_view kDigits = "23456789";
  for (;;) {
    const std::string bytes = crypto::RandomBytes(12);
    std::string out;
    bool letter = false, digit = false;
    for (size_t i = 0; i < bytes.size(); ++i) {
      const auto b = static_cast<unsigned char>(bytes[i]);
      // Every fourth character a digit, the others letters: kinds both present, and easy to read.
      if (i % 4 == 3) {
        out += kDigits[b % kDigits.size()];
        digit = true;
      } else {
        out += kLetters[b % kLetters.size()];
        letter = true;
      }
    }
    if (letter && digit) return out;
  }
}

void CheckUnitCell(RowIssues& issues, size_t column, const std::string& cell,
                   const domain::UnitIndex::Match& m) {
  if (cell.empty()) {
    issues.Add(column, "cần mã hoặc tên đầy đủ của đơn vị",
               "the unit's code or full name is required");
  } else if (m.ambiguous) {
    issues.Add(column, "“" + cell + "” trùng với nhiều đơn vị; hãy ghi mã đơn vị",
               "\"" + cell + "\" matches several units; give the unit's code");
  } else if (!m.unit) {
    issues.Add(column, "không có đơn vị nào (đang tồn tại) có mã hoặc tên “" + cell + "”",
               "no current unit has the code or name \"" + cell + "\"");
  }
}

}  // namespace

const std::vector<documents::TableColumn>& UserImportColumns() { return kUserColumns; }
const std::vector<documents::TableColumn>& AgencyImportColumns() { return kAgencyColumns; }

std::optional<ImportMode> ParseImportMode(std::string_view name) {
  if (name == "check") return ImportMode::kCheck;
  if (name == "all") return ImportMode::kAll;
  if (name == "valid") return ImportMode::kValid;
  return std::nullopt;
}

std::string_view ImportModeName(ImportMode mode) {
  switch (mode) {
    case ImportMode::kCheck:
      return "check";
    case ImportMode::kAll:
      return "all";
    case ImportMode::kValid:
      return "valid";
  }
  return "check";
}

namespace {
Status MayImport(const Caller& caller, domain::Right right) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  if (domain::ScopeOf(*caller.user, right) == domain::Scope::kNone) return Error::Forbidden();
  return Ok();
}

// What a cell names the caller's own unit by: its code, or its full name without one.
std::string UnitCell(const domain::Unit* u) {
  if (!u) return "";
  return u->code.empty() ? u->full_name : u->code;
}

std::vector<std::string> HeadersOf(const std::vector<Column>& columns) {
  std::vector<std::string> out;
  for (const auto& c : columns) out.emplace_back(c.header);
  return out;
}
std::vector<double> WidthsOf(const std::vector<Column>& columns) {
  std::vector<double> out;
  for (const auto& c : columns) out.push_back(c.width);
  return out;
}
}  // namespace

Result<std::string> ImportsService::UsersTemplate(const Caller& caller) {
  BD_RETURN_IF_ERROR(MayImport(caller, domain::Right::kManageUsers));
  auto tree = directory_.Tree();
  documents::SheetTable data{
      "Người dùng", HeadersOf(kUserColumns), WidthsOf(kUserColumns), {}, {}, {0, 2, 4}, {}};
  data.rows.push_back({"vi.du", "Nguyễn Văn A " + std::string(kExampleMark),
                       UnitCell(tree->Find(caller.user->unit_id)),
                       std::string(domain::RoleLabel(domain::Role::kPlanner)) + ", " +
                           std::string(domain::RoleLabel(domain::Role::kReporter)),
                       ""});
  documents::SheetTable roles{
      "Danh mục vai trò", {"Vai trò (ghi đúng tên này)", "Ghi chú"}, {28, 70}, {}, {}, {}, {}};
  for (auto r : domain::kAllRoles) {
    std::string note;
    if (r == domain::Role::kAdmin)
      note = "chỉ quản trị hệ thống tạo được tài khoản quản trị hệ thống";
    if (domain::IsCaseRole(r))
      note = "cần người thứ hai phê duyệt: được ghi thành đề nghị cấp quyền";
    roles.rows.push_back({std::string(domain::RoleLabel(r)), note});
  }
  roles.notes = {
      "Mỗi dòng của trang “Người dùng” là một tài khoản; dòng ví dụ (có chữ “(dòng ví dụ)”) được "
      "bỏ qua.",
      "Mã đơn vị: mã của đơn vị (mã thống kê) hoặc tên đầy đủ, ví dụ “Xã Bản Bo”.",
      "Vai trò: một hoặc nhiều tên ở trên, cách nhau bằng dấu phẩy.",
      "Mật khẩu: ít nhất 10 ký tự, có chữ và số; để trống thì binhdang tạo và cho tải danh sách "
      "mật khẩu.",
      "Mọi người dùng được nhập phải đổi mật khẩu ở lần đăng nhập đầu tiên.",
  };
  return documents::TablesXlsx({data, roles});
}

Result<std::string> ImportsService::AgenciesTemplate(const Caller& caller) {
  BD_RETURN_IF_ERROR(MayImport(caller, domain::Right::kManageUnits));
  auto tree = directory_.Tree();
  std::vector<domain::AgencyType> types;
  {
    auto sql = store_.Lease();
    types = storage::UnitsRepo(*sql).AgencyTypes();
  }
  const domain::Unit* own = tree->Find(caller.user->unit_id);
  documents::SheetTable data{
      "Cơ quan", HeadersOf(kAgencyColumns), WidthsOf(kAgencyColumns), {}, {}, {0, 3}, {}};
  data.rows.push_back({UnitCell(own), "Hội Liên hiệp Phụ nữ " + std::string(kExampleMark),
                       types.empty() ? "" : types.front().name_vi, ""});
  for (const auto& t : types) {
    if (t.code == "womens_union") data.rows.back()[2] = t.name_vi;
  }
  documents::SheetTable list{"Danh mục loại cơ quan",
                             {"Loại cơ quan (ghi đúng tên này)", "Mã loại"},
                             {50, 24},
                             {},
                             {},
                             {},
                             {}};
  for (const auto& t : types) list.rows.push_back({t.name_vi, t.code});
  list.notes = {
      "Mỗi dòng của trang “Cơ quan” là một cơ quan; dòng ví dụ (có chữ “(dòng ví dụ)”) được bỏ "
      "qua.",
      "Mã đơn vị cha: mã (mã thống kê) hoặc tên đầy đủ của đơn vị hành chính, ví dụ “Xã Bản Bo”.",
      "Loại cơ quan: một tên (hoặc mã loại) ở trên.",
      "Một đơn vị không có hai cơ quan cùng tên.",
  };
  return documents::TablesXlsx({data, list});
}

Result<ImportOutcome> ImportsService::ImportUsers(const Caller& caller, std::string_view xlsx,
                                                  ImportMode mode) {
  BD_RETURN_IF_ERROR(MayImport(caller, domain::Right::kManageUsers));
  BD_ASSIGN_OR_RETURN(Sheet sheet, ReadRows(xlsx, kUserColumns));
  auto tree = directory_.Tree();
  const domain::UnitIndex units(*tree, Date::TodayInVietnam());
  std::unordered_set<std::string> taken;
  for (const auto& u : users_.ListAll()) taken.insert(u.username);
  const bool caller_admin = caller.user->Has(domain::Role::kAdmin);

  struct Checked {
    int row = 0;
    domain::User user;  // with every role asked for
    std::string password;
    bool generated = false;
  };
  ImportOutcome out;
  out.mode = mode;
  out.rows = static_cast<long long>(sheet.rows.size());
  out.example_row = sheet.example_row;
  std::vector<Checked> valid;
  std::unordered_map<std::string, int> first_row;  // username -> row it first appears on
  std::set<int> bad_rows;
  for (const auto& row : sheet.rows) {
    RowIssues issues(sheet, row, kUserColumns);
    Checked c;
    c.row = row.row;
    c.user.username = NormalUsername(row.cells[0]);
    {
      Validator v;
      if (c.user.username.empty())
        v.Fail("username", "cần tên đăng nhập", "username is required");
      else
        CheckUsername(v, c.user.username);
      issues.Add(0, v);
    }
    if (!c.user.username.empty()) {
      auto [it, fresh] = first_row.emplace(c.user.username, row.row);
      if (!fresh) {
        issues.Add(
            0, "tên đăng nhập “" + c.user.username + "” trùng với " + RowRef(it->second),
            "username \"" + c.user.username + "\" repeats row " + std::to_string(it->second));
      } else if (taken.count(c.user.username)) {
        issues.Add(0, "tên đăng nhập “" + c.user.username + "” đã được dùng",
                   "username \"" + c.user.username + "\" is taken");
      }
    }
    c.user.full_name = row.cells[1];
    {
      Validator v;
      CheckFullName(v, c.user.full_name);
      issues.Add(1, v);
    }
    const auto unit = units.Find(row.cells[2]);
    CheckUnitCell(issues, 2, row.cells[2], unit);
    if (unit.unit) {
      c.user.unit_id = unit.unit->id;
      if (!domain::Can(*caller.user, domain::Right::kManageUsers, unit.unit->id, *tree)) {
        issues.Add(2, "bạn không có quyền quản lý người dùng của " + unit.unit->full_name,
                   "you may not manage the users of " + unit.unit->full_name);
      }
    }
    const auto names = domain::SplitList(row.cells[3]);
    if (names.empty()) issues.Add(3, "cần ít nhất một vai trò", "at least one role is required");
    for (const auto& n : names) {
      auto role = domain::ParseRoleLabel(n);
      if (!role) {
        issues.Add(3, "vai trò “" + n + "” không có trong danh mục (xem trang “Danh mục vai trò”)",
                   "unknown role \"" + n + "\"");
      } else if (*role == domain::Role::kAdmin && !caller_admin) {
        issues.Add(3, "chỉ quản trị hệ thống mới tạo được tài khoản quản trị hệ thống",
                   "only an administrator can make an administrator");
      } else if (!c.user.Has(*role)) {
        c.user.roles.push_back(*role);
      }
    }
    if (row.cells[4].empty()) {
      c.generated = true;
    } else {
      c.password = row.cells[4];
      Validator v;
      CheckPassword(v, c.password);
      issues.Add(4, v);
    }
    if (issues.ok()) {
      valid.push_back(std::move(c));
    } else {
      bad_rows.insert(row.row);
      for (auto& i : issues.issues()) out.errors.push_back(std::move(i));
    }
  }
  Finish(sheet, out.errors, bad_rows);
  // A stray cell spoils a row that was valid otherwise.
  std::erase_if(valid, [&](const Checked& c) { return bad_rows.count(c.row) > 0; });
  std::vector<Checked>& kept = valid;
  out.valid = static_cast<long long>(kept.size());
  const bool write = (mode == ImportMode::kAll && out.errors.empty() && !kept.empty()) ||
                     (mode == ImportMode::kValid && !kept.empty());
  if (!write) return out;

  for (auto& c : kept) {
    if (c.generated) c.password = GeneratePassword();
  }
  std::vector<std::string> passwords;
  passwords.reserve(kept.size());
  for (const auto& c : kept) passwords.push_back(c.password);
  // Before the connection is leased: hashing 10,000 passwords takes minutes of both cores.
  const std::vector<std::string> hashes = hasher_.HashAll(passwords);
  BD_RETURN_IF_ERROR(Mutate(store_, caller, [&](Mutation& m) -> Status {
    storage::UsersRepo repo(m.sql());
    const int64_t now = m.now_ms();
    long long pending = 0;
    for (size_t i = 0; i < kept.size(); ++i) {
      domain::User asked = kept[i].user;
      domain::User user = asked;
      user.roles.erase(std::remove_if(user.roles.begin(), user.roles.end(), domain::IsCaseRole),
                       user.roles.end());
      user.id = repo.Insert(user, hashes[i], now);
      repo.SetMustChangePassword(user.id, true);
      if (user.roles.size() != asked.roles.size()) {
        asked.id = user.id;
        domain::User none = user;
        none.roles.clear();
        users_.DeferCaseRoles(repo, caller, none, asked, "nhập từ tệp");
        pending += static_cast<long long>(asked.roles.size() - user.roles.size());
      }
    }
    long long generated = 0;
    for (const auto& c : kept) generated += c.generated ? 1 : 0;
    m.Audit({"user.import", "user", "", caller.user->unit_id, "ok",
             std::to_string(kept.size()) + " người dùng nhập từ tệp (" + std::to_string(out.rows) +
                 " dòng, " + std::to_string(bad_rows.size()) + " dòng lỗi bỏ qua), " +
                 std::to_string(generated) + " mật khẩu do binhdang tạo, " +
                 std::to_string(pending) + " vai trò quản lý ca chờ phê duyệt"});
    return Ok();
  }));
  users_.SessionsChanged();
  out.written = static_cast<long long>(kept.size());
  for (const auto& c : kept) {
    if (!c.generated) continue;
    const domain::Unit* u = tree->Find(c.user.unit_id);
    out.credentials.push_back(
        {c.user.username, c.user.full_name, u ? u->full_name : "", c.password});
  }
  return out;
}

Result<ImportOutcome> ImportsService::ImportAgencies(const Caller& caller, std::string_view xlsx,
                                                     ImportMode mode) {
  BD_RETURN_IF_ERROR(MayImport(caller, domain::Right::kManageUnits));
  BD_ASSIGN_OR_RETURN(Sheet sheet, ReadRows(xlsx, kAgencyColumns));
  auto tree = directory_.Tree();
  const Date today = Date::TodayInVietnam();
  const domain::UnitIndex units(*tree, today);
  std::vector<domain::AgencyType> types;
  {
    auto sql = store_.Lease();
    types = storage::UnitsRepo(*sql).AgencyTypes();
  }
  ImportOutcome out;
  out.mode = mode;
  out.rows = static_cast<long long>(sheet.rows.size());
  out.example_row = sheet.example_row;
  struct Checked {
    int row = 0;
    domain::Unit unit;
  };
  std::vector<Checked> valid;
  std::set<int> bad_rows;
  // Folded names of each parent's current agencies, then of the rows before.
  std::unordered_map<Id, std::unordered_map<std::string, int>>
      names;  // parent -> name -> row (0: in binhdang)
  auto names_of = [&](Id parent) -> std::unordered_map<std::string, int>& {
    auto [it, fresh] = names.try_emplace(parent);
    if (fresh) {
      for (Id child : tree->Children(parent)) {
        const domain::Unit* c = tree->Find(child);
        if (c && c->kind == domain::UnitKind::kAgency && c->ValidAt(today))
          it->second.emplace(text::Fold(c->name), 0);
      }
    }
    return it->second;
  };
  for (const auto& row : sheet.rows) {
    RowIssues issues(sheet, row, kAgencyColumns);
    Checked c;
    c.row = row.row;
    const auto parent = units.Find(row.cells[0]);
    CheckUnitCell(issues, 0, row.cells[0], parent);
    if (parent.unit) {
      if (parent.unit->kind == domain::UnitKind::kAgency) {
        issues.Add(0,
                   "cơ quan phải thuộc một đơn vị hành chính, không thuộc “" +
                       parent.unit->full_name + "”",
                   "an agency must belong to an administrative unit");
      } else if (!domain::Can(*caller.user, domain::Right::kManageUnits, parent.unit->id, *tree)) {
        issues.Add(0, "bạn không có quyền quản lý cơ quan của " + parent.unit->full_name,
                   "you may not manage the agencies of " + parent.unit->full_name);
      }
    }
    const std::string& name = row.cells[1];
    if (name.empty()) {
      issues.Add(1, "tên cơ quan không được để trống", "name is required");
    } else if (text::Length(name) > 200 || !text::IsCleanUtf8(name)) {
      issues.Add(1, "tên cơ quan dài quá 200 ký tự hoặc có ký tự không hợp lệ",
                 "name is longer than 200 characters or has invalid characters");
    } else if (parent.unit && parent.unit->kind != domain::UnitKind::kAgency) {
      auto& have = names_of(parent.unit->id);
      auto [it, fresh] = have.emplace(text::Fold(name), row.row);
      if (!fresh) {
        issues.Add(1,
                   it->second == 0
                       ? parent.unit->full_name + " đã có cơ quan “" + name + "”"
                       : "“" + name + "” trùng với " + RowRef(it->second) + " (cùng đơn vị cha)",
                   it->second == 0 ? "the unit already has an agency named \"" + name + "\""
                                   : "\"" + name + "\" repeats row " + std::to_string(it->second));
      }
    }
    auto type = domain::ParseAgencyType(row.cells[2], types);
    if (row.cells[2].empty()) {
      issues.Add(2, "cần loại cơ quan", "agency_type is required");
    } else if (!type) {
      issues.Add(2,
                 "loại cơ quan “" + row.cells[2] +
                     "” không có trong danh mục (xem trang “Danh mục loại cơ quan”)",
                 "unknown agency type \"" + row.cells[2] + "\"");
    }
    if (text::Length(row.cells[3]) > 32 || !text::IsCleanUtf8(row.cells[3])) {
      issues.Add(3, "mã cơ quan dài quá 32 ký tự", "code is longer than 32 characters");
    }
    if (!issues.ok()) {
      bad_rows.insert(row.row);
      for (auto& i : issues.issues()) out.errors.push_back(std::move(i));
      continue;
    }
    c.unit.code = row.cells[3];
    c.unit.name = c.unit.full_name = name;
    c.unit.kind = domain::UnitKind::kAgency;
    c.unit.agency_type = *type;
    c.unit.parent_id = parent.unit->id;
    c.unit.valid_from = parent.unit->valid_from;
    c.unit.valid_to = parent.unit->valid_to;
    valid.push_back(std::move(c));
  }
  Finish(sheet, out.errors, bad_rows);
  std::erase_if(valid, [&](const Checked& c) { return bad_rows.count(c.row) > 0; });
  out.valid = static_cast<long long>(valid.size());
  const bool write = (mode == ImportMode::kAll && out.errors.empty() && !valid.empty()) ||
                     (mode == ImportMode::kValid && !valid.empty());
  if (!write) return out;
  BD_RETURN_IF_ERROR(Mutate(store_, caller, [&](Mutation& m) -> Status {
    storage::UnitsRepo repo(m.sql());
    const int64_t now = m.now_ms();
    for (const auto& c : valid) repo.Insert(c.unit, now);
    storage::BumpCounter(m.sql(), kUnitsRevision);
    m.Audit({"unit.import", "unit", "", caller.user->unit_id, "ok",
             std::to_string(valid.size()) + " cơ quan nhập từ tệp (" + std::to_string(out.rows) +
                 " dòng, " + std::to_string(bad_rows.size()) + " dòng lỗi bỏ qua)"});
    return Ok();
  }));
  directory_.Reload();
  out.written = static_cast<long long>(valid.size());
  return out;
}

Result<std::string> ImportsService::CredentialsXlsx(const Caller& caller,
                                                    const std::vector<Credential>& credentials) {
  BD_RETURN_IF_ERROR(MayImport(caller, domain::Right::kManageUsers));
  if (credentials.size() > kMaxRows) {
    return Error::Invalid("credentials", "tối đa " + std::to_string(kMaxRows) + " tài khoản",
                          "at most " + std::to_string(kMaxRows) + " accounts");
  }
  documents::SheetTable sheet{"Mật khẩu ban đầu",
                              {"STT", "Họ và tên", "Tên đăng nhập", "Đơn vị", "Mật khẩu ban đầu"},
                              {6, 28, 22, 36, 20},
                              {},
                              {},
                              {2, 4},
                              {}};
  int n = 0;
  for (const auto& c : credentials) {
    sheet.rows.push_back({std::to_string(++n), c.full_name, c.username, c.unit, c.password});
  }
  sheet.notes = {
      "Mật khẩu ban đầu chỉ dùng cho lần đăng nhập đầu tiên: binhdang yêu cầu đổi mật khẩu ngay.",
      "Trao riêng cho từng người; giữ bảng này kín và huỷ sau khi đã trao."};
  return documents::TablesXlsx({sheet});
}

}  // namespace binhdang::service
