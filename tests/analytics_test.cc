// The analytics engine against the database, on SQLite and PostgreSQL: consolidation and
// completeness from the engine equal the old path (values read from report_values and summed
// by analytics::Consolidate) on random data, and a second server on the same database sees a
// write through the first after catching up with the change log.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <thread>

#include "analytics/consolidation.h"
#include "domain/report_template.h"
#include "service/services.h"
#include "storage/analytics_repo.h"
#include "storage/reports_repo.h"
#include "storage/units_repo.h"
#include "support/test_env.h"

namespace binhdang {
namespace {

constexpr const char* kTemplate = "action_month_results";

class AnalyticsEngineTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = testing::TestDatabase::Create(GetParam());
    if (!db_) GTEST_SKIP() << "no " << GetParam() << " database";
    ASSERT_TRUE(db_->store().Migrate().ok());
    services_ = std::make_unique<service::Services>(db_->store(), true);
    ASSERT_TRUE(services_->reports.SeedTemplates(BINHDANG_RESOURCE_DIR "/templates").ok());
    {
      auto sql = db_->store().Lease();
      templ_ = *storage::TemplatesRepo(*sql).Latest(kTemplate);
      // A country, 4 provinces, a random tree of communes and agencies below.
      storage::UnitsRepo repo(*sql);
      auto add = [&](Id parent, domain::UnitKind kind) {
        domain::Unit u;
        u.code = std::to_string(units_.size() + 1);
        u.name = u.full_name = "Đơn vị " + u.code;
        u.kind = kind;
        if (parent) u.parent_id = parent;
        units_.push_back(repo.Insert(u, 1));
        return units_.back();
      };
      root_ = add(0, domain::UnitKind::kCountry);
      for (int p = 0; p < 4; ++p) add(root_, domain::UnitKind::kProvince);
      for (int i = 0; i < 40; ++i)
        add(units_[1 + rng_() % (units_.size() - 1)], domain::UnitKind::kCommune);
    }  // the lease is returned before the directory takes its own (one lease a thread)
    services_->directory.Reload();
    admin_.id = 1;
    admin_.username = "admin";
    admin_.unit_id = root_;
    admin_.roles = {domain::Role::kAdmin};
  }

  std::vector<domain::ReportRow> RandomRows() {
    std::vector<domain::ReportRow> rows;
    const int n = static_cast<int>(rng_() % 4);
    for (int i = 0; i < n; ++i) {
      const auto& table = templ_.tables[rng_() % templ_.tables.size()];
      const auto& item = table.items[rng_() % table.items.size()];
      domain::ReportRow r{table.key,
                          item.key,
                          item.key == "other" ? "Văn nghệ" : "",
                          domain::kLevels[rng_() % 3],
                          {}};
      for (const auto& c : table.columns) {
        const long long x = static_cast<long long>(rng_() % 500);
        r.values[c.key] =
            c.by_sex ? domain::CellValue{0, x, x / 2 + 1, true} : domain::CellValue{x, 0, 0, false};
      }
      rows.push_back(std::move(r));
    }
    return rows;
  }

  //! Writes (creates or rewrites) the report of `unit` for `period` with a random status and
  //! rows, in one transaction, as a server would.
  void WriteRandom(storage::Store& store, Id unit, const std::string& period) {
    auto sql = store.Lease();
    storage::Transaction tx(*sql, store);
    storage::ReportsRepo repo(*sql);
    const domain::ReportStatus statuses[] = {
        domain::ReportStatus::kDraft, domain::ReportStatus::kSubmitted,
        domain::ReportStatus::kReturned, domain::ReportStatus::kAccepted};
    auto existing = repo.Find(kTemplate, unit, period);
    domain::Report r = existing ? *existing : domain::Report{};
    r.template_id = templ_.id;
    r.template_code = kTemplate;
    r.unit_id = unit;
    r.period = period;
    r.status = statuses[rng_() % 4];
    r.due_date = Date(2026, 12, 10);
    r.submitted_at_ms = r.Submitted()
                            ? std::optional<int64_t>(1796900000000 + (rng_() % 3) * 86400000LL * 5)
                            : std::nullopt;
    r.sections = {{"results", "Kết quả " + std::to_string(unit)}};
    r.rows = RandomRows();
    r.created_at_ms = r.updated_at_ms = NowMs();
    if (existing) {
      ASSERT_TRUE(repo.Update(r, templ_, true));
    } else {
      repo.Insert(r, templ_);
    }
    tx.Commit();
  }

