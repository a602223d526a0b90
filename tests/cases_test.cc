// The case module against a real server on both engines: the survivor's identity sealed at rest,
// duplicates found through the blind index, key rotation, the module without its key, need-to-
// know access, the per-case access log and suppressed counts.
#include "service/cases.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "common/crypto.h"
#include "common/time.h"
#include "support/test_env.h"

namespace binhdang::testing {
namespace {

using nlohmann::json;

constexpr const char* kName = "Hoàng Thị Quýtzy";
constexpr const char* kPhone = "0987654321";
constexpr const char* kAddress = "Bản Qwzxyv số 17";

class CasesTest : public ::testing::TestWithParam<std::string> {
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
    commune_ = unit("kind=commune&parent=" + province_);
    other_province_ = unit("q=dien%20bien&kind=province");
    other_commune_ = unit("kind=commune&parent=" + other_province_);
  }

  //! A user made by the system (the two-person rule applies to people, not to the operator).
  std::unique_ptr<Client> User(const std::string& name, const std::string& unit,
                               std::vector<std::string> roles) {
    auto made = server_->services().users.CreateBySystem(
        {name, "Người dùng " + name, "password-2025", *ParseId(unit), roles});
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().message.en);
    ids_[name] = made.ok() ? IdToString(made->id) : "";
    auto c = std::make_unique<Client>(server_->port());
    EXPECT_EQ(c->Login(name, "password-2025"), 200);
    return c;
  }

  json NewCase(const std::string& unit, const std::string& name,
               const std::string& sex = "female") {
    return {{"unit_id", unit},
            {"sex", sex},
            {"ethnicity", "Thái"},
            {"full_name", name},
            {"date_of_birth", "1990-04-02"},
            {"phone", kPhone},
            {"address", kAddress},
            {"national_id", "011190001234"},
            {"consent_to_count", true},
            {"opened_on", "2025-03-05"},
            {"incident",
             {{"occurred_on", "2025-03-01"},
              {"reported_on", "2025-03-03"},
              {"how_reported", "commune_committee"},
              {"place_type", "home"},
              {"gbv_type", "physical_assault"},
              {"dv_form", "physical"},
              {"perpetrator_relationship", "intimate_partner"},
              {"perpetrator_sex", "male"},
              {"perpetrator_age_band", "26-40"}}}};
  }

  //! Every text in the case tables and the audit log, concatenated: what a database file holds.
  std::string Raw() {
    auto sql = server_->store().Lease();
    std::string all;
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT code, full_name_enc, date_of_birth_enc, phone_enc, address_enc, "
                         "national_id_enc, blind_index, ethnicity FROM cases");
    for (const auto& r : rows) {
      for (size_t i = 0; i < r.size(); ++i) all += r.get<std::string>(i) + "\n";
    }
    soci::rowset<soci::row> audit =
        (sql->prepare << "SELECT action, object_id, detail FROM audit_log");
    for (const auto& r : audit) {
      for (size_t i = 0; i < r.size(); ++i) all += r.get<std::string>(i) + "\n";
    }
    return all;
  }

  std::string Column(const std::string& column, const std::string& id) {
    auto sql = server_->store().Lease();
    std::string v;
    const long long case_id = *ParseId(id);
    *sql << "SELECT " + column + " FROM cases WHERE id = :id", soci::use(case_id), soci::into(v);
    return v;
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<Client> admin_;
  std::string province_, commune_, other_province_, other_commune_;
  std::map<std::string, std::string> ids_;
};

