// Bulk import of users and agencies from XLSX against a real server on both engines: files built
// with libxlsxwriter as a spreadsheet program would save them, posted as the request body.
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "common/crypto.h"
#include "documents/xlsx_sheet.h"
#include "support/test_env.h"

namespace binhdang::testing {
namespace {

using nlohmann::json;
using Rows = std::vector<std::vector<std::string>>;

//! An .xlsx whose first sheet holds `rows` (the first is the header row) as text cells.
std::string Xlsx(const Rows& rows) {
  const auto path =
      std::filesystem::temp_directory_path() / ("imports-test-" + crypto::RandomToken(6) + ".xlsx");
  lxw_workbook* book = workbook_new(path.string().c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(book, "Người dùng");
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) {
      if (rows[r][c].empty()) continue;
      worksheet_write_string(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                             rows[r][c].c_str(), nullptr);
    }
  }
  EXPECT_EQ(workbook_close(book), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  return bytes.str();
}

const std::vector<std::string> kUserHeader = {"Tên đăng nhập", "Họ và tên", "Mã đơn vị", "Vai trò",
                                              "Mật khẩu"};
const std::vector<std::string> kAgencyHeader = {"Mã đơn vị cha", "Tên cơ quan", "Loại cơ quan"};

class ImportsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(GetParam());
    if (!server_->ok()) GTEST_SKIP() << "no " << GetParam();
    admin_ = std::make_unique<Client>(server_->port());
    ASSERT_EQ(admin_->Login("admin", TestServer::kAdminPassword), 200);
    auto unit = [&](const std::string& q) {
      return admin_->Get("/api/v1/units?" + q).json()["items"][0];
    };
    province_ = unit("q=lai%20chau&kind=province");
    commune_ = unit("kind=commune&at=2026-01-01&parent=" + province_.value("id", ""));
    other_province_ = unit("q=dien%20bien&kind=province");
    other_commune_ = unit("kind=commune&at=2026-01-01&parent=" + other_province_.value("id", ""));
    ASSERT_FALSE(commune_.value("code", "").empty()) << commune_;
  }

