// Indicators and targets (migration 11).
#pragma once

#include <soci/soci.h>

#include <optional>
#include <vector>

#include "domain/indicator.h"

namespace binhdang::storage {

class IndicatorsRepo {
 public:
  explicit IndicatorsRepo(soci::session& sql) : sql_(sql) {}

  std::vector<domain::Indicator> List();
  std::optional<domain::Indicator> Get(Id id);
  std::optional<domain::Indicator> ByCode(const std::string& code);
  Id Insert(const domain::Indicator& in, int64_t now_ms);
  //! Writes the fields at `in.version` (bumping it); false when the stored version differs.
  bool Update(const domain::Indicator& in, int64_t now_ms);

  //! Targets, of `unit_id` when given, of `year` when given, by year then id.
  std::vector<domain::IndicatorTarget> Targets(std::optional<Id> unit_id, std::optional<int> year);
  //! `lock`: a suffix such as " FOR UPDATE" (Store::ForUpdateSql), or "".
  std::optional<domain::IndicatorTarget> GetTarget(Id id, const char* lock = "");
  //! The target of the same indicator, unit, year and source, if any.
  std::optional<domain::IndicatorTarget> SameTarget(const domain::IndicatorTarget& t);
  Id InsertTarget(const domain::IndicatorTarget& t, int64_t now_ms);
  bool UpdateTarget(const domain::IndicatorTarget& t, int64_t now_ms);

 private:
  std::vector<domain::Indicator> Select(const std::string& where, const std::string* text,
                                        const Id* id);
  std::vector<domain::IndicatorTarget> SelectTargets(const std::string& where,
                                                     const std::vector<long long>& args,
                                                     const std::string* text);
  soci::session& sql_;
};

}  // namespace binhdang::storage