TEST_P(CasesTest, IdentityIsSealedAtRestAndShownOnlyOnAskingWhichIsLogged) {
  auto worker = User("cw.one", commune_, {"case_worker"});
  auto created = worker->Post("/api/v1/cases", NewCase(commune_, kName));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.json().value("id", "");
  EXPECT_TRUE(created.json().value("code", "").starts_with("VV-"));
  EXPECT_EQ(created.json()["age_band"], "26-40") << "derived from the date of birth";
  EXPECT_EQ(created.json()["incidents"][0]["days_to_report"], 2);
  // Nothing identifying in the answer, the list, the raw rows or the audit log.
  for (const auto& body : {created.body, worker->Get("/api/v1/cases").body, Raw()}) {
    EXPECT_EQ(body.find("Quýtzy"), std::string::npos) << body;
    EXPECT_EQ(body.find("quytzy"), std::string::npos);
    EXPECT_EQ(body.find(kPhone), std::string::npos);
    EXPECT_EQ(body.find("Qwzxyv"), std::string::npos);
    EXPECT_EQ(body.find("011190001234"), std::string::npos);
  }
  // Nor in the database file itself (SQLite: a consistent copy of it, byte by byte).
  if (GetParam() == "sqlite") {
    const std::string copy =
        ::testing::TempDir() + "/cases-at-rest-" + std::to_string(NowMs()) + ".db";
    ASSERT_TRUE(server_->store().Backup(copy).ok());
    std::ifstream in(copy, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::filesystem::remove(copy);
    EXPECT_GT(bytes.size(), 10000u);
    EXPECT_NE(bytes.find("VV-"), std::string::npos) << "the copy holds the case";
    for (const char* secret : {"Quýtzy", kPhone, "Qwzxyv", "011190001234"}) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " in the database file";
    }
  } else {
    // Nor in a dump of the PostgreSQL database (pg_dump, as a backup would take it).
    const char* pg = std::getenv("BINHDANG_TEST_PG");
    ASSERT_NE(pg, nullptr);
    const std::string cmd = std::string("pg_dump --data-only '") + pg + "' 2>/dev/null";
    std::string dump;
    if (FILE* p = popen(cmd.c_str(), "r")) {
      char buf[65536];
      size_t n = 0;
      while ((n = fread(buf, 1, sizeof buf, p)) > 0) dump.append(buf, n);
      EXPECT_EQ(pclose(p), 0) << cmd;
    }
    EXPECT_NE(dump.find(created.json().value("code", "")), std::string::npos)
        << "the dump holds the case";
    for (const char* secret : {"Quýtzy", kPhone, "Qwzxyv", "011190001234"}) {
      EXPECT_EQ(dump.find(secret), std::string::npos) << secret << " in the PostgreSQL dump";
    }
  }
  // Each field is its own ciphertext with its own nonce: equal plaintexts seal differently.
  auto again = worker->Post("/api/v1/cases", NewCase(commune_, kName));
  ASSERT_EQ(again.status, 201);
  EXPECT_NE(Column("phone_enc", id), Column("phone_enc", again.json().value("id", "")));
  // A ciphertext moved to another case does not open there (the case id is authenticated).
  {
    const std::string moved = Column("full_name_enc", id);  // before the lease: one a thread
    auto sql = server_->store().Lease();
    const long long other = *ParseId(again.json().value("id", ""));
    *sql << "UPDATE cases SET full_name_enc = :m WHERE id = :id", soci::use(moved),
        soci::use(other);
  }
  EXPECT_EQ(
      worker->Post("/api/v1/cases/" + again.json().value("id", "") + "/identity", json::object())
          .status,
      500);

  auto shown = worker->Post("/api/v1/cases/" + id + "/identity", json::object());
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(shown.json()["full_name"], kName);
  EXPECT_EQ(shown.json()["phone"], kPhone);
  EXPECT_EQ(shown.json()["address"], kAddress);
  EXPECT_EQ(worker->Get("/api/v1/cases/" + id).status, 200);
  auto log = worker->Get("/api/v1/cases/" + id + "/access-log");
  ASSERT_EQ(log.status, 200) << log.body;
  ASSERT_EQ(log.json()["items"].size(), 2u);
  EXPECT_EQ(log.json()["items"][0]["what"], "case");
  EXPECT_EQ(log.json()["items"][1]["what"], "identity");
  EXPECT_EQ(log.json()["items"][1]["username"], "cw.one");
  // The audit log records the reads, by case id and code only.
  auto audit = admin_->Get("/api/v1/audit?action=case.identity");
  EXPECT_EQ(audit.status, 200);
  EXPECT_NE(audit.body.find("case.identity"), std::string::npos) << audit.body;
  EXPECT_EQ(audit.body.find("Quýtzy"), std::string::npos);
}

