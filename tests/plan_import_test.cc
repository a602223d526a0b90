// Plans in from documents (POST /api/v1/plans/import), through a real server:
// - the seeds (resources/seeds, the public plan documents) are read field by field and
//   compared with the plans binhdang seeds from them; per-field precision and recall are
//   printed and the share of fields read exactly must stay at what was measured;
// - a plan exported to DOCX and imported again is the same plan (over generated plans), and
//   its PDF gives back the fields a PDF's text layer keeps;
// - what the import read creates the draft with its activities in one request;
// - hostile files (a zip bomb, XML entities, a broken PDF, bytes that are not text, an upload
//   over the limit) are refused with a clear error and change nothing.
#include "documents/plan_import.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "common/text.h"
#include "support/test_env.h"

namespace binhdang::testing {
namespace {

using nlohmann::json;

std::string ReadFixture(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::filesystem::path Seeds() {
  return std::filesystem::path(BINHDANG_TEST_DIR) / ".." / "resources" / "seeds";
}

//! Text as compared: runs of white space as one, dashes as "-", "28/12/ 2020" as "28/12/2020".
std::string Norm(const std::string& s) {
  std::string t = s;
  for (const char* dash : {"\u2013", "\u2014"}) {
    for (size_t at = t.find(dash); at != std::string::npos; at = t.find(dash, at))
      t.replace(at, 3, "-");
  }
  std::string out;
  for (char c : t) {
    if (c == '\n' || c == '\t') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '/')) continue;
    out += c;
  }
  return text::Trim(out);
}

std::string Str(const json& j) {
  if (j.is_null()) return "";
  if (j.is_string()) return j.get<std::string>();
  return j.dump();
}

//! A plan (as GET /plans/{id} writes it) and its activities as paths and values: what a
//! document carries, one fact per path.
std::map<std::string, std::string> Facts(const json& plan, const json& activities) {
  std::map<std::string, std::string> f;
  auto put = [&](const std::string& path, const std::string& value) {
    if (!Norm(value).empty()) f[path] = Norm(value);
  };
  for (const char* k :
       {"number", "symbol", "place", "issued_on", "title", "kind", "theme", "period_start",
        "period_end", "preamble", "objective", "budget_note", "closing"}) {
    put(k, Str(plan.value(k, json())));
  }
  const json bases = plan.value("bases", json::array());
  for (size_t i = 0; i < bases.size(); ++i) {
    for (const char* k : {"document", "date", "issuer", "title"}) {
      put("bases[" + std::to_string(i) + "]." + k, Str(bases[i].value(k, json())));
    }
  }
  for (const char* list : {"purposes", "requirements"}) {
    const json l = plan.value(list, json::array());
    for (size_t i = 0; i < l.size(); ++i)
      put(std::string(list) + "[" + std::to_string(i) + "]", Str(l[i]));
  }
  const json targets = plan.value("targets", json::array());
  for (size_t i = 0; i < targets.size(); ++i) {
    put("targets[" + std::to_string(i) + "].text", Str(targets[i]["text"]));
    std::string values;
    for (const auto& v : targets[i]["values"]) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%d %s %g;", v.value("year", 0),
                    v.value("comparator", "").c_str(), v.value("value", 0.0));
      values += buf;
    }
    put("targets[" + std::to_string(i) + "].values", values);
  }
  const json groups = plan.value("message_groups", json::array());
  for (size_t i = 0; i < groups.size(); ++i) {
    put("message_groups[" + std::to_string(i) + "].title", Str(groups[i]["title"]));
    for (size_t j = 0; j < groups[i]["messages"].size(); ++j) {
      put("message_groups[" + std::to_string(i) + "].messages[" + std::to_string(j) + "]",
          Str(groups[i]["messages"][j]));
    }
  }
  const json sources = plan.value("budget_sources", json::array());
  std::set<std::string> kinds;
  for (size_t i = 0; i < sources.size(); ++i) {
    kinds.insert(Str(sources[i]["kind"]));
    put("budget_sources[" + std::to_string(i) + "].text", Str(sources[i]["text"]));
  }
  std::string k;
  for (const auto& s : kinds) k += s + " ";
  put("budget_sources.kinds", k);
  const json recipients = plan.value("recipients", json::array());
  for (size_t i = 0; i < recipients.size(); ++i) {
    put("recipients[" + std::to_string(i) + "]",
        Str(recipients[i]["name"]) + " | " + Str(recipients[i]["note"]));
  }
  for (const char* s : {"on_behalf_of", "authority", "title", "name"}) {
    put(std::string("signer.") + s, Str(plan.value("signer", json::object()).value(s, json())));
  }
  const json reporting = plan.value("reporting", json::array());
  for (size_t i = 0; i < reporting.size(); ++i) {
    put("reporting[" + std::to_string(i) + "].due_date", Str(reporting[i]["due_date"]));
  }
  int key = 0, assignment = 0;
  for (const auto& a : activities) {
    const bool is_key = a.value("section", "") == "key";
    const std::string p = is_key ? "key[" + std::to_string(key++) + "]"
                                 : "assignment[" + std::to_string(assignment++) + "]";
    std::string details;
    for (const auto& d : a["details"]) details += Str(d) + "\n";
    put(p + ".details", details);
    put(p + ".title", Str(a["title"]));
    put(p + ".lead", a["lead_unit_id"].is_null() ? Str(a["assignee"]) : Str(a["lead_unit_id"]));
    put(p + ".due_date", Str(a["due_date"]));
    std::string support;
    for (const auto& s : a["support_unit_ids"]) support += Str(s) + " ";
    put(p + ".support", support);
  }
  return f;
}

