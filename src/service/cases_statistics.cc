// CasesService: the anonymised statistics that leave the case module. Only cases whose
// survivor consented to be counted are counted; every cell of 1 to 4 leaves as "<5", with
// complementary suppression inside each breakdown that adds up to a shown total
// (domain/case_statistics.h). Nothing here reads a sealed column.
#include "domain/access.h"
#include "domain/case_care.h"
#include "domain/case_directory.h"
#include "service/audit.h"
#include "service/cases.h"

namespace binhdang::service {

namespace {
//! The two pseudo-codes of a DV form breakdown beside the Law's four.
constexpr domain::Code kDvFormsAndNot[] = {
    {"physical", "Bạo lực thể chất"},
    {"psychological", "Bạo lực tinh thần"},
    {"sexual", "Bạo lực tình dục"},
    {"economic", "Bạo lực kinh tế"},
    {"not_domestic", "Không phải bạo lực gia đình"},
};
}  // namespace

Result<std::vector<domain::CaseFacts>> CasesService::FactsOf(
    const Caller& caller, Id unit_id, const std::optional<domain::Period>& period) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(auto keys, Keys());
  auto tree = directory_.Tree();
  if (!tree->Find(unit_id)) return Error::NotFound("đơn vị", "Unit");
  if (!domain::CanCountCases(*caller.user, unit_id, *tree)) return Error::Forbidden();
  // The communes (of any time) that count for the unit: a commune's or a province's few
  // hundred are asked of the database by id; the whole country scans every case.
  std::vector<Id> communes;
  const bool everywhere = tree->Find(unit_id)->kind == domain::UnitKind::kCountry;
  if (!everywhere) {
    domain::UnitTree::SearchQuery all_communes;
    all_communes.kind = domain::UnitKind::kCommune;
    for (Id c : tree->Search(all_communes)) {
      if (domain::InSubtreeAcrossTime(c, unit_id, *tree)) communes.push_back(c);
    }
  }
  auto sql = store_.Lease();
  storage::CasesRepo repo(*sql);
  std::optional<Date> from, to;
  if (period) from = period->start, to = period->end;
  auto all = repo.Facts(from, to, everywhere ? nullptr : &communes);
  std::vector<domain::CaseFacts> out;
  out.reserve(all.size());
  for (auto& f : all) {
    if (domain::InSubtreeAcrossTime(f.unit_id, unit_id, *tree)) out.push_back(std::move(f));
  }
  return out;
}

namespace {
//! The statistics of `facts` as they may be shown.
CaseStatistics Shown(Id unit_id, const std::optional<domain::Period>& period,
                     const std::vector<domain::CaseFacts>& facts);
}  // namespace

Result<CaseStatistics> CasesService::Statistics(const Caller& caller, Id unit_id,
                                                std::optional<domain::Period> period) {
  BD_ASSIGN_OR_RETURN(auto facts, FactsOf(caller, unit_id, period));
  return Shown(unit_id, period, facts);
}