TEST_P(CasesTest, BlindIndexFindsTheSameSurvivorWhateverTheDiacriticsAndCase) {
  auto worker = User("cw.dup", commune_, {"case_worker"});
  auto other = User("cw.dup.other", other_commune_, {"case_worker"});
  auto first = worker->Post("/api/v1/cases", NewCase(commune_, kName));
  ASSERT_EQ(first.status, 201);
  EXPECT_EQ(first.json()["possible_duplicates"], 0);
  auto second = other->Post("/api/v1/cases", NewCase(other_commune_, "  HOANG THI   QUYTZY "));
  ASSERT_EQ(second.status, 201);
  EXPECT_EQ(second.json()["possible_duplicates"], 1);
  EXPECT_EQ(Column("blind_index", first.json().value("id", "")),
            Column("blind_index", second.json().value("id", "")));
  auto hits = other->Post("/api/v1/cases/duplicates",
                          {{"full_name", "hoàng thị quýtzy"}, {"date_of_birth", "1990-12-31"}});
  ASSERT_EQ(hits.status, 200) << hits.body;
  ASSERT_EQ(hits.json()["items"].size(), 2u);
  // The other worker's case is named by its code and unit only: no id to open it by.
  EXPECT_EQ(hits.json()["items"][0]["on_case"], false);
  EXPECT_TRUE(hits.json()["items"][0]["id"].is_null());
  EXPECT_EQ(hits.json()["items"][1]["on_case"], true);
  // Another birth year is another person.
  auto none = other->Post("/api/v1/cases/duplicates",
                          {{"full_name", kName}, {"date_of_birth", "1991-04-02"}});
  EXPECT_EQ(none.json()["items"].size(), 0u);
  EXPECT_EQ(admin_->Post("/api/v1/cases/duplicates", {{"full_name", kName}}).status, 403);
}

