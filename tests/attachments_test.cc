// Attachments through the API on both engines: the signed scan of a plan, evidence of an
// activity, a report's scan; the content recognised from its bytes whatever its name; the bytes
// downloaded as they were uploaded; removal that keeps the bytes; and who may do what.
#include <gtest/gtest.h>

#include <cstdio>

#include "common/crypto.h"
#include "support/test_env.h"

namespace binhdang::testing {
namespace {

using nlohmann::json;

const std::string kPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
const std::string kPng = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + "rest of a picture";
const std::string kJpeg = std::string("\xFF\xD8\xFF\xE0\0\x10JFIF", 10) + "a photo";

std::string UrlEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

class AttachmentsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(GetParam());
    if (!server_->ok()) GTEST_SKIP() << "no " << GetParam();
    admin_ = std::make_unique<Client>(server_->port());
    ASSERT_EQ(admin_->Login("admin", TestServer::kAdminPassword), 200);
    auto unit = [&](const std::string& q) {
      return admin_->Get("/api/v1/units?" + q).json()["items"][0].value("id", "");
    };
    province_ = unit("q=lai%20chau&kind=province");
    other_province_ = unit("q=dien%20bien&kind=province");
    auto plan = admin_->Post("/api/v1/plans", {{"unit_id", province_},
                                               {"title", "Kế hoạch Tháng hành động 2030"},
                                               {"period_start", "2030-11-15"},
                                               {"period_end", "2030-12-15"}});
    ASSERT_EQ(plan.status, 201) << plan.body;
    plan_ = plan.json().value("id", "");
    auto activity = admin_->Post(
        "/api/v1/plans/" + plan_ + "/activities",
        {{"title", "Mít tinh hưởng ứng"}, {"assignee", "unit"}, {"lead_unit_id", province_}});
    ASSERT_EQ(activity.status, 201) << activity.body;
    activity_ = activity.json().value("id", "");
  }

  HttpResult Upload(Client& c, const std::string& owner_path, const std::string& name,
                    const std::string& bytes, const std::string& extra = "") {
    return c.Request("POST", owner_path + "/attachments?name=" + UrlEncode(name) + extra, bytes,
                     {{"Content-Type", "application/octet-stream"}});
  }

  void MakeUser(const std::string& name, const std::string& unit, const std::string& role) {
    auto made = admin_->Post("/api/v1/users", {{"username", name},
                                               {"full_name", "Cán bộ " + name},
                                               {"password", "attach-pass-2030"},
                                               {"unit_id", unit},
                                               {"roles", {role}}});
    ASSERT_EQ(made.status, 201) << made.body;
  }

  long long Count(const std::string& sql_text) {
    auto sql = server_->store().Lease();
    long long n = 0;
    *sql << sql_text, soci::into(n);
    return n;
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<Client> admin_;
  std::string province_, other_province_, plan_, activity_;
};

TEST_P(AttachmentsTest, ASignedScanIsKeptListedDownloadedAsUploadedAndRemovedWithoutLoss) {
  const std::string name = "Kế hoạch 144 đã ký, đóng dấu.pdf";
  auto up = Upload(*admin_, "/api/v1/plans/" + plan_, name, kPdf);
  ASSERT_EQ(up.status, 201) << up.body;
  const json a = up.json();
  EXPECT_EQ(a.value("file_name", ""), name);
  EXPECT_EQ(a.value("kind", ""), "signed_scan");
  EXPECT_EQ(a.value("content_type", ""), "application/pdf");
  EXPECT_EQ(a.value("size", 0), static_cast<int>(kPdf.size()));
  EXPECT_EQ(a.value("sha256", ""), crypto::Sha256Hex(kPdf));
  EXPECT_EQ(a["created_by"].value("full_name", ""), "Quản trị hệ thống");
  const std::string id = a.value("id", "");

  auto list = admin_->Get("/api/v1/plans/" + plan_ + "/attachments");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json()["items"].size(), 1u);
  EXPECT_EQ(list.json()["items"][0].value("id", ""), id);

  auto file = admin_->Get("/api/v1/attachments/" + id);
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, kPdf);
  EXPECT_EQ(file.headers["content-type"], "application/pdf");
  EXPECT_TRUE(file.headers["content-disposition"].starts_with("attachment;"))
      << file.headers["content-disposition"];
  EXPECT_NE(file.headers["content-disposition"].find("K%E1%BA%BF%20ho%E1%BA%A1ch"),
            std::string::npos)
      << "the Vietnamese name for browsers that read filename*";
  EXPECT_EQ(file.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(file.headers["content-security-policy"], "sandbox");

  EXPECT_EQ(admin_->Request("DELETE", "/api/v1/attachments/" + id).status, 204);
  EXPECT_EQ(admin_->Get("/api/v1/plans/" + plan_ + "/attachments").json()["items"].size(), 0u);
  EXPECT_EQ(admin_->Get("/api/v1/attachments/" + id).status, 404);
  EXPECT_EQ(admin_->Request("DELETE", "/api/v1/attachments/" + id).status, 404);
  // The bytes stay in the database, marked removed, and the audit log names both steps.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM attachments WHERE deleted_at IS NOT NULL AND "
                  "length(content) > 0"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'attachment' AND "
                  "action IN ('attachment.create', 'attachment.delete')"),
            2);
}