  HttpResult Upload(Client& c, const std::string& what, const std::string& mode,
                    const std::string& body) {
    return c.Request(
        "POST", "/api/v1/imports/" + what + "?mode=" + mode, body,
        {{"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}});
  }

  long long Count(const std::string& sql_text) {
    auto sql = server_->store().Lease();
    long long n = 0;
    *sql << sql_text, soci::into(n);
    return n;
  }

  //! The errors of an answer as "row column field" strings.
  static std::set<std::string> Cells(const json& answer) {
    std::set<std::string> out;
    for (const auto& e : answer["errors"]) {
      out.insert(std::to_string(e.value("row", 0)) + " " + e.value("column", "") + " " +
                 e.value("field", ""));
      EXPECT_FALSE(e.value("message", "").empty()) << e;
    }
    return out;
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<Client> admin_;
  json province_, commune_, other_province_, other_commune_;
};

TEST_P(ImportsTest, BadUsersFileListsErrorsByRowAndColumnAndWritesNothing) {
  const std::string code = commune_.value("code", "");
  const std::string file = Xlsx({kUserHeader,
                                 {"nv.mot", "Nguyễn Văn Một", code, "Xem", "mat-khau-2025"},
                                 {"nv.hai", "Trần Thị Hai", "99999999", "Xem", ""},
                                 {"nv.mot", "Lê Văn Ba", code, "Báo cáo", ""},
                                 {"nv.bon", "Phạm Thị Bốn", code, "Xem", "abc"},
                                 {"nv.nam", "Hoàng Văn Năm", code, "Thủ kho, Xem", ""},
                                 {"admin", "Quản trị trùng", code, "Xem", ""},
                                 {"Nv Sáu!", "", code, "", ""}});
  const long long users = Count("SELECT COUNT(*) FROM users");
  const long long audits = Count("SELECT COUNT(*) FROM audit_log");
  auto check = Upload(*admin_, "users", "check", file);
  ASSERT_EQ(check.status, 200) << check.body;
  const json a = check.json();
  EXPECT_EQ(a["rows"], 7);
  EXPECT_EQ(a["valid"], 1);
  EXPECT_EQ(a["written"], 0);
  EXPECT_EQ(Cells(a),
            (std::set<std::string>{"3 C unit", "4 A username", "5 E password", "6 D roles",
                                   "7 A username", "8 A username", "8 B full_name", "8 D roles"}))
      << a.dump(1);
  for (const auto& e : a["errors"]) {
    const std::string message = e.value("message", "");
    if (e["row"] == 4) {
      EXPECT_NE(message.find("trùng với dòng 2"), std::string::npos) << e;
    } else if (e["row"] == 6) {
      EXPECT_NE(message.find("Thủ kho"), std::string::npos) << e;
    } else if (e["row"] == 5) {
      EXPECT_EQ(message.find("abc"), std::string::npos) << "a password is never echoed";
    }
  }
  // All or nothing: refused with the same list, nothing written.
  auto all = Upload(*admin_, "users", "all", file);
  ASSERT_EQ(all.status, 400) << all.body;
  EXPECT_EQ(all.json()["error"]["code"], "invalid_argument");
  EXPECT_NE(all.json()["error"].value("message", "").find("chưa ghi gì"), std::string::npos)
      << all.body;
  EXPECT_EQ(Cells(all.json()), Cells(a));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users"), users);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), audits);
  // Not a spreadsheet at all, and a spreadsheet without the template's columns.
  auto junk = Upload(*admin_, "users", "check", "Tên đăng nhập,Họ và tên\nnv,A\n");
  ASSERT_EQ(junk.status, 400) << junk.body;
  EXPECT_EQ(junk.json()["error"]["details"][0]["field"], "file");
  EXPECT_NE(junk.json()["error"].value("message", "").find("không phải bảng tính"),
            std::string::npos)
      << junk.body;
  auto wrong =
      Upload(*admin_, "users", "all", Xlsx({{"Tên đăng nhập", "Họ và tên"}, {"nv.x", "X"}}));
  ASSERT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_NE(wrong.json()["error"].value("message", "").find("thiếu cột “Mã đơn vị”"),
            std::string::npos)
      << wrong.body;
  auto mode = Upload(*admin_, "users", "everything", file);
  EXPECT_EQ(mode.status, 400) << mode.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users"), users);
}

TEST_P(ImportsTest, AllWritesEveryRowAndHandsOutGeneratedPasswords) {
  const std::string code = commune_.value("code", "");
  const std::string file =
      Xlsx({kUserHeader,
            {"vi.du", "Nguyễn Văn A (dòng ví dụ)", code, "Lập kế hoạch", ""},
            {"cb.mot", "Nguyễn Thị Một", code, "Lập kế hoạch, Báo cáo", ""},
            {"CB.Hai", "Trần Văn Hai", commune_.value("full_name", ""), "xem", "Rieng-tu-2025"},
            {"cb.ba", "Lê Thị Ba", code, "Quản lý ca", ""}});
  const long long users = Count("SELECT COUNT(*) FROM users");
  auto res = Upload(*admin_, "users", "all", file);
  ASSERT_EQ(res.status, 200) << res.body;
  const json a = res.json();
  EXPECT_EQ(a["rows"], 3);
  EXPECT_EQ(a["written"], 3);
  EXPECT_EQ(a["example_row"], 2) << "the template's example row is skipped, and said so";
  EXPECT_TRUE(a["errors"].empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users"), users + 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users WHERE username = 'vi.du'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users WHERE username IN ('cb.mot', 'cb.hai', 'cb.ba') AND "
                  "must_change_password = 1"),
            3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.import'"), 1);
  // The case role waits for a second person, as when one user is created.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM role_grants r JOIN users u ON u.id = r.user_id "
                  "WHERE u.username = 'cb.ba' AND r.role = 'case_worker' AND r.status = 'pending'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users WHERE username = 'cb.ba' AND roles LIKE '%case%'"),
            0);
  // Generated passwords only, with the names people read.
  ASSERT_EQ(a["credentials"].size(), 2u) << a.dump(1);
  EXPECT_EQ(a["credentials"][0]["username"], "cb.mot");
  EXPECT_EQ(a["credentials"][0]["unit"], commune_["full_name"]);
  // The sheet to hand out: a real .xlsx holding them.
  auto sheet =
      admin_->Post("/api/v1/imports/credentials.xlsx", {{"credentials", a["credentials"]}});
  ASSERT_EQ(sheet.status, 200) << sheet.body;
  auto grid = documents::ReadGrid(sheet.body);
  ASSERT_TRUE(grid.ok());
  EXPECT_EQ((*grid)[1][2], "cb.mot");
  EXPECT_EQ((*grid)[1][4], a["credentials"][0]["password"].get<std::string>());
  // Importing the same file again: every name is taken now.
  auto again = Upload(*admin_, "users", "check", file);
  EXPECT_EQ(again.json()["valid"], 0) << again.body;
}

TEST_P(ImportsTest, ValidWritesOnlyTheValidRows) {
  const std::string code = commune_.value("code", "");
  const std::string file = Xlsx({kUserHeader,
                                 {"hl.mot", "Hợp Lệ Một", code, "Xem", ""},
                                 {"hl.hai", "Không Hợp Lệ", code, "Vai trò lạ", ""},
                                 {"hl.ba", "Hợp Lệ Ba", code, "Duyệt", "mat-khau-2025"},
                                 {"hl.bon", "Ô Thừa", code, "Xem", "", "ghi chú ngoài cột"}});
  auto res = Upload(*admin_, "users", "valid", file);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json()["written"], 2);
  EXPECT_EQ(Cells(res.json()), (std::set<std::string>{"3 D roles", "5 F "})) << res.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users WHERE username IN ('hl.mot', 'hl.ba')"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users WHERE username IN ('hl.hai', 'hl.bon')"), 0);
  EXPECT_EQ(res.json()["credentials"].size(), 1u);
}