TEST_P(CasesTest, KeyRotationKeepsEveryCaseReadableAndChangesEveryCiphertext) {
  auto worker = User("cw.rot", commune_, {"case_worker"});
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    auto c = worker->Post("/api/v1/cases",
                          NewCase(commune_, kName + std::string(" ") + std::to_string(i)));
    ASSERT_EQ(c.status, 201);
    ids.push_back(c.json().value("id", ""));
  }
  // A care note is case data: sealed at rest, re-sealed by the rotation, readable after it.
  const std::string kNote = "Chị Mẫu kể về đêm 05/03";
  auto followup = worker->Post("/api/v1/cases/" + ids[0] + "/followups",
                               {{"due_on", "2025-04-01"}, {"note", kNote}});
  ASSERT_EQ(followup.status, 201) << followup.body;
  auto sealed_note = [&] {
    auto sql = server_->store().Lease();
    std::string v;
    const long long case_id = *ParseId(ids[0]);
    *sql << "SELECT note_enc FROM case_followups WHERE case_id = :id", soci::use(case_id),
        soci::into(v);
    return v;
  };
  const std::string note_before = sealed_note();
  EXPECT_FALSE(note_before.empty());
  EXPECT_EQ(note_before.find("Mẫu"), std::string::npos) << "the note is not stored in clear";
  const std::string name_before = Column("full_name_enc", ids[0]);
  const std::string index_before = Column("blind_index", ids[0]);
  const std::string new_key = crypto::RandomBytes(crypto::kAeadKeyBytes);
  // The wrong current key is refused and changes nothing.
  EXPECT_FALSE(service::CasesService::RotateKey(server_->store(), new_key, new_key).ok());
  EXPECT_EQ(Column("full_name_enc", ids[0]), name_before);
  auto rotated = service::CasesService::RotateKey(server_->store(), TestServer::kCaseKey, new_key);
  ASSERT_TRUE(rotated.ok()) << rotated.error().message.en;
  EXPECT_EQ(*rotated, 3);
  EXPECT_NE(Column("full_name_enc", ids[0]), name_before);
  EXPECT_NE(Column("blind_index", ids[0]), index_before);
  // The running server still holds the old key, which no longer matches: a restart with it fails.
  EXPECT_FALSE(server_->services().cases.UseKey(TestServer::kCaseKey).ok());
  EXPECT_EQ(worker->Get("/api/v1/cases/" + ids[0]).status, 503);
  ASSERT_TRUE(server_->services().cases.UseKey(new_key).ok());
  for (int i = 0; i < 3; ++i) {
    auto shown = worker->Post("/api/v1/cases/" + ids[i] + "/identity", json::object());
    ASSERT_EQ(shown.status, 200) << shown.body;
    EXPECT_EQ(shown.json()["full_name"], kName + std::string(" ") + std::to_string(i));
    EXPECT_EQ(shown.json()["phone"], kPhone);
  }
  auto hits = worker->Post("/api/v1/cases/duplicates", {{"full_name", kName + std::string(" 1")},
                                                        {"date_of_birth", "1990-04-02"}});
  EXPECT_EQ(hits.json()["items"].size(), 1u) << "the blind index was rebuilt under the new key";
  EXPECT_NE(sealed_note(), note_before) << "the note was re-sealed";
  auto view = worker->Get("/api/v1/cases/" + ids[0]);
  ASSERT_EQ(view.status, 200) << view.body;
  EXPECT_EQ(view.json()["followups"][0]["note"], kNote);
}

TEST_P(CasesTest, WithoutTheKeyCaseRoutesAnswer503AndEverythingElseWorks) {
  auto worker = User("cw.nokey", commune_, {"case_worker"});
  server_->services().cases.Disable("không có khóa (thử nghiệm)", "no key (test)");
  auto list = worker->Get("/api/v1/cases");
  EXPECT_EQ(list.status, 503) << list.body;
  EXPECT_EQ(list.json()["error"]["code"], "unavailable");
  EXPECT_NE(list.json()["error"].value("message", "").find("khóa"), std::string::npos) << list.body;
  EXPECT_NE(list.json()["error"].value("message", "").find("Các chức năng khác vẫn hoạt động"),
            std::string::npos);
  EXPECT_EQ(worker->Post("/api/v1/cases", NewCase(commune_, kName)).status, 503);
  EXPECT_EQ(admin_->Get("/api/v1/case-statistics?pe=2025&unit=" + province_).status, 503);
  EXPECT_EQ(admin_->Get("/api/v1/units?q=lai%20chau").status, 200);
  EXPECT_EQ(admin_->Get("/api/v1/plans").status, 200);
  EXPECT_EQ(admin_->Get("/api/v1/health").status, 200);
  // A key that did not seal this database is refused, and says so.
  EXPECT_FALSE(server_->services().cases.UseKey(crypto::RandomBytes(32)).ok());
  auto wrong = worker->Get("/api/v1/cases");
  EXPECT_EQ(wrong.status, 503);
  EXPECT_NE(wrong.body.find("đúng tệp khóa"), std::string::npos) << wrong.body;
  ASSERT_TRUE(server_->services().cases.UseKey(TestServer::kCaseKey).ok());
  EXPECT_EQ(worker->Get("/api/v1/cases").status, 200);
}

