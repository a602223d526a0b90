#include "analytics/engine.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>

namespace binhdang::analytics {
namespace {

domain::Unit TreeUnit(Id id, Id parent) {
  domain::Unit u;
  u.id = id;
  u.parent_id = parent;
  u.code = std::to_string(id);
  u.name = u.full_name = "Đơn vị " + u.code;
  u.kind = parent == 0 ? domain::UnitKind::kCountry : domain::UnitKind::kCommune;
  return u;
}

domain::Report R(Id id, Id unit, domain::ReportStatus status,
                 const std::string& period = "2024AM") {
  domain::Report r;
  r.id = id;
  r.template_code = "action_month_results";
  r.unit_id = unit;
  r.period = period;
  r.status = status;
  return r;
}

const domain::ReportStatus kStatuses[] = {
    domain::ReportStatus::kDraft, domain::ReportStatus::kSubmitted, domain::ReportStatus::kReturned,
    domain::ReportStatus::kAccepted};

std::vector<domain::DataValue> RandomValues(std::mt19937& rng, Id unit) {
  const char* items[] = {"launch_ceremony", "training", "contest", "other"};
  const char* levels[] = {"tinh", "huyen", "xa"};
  const char* sexes[] = {"male", "female", ""};
  const char* columns[] = {"people", "count"};
  std::vector<domain::DataValue> out;
  const int n = static_cast<int>(rng() % 6);
  for (int i = 0; i < n; ++i) {
    out.push_back({unit, rng() % 2 ? "activities" : "media", items[rng() % 4], levels[rng() % 3],
                   columns[rng() % 2], sexes[rng() % 3], static_cast<long long>(rng() % 1000)});
  }
  return out;
}

// The engine holds, per report id, its header and values; the reference is
// analytics::Consolidate over the values of the counted reports.
struct Model {
  std::map<Id, std::pair<domain::Report, std::vector<domain::DataValue>>> reports;
  ValuesByUnit Counted(const std::string& period) const {
    ValuesByUnit out;
    for (const auto& [id, rv] : reports) {
      if (rv.first.period != period || !rv.first.Submitted()) continue;
      auto& list = out[rv.first.unit_id];
      list.insert(list.end(), rv.second.begin(), rv.second.end());
    }
    return out;
  }
};

void ExpectSame(const Engine& engine, const domain::UnitTree& tree, const Model& model, int n,
                int round) {
  for (const char* period : {"2024AM", "2025AM"}) {
    const ValuesByUnit values = model.Counted(period);
    for (Id root = 1; root <= n; ++root) {
      const Consolidation expected = Consolidate(tree, root, values);
      const Consolidation got = engine.Consolidate("action_month_results", period, root);
      ASSERT_EQ(got.included, expected.included) << "round " << round << " root " << root;
      ASSERT_EQ(got.cells, expected.cells) << "round " << round << " root " << root;
      ASSERT_EQ(got.totals, expected.totals) << "round " << round << " root " << root;
    }
  }
  for (const auto& [id, rv] : model.reports) {
    const domain::Report* r =
        engine.ReportOf("action_month_results", rv.first.period, rv.first.unit_id);
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->id, id);
    EXPECT_EQ(r->status, rv.first.status);
  }
}

// Property: on random trees with random reports in every status, written, rewritten and
// removed in random order, and across a change of the tree, the engine answers what
// analytics::Consolidate answers over the counted reports' values.
TEST(Engine, PropertySameAsConsolidate) {
  std::mt19937 rng(20261201);
  for (int round = 0; round < 120; ++round) {
    const int n = 2 + static_cast<int>(rng() % 50);
    std::vector<domain::Unit> units{TreeUnit(1, 0)};
    for (Id id = 2; id <= n; ++id)
      units.push_back(TreeUnit(id, 1 + static_cast<Id>(rng() % (id - 1))));
    auto tree = std::make_shared<const domain::UnitTree>(units, std::vector<domain::LineageLink>{});
    Engine engine(tree);
    Model model;
    // At most one report per unit and period, as the database enforces.
    std::map<std::pair<Id, std::string>, Id> report_of;
    Id next_id = 1;
    for (int step = 0; step < 3 * n; ++step) {
      const Id unit = 1 + static_cast<Id>(rng() % n);
      const std::string period = rng() % 4 ? "2024AM" : "2025AM";
      auto [it, added] = report_of.try_emplace({unit, period}, next_id);
      if (added) ++next_id;
      const Id id = it->second;
      if (!added && rng() % 7 == 0) {
        engine.Remove(id);
        model.reports.erase(id);
        report_of.erase(it);
        continue;
      }
      domain::Report r = R(id, unit, kStatuses[rng() % 4], period);
      auto values = RandomValues(rng, unit);
      engine.Put(r, values);
      model.reports[id] = {r, values};
    }
    ExpectSame(engine, *tree, model, n, round);
    // A new tree: the same units under other parents (as after a reorganisation).
    std::vector<domain::Unit> moved{TreeUnit(1, 0)};
    for (Id id = 2; id <= n; ++id)
      moved.push_back(TreeUnit(id, 1 + static_cast<Id>(rng() % (id - 1))));
    auto tree2 =
        std::make_shared<const domain::UnitTree>(moved, std::vector<domain::LineageLink>{});
    engine.SetTree(tree2);
    ExpectSame(engine, *tree2, model, n, round);
  }
}

TEST(Engine, ReplacedReportsAreCompacted) {
  std::vector<domain::Unit> units{TreeUnit(1, 0), TreeUnit(2, 1), TreeUnit(3, 1)};
  auto tree = std::make_shared<const domain::UnitTree>(units, std::vector<domain::LineageLink>{});
  Engine engine(tree);
  std::vector<domain::DataValue> values(100,
                                        {2, "activities", "training", "xa", "people", "female", 1});
  for (int i = 0; i < 500; ++i) engine.Put(R(7, 2, domain::ReportStatus::kSubmitted), values);
  const auto c = engine.Consolidate("action_month_results", "2024AM", 1);
  EXPECT_EQ((c.totals.at({"activities", "people", "female"})), 100);
  const EngineMemory m = engine.Memory();
  EXPECT_EQ(m.values, 100u);
  EXPECT_LT(m.value_bytes, 100u * 12u * 100u) << "dead runs are compacted away";
}

// Memory: a national-sized layout (a country, 34 provinces, 3,321 communes with 3 agencies
// each) with a report per commune and agency of 120 values. Prints the bytes a value costs.
// Headers are kept compact unless they carry text; either way ReportOf and Consolidate give
// back every field of the header that was put.
TEST(Engine, HeadersComeBackWholeCompactOrNot) {
  std::vector<domain::Unit> units{TreeUnit(1, 0), TreeUnit(2, 1), TreeUnit(3, 1)};
  auto tree = std::make_shared<const domain::UnitTree>(units, std::vector<domain::LineageLink>{});
  Engine engine(tree);
  auto full = [](Id id, Id unit) {
    domain::Report r = R(id, unit, domain::ReportStatus::kAccepted);
    r.template_id = 7;
    r.plan_id = 42;
    r.due_date = Date(2024, 12, 10);
    r.submitted_at_ms = 1733700000000;
    r.reviewed_at_ms = 1733800000000;
    r.version = 5;
    r.created_by = 9;
    r.created_at_ms = 1733600000000;
    r.updated_at_ms = 1733800000001;
    return r;
  };
  auto same = [](const domain::Report& got, const domain::Report& want) {
    EXPECT_EQ(got.id, want.id);
    EXPECT_EQ(got.template_id, want.template_id);
    EXPECT_EQ(got.template_code, want.template_code);
    EXPECT_EQ(got.unit_id, want.unit_id);
    EXPECT_EQ(got.period, want.period);
    EXPECT_EQ(got.plan_id, want.plan_id);
    EXPECT_EQ(got.status, want.status);
    EXPECT_EQ(got.sections, want.sections);
    EXPECT_EQ(got.due_date, want.due_date);
    EXPECT_EQ(got.submitted_at_ms, want.submitted_at_ms);
    EXPECT_EQ(got.reviewed_at_ms, want.reviewed_at_ms);
    EXPECT_EQ(got.return_comment, want.return_comment);
    EXPECT_EQ(got.version, want.version);
    EXPECT_EQ(got.created_by, want.created_by);
    EXPECT_EQ(got.created_at_ms, want.created_at_ms);
    EXPECT_EQ(got.updated_at_ms, want.updated_at_ms);
  };
  domain::Report compact = full(1, 2);
  domain::Report text = full(2, 3);
  text.sections = {{"results", "Người dân hiểu hơn về bình đẳng giới."}};
  domain::Report draft = R(3, 1, domain::ReportStatus::kReturned);  // optional fields empty
  draft.return_comment = "Thiếu số liệu";
  engine.Put(compact, {{2, "activities", "training", "xa", "people", "female", 3}});
  engine.Put(text, {{3, "activities", "training", "xa", "people", "female", 4}});
  engine.Put(draft, {});
  same(*engine.ReportOf("action_month_results", "2024AM", 2), compact);
  same(*engine.ReportOf("action_month_results", "2024AM", 3), text);
  same(*engine.ReportOf("action_month_results", "2024AM", 1), draft);
  std::vector<const domain::Report*> reports;
  const Consolidation c = engine.Consolidate("action_month_results", "2024AM", 1, &reports);
  ASSERT_EQ(reports.size(), 2u);
  same(*reports[0], compact);
  same(*reports[1], text);
  EXPECT_EQ(c.included, (std::vector<Id>{2, 3}));
  // Rewritten: the text goes, then comes back; the header follows each time.
  text.sections.clear();
  text.version = 6;
  engine.Put(text, {});
  same(*engine.ReportOf("action_month_results", "2024AM", 3), text);
  text.sections = {{"difficulties", "Địa bàn rộng."}};
  text.version = 7;
  engine.Put(text, {});
  same(*engine.ReportOf("action_month_results", "2024AM", 3), text);
  engine.Remove(text.id);
  EXPECT_EQ(engine.ReportOf("action_month_results", "2024AM", 3), nullptr);
}

TEST(Engine, BytesPerDataValue) {
  std::vector<domain::Unit> units{TreeUnit(1, 0)};
  Id next = 2;
  std::vector<Id> reporters;
  for (int p = 0; p < 34; ++p) {
    const Id province = next++;
    units.push_back(TreeUnit(province, 1));
    for (int c = 0; c < 98; ++c) {
      const Id commune = next++;
      units.push_back(TreeUnit(commune, province));
      reporters.push_back(commune);
      for (int a = 0; a < 3; ++a) {
        units.push_back(TreeUnit(next, commune));
        reporters.push_back(next++);
      }
    }
  }
  auto tree = std::make_shared<const domain::UnitTree>(units, std::vector<domain::LineageLink>{});
  Engine engine(tree);
  const char* items[] = {"launch_ceremony", "training", "contest", "media", "other"};
  const char* levels[] = {"tinh", "huyen", "xa"};
  const char* sexes[] = {"male", "female"};
  Id report = 1;
  for (const char* period : {"2024AM", "2025AM"}) {
    for (Id unit : reporters) {
      std::vector<domain::DataValue> values;
      for (const char* item : items) {
        for (const char* level : levels) {
          for (const char* sex : sexes) {
            for (const char* column : {"people", "sessions", "groups", "materials"}) {
              values.push_back({unit, "activities", item, level, column, sex,
                                static_cast<long long>(unit % 97)});
            }
          }
        }
      }
      engine.Put(R(report++, unit, domain::ReportStatus::kSubmitted, period), values);
    }
  }
  engine.Seal();  // as after the load at start
  const EngineMemory m = engine.Memory();
  std::printf(
      "analytics engine: %zu data values in %zu reports: %.2f bytes/value in the value columns, "
      "%.2f bytes/value with report headers, dictionaries and unit layout\n",
      m.values, engine.report_count(), m.BytesPerValue(), m.AllBytesPerValue());
  EXPECT_LT(m.BytesPerValue(), 16.0);
}

namespace query_test {

long long Sum(const QueryResult& r, uint32_t unit, const std::string& sex = "") {
  long long s = 0;
  for (const auto& row : r.rows)
    if (row.unit == unit && row.sex == sex) s += row.value;
  return s;
}

// Property: a unit's figure is its own counted report when it has one, else what Consolidate
// adds up for it; the by-sex split's total row equals the unsplit sum.
TEST(EngineQuery, PropertyUnitFigureIsOwnReportOrConsolidation) {
  std::mt19937 rng(7);
  for (int round = 0; round < 80; ++round) {
    const int n = 2 + static_cast<int>(rng() % 40);
    std::vector<domain::Unit> units{TreeUnit(1, 0)};
    for (Id id = 2; id <= n; ++id)
      units.push_back(TreeUnit(id, 1 + static_cast<Id>(rng() % (id - 1))));
    auto tree = std::make_shared<const domain::UnitTree>(units, std::vector<domain::LineageLink>{});
    Engine engine(tree);
    Model model;
    for (Id unit = 1; unit <= n; ++unit) {
      if (rng() % 3 == 0) continue;
      domain::Report r = R(unit, unit, kStatuses[rng() % 4]);
      auto values = RandomValues(rng, unit);
      engine.Put(r, values);
      model.reports[unit] = {r, values};
    }
    const ValuesByUnit counted = model.Counted("2024AM");
    Query q;
    q.elements = {{"action_month_results.activities.people", ""}};
    q.periods = {*domain::ParsePeriod("2024")};
    for (Id u = 1; u <= n; ++u) q.units.push_back(u);
    const QueryResult got = engine.Run(q);
    q.by_sex = true;
    const QueryResult split = engine.Run(q);
    for (Id u = 1; u <= n; ++u) {
      long long expected = 0;
      auto own = counted.find(u);
      if (own != counted.end()) {
        for (const auto& v : own->second)
          if (v.table == "activities" && v.column == "people") expected += v.value;
      } else {
        const Consolidation c = Consolidate(*tree, u, counted);
        for (const auto& [k, v] : c.totals)
          if (std::get<0>(k) == "activities" && std::get<1>(k) == "people") expected += v;
      }
      const uint32_t ui = static_cast<uint32_t>(u - 1);
      ASSERT_EQ(Sum(got, ui), expected) << "round " << round << " unit " << u;
      ASSERT_EQ(Sum(split, ui, "total"), expected) << "round " << round << " unit " << u;
      // The generator also writes values without a sex (as a column not split by sex has).
      ASSERT_EQ(Sum(split, ui, "male") + Sum(split, ui, "female") + Sum(split, ui, ""), expected);
    }
  }
}

TEST(EngineQuery, AYearTakesTheCoarsestReportsItHasAndTheSexFilter) {
  std::vector<domain::Unit> units{TreeUnit(1, 0), TreeUnit(2, 1), TreeUnit(3, 1)};
  auto tree = std::make_shared<const domain::UnitTree>(units, std::vector<domain::LineageLink>{});
  Engine engine(tree);
  auto put = [&](Id id, Id unit, const char* period, long long female) {
    domain::Report r = R(id, unit, domain::ReportStatus::kAccepted, period);
    r.template_code = "gender_equality_periodic";
    engine.Put(r, {{unit, "trainings", "community", "xa", "people", "female", female},
                   {unit, "trainings", "community", "xa", "people", "male", 1}});
  };
  put(1, 2, "2024S1", 10);
  put(2, 2, "2024S2", 20);
  put(3, 3, "2024S1", 5);
  Query q;
  q.elements = {{"gender_equality_periodic.trainings.people", "female"},
                {"gender_equality_periodic.trainings.people", ""}};
  q.periods = {*domain::ParsePeriod("2024"), *domain::ParsePeriod("2024S1")};
  q.units = {1};
  auto rows = engine.Run(q).rows;
  auto value = [&](uint32_t element, uint32_t period) -> int64_t {
    for (const auto& r : rows)
      if (r.element == element && r.period == period) return r.value;
    return -1;
  };
  EXPECT_EQ(value(0, 0), 35);  // the halves add up to the year
  EXPECT_EQ(value(1, 0), 38);
  EXPECT_EQ(value(0, 1), 15);
  put(4, 2, "2024", 100);  // an annual report: the year counts annual reports only
  rows = engine.Run(q).rows;
  EXPECT_EQ(value(0, 0), 100);
  EXPECT_EQ(value(0, 1), 15);
}

TEST(EngineQuery, DissolvedUnitsCountThroughTheirSuccessorsAndPartialOnesAreNamed) {
  // 1 country; 2 old district (dissolved) with old communes 3 and 4; 5 new commune.
  // 3 went wholly into 5; 4 was split between 5 and 6 (new communes).
  std::vector<domain::Unit> units{TreeUnit(1, 0), TreeUnit(2, 1), TreeUnit(3, 2),
                                  TreeUnit(4, 2), TreeUnit(5, 1), TreeUnit(6, 1)};
  units[1].valid_to = units[2].valid_to = units[3].valid_to = Date(2025, 6, 30);
  std::vector<domain::LineageLink> links{{3, 5, domain::MergeType::kFull},
                                         {4, 5, domain::MergeType::kPartial},
                                         {4, 6, domain::MergeType::kPartial}};
  auto tree = std::make_shared<const domain::UnitTree>(units, links);
  Engine engine(tree);
  auto put = [&](Id id, Id unit, long long people) {
    engine.Put(R(id, unit, domain::ReportStatus::kAccepted),
               {{unit, "activities", "training", "xa", "people", "female", people}});
  };
  put(1, 3, 7);
  put(2, 4, 11);
  put(3, 5, 0);
  Query q;
  q.elements = {{"action_month_results.activities.people", ""}};
  q.periods = {*domain::ParsePeriod("2024AM")};
  q.units = {5, 6, 1};
  // Unit 5's own report counts alone; without it, the old commune 3 counts there.
  auto r = engine.Run(q);
  EXPECT_EQ(Sum(r, 0), 0);
  engine.Remove(3);
  r = engine.Run(q);
  EXPECT_EQ(Sum(r, 0), 7);
  EXPECT_EQ(Sum(r, 1), 0);   // 4 was split: counted at neither new commune
  EXPECT_EQ(Sum(r, 2), 18);  // but in the country, once each
  ASSERT_EQ(r.partial[0], std::vector<Id>{4});
  ASSERT_EQ(r.partial[1], std::vector<Id>{4});
  EXPECT_TRUE(r.partial[2].empty());
}

}  // namespace query_test

}  // namespace
}  // namespace binhdang::analytics