TEST_P(ImportsTest, GeneratedPasswordWorksOnceAndMustBeChanged) {
  auto res = Upload(
      *admin_, "users", "all",
      Xlsx({kUserHeader, {"moi.vao", "Người Mới Vào", commune_.value("code", ""), "Xem", ""}}));
  ASSERT_EQ(res.status, 200) << res.body;
  const std::string password = res.json()["credentials"][0].value("password", "");
  ASSERT_GE(password.size(), 10u);
  Client user(server_->port());
  ASSERT_EQ(user.Login("moi.vao", password), 200);
  EXPECT_EQ(user.Get("/api/v1/me").json()["user"]["must_change_password"], true);
  auto changed = user.Post("/api/v1/me/password", {{"current_password", password},
                                                   {"new_password", "cua-rieng-toi-2026"}});
  ASSERT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(user.Get("/api/v1/me").json()["user"]["must_change_password"], false);
  Client again(server_->port());
  EXPECT_EQ(again.Login("moi.vao", password), 401) << "the initial password is gone";
  EXPECT_EQ(again.Login("moi.vao", "cua-rieng-toi-2026"), 200);
}

TEST_P(ImportsTest, UnitAdminImportsOnlyWithinTheirSubtree) {
  auto made = server_->services().users.CreateBySystem({"qt.laichau",
                                                        "Quản trị Lai Châu",
                                                        "password-2025",
                                                        *ParseId(province_.value("id", "")),
                                                        {"unit_admin"}});
  ASSERT_TRUE(made.ok());
  Client ua(server_->port());
  ASSERT_EQ(ua.Login("qt.laichau", "password-2025"), 200);
  auto users = Upload(
      ua, "users", "all",
      Xlsx({kUserHeader,
            {"trong.tinh", "Trong Tỉnh", commune_.value("code", ""), "Xem", ""},
            {"ngoai.tinh", "Ngoài Tỉnh", other_commune_.value("code", ""), "Xem", ""},
            {"lam.admin", "Làm Quản Trị", commune_.value("code", ""), "Quản trị hệ thống", ""}}));
  ASSERT_EQ(users.status, 400) << users.body;
  EXPECT_EQ(Cells(users.json()), (std::set<std::string>{"3 C unit", "4 D roles"})) << users.body;
  EXPECT_EQ(
      Count(
          "SELECT COUNT(*) FROM users WHERE username IN ('trong.tinh', 'ngoai.tinh', 'lam.admin')"),
      0);
  auto agencies =
      Upload(ua, "agencies", "valid",
             Xlsx({kAgencyHeader,
                   {commune_.value("code", ""), "Tổ công tác bình đẳng giới", "Khác"},
                   {other_commune_.value("code", ""), "Tổ công tác ngoài tỉnh", "Khác"}}));
  ASSERT_EQ(agencies.status, 200) << agencies.body;
  EXPECT_EQ(agencies.json()["written"], 1);
  EXPECT_EQ(Cells(agencies.json()), (std::set<std::string>{"3 A parent"})) << agencies.body;
  // A viewer imports nothing at all.
  ASSERT_TRUE(server_->services()
                  .users
                  .CreateBySystem({"chi.xem",
                                   "Chỉ Xem",
                                   "password-2025",
                                   *ParseId(province_.value("id", "")),
                                   {"viewer"}})
                  .ok());
  Client viewer(server_->port());
  ASSERT_EQ(viewer.Login("chi.xem", "password-2025"), 200);
  EXPECT_EQ(Upload(viewer, "users", "check", "x").status, 403);
  EXPECT_EQ(viewer.Get("/api/v1/imports/users/template.xlsx").status, 403);
}