TEST_P(CasesTest, NeedToKnowOwnerMembersAndNamedSupervisorsOnly) {
  auto owner = User("cw.owner", commune_, {"case_worker"});
  auto colleague = User("cw.colleague", commune_, {"case_worker"});
  auto supervisor = User("cs.lc", province_, {"case_supervisor"});
  auto far_supervisor = User("cs.db", other_province_, {"case_supervisor"});
  auto viewer = User("v.lc", province_, {"viewer"});
  auto created = owner->Post("/api/v1/cases", NewCase(commune_, kName));
  ASSERT_EQ(created.status, 201);
  const std::string id = created.json().value("id", "");
  const std::string c = "/api/v1/cases/" + id;
  for (Client* nobody : {admin_.get(), colleague.get(), supervisor.get(), viewer.get()}) {
    EXPECT_EQ(nobody->Get(c).status, 403);
    EXPECT_EQ(nobody->Post(c + "/identity", json::object()).status, 403);
    EXPECT_EQ(nobody->Get(c + "/access-log").status, 403);
  }
  EXPECT_EQ(admin_->Get("/api/v1/cases").status, 403) << "administrators see no case content";
  EXPECT_EQ(colleague->Get("/api/v1/cases").json()["items"].size(), 0u);
  // A supervisor of another province cannot be named; a non-case worker cannot be a worker.
  EXPECT_EQ(
      owner->Post(c + "/members", {{"user_id", ids_["cs.db"]}, {"role", "supervisor"}}).status,
      400);
  EXPECT_EQ(owner->Post(c + "/members", {{"user_id", ids_["v.lc"]}, {"role", "worker"}}).status,
            400);
  EXPECT_EQ(colleague->Post(c + "/members", {{"user_id", ids_["cw.colleague"]}, {"role", "worker"}})
                .status,
            403);
  EXPECT_EQ(
      owner->Post(c + "/members", {{"user_id", ids_["cs.lc"]}, {"role", "supervisor"}}).status,
      200);
  EXPECT_EQ(
      owner->Post(c + "/members", {{"user_id", ids_["cw.colleague"]}, {"role", "worker"}}).status,
      200);
  EXPECT_EQ(
      owner->Post(c + "/members", {{"user_id", ids_["cw.colleague"]}, {"role", "worker"}}).status,
      409);
  EXPECT_EQ(supervisor->Get(c).status, 200);
  EXPECT_EQ(supervisor->Get(c + "/access-log").status, 200);
  EXPECT_EQ(colleague->Get(c).status, 200);
  EXPECT_EQ(colleague->Post(c + "/identity", json::object()).status, 200);
  EXPECT_EQ(colleague->Get(c + "/access-log").status, 403)
      << "an assigned worker reads, the owner manages";
  EXPECT_EQ(colleague->Get("/api/v1/cases").json()["items"].size(), 1u);
  EXPECT_EQ(far_supervisor->Get(c).status, 403);
  EXPECT_EQ(admin_->Get(c).status, 403);
  // The owner sees who looked.
  auto log = owner->Get(c + "/access-log").json()["items"];
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0]["username"], "cw.colleague");
  EXPECT_EQ(log[0]["what"], "identity");
  EXPECT_EQ(log[2]["username"], "cs.lc");
  // A case worker opens cases in their own subtree only.
  EXPECT_EQ(owner->Post("/api/v1/cases", NewCase(other_commune_, kName)).status, 403);
  EXPECT_EQ(admin_->Post("/api/v1/cases", NewCase(commune_, kName)).status, 403);
  // Edits carry their version.
  EXPECT_EQ(owner->Patch(c, {{"version", 1}, {"status", "in_progress"}}).status, 200);
  auto stale = owner->Patch(c, {{"version", 1}, {"status", "open"}});
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(owner->Patch(c, {{"version", 2}, {"status", "nonsense"}}).status, 400);
}

