// E-mail of the notices (issue 11) against a real SMTP server (Debian's python3-aiosmtpd, run
// by tests/support/smtp_server.py with STARTTLS required and an account), each message read
// back with Python's own e-mail parser: urgent notices at once, the rest in a daily digest,
// nothing for "off", a case's notice without its content, and an outage of the mail server
// that loses nothing. On SQLite and PostgreSQL.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "common/time.h"
#include "service/mutate.h"
#include "service/notifications.h"
#include "storage/mail_repo.h"
#include "support/test_env.h"

namespace binhdang::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

unsigned short FreePort() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(s);
  return ntohs(a.sin_port);
}

std::string Run(const std::string& command) {
  std::string out;
  if (FILE* p = ::popen(command.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
  }
  return out;
}

// A certificate for localhost and 127.0.0.1, made with the openssl command.
struct Certificate {
  fs::path dir = fs::temp_directory_path() /
                 ("binhdang-mail-" + std::to_string(::getpid()) + "-" + std::to_string(NowMs()));
  fs::path cert = dir / "cert.pem", key = dir / "key.pem";
  Certificate() {
    fs::create_directories(dir);
    Run("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost "
        "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " +
        key.string() + " -out " + cert.string() + " 2>/dev/null");
  }
  ~Certificate() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

// The SMTP server, on `port`, saving what it accepts in `box`.
class SmtpServer {
 public:
  SmtpServer(unsigned short port, const Certificate& c, fs::path box) : box_(std::move(box)) {
    fs::create_directories(box_);
    int out[2];
    if (::pipe(out) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      ::close(out[0]);
      const std::string script = std::string(BINHDANG_TEST_DIR) + "/support/smtp_server.py";
      const std::string p = std::to_string(port);
      ::execl("/usr/bin/python3", "python3", script.c_str(), "--port", p.c_str(), "--dir",
              box_.c_str(), "--cert", c.cert.c_str(), "--key", c.key.c_str(), "--user", "binhdang",
              "--password", "mat-khau-thu", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    std::string said;
    char ch;
    while (said.find("ready\n") == std::string::npos && ::read(out[0], &ch, 1) == 1) said += ch;
    said_ = out[0];  // kept open while it runs: a closed pipe would stop it at its next print
    ready_ = said.find("ready") != std::string::npos;
  }
  ~SmtpServer() { Stop(); }
  void Stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
    if (said_ >= 0) ::close(said_);
    said_ = -1;
  }
  bool ready() const { return ready_; }
  //! The messages received, in order, each read by Python's e-mail parser.
  std::vector<json> Messages() const {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(box_))
      if (e.path().extension() == ".eml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<json> out;
    for (const auto& f : files) {
      const std::string parsed =
          Run("/usr/bin/python3 -c 'import email, email.policy, json, sys\n"
              "m = email.message_from_binary_file(open(sys.argv[1], \"rb\"), "
              "policy=email.policy.default)\n"
              "print(json.dumps({\"subject\": str(m[\"subject\"]), \"from\": str(m[\"from\"]), "
              "\"to\": str(m[\"to\"]), \"date\": m[\"date\"].datetime.isoformat(), "
              "\"message_id\": str(m[\"message-id\"]), "
              "\"body\": m.get_content(), \"defects\": len(m.defects)}))' " +
              f.string());
      json j = json::parse(parsed, nullptr, false);
      std::ifstream meta(fs::path(f).replace_extension(".json"));
      if (meta) j["envelope"] = json::parse(meta, nullptr, false);
      out.push_back(j);
    }
    return out;
  }

 private:
  fs::path box_;
  pid_t pid_ = -1;
  int said_ = -1;
  bool ready_ = false;
};

class Mail : public ::testing::TestWithParam<std::string> {};

// Tells the planners of `unit` `kind` in one write, as the services do.
void Tell(TestServer& server, Id unit, const std::string& kind, const std::string& vi,
          const std::string& link) {
  auto st = service::Mutate(
      server.store(), service::Caller::System(), [&](service::Mutation& m) -> Status {
        service::NotifyUnit(m, unit, {domain::Role::kPlanner}, kind, {vi, "(en) " + vi}, link);
        m.Audit({"test.notify", "notification", "", unit, "ok", kind});
        return Ok();
      });
  ASSERT_TRUE(st.ok());
}

TEST_P(Mail, NoticesArriveByMailAtOnceOrInTheDigestAndAnOutageLosesNothing) {
  if (GetParam() == "postgresql" && !std::getenv("BINHDANG_TEST_PG"))
    GTEST_SKIP() << "no postgresql server";
  TestServer server(GetParam());
  ASSERT_TRUE(server.ok());
  Certificate certificate;
  ASSERT_TRUE(fs::exists(certificate.cert)) << "openssl made no certificate";
  const unsigned short smtp_port = FreePort();
  auto box = certificate.dir / "box";
  auto smtp = std::make_unique<SmtpServer>(smtp_port, certificate, box);
  ASSERT_TRUE(smtp->ready()) << "the SMTP server did not start (python3-aiosmtpd installed?)";

  Client admin(server.port());
  ASSERT_EQ(admin.Login("admin", TestServer::kAdminPassword), 200);
  const json province = admin.Get("/api/v1/units?q=lai%20chau&kind=province").json()["items"][0];
  const json communes =
      admin.Get("/api/v1/units/" + province.value("id", "") + "/children?kind=commune&limit=1")
          .json();
  const std::string commune = communes["items"][0].value("id", "");
  for (const char* name : {"thu.a", "thu.b", "thu.c"}) {
    ASSERT_EQ(admin
                  .Post("/api/v1/users", {{"username", name},
                                          {"full_name", std::string("Lò Thị ") + name},
                                          {"password", "thu-dien-tu-2030"},
                                          {"unit_id", commune},
                                          {"roles", {"planner"}}})
                  .status,
              201);
  }
  // Each sets their own address and preference; a bad address is refused, in Vietnamese.
  auto set_mail = [&](const char* name, const std::string& email, const std::string& pref) {
    Client c(server.port());
    EXPECT_EQ(c.Login(name, "thu-dien-tu-2030"), 200);
    const json me = c.Get("/api/v1/me").json()["user"];
    return c.Patch("/api/v1/me",
                   {{"version", me.value("version", 0)}, {"email", email}, {"email_pref", pref}});
  };
  auto bad = set_mail("thu.a", "lo thi a@xa.gov.vn\r\nBcc: ai@do.vn", "digest");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("thư điện tử không hợp lệ"), std::string::npos) << bad.body;
  EXPECT_EQ(set_mail("thu.a", "a@x.vn", "weekly").status, 400) << "no such preference";
  auto ok = set_mail("thu.a", " lothia@binhlu.laichau.gov.vn ", "digest");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["user"].value("email", ""), "lothia@binhlu.laichau.gov.vn");
  EXPECT_EQ(ok.json()["user"].value("email_pref", ""), "digest");
  ASSERT_EQ(set_mail("thu.b", "lothib@binhlu.laichau.gov.vn", "each").status, 200);
  ASSERT_EQ(set_mail("thu.c", "lothic@binhlu.laichau.gov.vn", "off").status, 200);

  auto& mail = server.services().mail;
  service::MailOptions options;
  options.smtp.host = "localhost";
  options.smtp.port = smtp_port;
  options.smtp.user = "binhdang";
  options.smtp.password = "mat-khau-thu";
  options.smtp.ca_file = certificate.cert.string();
  options.smtp.timeout_ms = 10000;
  options.from_addr = "binhdang@laichau.gov.vn";
  options.public_url = "https://binhdang.laichau.gov.vn/";
  ASSERT_TRUE(mail.Configure(options).ok());

  const Id unit = ParseId(commune).value();
  Tell(server, unit, "report_returned",
       "Báo cáo Tháng hành động 2026 bị trả lại: bổ sung số nữ tham gia.", "#/reports/12");
  Tell(server, unit, "plan_issued", "UBND tỉnh Lai Châu đã ban hành kế hoạch số 15/KH-UBND.",
       "#/plans/7");
  const int64_t now = NowMs();
  // The urgent notice goes at once to A (digest) and B (each); B's plan notice too; C none.
  auto composed = mail.Compose(now);
  EXPECT_EQ(composed.each, 3);
  EXPECT_EQ(composed.digests, 0) << "the plan's notice waits for A's digest after 07:00";
  auto delivered = mail.Deliver(now);
  EXPECT_EQ(delivered.sent, 3);
  auto got = smtp->Messages();
  ASSERT_EQ(got.size(), 3u);
  std::map<std::string, std::vector<json>> by_to;
  for (const auto& m : got) by_to[m["envelope"]["to"][0].get<std::string>()].push_back(m);
  ASSERT_EQ(by_to["lothia@binhlu.laichau.gov.vn"].size(), 1u);
  const json returned = by_to["lothia@binhlu.laichau.gov.vn"][0];
  EXPECT_EQ(returned.value("subject", ""), "[binhdang] Báo cáo được trả lại để chỉnh sửa");
  EXPECT_EQ(returned.value("from", ""), "Hệ thống binhdang <binhdang@laichau.gov.vn>");
  EXPECT_EQ(returned.value("defects", -1), 0);
  const std::string body = returned.value("body", "");
  EXPECT_NE(body.find("Kính gửi đồng chí Lò Thị thu.a,"), std::string::npos) << body;
  EXPECT_NE(body.find("bổ sung số nữ tham gia"), std::string::npos) << body;
  EXPECT_NE(body.find("Xem chi tiết: https://binhdang.laichau.gov.vn/#/reports/12"),
            std::string::npos)
      << body;
  EXPECT_NE(returned.value("date", "").find("+07:00"), std::string::npos);
  EXPECT_TRUE(returned["envelope"].value("tls", false)) << "STARTTLS before the message";
  EXPECT_TRUE(returned["envelope"].value("authenticated", false));
  EXPECT_EQ(returned["envelope"].value("from", ""), "binhdang@laichau.gov.vn");
  EXPECT_EQ(by_to["lothib@binhlu.laichau.gov.vn"].size(), 2u) << "B wants each notice";
  EXPECT_EQ(by_to.count("lothic@binhlu.laichau.gov.vn"), 0u) << "C wants none";
  EXPECT_EQ(mail.Compose(now).each, 0) << "nothing is mailed twice";
  EXPECT_EQ(mail.Deliver(now).sent, 0);

  // A reads one notice in the app before the digest: it is not mailed; the other is.
  Tell(server, unit, "activity_due_7", "Còn 7 ngày đến hạn: \"Treo băng rôn\".", "#/plans/7");
  {
    Client a(server.port());
    ASSERT_EQ(a.Login("thu.a", "thu-dien-tu-2030"), 200);
    const json list = a.Get("/api/v1/notifications").json();
    for (const auto& n : list["items"]) {
      if (n.value("kind", "") == "activity_due_7") {
        EXPECT_EQ(
            a.Post("/api/v1/notifications/" + n.value("id", "") + "/read", json::object()).status,
            204);
      }
    }
  }
  const int64_t tomorrow = now + 24LL * 3600 * 1000;  // past the next 07:00
  composed = mail.Compose(tomorrow);
  EXPECT_EQ(composed.digests, 1);
  EXPECT_EQ(composed.passed_over, 1) << "A read it already";
  EXPECT_EQ(composed.each, 1) << "B's copy of the new notice";
  EXPECT_EQ(mail.Deliver(tomorrow).sent, 2);
  got = smtp->Messages();
  ASSERT_EQ(got.size(), 5u);
  json digest;
  for (const auto& m : got)
    if (m.value("subject", "").find("Tổng hợp thông báo") != std::string::npos) digest = m;
  ASSERT_TRUE(digest.is_object()) << "no digest among " << json(got).dump();
  EXPECT_EQ(digest.value("subject", ""), "[binhdang] Tổng hợp thông báo ngày " +
                                             Date::InVietnam(tomorrow).Vietnamese() +
                                             " (1 thông báo mới)");
  EXPECT_NE(digest.value("body", "").find("Trước 07:00 ngày"), std::string::npos);
  EXPECT_NE(digest.value("body", "").find("1. Cấp trên đã ban hành kế hoạch"), std::string::npos)
      << digest.value("body", "");
  EXPECT_NE(digest.value("body", "").find("15/KH-UBND"), std::string::npos);
  EXPECT_EQ(digest.value("body", "").find("Treo băng rôn"), std::string::npos) << "read already";

  // A GBV case's notice: the mail says only that there is one.
  Tell(server, unit, "case_transferred", "Hồ sơ VV-2026-0007 (Nguyễn Thị H.) chuyển cho đồng chí.",
       "#/cases/7");
  EXPECT_EQ(mail.Compose(tomorrow).each, 2);
  EXPECT_EQ(mail.Deliver(tomorrow).sent, 2);
  got = smtp->Messages();
  ASSERT_EQ(got.size(), 7u);
  for (size_t i = 5; i < 7; ++i) {
    const std::string b = got[i].value("body", "");
    EXPECT_EQ(b.find("Nguyễn Thị H"), std::string::npos) << b;
    EXPECT_EQ(b.find("VV-2026-0007"), std::string::npos) << b;
    EXPECT_NE(b.find("nội dung không gửi qua thư"), std::string::npos) << b;
    EXPECT_EQ(b.find("cases/7"), std::string::npos) << "not even the case's link: " << b;
  }

  // The mail server goes away: the message stays queued, and goes when it is back.
  smtp->Stop();
  Tell(server, unit, "report_returned", "Báo cáo 6 tháng đầu năm 2026 bị trả lại.", "#/reports/13");
  EXPECT_EQ(mail.Compose(tomorrow).each, 2);
  delivered = mail.Deliver(tomorrow);
  EXPECT_EQ(delivered.sent, 0);
  EXPECT_EQ(delivered.retried, 2);
  auto counts = mail.Counts();
  EXPECT_EQ(counts.queued, 2);
  EXPECT_EQ(counts.failed, 0);
  {
    auto sql = server.store().Lease();
    storage::MailRepo repo(*sql);
    auto due = repo.Due(tomorrow + 10LL * 60 * 1000, 10);
    ASSERT_EQ(due.size(), 2u);
    EXPECT_EQ(due[0].attempts, 1);
    EXPECT_NE(due[0].last_error.find("không kết nối được máy chủ thư"), std::string::npos)
        << due[0].last_error;
  }
  EXPECT_EQ(mail.Deliver(tomorrow + 1000).retried, 0) << "the next try waits a minute";
  smtp = std::make_unique<SmtpServer>(smtp_port, certificate, certificate.dir / "box2");
  ASSERT_TRUE(smtp->ready());
  EXPECT_EQ(mail.Deliver(tomorrow + 61 * 1000).sent, 2);
  EXPECT_EQ(smtp->Messages().size(), 2u);
  EXPECT_EQ(mail.Deliver(tomorrow + 3600 * 1000).sent, 0) << "sent once";
  counts = mail.Counts();
  EXPECT_EQ(counts.queued, 0);
  EXPECT_EQ(counts.sent, 9);

  // A wrong password is the configuration's fault, not the message's: it waits.
  options.smtp.password = "sai-mat-khau";
  ASSERT_TRUE(mail.Configure(options).ok());
  Tell(server, unit, "password_reset", "Mật khẩu của đồng chí đã được đặt lại.", "");
  mail.Compose(tomorrow + 3600 * 1000);
  delivered = mail.Deliver(tomorrow + 3600 * 1000);
  EXPECT_EQ(delivered.retried, 2);
  EXPECT_EQ(delivered.failed, 0);
  // A mailbox the server refuses for good: failed with the server's reply, not retried.
  options.smtp.password = "mat-khau-thu";
  ASSERT_TRUE(mail.Configure(options).ok());
  EXPECT_EQ(mail.Deliver(tomorrow + 2 * 3600 * 1000).sent, 2);
  {
    Client b(server.port());
    ASSERT_EQ(b.Login("thu.b", "thu-dien-tu-2030"), 200);
    const json me = b.Get("/api/v1/me").json()["user"];
    ASSERT_EQ(b.Patch("/api/v1/me", {{"version", me.value("version", 0)},
                                     {"email", "reject.b@binhlu.laichau.gov.vn"},
                                     {"email_pref", "each"}})
                  .status,
              200);
    EXPECT_EQ(b.Patch("/api/v1/me", {{"version", me.value("version", 0)},
                                     {"email", "b@binhlu.laichau.gov.vn"},
                                     {"email_pref", "each"}})
                  .status,
              409)
        << "an old version";
  }
  Tell(server, unit, "report_returned", "Báo cáo quý IV/2026 bị trả lại.", "#/reports/14");
  EXPECT_EQ(mail.Compose(tomorrow + 3 * 3600 * 1000).each, 2);
  delivered = mail.Deliver(tomorrow + 3 * 3600 * 1000);
  EXPECT_EQ(delivered.sent, 1) << "A's goes";
  EXPECT_EQ(delivered.failed, 1) << "B's mailbox is refused";
  counts = mail.Counts();
  EXPECT_EQ(counts.failed, 1);
  EXPECT_EQ(counts.queued, 0);
  // A sender the server refuses: the configuration's fault, not the messages' — all wait.
  options.from_addr = "refuse@laichau.gov.vn";
  ASSERT_TRUE(mail.Configure(options).ok());
  Tell(server, unit, "report_returned", "Báo cáo tháng 12/2026 bị trả lại.", "#/reports/15");
  EXPECT_EQ(mail.Compose(tomorrow + 4 * 3600 * 1000).each, 2);
  delivered = mail.Deliver(tomorrow + 4 * 3600 * 1000);
  EXPECT_EQ(delivered.retried, 2);
  EXPECT_EQ(delivered.failed, 0) << "a refused sender fails no message";
  options.from_addr = "binhdang@laichau.gov.vn";
  ASSERT_TRUE(mail.Configure(options).ok());
  // B mends the address meanwhile: the message to the refused one is taken out unsent, A's
  // goes; a busy mailbox (451) waits without holding up the others.
  {
    Client b(server.port());
    ASSERT_EQ(b.Login("thu.b", "thu-dien-tu-2030"), 200);
    const json me = b.Get("/api/v1/me").json()["user"];
    ASSERT_EQ(b.Patch("/api/v1/me", {{"version", me.value("version", 0)},
                                     {"email", "busy.b@binhlu.laichau.gov.vn"},
                                     {"email_pref", "each"}})
                  .status,
              200);
  }
  delivered = mail.Deliver(tomorrow + 5 * 3600 * 1000);
  EXPECT_EQ(delivered.closed, 1) << "B's old address";
  EXPECT_EQ(delivered.sent, 1);
  Tell(server, unit, "report_returned", "Báo cáo năm 2026 bị trả lại.", "#/reports/16");
  mail.Compose(tomorrow + 5 * 3600 * 1000);
  delivered = mail.Deliver(tomorrow + 5 * 3600 * 1000);
  EXPECT_EQ(delivered.sent, 1) << "A's";
  EXPECT_EQ(delivered.retried, 1) << "B's busy mailbox";
  counts = mail.Counts();
  EXPECT_EQ(counts.queued, 1);
  EXPECT_EQ(counts.closed, 1);
  // Five days later B's is given up; ninety days on, the finished messages are deleted.
  EXPECT_EQ(mail.Deliver(tomorrow + 6LL * 24 * 3600 * 1000).closed, 1);
  EXPECT_EQ(mail.Counts().queued, 0);
  EXPECT_EQ(mail.Prune(tomorrow + 30LL * 24 * 3600 * 1000), 0);
  EXPECT_GT(mail.Prune(tomorrow + 100LL * 24 * 3600 * 1000), 10);
  EXPECT_EQ(mail.Counts().sent, 0);
  // Every step is in the audit log.
  const json audit = admin.Get("/api/v1/audit?action=mail.failed").json();
  ASSERT_FALSE(audit["items"].empty()) << audit.dump();
  EXPECT_NE(audit["items"][0].dump().find("550"), std::string::npos) << audit.dump();
}

TEST_P(Mail, WithoutTlsNoPasswordIsSentAndABadConfigurationIsRefused) {
  if (GetParam() == "postgresql" && !std::getenv("BINHDANG_TEST_PG"))
    GTEST_SKIP() << "no postgresql server";
  TestServer server(GetParam());
  ASSERT_TRUE(server.ok());
  service::MailOptions o;
  o.smtp.host = "localhost";
  o.from_addr = "khong co a cong";
  EXPECT_FALSE(server.services().mail.Configure(o).ok());
  o.from_addr = "binhdang@laichau.gov.vn";
  o.smtp.security = "ssl3";
  EXPECT_FALSE(server.services().mail.Configure(o).ok());
  o.smtp.security = "starttls";
  o.smtp.port = 70000;
  EXPECT_FALSE(server.services().mail.Configure(o).ok());

  // A server that offers no STARTTLS (the test server requires it and offers it; a plain
  // "none" session with an account must not send the password in the clear).
  Certificate certificate;
  const unsigned short smtp_port = FreePort();
  SmtpServer smtp(smtp_port, certificate, certificate.dir / "box");
  ASSERT_TRUE(smtp.ready());
  service::SmtpOptions plain;
  plain.host = "localhost";
  plain.port = smtp_port;
  plain.security = "none";
  plain.user = "binhdang";
  plain.password = "mat-khau-thu";
  plain.timeout_ms = 10000;
  service::SmtpSession session(plain);
  auto opened = session.Open();
  EXPECT_FALSE(opened.sent);
  EXPECT_NE(opened.error.find("chưa mã hóa"), std::string::npos) << opened.error;
  // A certificate nobody vouches for is refused.
  service::SmtpOptions unknown = plain;
  unknown.security = "starttls";
  service::SmtpSession session2(unknown);
  opened = session2.Open();
  EXPECT_FALSE(opened.sent);
  EXPECT_NE(opened.error.find("không thiết lập được TLS"), std::string::npos) << opened.error;
  EXPECT_TRUE(smtp.Messages().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, Mail, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace binhdang::testing