//! "bases[1].issuer" -> "bases.issuer"
std::string Category(const std::string& path) {
  std::string out;
  int depth = 0;
  for (char c : path) {
    if (c == '[')
      ++depth;
    else if (c == ']')
      --depth;
    else if (depth == 0)
      out += c;
  }
  return out;
}

struct Score {
  int expected = 0, extracted = 0, correct = 0;
};

//! Compares the facts; `skip` are categories the seeded plan words itself (summaries written
//! for the demo, not in the document): counted apart.
std::map<std::string, Score> Compare(const std::map<std::string, std::string>& want,
                                     const std::map<std::string, std::string>& got,
                                     std::string* diff) {
  std::map<std::string, Score> s;
  std::set<std::string> paths;
  for (const auto& [p, v] : want) paths.insert(p);
  for (const auto& [p, v] : got) paths.insert(p);
  for (const auto& p : paths) {
    Score& sc = s[Category(p)];
    auto w = want.find(p);
    auto g = got.find(p);
    if (w != want.end()) ++sc.expected;
    if (g != got.end()) ++sc.extracted;
    if (w != want.end() && g != got.end() && w->second == g->second) {
      ++sc.correct;
    } else if (diff) {
      *diff += p + "\n  want: " + (w == want.end() ? "(none)" : w->second.substr(0, 300)) +
               "\n  got:  " + (g == got.end() ? "(none)" : g->second.substr(0, 300)) + "\n";
    }
  }
  return s;
}

class PlanImport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer("sqlite");
    ASSERT_TRUE(server_->ok());
    admin_ = new Client(server_->port());
    ASSERT_EQ(admin_->Login("admin", TestServer::kAdminPassword), 200);
  }
  static void TearDownTestSuite() {
    delete admin_;
    delete server_;
  }
  static std::string District(const std::string& q) {
    return admin_->Get("/api/v1/units?q=" + q + "&kind=district&at=2024-11-15")
        .json()["items"][0]
        .value("id", "");
  }
  static HttpResult Import(const std::string& unit, const std::string& bytes) {
    return admin_->Request("POST", "/api/v1/plans/import?unit_id=" + unit, bytes,
                           {{"Content-Type", "application/octet-stream"}});
  }
  static json Plan(const std::string& unit, const char* kind) {
    auto list = admin_->Get("/api/v1/plans?unit=" + unit + "&kind=" + kind).json();
    return admin_->Get("/api/v1/plans/" + list["items"][0].value("id", "")).json();
  }
  static json Activities(const std::string& plan_id) {
    return admin_->Get("/api/v1/plans/" + plan_id + "/activities").json()["items"];
  }
  static TestServer* server_;
  static Client* admin_;
};
TestServer* PlanImport::server_ = nullptr;
Client* PlanImport::admin_ = nullptr;