  //! The old path: values of the counted reports from report_values, summed over the tree.
  analytics::Consolidation OldConsolidation(const std::string& period, Id unit) {
    analytics::ValuesByUnit values;
    auto sql = db_->store().Lease();
    storage::ReportsRepo repo(*sql);
    for (auto& v : repo.Values(kTemplate, period, false)) values[v.unit_id].push_back(std::move(v));
    for (Id u : repo.SubmittedUnits(kTemplate, period)) values[u];
    return analytics::Consolidate(*services_->directory.Tree(), unit, values);
  }

  void ExpectSameAsOldPath(service::Services& services, const std::string& period) {
    // The writes went straight to the database, as another server's would: poll the log.
    services.reports.analytics().CatchUp();
    service::Caller admin{admin_, "127.0.0.1", false};
    for (Id unit : units_) {
      auto got = services.reports.Consolidated(admin, kTemplate, period, unit);
      ASSERT_TRUE(got.ok()) << got.error().message.en;
      const auto expected = OldConsolidation(period, unit);
      ASSERT_EQ(got->sums.included, expected.included) << "unit " << unit;
      ASSERT_EQ(got->sums.cells, expected.cells) << "unit " << unit;
      ASSERT_EQ(got->sums.totals, expected.totals) << "unit " << unit;
      for (const auto& n : got->narratives)
        EXPECT_EQ(n.text, "Kết quả " + std::to_string(n.unit_id));
      auto completeness = services.reports.CompletenessOf(admin, kTemplate, period, unit);
      ASSERT_TRUE(completeness.ok());
      auto sql = db_->store().Lease();
      storage::ReportsRepo repo(*sql);
      for (const auto& e : completeness->children) {
        auto stored = repo.Find(kTemplate, e.unit_id, period);
        ASSERT_EQ(e.report.has_value(), stored.has_value()) << "unit " << e.unit_id;
        if (!stored) continue;
        EXPECT_EQ(e.report->status, stored->status);
        EXPECT_EQ(e.report->version, stored->version);
        EXPECT_EQ(e.report->submitted_at_ms, stored->submitted_at_ms);
      }
    }
  }

  std::mt19937 rng_{20261201};
  std::unique_ptr<testing::TestDatabase> db_;
  std::unique_ptr<service::Services> services_;
  domain::ReportTemplate templ_;
  std::vector<Id> units_;
  Id root_ = 0;
  domain::User admin_;
};

// Property: after random writes (some read by the engine as a rebuild, later ones through the
// change log), the engine's consolidation and completeness equal the old path for every unit.
TEST_P(AnalyticsEngineTest, PropertySameAsOldPath) {
  for (int round = 0; round < 4; ++round) {
    for (int i = 0; i < 30; ++i) {
      WriteRandom(db_->store(), units_[rng_() % units_.size()], rng_() % 3 ? "2026AM" : "2025AM");
    }
    ExpectSameAsOldPath(*services_, "2026AM");
    ExpectSameAsOldPath(*services_, "2025AM");
  }
}

// Two servers on one database: a write through one is in the other's answers once it has
// caught up with the change log, which it does before every read.
TEST_P(AnalyticsEngineTest, SecondServerCatchesUpFromTheChangeLog) {
  auto other_store = db_->Open(4);
  service::Services other(*other_store, true);
  other.directory.Reload();
  EXPECT_GE(other.reports.analytics().Build(), 0.0);
  service::Caller admin{admin_, "127.0.0.1", false};
  auto before = other.reports.Consolidated(admin, kTemplate, "2026AM", root_);
  ASSERT_TRUE(before.ok());
  const long long seq_before = before->as_of.sequence;
  for (int i = 0; i < 20; ++i)
    WriteRandom(db_->store(), units_[1 + rng_() % (units_.size() - 1)], "2026AM");
  long long head;
  {
    auto sql = db_->store().Lease();
    head = storage::AnalyticsHead(*sql);
  }
  EXPECT_EQ(head, seq_before + 20) << "one change-log entry per write";
  EXPECT_EQ(other.reports.analytics().CatchUp(), 20u);
  auto after = other.reports.Consolidated(admin, kTemplate, "2026AM", root_);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->as_of.sequence, head);
  EXPECT_GT(after->as_of.changed_at_ms, 0);
  ExpectSameAsOldPath(other, "2026AM");
  // A status change alone (submitted → returned) is logged and applied too.
  {
    auto sql = db_->store().Lease();
    storage::ReportsRepo repo(*sql);
    for (auto r :
         repo.List({kTemplate, "2026AM", domain::ReportStatus::kSubmitted, std::nullopt, {}})) {
      storage::Transaction tx(*sql, db_->store());
      r.status = domain::ReportStatus::kReturned;
      ASSERT_TRUE(repo.Update(r, templ_, false));
      tx.Commit();
    }
  }
  ExpectSameAsOldPath(other, "2026AM");
  ExpectSameAsOldPath(*services_, "2026AM");
}

