#include "storage/indicators_repo.h"

namespace binhdang::storage {

std::vector<domain::Indicator> IndicatorsRepo::Select(const std::string& where,
                                                      const std::string* text, const Id* id) {
  std::vector<domain::Indicator> out;
  domain::Indicator in;
  int built_in = 0;
  soci::statement st(sql_);
  st.exchange(soci::into(in.id));
  st.exchange(soci::into(in.code));
  st.exchange(soci::into(in.name));
  st.exchange(soci::into(in.numerator));
  st.exchange(soci::into(in.denominator));
  st.exchange(soci::into(in.factor));
  st.exchange(soci::into(in.decimals));
  st.exchange(soci::into(in.source));
  st.exchange(soci::into(built_in));
  st.exchange(soci::into(in.version));
  Id bound_id = id ? *id : 0;
  if (text) st.exchange(soci::use(*text));
  if (id) st.exchange(soci::use(bound_id));
  st.alloc();
  st.prepare(
      "SELECT id, code, name, numerator, denominator, factor, decimals, source, built_in, version "
      "FROM indicators " +
      where);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    in.built_in = built_in != 0;
    out.push_back(in);
  }
  return out;
}

std::vector<domain::Indicator> IndicatorsRepo::List() {
  return Select("ORDER BY built_in DESC, id", nullptr, nullptr);
}

std::optional<domain::Indicator> IndicatorsRepo::Get(Id id) {
  auto rows = Select("WHERE id = :id", nullptr, &id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<domain::Indicator> IndicatorsRepo::ByCode(const std::string& code) {
  auto rows = Select("WHERE code = :c", &code, nullptr);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

Id IndicatorsRepo::Insert(const domain::Indicator& in, int64_t now_ms) {
  const long long now = now_ms;
  const int built_in = in.built_in ? 1 : 0;
  Id id = 0;
  sql_ << "INSERT INTO indicators (code, name, numerator, denominator, factor, decimals, source, "
          "built_in, version, created_at, updated_at) "
          "VALUES (:c, :n, :num, :den, :f, :d, :s, :b, 1, :t, :t2) RETURNING id",
      soci::use(in.code), soci::use(in.name), soci::use(in.numerator), soci::use(in.denominator),
      soci::use(in.factor), soci::use(in.decimals), soci::use(in.source), soci::use(built_in),
      soci::use(now), soci::use(now), soci::into(id);
  return id;
}

bool IndicatorsRepo::Update(const domain::Indicator& in, int64_t now_ms) {
  const long long now = now_ms;
  soci::statement st =
      (sql_.prepare << "UPDATE indicators SET name = :n, numerator = :num, denominator = :den, "
                       "factor = :f, decimals = :d, source = :s, version = version + 1, "
                       "updated_at = :t WHERE id = :id AND version = :v",
       soci::use(in.name), soci::use(in.numerator), soci::use(in.denominator), soci::use(in.factor),
       soci::use(in.decimals), soci::use(in.source), soci::use(now), soci::use(in.id),
       soci::use(in.version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<domain::IndicatorTarget> IndicatorsRepo::SelectTargets(
    const std::string& where, const std::vector<long long>& args, const std::string* text) {
  std::vector<domain::IndicatorTarget> out;
  domain::IndicatorTarget t;
  std::string comparator;
  long long plan = 0;
  soci::indicator plan_ind = soci::i_null;
  int built_in = 0;
  soci::statement st(sql_);
  st.exchange(soci::into(t.id));
  st.exchange(soci::into(t.indicator_id));
  st.exchange(soci::into(t.unit_id));
  st.exchange(soci::into(t.year));
  st.exchange(soci::into(comparator));
  st.exchange(soci::into(t.value));
  st.exchange(soci::into(t.source));
  st.exchange(soci::into(plan, plan_ind));
  st.exchange(soci::into(built_in));
  st.exchange(soci::into(t.version));
  std::vector<long long> bound = args;
  for (auto& a : bound) st.exchange(soci::use(a));
  if (text) st.exchange(soci::use(*text));
  st.alloc();
  st.prepare(
      "SELECT id, indicator_id, unit_id, year, comparator, value, source, plan_id, built_in, "
      "version FROM targets " +
      where);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    auto c = domain::ParseComparator(comparator);
    if (!c) throw std::runtime_error("targets.comparator: unknown value '" + comparator + "'");
    t.comparator = *c;
    t.plan_id = plan_ind == soci::i_ok ? std::optional<Id>(plan) : std::nullopt;
    t.built_in = built_in != 0;
    out.push_back(t);
  }
  return out;
}

std::vector<domain::IndicatorTarget> IndicatorsRepo::Targets(std::optional<Id> unit_id,
                                                             std::optional<int> year) {
  std::string where = "WHERE 1 = 1";
  std::vector<long long> args;
  if (unit_id) where += " AND unit_id = :u", args.push_back(*unit_id);
  if (year) where += " AND year = :y", args.push_back(*year);
  return SelectTargets(where + " ORDER BY year, id", args, nullptr);
}

std::optional<domain::IndicatorTarget> IndicatorsRepo::GetTarget(Id id, const char* lock) {
  auto rows = SelectTargets(std::string("WHERE id = :id") + lock, {id}, nullptr);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<domain::IndicatorTarget> IndicatorsRepo::SameTarget(
    const domain::IndicatorTarget& t) {
  auto rows =
      SelectTargets("WHERE indicator_id = :i AND unit_id = :u AND year = :y AND source = :s",
                    {t.indicator_id, t.unit_id, t.year}, &t.source);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

Id IndicatorsRepo::InsertTarget(const domain::IndicatorTarget& t, int64_t now_ms) {
  const long long now = now_ms;
  const std::string comparator(domain::ComparatorSymbol(t.comparator));
  const int built_in = t.built_in ? 1 : 0;
  long long plan = t.plan_id.value_or(0);
  soci::indicator plan_ind = t.plan_id ? soci::i_ok : soci::i_null;
  Id id = 0;
  sql_ << "INSERT INTO targets (indicator_id, unit_id, year, comparator, value, source, plan_id, "
          "built_in, version, created_at, updated_at) "
          "VALUES (:i, :u, :y, :c, :v, :s, :p, :b, 1, :t, :t2) RETURNING id",
      soci::use(t.indicator_id), soci::use(t.unit_id), soci::use(t.year), soci::use(comparator),
      soci::use(t.value), soci::use(t.source), soci::use(plan, plan_ind), soci::use(built_in),
      soci::use(now), soci::use(now), soci::into(id);
  return id;
}

bool IndicatorsRepo::UpdateTarget(const domain::IndicatorTarget& t, int64_t now_ms) {
  const long long now = now_ms;
  const std::string comparator(domain::ComparatorSymbol(t.comparator));
  soci::statement st =
      (sql_.prepare << "UPDATE targets SET year = :y, comparator = :c, value = :v, source = :s, "
                       "version = version + 1, updated_at = :t WHERE id = :id AND version = :ver",
       soci::use(t.year), soci::use(comparator), soci::use(t.value), soci::use(t.source),
       soci::use(now), soci::use(t.id), soci::use(t.version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace binhdang::storage