// Fields the seeded plans carry that their source documents do not say: the demo fills them
// in (DESIGN: the Tam Đường copy is the one sent for signature, number and day blank; the
// activities' titles are summaries written for the task lists).
const std::set<std::string> kWordedForTheDemo = {"key.title", "assignment.title",
                                                 "assignment.support", "key.support"};

TEST_F(PlanImport, SeedsAreReadFieldByField) {
  struct Seed {
    const char* file;
    const char* district;
    const char* kind;
    std::set<std::string> silent;  // paths the document leaves blank that the demo fills in
  };
  const std::vector<Seed> seeds = {{"ke-hoach-thang-hanh-dong-2024-tam-duong.txt",
                                    "tam%20duong",
                                    "action_month",
                                    {"number", "issued_on"}},
                                   {"ke-hoach-chuong-trinh-gbv-2021-2025-huong-khe.txt",
                                    "huong%20khe",
                                    "programme",
                                    {"period_start", "period_end"}}};
  std::map<std::string, Score> total;
  std::string report;
  for (const auto& seed : seeds) {
    const std::string unit = District(seed.district);
    ASSERT_FALSE(unit.empty()) << seed.district;
    auto res = Import(unit, ReadFixture(Seeds() / seed.file));
    ASSERT_EQ(res.status, 200) << res.body;
    const json imported = res.json();
    EXPECT_EQ(imported.value("format", ""), "txt");
    const json plan = Plan(unit, seed.kind);
    auto want = Facts(plan, Activities(plan.value("id", "")));
    for (const auto& s : seed.silent) want.erase(s);
    // Activity due dates: the document gives the period's end (or nothing) as every one's.
    if (seed.silent.count("period_end")) {
      for (auto it = want.begin(); it != want.end();) {
        it = Category(it->first).find("due_date") != std::string::npos ? want.erase(it)
                                                                       : std::next(it);
      }
    }
    const auto got = Facts(imported["plan"], imported["activities"]);
    std::string diff;
    for (const auto& [cat, sc] : Compare(want, got, &diff)) {
      auto& t = total[cat];
      t.expected += sc.expected;
      t.extracted += sc.extracted;
      t.correct += sc.correct;
    }
    report += std::string("--- ") + seed.file + "\n" + diff;
    // Every field read names where it came from, inside the text.
    const size_t text_len =
        documents::Utf16Offset(imported["text"].get<std::string>(), std::string::npos);
    for (const auto& f : imported["fields"]) {
      EXPECT_LE(f["start"].get<size_t>(), f["end"].get<size_t>()) << f.dump();
      EXPECT_LE(f["end"].get<size_t>(), text_len) << f.dump();
      EXPECT_GT(f["confidence"].get<double>(), 0) << f.dump();
    }
  }
  int expected = 0, extracted = 0, correct = 0;
  std::printf("%-34s %8s %8s %8s %9s %7s\n", "field", "expected", "read", "exact", "precision",
              "recall");
  for (const auto& [cat, sc] : total) {
    std::printf("%-34s %8d %8d %8d %8.1f%% %6.1f%%%s\n", cat.c_str(), sc.expected, sc.extracted,
                sc.correct, sc.extracted ? 100.0 * sc.correct / sc.extracted : 0.0,
                sc.expected ? 100.0 * sc.correct / sc.expected : 0.0,
                kWordedForTheDemo.count(cat) ? "  (worded for the demo)" : "");
    if (kWordedForTheDemo.count(cat)) continue;
    expected += sc.expected;
    extracted += sc.extracted;
    correct += sc.correct;
  }
  const double share = expected ? static_cast<double>(correct) / expected : 0;
  std::printf("fields read exactly: %d of %d expected (%.1f%%), %d read (precision %.1f%%)\n",
              correct, expected, 100 * share, extracted,
              extracted ? 100.0 * correct / extracted : 0.0);
  if (std::getenv("BINHDANG_IMPORT_DIFF")) std::printf("%s", report.c_str());
  // What was measured when this test was written; a change that reads less fails here.
  EXPECT_GE(share, 0.93) << report;
  EXPECT_GE(expected, 150);
}