TEST_P(AttachmentsTest, TheContentDecidesTheTypeAndBadUploadsWriteNothing) {
  const std::string plan = "/api/v1/plans/" + plan_;
  // A page disguised as a PDF: refused by its bytes.
  auto html = Upload(*admin_, plan, "ke-hoach.pdf", "<html><script>alert(1)</script></html>");
  EXPECT_EQ(html.status, 415) << html.body;
  EXPECT_EQ(html.json()["error"]["details"][0].value("field", ""), "file") << html.body;
  EXPECT_NE(html.json()["error"].value("message", "").find("PDF, JPEG"), std::string::npos);
  EXPECT_EQ(Upload(*admin_, plan, "trong.pdf", "").status, 400);
  auto big = Upload(*admin_, plan, "lon.pdf", kPdf + std::string(10 * 1024 * 1024, ' '));
  EXPECT_EQ(big.status, 413) << big.body.substr(0, 300);
  EXPECT_EQ(Upload(*admin_, plan, "a.pdf", kPdf, "&kind=photo").status, 400);
  EXPECT_EQ(Upload(*admin_, plan, "", kPdf).status, 400);
  EXPECT_EQ(Upload(*admin_, plan, "   ", kPdf).status, 400);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM attachments"), 0);

  // A picture named .pdf is a picture; a folder in the name is dropped.
  auto png = Upload(*admin_, plan, "anh.pdf", kPng, "&kind=evidence");
  ASSERT_EQ(png.status, 201) << png.body;
  EXPECT_EQ(png.json().value("content_type", ""), "image/png");
  EXPECT_EQ(png.json().value("file_name", ""), "anh.pdf.png");
  auto path = Upload(*admin_, plan, "..\\..\\C:\\Users\\ban-ky.pdf", kPdf);
  ASSERT_EQ(path.status, 201) << path.body;
  EXPECT_EQ(path.json().value("file_name", ""), "ban-ky.pdf");

  // An activity takes evidence, not a signed scan.
  const std::string activity = "/api/v1/activities/" + activity_;
  auto photo = Upload(*admin_, activity, "mit-tinh.jpeg", kJpeg);
  ASSERT_EQ(photo.status, 201) << photo.body;
  EXPECT_EQ(photo.json().value("kind", ""), "evidence");
  EXPECT_EQ(photo.json().value("content_type", ""), "image/jpeg");
  EXPECT_EQ(Upload(*admin_, activity, "x.pdf", kPdf, "&kind=signed_scan").status, 400);
  EXPECT_EQ(admin_->Get(activity + "/attachments").json()["items"].size(), 1u);
  EXPECT_EQ(admin_->Get("/api/v1/activities/999999/attachments").status, 404);
  EXPECT_EQ(Upload(*admin_, "/api/v1/plans/999999", "a.pdf", kPdf).status, 404);
}

TEST_P(AttachmentsTest, ReadersOfTheObjectSeeItsAttachmentsAndOnlyItsWritersChangeThem) {
  MakeUser("doc.tinh", province_, "viewer");
  MakeUser("lap.tinh", province_, "planner");
  MakeUser("doc.khac", other_province_, "viewer");
  auto up = Upload(*admin_, "/api/v1/plans/" + plan_, "ban-ky.pdf", kPdf);
  ASSERT_EQ(up.status, 201);
  const std::string id = up.json().value("id", "");
  auto issue = admin_->Post("/api/v1/plans/" + plan_ + "/issue", {{"version", 1}});
  ASSERT_EQ(issue.status, 200) << issue.body;

  Client viewer(server_->port()), planner(server_->port()), outsider(server_->port());
  ASSERT_EQ(viewer.Login("doc.tinh", "attach-pass-2030"), 200);
  ASSERT_EQ(planner.Login("lap.tinh", "attach-pass-2030"), 200);
  ASSERT_EQ(outsider.Login("doc.khac", "attach-pass-2030"), 200);

  EXPECT_EQ(viewer.Get("/api/v1/plans/" + plan_ + "/attachments").status, 200);
  EXPECT_EQ(viewer.Get("/api/v1/attachments/" + id).body, kPdf);
  EXPECT_EQ(Upload(viewer, "/api/v1/plans/" + plan_, "b.pdf", kPdf).status, 403);
  EXPECT_EQ(viewer.Request("DELETE", "/api/v1/attachments/" + id).status, 403);

  EXPECT_EQ(outsider.Get("/api/v1/plans/" + plan_ + "/attachments").status, 403);
  EXPECT_EQ(outsider.Get("/api/v1/attachments/" + id).status, 403);
  EXPECT_EQ(outsider.Request("DELETE", "/api/v1/attachments/" + id).status, 403);

  auto mine = Upload(planner, "/api/v1/plans/" + plan_, "ban-ky-2.pdf", kPdf);
  EXPECT_EQ(mine.status, 201) << mine.body;
  EXPECT_EQ(planner.Request("DELETE", "/api/v1/attachments/" + id).status, 204);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM attachments WHERE deleted_at IS NULL"), 1);
  Client anonymous(server_->port());
  EXPECT_EQ(anonymous.Get("/api/v1/attachments/" + id).status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, AttachmentsTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace binhdang::testing