TEST_P(CasesTest, BadInputNamesEveryFieldInVietnamese) {
  auto worker = User("cw.bad", commune_, {"case_worker"});
  json body = NewCase(commune_, "");
  body["sex"] = "x";
  body["date_of_birth"] = "2999-01-01";
  body["incident"]["gbv_type"] = "theft";
  body["incident"]["reported_on"] = "2025-02-01";
  auto res = worker->Post("/api/v1/cases", body);
  ASSERT_EQ(res.status, 400) << res.body;
  std::set<std::string> fields;
  const json answer = res.json();
  for (const auto& d : answer["error"]["details"]) fields.insert(d.value("field", ""));
  for (const char* f : {"sex", "full_name", "date_of_birth", "gbv_type", "reported_on"}) {
    EXPECT_TRUE(fields.count(f)) << f << " in " << res.body;
  }
  auto provincial = User("cw.province", province_, {"case_worker"});
  EXPECT_EQ(provincial->Post("/api/v1/cases", NewCase(province_, kName)).status, 400)
      << "a case belongs to a commune";
  EXPECT_EQ(provincial->Post("/api/v1/cases", NewCase(commune_, kName)).status, 201)
      << "in the worker's subtree";
  EXPECT_EQ(worker->Get("/api/v1/cases").json()["items"].size(), 0u) << "nothing half-written";
  EXPECT_EQ(provincial->Get("/api/v1/cases").json()["items"].size(), 1u);
}

TEST_P(CasesTest, CountsHideCellsBelowFive) {
  auto worker = User("cw.count", commune_, {"case_worker"});
  auto viewer = User("v.count", province_, {"viewer"});
  auto far_viewer = User("v.far", other_province_, {"viewer"});
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(worker->Post("/api/v1/cases", NewCase(commune_, kName)).status, 201);
  auto counts = viewer->Get("/api/v1/case-statistics?pe=2025&unit=" + province_);
  ASSERT_EQ(counts.status, 200) << counts.body;
  EXPECT_EQ(counts.json()["total"], "<5");
  EXPECT_EQ(counts.json()["by_sex"]["female"], "<5");
  EXPECT_EQ(counts.json()["by_sex"]["male"], "0");
  EXPECT_EQ(counts.json()["by_gbv_type"]["physical_assault"], "<5");
  EXPECT_EQ(counts.body.find("Quýtzy"), std::string::npos);
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(worker->Post("/api/v1/cases", NewCase(commune_, kName)).status, 201);
  counts = admin_->Get("/api/v1/case-statistics?pe=2025&unit=" + province_);
  ASSERT_EQ(counts.status, 200) << "administrators see counts";
  EXPECT_EQ(counts.json()["total"], "6");
  EXPECT_EQ(counts.json()["by_age_band"]["26-40"], "6");
  EXPECT_EQ(counts.json()["by_unit"][commune_], "6");
  // One man among seven: total 7 minus a shown 6 would give him away, so the 6 is hidden too.
  ASSERT_EQ(worker->Post("/api/v1/cases", NewCase(commune_, kName, "male")).status, 201);
  counts = viewer->Get("/api/v1/case-statistics?pe=2025&unit=" + province_);
  EXPECT_EQ(counts.json()["total"], "7");
  EXPECT_EQ(counts.json()["by_sex"]["male"], "<5");
  EXPECT_EQ(counts.json()["by_sex"]["female"], "*");
  EXPECT_EQ(counts.json()["by_age_band"]["26-40"], "7");
  EXPECT_EQ(far_viewer->Get("/api/v1/case-statistics?pe=2025&unit=" + province_).status, 403);
  EXPECT_EQ(
      far_viewer->Get("/api/v1/case-statistics?pe=2025&unit=" + other_province_).json()["total"],
      "0");
}