// Generated plans: written through the API, exported as DOCX, imported again: the same plan.
TEST_F(PlanImport, ADocxExportImportsAsTheSamePlan) {
  const std::string unit = District("tam%20duong");
  auto children =
      admin_->Get("/api/v1/units/" + unit + "/children?limit=200&at=2024-11-15").json()["items"];
  std::vector<std::pair<std::string, std::string>> agencies;  // id, name
  for (const auto& c : children) {
    if (c.value("kind", "") == "agency")
      agencies.push_back({c.value("id", ""), c.value("name", "")});
  }
  ASSERT_GE(agencies.size(), 5u);
  const std::vector<std::string> sentences = {
      "Tăng cường tuyên truyền, phổ biến pháp luật về bình đẳng giới trên địa bàn.",
      "Tổ chức tập huấn kỹ năng phòng ngừa bạo lực trên cơ sở giới cho cán bộ cơ sở.",
      "Kiểm tra, giám sát việc thực hiện kế hoạch tại các xã, thị trấn.",
      "Phối hợp với các cơ quan liên quan hỗ trợ nạn nhân bị bạo lực, xâm hại.",
      "Biểu dương các điển hình tiên tiến trong công tác bình đẳng giới.",
      "Lồng ghép nội dung bình đẳng giới vào các hoạt động văn hóa, thể thao.",
      "Tổng hợp kết quả, báo cáo Ủy ban nhân dân huyện theo quy định."};
  const std::vector<std::string> names = {
      "Tổ chức hội nghị triển khai kế hoạch", "Truyền thông trên mạng xã hội",
      "Tập huấn cho cộng tác viên", "Tổng kết, đánh giá kết quả",
      "Xây dựng mô hình địa chỉ tin cậy"};
  std::mt19937 rng(20241105);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  int checked = 0;
  for (int round = 0; round < 12; ++round) {
    json body = {
        {"unit_id", unit},
        {"title", (round % 2 ? "Thực hiện công tác bình đẳng giới năm "
                             : "Triển khai Tháng hành động năm ") +
                      std::to_string(2030 + round) + " trên địa bàn huyện"},
        {"kind", round % 2 ? "annual" : "action_month"},
        {"number", 300 + round},
        {"symbol", "KH-UBND"},
        {"place", "Tam Đường"},
        {"issued_on", "2030-0" + std::to_string(1 + round % 9) + "-1" + std::to_string(round % 9)},
        {"period_start", "2030-11-15"},
        {"period_end", "2030-12-15"},
        {"theme", "Chung tay vì bình đẳng giới lần thứ " + std::to_string(round)},
        {"bases",
         {{{"document", "Kế hoạch số " + std::to_string(1000 + round) + "/KH-UBND"},
           {"date", "2030-10-2" + std::to_string(round % 9)},
           {"issuer", "UBND tỉnh Lai Châu"},
           {"title", "triển khai công tác bình đẳng giới năm 2030"}}}},
        {"purposes", {pick(sentences), pick(sentences)}},
        {"requirements", {pick(sentences)}},
        {"objective", pick(sentences)},
        {"targets",
         {{{"text", "Tỷ lệ người bị bạo lực được hỗ trợ"},
           {"unit", "%"},
           {"values",
            {{{"year", 2030}, {"comparator", ">="}, {"value", 40 + round}},
             {{"year", 2031}, {"comparator", ">="}, {"value", 90.5}}}}}}},
        {"message_groups",
         {{{"title", "a) Nhóm thông điệp về pháp luật"},
           {"messages",
            {"Bình đẳng giới là trách nhiệm của mọi người.", "Nói không với bạo lực."}}},
          {{"title", "b) Nhóm thông điệp về gia đình"},
           {"messages", {"Chia sẻ việc nhà, gia đình hạnh phúc."}}}}},
        {"budget_sources",
         {{{"kind", "state_budget"}, {"text", "Ngân sách nhà nước"}},
          {{"kind", "mobilised"}, {"text", "Huy động từ xã hội và cộng đồng"}}}},
        {"budget_note", "Các cơ quan, đơn vị lập dự toán kinh phí theo quy định."},
        {"recipients",
         {{{"name", "Sở Y tế"}, {"note", "B/c"}},
          {{"name", "Các cơ quan, ban, ngành huyện"}, {"note", ""}},
          {{"name", "Lưu: VT"}, {"note", ""}}}},
        {"signer",
         {{"on_behalf_of", "TM. ỦY BAN NHÂN DÂN"},
          {"authority", "KT. CHỦ TỊCH"},
          {"title", "PHÓ CHỦ TỊCH"},
          {"name", "Nguyễn Văn An"}}},
        {"closing",
         "Trên đây là Kế hoạch thực hiện công tác bình đẳng giới, đề nghị các cơ quan triển khai "
         "thực hiện./."},
        {"reporting",
         {{{"template_code", "action_month_results"},
           {"due_date", "2030-12-10"},
           {"note", "Các cơ quan, đơn vị báo cáo kết quả về UBND huyện trước ngày 10/12/2030."}}}}};
    json activities = json::array();
    const int keys = 1 + static_cast<int>(rng() % 3), assigned = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < keys; ++k) {
      activities.push_back({{"section", "key"},
                            {"title", names[(round + k) % names.size()]},
                            {"details", {pick(sentences)}},
                            {"assignee", "everyone"},
                            {"due_date", "2030-12-1" + std::to_string(k)}});
    }
    for (int k = 0; k < assigned; ++k) {
      const auto& [id, name] = agencies[(round * 3 + k) % agencies.size()];
      const auto& support = agencies[(round * 3 + k + 1) % agencies.size()];
      activities.push_back({{"section", "assignment"},
                            {"title", name},
                            {"details", {pick(sentences), pick(sentences)}},
                            {"lead_unit_id", id},
                            {"support_unit_ids", {support.first}},
                            {"due_date", "2030-12-15"}});
    }
    body["activities"] = activities;
    auto created = admin_->Post("/api/v1/plans", body);
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = created.json().value("id", "");
    const json plan = admin_->Get("/api/v1/plans/" + id).json();
    auto want = Facts(plan, Activities(id));
    ASSERT_EQ(Activities(id).size(), activities.size());
    auto docx = admin_->Get("/api/v1/plans/" + id + "/document.docx");
    ASSERT_EQ(docx.status, 200);
    auto res = Import(unit, docx.body);
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.json().value("format", ""), "docx");
    auto got = Facts(res.json()["plan"], res.json()["activities"]);
    // The template of a reporting duty is not printed: the officer picks it on review.
    std::string diff;
    Compare(want, got, &diff);
    EXPECT_EQ(diff, "") << "round " << round;
    EXPECT_EQ(res.json()["unmatched_agencies"].size(), 0u)
        << res.json()["unmatched_agencies"].dump();

    // The PDF's text layer gives back the header, the bases, the lists and the signer.
    auto pdf = admin_->Get("/api/v1/plans/" + id + "/document.pdf");
    ASSERT_EQ(pdf.status, 200);
    auto from_pdf = Import(unit, pdf.body);
    ASSERT_EQ(from_pdf.status, 200) << from_pdf.body;
    auto pdf_facts = Facts(from_pdf.json()["plan"], from_pdf.json()["activities"]);
    for (const char* k :
         {"number", "symbol", "place", "issued_on", "title", "theme", "period_start", "period_end",
          "bases[0].document", "bases[0].date", "purposes[0]", "requirements[0]", "closing",
          "signer.name", "recipients[0]", "targets[0].values", "message_groups[0].messages[1]"}) {
      EXPECT_EQ(pdf_facts[k], want[k]) << "PDF round " << round << " " << k;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 12);
}