// Parsed templates are kept by id: a version saved through another server is the one this
// server consolidates by at its next call, and the version a report was made with stays its.
TEST_P(AnalyticsEngineTest, ANewTemplateVersionSavedElsewhereIsUsedAtOnce) {
  auto other_store = db_->Open(4);
  service::Services other(*other_store, true);
  other.directory.Reload();
  service::Caller admin{admin_, "127.0.0.1", false};
  auto before = services_->reports.Consolidated(admin, kTemplate, "2026AM", root_);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->templ.version, templ_.version);
  auto definition = domain::TemplateToJson(templ_);
  definition["title"] = "Kết quả Tháng hành động (sửa đổi)";
  auto saved = other.reports.SaveTemplate(admin, definition);
  ASSERT_TRUE(saved.ok()) << saved.error().message.en;
  EXPECT_EQ(saved->version, templ_.version + 1);
  auto after = services_->reports.Consolidated(admin, kTemplate, "2026AM", root_);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->templ.version, saved->version);
  EXPECT_EQ(after->templ.id, saved->id);
  EXPECT_EQ(after->templ.title, "Kết quả Tháng hành động (sửa đổi)");
  auto completeness = services_->reports.CompletenessOf(admin, kTemplate, "2026AM", root_);
  EXPECT_TRUE(completeness.ok());
  auto unknown = services_->reports.Consolidated(admin, "no_such_template", "2026AM", root_);
  ASSERT_FALSE(unknown.ok());
  ASSERT_EQ(unknown.error().details.size(), 1u);
  EXPECT_EQ(unknown.error().details[0].field, "template");
}

// A following server (as `binhdang serve` runs) agrees with the database within a second of a
// write it did not make.
TEST_P(AnalyticsEngineTest, FollowingServerAgreesWithinASecond) {
  auto other_store = db_->Open(4);
  service::Services other(*other_store, true);
  other.directory.Reload();
  other.reports.analytics().Build();
  other.reports.analytics().Follow(50);
  service::Caller admin{admin_, "127.0.0.1", false};
  for (int i = 0; i < 5; ++i)
    WriteRandom(db_->store(), units_[1 + rng_() % (units_.size() - 1)], "2026AM");
  long long head;
  {
    auto sql = db_->store().Lease();
    head = storage::AnalyticsHead(*sql);
  }
  const int64_t written = NowMs();
  long long seen = 0;
  while (NowMs() - written < 1000) {
    auto c = other.reports.Consolidated(admin, kTemplate, "2026AM", root_);
    ASSERT_TRUE(c.ok());
    seen = c->as_of.sequence;
    if (seen == head) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(seen, head) << "not caught up within a second";
  const auto expected = OldConsolidation("2026AM", root_);
  auto c = other.reports.Consolidated(admin, kTemplate, "2026AM", root_);
  EXPECT_EQ(c->sums.totals, expected.totals);
}

// PostgreSQL announces each change of the log when its transaction commits, not before; SQLite
// has no announcements (its followers poll).
TEST_P(AnalyticsEngineTest, ChangesAreAnnouncedAtCommitOnPostgres) {
  auto listener = db_->store().Listen("binhdang_analytics");
  if (db_->store().backend() == storage::Backend::kSqlite) {
    EXPECT_EQ(listener, nullptr);
    return;
  }
  ASSERT_NE(listener, nullptr);
  EXPECT_FALSE(listener->Wait(100)) << "nothing written yet";
  {
    auto sql = db_->store().Lease();
    storage::Transaction tx(*sql, db_->store());
    storage::AppendAnalyticsChange(*sql, 1, NowMs());
    EXPECT_FALSE(listener->Wait(200)) << "announced before the commit";
    tx.Commit();
  }  // returned before the neighbour below leases (one lease a thread, whatever the store)
  EXPECT_TRUE(listener->Wait(5000));
  EXPECT_FALSE(listener->Wait(100)) << "one change, one announcement";

  // Another schema of the same database (another deployment, or a test beside this one) is
  // announced on the same channel; this listener does not count it.
  auto neighbour = testing::TestDatabase::Create(GetParam());
  ASSERT_NE(neighbour, nullptr);
  ASSERT_TRUE(neighbour->store().Migrate().ok());
  {
    auto other = neighbour->store().Lease();
    storage::AppendAnalyticsChange(*other, 1, NowMs());
  }
  EXPECT_FALSE(listener->Wait(300)) << "a neighbour's change woke this listener";
}

INSTANTIATE_TEST_SUITE_P(Backends, AnalyticsEngineTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace binhdang