// The legal clock of a no-contact order reaches the case's people: fewer than 4 hours left for
// the commune chairman's decision, the 12 hours passed, and the day before the order ends —
// each once, naming only the case's code, never to someone outside the case.
TEST_P(CasesTest, ANoContactOrdersDeadlinesAreRemindedToTheCasesPeopleOnce) {
  auto worker = User("cw.nco", commune_, {"case_worker"});
  auto outsider = User("cw.nco.other", commune_, {"case_worker"});
  auto created = worker->Post("/api/v1/cases", NewCase(commune_, kName));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.json().value("id", "");
  const std::string code = created.json().value("code", "");
  // Requested at 09:00 on 08/03/2025 (Vietnam): due by 21:00 the same day.
  auto measure =
      worker->Post("/api/v1/cases/" + id + "/measures", {{"type", "no_contact"},
                                                         {"authority", "commune_chairman"},
                                                         {"requested_at", "2025-03-08T09:00"},
                                                         {"note", "Đề nghị cấm tiếp xúc"}});
  ASSERT_EQ(measure.status, 201) << measure.body;
  const json m = measure.json()["measures"][0];
  const auto due = ParseInstant(m.value("decision_due_at", "").substr(0, 19) + "Z");
  ASSERT_TRUE(due.has_value()) << m.dump();
  auto& reminders = server_->services().reminders;
  const int64_t hour = 3600 * 1000;
  EXPECT_EQ(reminders.SweepCases(*due - 5 * hour).decision_due, 0) << "7 hours left: not yet";
  EXPECT_EQ(reminders.SweepCases(*due - 3 * hour).decision_due, 1);
  EXPECT_EQ(reminders.SweepCases(*due - 2 * hour).decision_due, 0) << "once";
  EXPECT_EQ(reminders.SweepCases(*due + hour).decision_late, 1);
  EXPECT_EQ(reminders.SweepCases(*due + 2 * hour).decision_late, 0) << "once";
  auto mine = [&](Client& c, const std::string& kind) {
    std::vector<std::string> out;
    const json list = c.Get("/api/v1/notifications").json();
    for (const auto& n : list["items"])
      if (n.value("kind", "") == kind) out.push_back(n.value("message", ""));
    return out;
  };
  auto soon = mine(*worker, "case_measure_due");
  ASSERT_EQ(soon.size(), 1u);
  EXPECT_NE(soon[0].find("Vụ việc " + code +
                         ": Chủ tịch Ủy ban nhân dân cấp xã phải quyết định "
                         "cấm tiếp xúc trước 21:00 ngày 08/03/2025 (còn dưới 3 giờ)"),
            std::string::npos)
      << soon[0];
  ASSERT_EQ(mine(*worker, "case_measure_late").size(), 1u);
  EXPECT_TRUE(mine(*outsider, "case_measure_due").empty()) << "not someone outside the case";
  for (const auto& text : soon) EXPECT_EQ(text.find("Quýtzy"), std::string::npos);

  // Decided for three days, 08–10/03: the day before it ends, and on it, one notice.
  auto decided = worker->Patch("/api/v1/cases/" + id + "/measures/" + m.value("id", ""),
                               {{"version", 1},
                                {"status", "in_force"},
                                {"decided_at", "2025-03-08T15:00"},
                                {"starts_on", "2025-03-08"},
                                {"ends_on", "2025-03-10"}});
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(reminders.SweepCases(*due + 2 * hour).ending, 0) << "08/03 23:00: not yet";
  EXPECT_EQ(reminders.SweepCases(*due + 10 * hour).ending, 1) << "09/03 07:00: the day before";
  EXPECT_EQ(reminders.SweepCases(*due + 30 * hour).ending, 0) << "once";
  auto ends = mine(*worker, "case_measure_ends");
  ASSERT_EQ(ends.size(), 1u);
  EXPECT_NE(ends[0].find("hết hiệu lực hết ngày 10/03/2025"), std::string::npos) << ends[0];
}

INSTANTIATE_TEST_SUITE_P(Backends, CasesTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace binhdang::testing