// The officer creates the draft from what was read: one request, all its activities.
TEST_F(PlanImport, WhatWasReadCreatesTheDraftWithItsActivities) {
  const std::string unit = District("huong%20khe");
  auto res =
      Import(unit, ReadFixture(Seeds() / "ke-hoach-chuong-trinh-gbv-2021-2025-huong-khe.txt"));
  ASSERT_EQ(res.status, 200) << res.body;
  json imported = res.json();
  json body = json::object();
  body["unit_id"] = unit;
  for (const char* k : {"title", "kind", "place", "symbol", "theme", "preamble", "bases",
                        "purposes", "requirements", "objective", "targets", "message_groups",
                        "budget_sources", "budget_note", "recipients", "signer", "closing"}) {
    if (imported["plan"].contains(k)) body[k] = imported["plan"][k];
  }
  body["number"] = 901;  // 48 is the seeded plan's
  json activities = json::array();
  for (const auto& a : imported["activities"]) {
    json one = {{"section", a["section"]},
                {"title", a["title"]},
                {"details", a["details"]},
                {"assignee", a["assignee"]}};
    if (!a["lead_unit_id"].is_null()) one["lead_unit_id"] = a["lead_unit_id"];
    // An agency the unit does not have: kept by its name in the title, for everyone (as the
    // review page sends it) until the officer picks the lead.
    else if (a["assignee"] == "unit")
      one["assignee"] = "everyone";
    activities.push_back(one);
  }
  ASSERT_GE(activities.size(), 10u);
  body["activities"] = activities;
  auto created = admin_->Post("/api/v1/plans", body);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.json().value("id", "");
  EXPECT_EQ(Activities(id).size(), activities.size());
  EXPECT_EQ(created.json().value("status", ""), "draft");

  // An activity that names a unit outside the issuer is refused by name, and nothing is written.
  const auto before =
      admin_->Get("/api/v1/plans?unit=" + unit + "&limit=100").json()["items"].size();
  body["number"] = 902;
  body["activities"][1]["lead_unit_id"] = District("tam%20duong");
  auto refused = admin_->Post("/api/v1/plans", body);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("activities[1].lead_unit_id"), std::string::npos) << refused.body;
  EXPECT_EQ(admin_->Get("/api/v1/plans?unit=" + unit + "&limit=100").json()["items"].size(),
            before);
}