TEST_P(ImportsTest, AgenciesAreCheckedAgainstTheParentAndTheTypeList) {
  const std::string code = commune_.value("code", "");
  const std::string id = commune_.value("id", "");
  const size_t before =
      admin_->Get("/api/v1/units/" + id + "/children?limit=500").json()["items"].size();
  const Rows bad = {kAgencyHeader,
                    {code, "Hội Liên hiệp Phụ nữ xã", "Hội Liên hiệp Phụ nữ"},
                    {code, "hoi lien hiep phu nu XA", "womens_union"},
                    {code, "Trạm y tế", "Loại không có"},
                    {"khong-co-ma", "Công an", "Công an"},
                    {code, "", "Công an"}};
  auto check = Upload(*admin_, "agencies", "all", Xlsx(bad));
  ASSERT_EQ(check.status, 400) << check.body;
  EXPECT_EQ(Cells(check.json()),
            (std::set<std::string>{"3 B name", "4 C agency_type", "5 A parent", "6 B name"}))
      << check.body;
  EXPECT_EQ(admin_->Get("/api/v1/units/" + id + "/children?limit=500").json()["items"].size(),
            before);
  auto ok = Upload(*admin_, "agencies", "all",
                   Xlsx({kAgencyHeader,
                         {code, "Hội Liên hiệp Phụ nữ xã", "Hội Liên hiệp Phụ nữ"},
                         {commune_.value("full_name", ""), "Đoàn Thanh niên xã", "youth_union"}}));
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["written"], 2);
  const json children = admin_->Get("/api/v1/units/" + id + "/children?limit=500").json()["items"];
  EXPECT_EQ(children.size(), before + 2);
  bool found = false;
  for (const auto& c : children)
    found = found || (c["name"] == "Hội Liên hiệp Phụ nữ xã" && c["agency_type"] == "womens_union");
  EXPECT_TRUE(found) << children.dump(1);
  // Now the parent has it: the same row again is a duplicate of what binhdang holds.
  auto dup = Upload(*admin_, "agencies", "check",
                    Xlsx({kAgencyHeader, {code, "Hội Liên hiệp phụ nữ xã", "womens_union"}}));
  EXPECT_EQ(Cells(dup.json()), (std::set<std::string>{"2 B name"})) << dup.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'unit.import'"), 1);
}

TEST_P(ImportsTest, TemplatesHaveVietnameseHeadersAListSheetAndAnExampleThatImportsAsNothing) {
  auto users = admin_->Get("/api/v1/imports/users/template.xlsx");
  ASSERT_EQ(users.status, 200);
  auto grid = documents::ReadGrid(users.body);
  ASSERT_TRUE(grid.ok());
  EXPECT_EQ((*grid)[0][0], "Tên đăng nhập");
  EXPECT_EQ((*grid)[0][3], "Vai trò");
  auto back = Upload(*admin_, "users", "check", users.body);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json()["rows"], 0);
  EXPECT_EQ(back.json()["example_row"], 2);
  auto agencies = admin_->Get("/api/v1/imports/agencies/template.xlsx");
  ASSERT_EQ(agencies.status, 200);
  auto g2 = documents::ReadGrid(agencies.body);
  ASSERT_TRUE(g2.ok());
  EXPECT_EQ((*g2)[0][2], "Loại cơ quan");
  EXPECT_EQ((*g2)[1][2], "Hội Liên hiệp Phụ nữ");
  // LibreOffice opens what binhdang hands out (Calc, headless: the first sheet as CSV).
  const auto dir =
      std::filesystem::temp_directory_path() / ("imports-lo-" + crypto::RandomToken(6));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "mau.xlsx", std::ios::binary) << users.body;
  const std::string cmd = "cd " + dir.string() + " && soffice -env:UserInstallation=file://" +
                          dir.string() +
                          "/lo --headless --convert-to csv:\"Text - txt - csv "
                          "(StarCalc)\":44,34,76 mau.xlsx >/dev/null 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream csv(dir / "mau.csv");
  std::stringstream text;
  text << csv.rdbuf();
  EXPECT_NE(text.str().find("Tên đăng nhập,Họ và tên,Mã đơn vị,Vai trò"), std::string::npos)
      << "LibreOffice did not open the template: " << text.str();
  // A second sheet lists the roles by the names the import takes.
  EXPECT_EQ(std::system(("cd " + dir.string() +
                         " && unzip -p mau.xlsx xl/workbook.xml > workbook.xml && "
                         "unzip -p mau.xlsx xl/sharedStrings.xml > strings.xml")
                            .c_str()),
            0);
  std::stringstream workbook, strings;
  workbook << std::ifstream(dir / "workbook.xml").rdbuf();
  strings << std::ifstream(dir / "strings.xml").rdbuf();
  EXPECT_NE(workbook.str().find("Danh mục vai trò"), std::string::npos) << workbook.str();
  for (const char* role : {"Quản trị đơn vị", "Lập kế hoạch", "Giám sát ca"}) {
    EXPECT_NE(strings.str().find(role), std::string::npos) << role;
  }
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportsTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace binhdang::testing