namespace {
CaseStatistics Shown(Id unit_id, const std::optional<domain::Period>& period,
                     const std::vector<domain::CaseFacts>& facts) {
  const domain::CaseTally t = domain::Tally(facts);
  CaseStatistics out;
  out.unit_id = unit_id;
  out.period = period;
  out.total = domain::SuppressedCount(t.cases);
  out.not_counted = domain::SuppressedCount(t.not_counted);
  out.incidents = domain::SuppressedCount(t.incidents);
  // Breakdowns of the counted cases, and of their incidents: partitions of a shown total.
  bool hide_cases = false, hide_incidents = false;
  out.by_sex = domain::ShowPartition(domain::kSexes, t.by_sex, &hide_cases);
  out.by_age_band = domain::ShowPartition(domain::kAgeBands, t.by_age_band, &hide_cases);
  out.by_dv_age_group = domain::ShowPartition(domain::kDvAgeGroups, t.by_dv_age_group, &hide_cases);
  out.by_gbv_type = domain::ShowPartition(domain::kGbvTypes, t.by_gbv_type, &hide_incidents);
  out.by_dv_form = domain::ShowPartition(kDvFormsAndNot, t.by_dv_form, &hide_incidents);
  out.by_reported_by = domain::ShowPartition(domain::kReporters, t.by_reported_by, &hide_incidents);
  {
    // Units: a partition of the total, each commune of the subtree that has a counted case.
    std::vector<long long> counts;
    std::vector<std::string> ids;
    for (const auto& [id, n] : t.by_unit) ids.push_back(id), counts.push_back(n);
    auto shown = domain::SuppressCells(counts, &hide_cases);
    for (size_t i = 0; i < ids.size(); ++i) out.by_unit.push_back({ids[i], shown[i]});
  }
  // A total that must be hidden takes every large cell of its breakdowns with it.
  if (hide_cases) {
    out.total = std::string(domain::kHiddenCell);
    for (auto* cells : {&out.by_sex, &out.by_age_band, &out.by_dv_age_group, &out.by_unit}) {
      domain::HideLarge(*cells);
    }
  }
  if (hide_incidents) {
    out.incidents = std::string(domain::kHiddenCell);
    for (auto* cells : {&out.by_gbv_type, &out.by_dv_form, &out.by_reported_by}) {
      domain::HideLarge(*cells);
    }
  }
  // Cases with a measure, a service, or a yes of QĐ 2232: parts of the total that overlap.
  out.by_measure = domain::ShowOverlapping(domain::kMeasureTypes, t.by_measure, t.cases);
  out.by_service = domain::ShowOverlapping(domain::kServiceKinds, t.by_service, t.cases);
  out.sought_help = domain::ShowPart(t.sought_help, t.cases);
  out.needed_support = domain::ShowPart(t.needed_support, t.cases);
  out.received_support = domain::ShowPart(t.received_support, t.cases);
  return out;
}

//! The exact count a shown cell stands for; nullopt for "<5", "*" or anything but digits.
std::optional<long long> Exact(const std::string& shown) {
  if (shown.empty() || shown.size() > 15) return std::nullopt;
  for (char c : shown)
    if (c < '0' || c > '9') return std::nullopt;
  return std::stoll(shown);
}
}  // namespace

Result<DvReport> CasesService::DvAnnualReport(const Caller& caller, Id unit_id,
                                              const domain::Period& period) {
  BD_ASSIGN_OR_RETURN(auto facts, FactsOf(caller, unit_id, period));
  return DvReport{unit_id, period, domain::DvAnnualReport(facts)};
}

Result<CaseIndicatorValues> CasesService::IndicatorCounts(const Caller& caller, Id unit_id,
                                                          const domain::Period& period) {
  BD_ASSIGN_OR_RETURN(auto facts, FactsOf(caller, unit_id, period));
  // Exactly what the statistics page shows, and no more: a count it hides stays hidden here.
  const CaseStatistics shown = Shown(unit_id, period, facts);
  const domain::CaseIndicatorCounts raw = domain::IndicatorCounts(facts);
  CaseIndicatorValues out;
  out["cases.survivors.counted"] = Exact(shown.total);
  out["cases.survivors.sought_help"] = Exact(shown.sought_help);
  out["cases.survivors.needed_support"] = Exact(shown.needed_support);
  out["cases.survivors.received_support"] = Exact(shown.received_support);
  std::optional<long long> not_sanctioned, counselled;
  if (out["cases.survivors.counted"])
    not_sanctioned = Exact(domain::ShowPart(raw.perpetrators_not_sanctioned, raw.counted));
  if (not_sanctioned)
    counselled =
        Exact(domain::ShowPart(raw.perpetrators_counselled, raw.perpetrators_not_sanctioned));
  out["cases.perpetrators.not_sanctioned"] = not_sanctioned;
  out["cases.perpetrators.counselled"] = counselled;
  return out;
}

}  // namespace binhdang::service