// The plan a document implements ("Thực hiện Kế hoạch số 4365/KH-UBND … của UBND tỉnh Lai
// Châu") is found among the issued plans of the units above and linked on create, once a unit.
TEST_F(PlanImport, TheParentPlanNamedInTheBasesIsLinked) {
  const std::string seed = ReadFixture(Seeds() / "ke-hoach-thang-hanh-dong-2024-tam-duong.txt");
  const std::string tam_duong = District("tam%20duong");
  auto res = Import(tam_duong, seed);
  ASSERT_EQ(res.status, 200) << res.body;
  const json parent = res.json()["parent_plan"];
  ASSERT_TRUE(parent.is_object()) << res.body.substr(0, 500);
  EXPECT_EQ(parent.value("number_symbol", ""), "4365/KH-UBND");
  EXPECT_EQ(res.json()["plan"].value("parent_plan_id", ""), parent.value("id", ""));
  // Tam Đường implements it already (the seeded 144/KH-UBND): a second one is refused by name.
  json body = {{"unit_id", tam_duong}, {"title", "Bản nhập lại"}, {"parent_plan_id", parent["id"]}};
  auto again = admin_->Post("/api/v1/plans", body);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_NE(again.body.find("4365/KH-UBND"), std::string::npos) << again.body;
  // Another district of Lai Châu imports the same document: linked to the province's plan.
  const std::string other = District("phong%20tho");
  ASSERT_FALSE(other.empty());
  auto theirs = Import(other, seed);
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  ASSERT_TRUE(theirs.json()["parent_plan"].is_object());
  body["unit_id"] = other;
  auto created = admin_->Post("/api/v1/plans", body);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json().value("parent_plan_id", ""), parent.value("id", ""));
  // A plan of a unit that is not above, or a draft, is no parent.
  body["parent_plan_id"] = created.json()["id"];
  body["unit_id"] = tam_duong;
  auto sideways = admin_->Post("/api/v1/plans", body);
  EXPECT_EQ(sideways.status, 400) << sideways.body;
  EXPECT_NE(sideways.body.find("parent_plan_id"), std::string::npos) << sideways.body;
  // Hương Khê's parent (50/KH-UBND of Hà Tĩnh) is not in binhdang: nothing is linked.
  auto hk = Import(District("huong%20khe"),
                   ReadFixture(Seeds() / "ke-hoach-chuong-trinh-gbv-2021-2025-huong-khe.txt"));
  EXPECT_TRUE(hk.json()["parent_plan"].is_null()) << hk.json()["parent_plan"].dump();
}

TEST_F(PlanImport, HostileFilesAreRefusedWithAClearError) {
  const std::string unit = District("tam%20duong");
  const auto path = std::filesystem::temp_directory_path() /
                    ("binhdang-import-" + std::to_string(getpid()) + ".docx");
  auto zipped = [&](const std::string& xml) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    zip_file_add(z, "word/document.xml", zip_source_buffer(z, xml.data(), xml.size(), 0), 0);
    zip_close(z);
    return ReadFixture(path);
  };
  // A zip bomb: small packed, more than the import may hold unpacked.
  const std::string big(documents::kImportMaxBytes + 1, ' ');
  auto bomb = Import(unit, zipped(big));
  EXPECT_EQ(bomb.status, 413) << bomb.body;
  // Entities are not expanded (pugixml reads no DTD): the text stays small.
  const std::string lol =
      "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
      "\"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
      "<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>KẾ HOẠCH "
      "&b;&b;&b;</w:t></w:r></w:p></w:body></w:document>";
  auto entities = Import(unit, zipped(lol));
  ASSERT_EQ(entities.status, 200) << entities.body;
  EXPECT_LT(entities.json()["text"].get<std::string>().size(), 100u);
  // A footnote is read where it is referenced: the basis it names is found.
  {
    const std::string doc_xml =
        "<w:document "
        "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
        "<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p><w:p><w:r><w:t>Thực hiện công tác bình đẳng "
        "giới</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Căn cứ Luật Bình đẳng giới</w:t></w:r><w:r><w:footnoteReference "
        "w:id=\"1\"/></w:r>"
        "<w:r><w:t>;</w:t></w:r></w:p></w:body></w:document>";
    const std::string notes_xml =
        "<w:footnotes xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<w:footnote w:id=\"0\"><w:p/></w:footnote><w:footnote w:id=\"1\"><w:p><w:r>"
        "<w:t>Quyết định số 2232/QĐ-TTg ngày 28/12/2020 của Thủ tướng Chính "
        "phủ</w:t></w:r></w:p></w:footnote>"
        "</w:footnotes>";
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    zip_file_add(z, "word/document.xml", zip_source_buffer(z, doc_xml.data(), doc_xml.size(), 0),
                 0);
    zip_file_add(z, "word/footnotes.xml",
                 zip_source_buffer(z, notes_xml.data(), notes_xml.size(), 0), 0);
    zip_close(z);
    auto r = Import(unit, ReadFixture(path));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.json()["text"].get<std::string>().find("(Quyết định số 2232/QĐ-TTg"),
              std::string::npos)
        << r.body;
    ASSERT_EQ(r.json()["plan"]["bases"].size(), 1u) << r.body;
    EXPECT_EQ(r.json()["plan"]["bases"][0].value("document", ""), "Quyết định số 2232/QĐ-TTg");
    EXPECT_EQ(r.json()["plan"]["bases"][0].value("date", ""), "2020-12-28");
  }
  std::filesystem::remove(path);
  // Not a zip after all, a broken PDF, bytes that are not UTF-8 text, an empty body.
  for (const std::string& bad :
       {std::string("PK\x03\x04 not a zip"), std::string("%PDF-1.7\n garbage"),
        std::string("\xff\xfe\x00\x01 binary", 12), std::string()}) {
    auto r = Import(unit, bad);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.json()["error"].value("code", ""), "invalid_argument") << r.body;
    EXPECT_FALSE(r.json()["error"].value("message", "").empty()) << r.body;
  }
  // Over the limit: refused before it is read (the server's body limit, 16 MB, refuses the
  // upload itself first; http_semantics_test sends one).
  auto huge = documents::ExtractPlanText(std::string(documents::kImportMaxBytes + 1, 'a'));
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().code, ErrorCode::kPayloadTooLarge);
  // A unit the caller may not write plans for, or no unit at all.
  Client anon(server_->port());
  EXPECT_EQ(anon.Request("POST", "/api/v1/plans/import?unit_id=" + unit, "KẾ HOẠCH").status, 401);
  EXPECT_EQ(Import("abc", "KẾ HOẠCH").status, 400);
}

}  // namespace
}  // namespace binhdang::testing
