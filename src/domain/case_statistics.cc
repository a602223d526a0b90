#include "domain/case_statistics.h"

#include <algorithm>
#include <set>

#include "domain/case_care.h"
#include "domain/case_directory.h"

namespace binhdang::domain {

std::string_view DvAgeGroupOn(std::optional<Date> birth, std::string_view age_band, Date on) {
  if (birth && *birth <= on) {
    int age = on.year() - birth->year();
    if (on.month() < birth->month() || (on.month() == birth->month() && on.day() < birth->day())) {
      --age;
    }
    if (age < 16) return "under_16";
    if (age < 60) return "16_59";
    return "60_plus";
  }
  if (age_band == "0-11") return "under_16";
  if (age_band == "18-25" || age_band == "26-40") return "16_59";
  if (age_band == "61+") return "60_plus";
  return "unknown";
}

namespace {

bool Applied(const std::string& status) { return status == "in_force" || status == "ended"; }

bool IsSupportMeasure(std::string_view type) {
  return std::find(std::begin(kSupportMeasures), std::end(kSupportMeasures), type) !=
         std::end(kSupportMeasures);
}

}  // namespace

CaseTally Tally(std::span<const CaseFacts> cases) {
  CaseTally t;
  for (const auto& c : cases) {
    if (!c.consent_to_count) {
      ++t.not_counted;
      continue;
    }
    ++t.cases;
    ++t.by_sex[c.sex];
    ++t.by_age_band[c.age_band];
    ++t.by_dv_age_group[c.dv_age_group];
    ++t.by_unit[IdToString(c.unit_id)];
    bool sought = false;
    for (const auto& i : c.incidents) {
      ++t.incidents;
      ++t.by_gbv_type[i.gbv_type];
      ++t.by_dv_form[i.dv_form.empty() ? "not_domestic" : i.dv_form];
      ++t.by_reported_by[i.reported_by];
      sought = sought || i.reported_by == "survivor";
    }
    if (sought) ++t.sought_help;
    std::set<std::string> measures, services;
    bool needed = false, received = false;
    for (const auto& [type, status] : c.measures) {
      if (Applied(status)) measures.insert(type);
      if (IsSupportMeasure(type)) {
        needed = needed || status != "refused";
        received = received || Applied(status);
      }
    }
    for (const auto& [service, status] : c.referrals) {
      needed = true;
      if (status == "completed") {
        services.insert(service);
        received = true;
      }
    }
    for (const auto& m : measures) ++t.by_measure[m];
    for (const auto& s : services) ++t.by_service[s];
    if (needed) ++t.needed_support;
    if (received) ++t.received_support;
  }
  return t;
}

std::vector<ShownCell> ShowPartition(std::span<const Code> list,
                                     const std::map<std::string, long long>& counts,
                                     bool* hide_total) {
  std::vector<long long> raw;
  for (const auto& c : list) {
    auto it = counts.find(std::string(c.code));
    raw.push_back(it == counts.end() ? 0 : it->second);
  }
  auto shown = SuppressCells(raw, hide_total);
  std::vector<ShownCell> out;
  for (size_t i = 0; i < list.size(); ++i) out.push_back({std::string(list[i].code), shown[i]});
  return out;
}

void HideLarge(std::vector<ShownCell>& cells) {
  for (auto& c : cells) {
    if (c.value != "0" && c.value != "<5") c.value = std::string(kHiddenCell);
  }
}

std::string ShowPart(long long n, long long total) {
  const long long rest = total - n;
  if (n >= kSmallCell && rest > 0 && rest < kSmallCell) return std::string(kHiddenCell);
  return SuppressedCount(n);
}

std::vector<ShownCell> ShowOverlapping(std::span<const Code> list,
                                       const std::map<std::string, long long>& counts,
                                       long long total) {
  std::vector<ShownCell> out;
  for (const auto& c : list) {
    auto it = counts.find(std::string(c.code));
    out.push_back({std::string(c.code), ShowPart(it == counts.end() ? 0 : it->second, total)});
  }
  return out;
}

namespace {

//! A section of the report: rows that are a partition of the row above them (their cells are
//! suppressed together), or rows that overlap (each on its own).
struct Section {
  std::vector<DvReportRow> rows;
  std::vector<long long> counts;
};

//! Emits the rows of `s`: a partition of a shown total (`hide_total` set when the total must be
//! hidden after all), or parts of `total` that overlap.
void Emit(Section s, bool partition, long long total, bool* hide_total,
          std::vector<DvReportRow>& out) {
  std::vector<std::string> shown;
  if (partition) {
    shown = SuppressCells(s.counts, hide_total);
  } else {
    for (long long n : s.counts) shown.push_back(ShowPart(n, total));
  }
  for (size_t i = 0; i < s.rows.size(); ++i) {
    s.rows[i].value = shown[i];
    out.push_back(std::move(s.rows[i]));
  }
}

void Heading(std::vector<DvReportRow>& out, std::string number, std::string label, int level) {
  out.push_back({std::move(number), std::move(label), "", level, ""});
}

}  // namespace

std::vector<DvReportRow> DvAnnualReport(std::span<const CaseFacts> cases) {
  // What is counted: domestic-violence incidents of counted cases, and those cases.
  long long incidents = 0, survivors = 0;
  std::map<std::string, long long> form, perp_sex, sex, age, measure, support;
  for (const auto& c : cases) {
    if (!c.consent_to_count) continue;
    bool domestic = false;
    for (const auto& i : c.incidents) {
      if (i.dv_form.empty()) continue;
      domestic = true;
      ++incidents;
      ++form[i.dv_form];
      ++perp_sex[i.perpetrator_sex];
    }
    if (!domestic) continue;
    ++survivors;
    ++sex[c.sex];
    ++age[c.dv_age_group];
    std::set<std::string> applied, helped;
    for (const auto& [type, status] : c.measures) {
      if (!Applied(status)) continue;
      applied.insert(type);
      if (type == "shelter") helped.insert("shelter");
      if (type == "medical_care") helped.insert("medical");
      if (type == "legal_aid_counselling") helped.insert("counselling");
    }
    for (const auto& [service, status] : c.referrals) {
      if (status != "completed") continue;
      if (service == "safe_shelter") helped.insert("shelter");
      if (service == "health") helped.insert("medical");
      if (service == "legal_aid" || service == "psychosocial" || service == "hotline") {
        helped.insert("counselling");
      }
    }
    for (const auto& a : applied) ++measure[a];
    for (const auto& h : helped) ++support[h];
  }
  auto n = [](const std::map<std::string, long long>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? 0LL : it->second;
  };

  std::vector<DvReportRow> out;
  bool hide_incidents = false, hide_survivors = false;
  out.push_back({"1", "Tổng số vụ bạo lực gia đình", "Vụ", 0, SuppressedCount(incidents)});
  const size_t incidents_row = 0;
  Heading(out, "2", "Hình thức bạo lực", 0);
  Emit({{{"2.1", "Tinh thần", "Vụ", 1, ""},
         {"2.2", "Thân thể", "Vụ", 1, ""},
         {"2.3", "Tình dục", "Vụ", 1, ""},
         {"2.4", "Kinh tế", "Vụ", 1, ""}},
        {n(form, "psychological"), n(form, "physical"), n(form, "sexual"), n(form, "economic")}},
       true, incidents, &hide_incidents, out);
  Heading(out, "3", "Người gây bạo lực gia đình", 0);
  Heading(out, "3.1", "Giới tính", 1);
  Emit({{{"3.1.1", "Nam", "Vụ", 2, ""},
         {"3.1.2", "Nữ", "Vụ", 2, ""},
         {"3.1.3", "Không rõ", "Vụ", 2, ""}},
        {n(perp_sex, "male"), n(perp_sex, "female"), n(perp_sex, "unknown")}},
       true, incidents, &hide_incidents, out);
  Heading(out, "3.2", "Biện pháp đã áp dụng đối với người gây bạo lực gia đình", 1);
  {
    Section s;
    const std::string_view kMeasures[] = {"stop_order",        "community_criticism",
                                          "no_contact",        "behaviour_change",
                                          "community_service", "administrative_criminal"};
    int k = 1;
    for (auto code : kMeasures) {
      s.rows.push_back(
          {"3.2." + std::to_string(k++), std::string(LabelOf(kMeasureTypes, code)), "Vụ", 2, ""});
      s.counts.push_back(n(measure, std::string(code)));
    }
    Emit(std::move(s), false, survivors, nullptr, out);
  }
  const size_t survivors_row = out.size();
  out.push_back({"4", "Người bị bạo lực gia đình", "Người", 0, SuppressedCount(survivors)});
  Heading(out, "4.1", "Giới tính", 1);
  Emit({{{"4.1.1", "Nam", "Người", 2, ""},
         {"4.1.2", "Nữ", "Người", 2, ""},
         {"4.1.3", "Không rõ", "Người", 2, ""}},
        {n(sex, "male"), n(sex, "female"), n(sex, "unknown")}},
       true, survivors, &hide_survivors, out);
  Heading(out, "4.2", "Độ tuổi", 1);
  {
    Section s;
    int k = 1;
    for (const auto& g : kDvAgeGroups) {
      s.rows.push_back({"4.2." + std::to_string(k++), std::string(g.vi), "Người", 2, ""});
      s.counts.push_back(n(age, std::string(g.code)));
    }
    Emit(std::move(s), true, survivors, &hide_survivors, out);
  }
  Heading(out, "5", "Người bị bạo lực gia đình được hỗ trợ", 0);
  Emit({{{"5.1", "Bố trí nơi tạm lánh", "Người", 1, ""},
         {"5.2", "Chăm sóc y tế", "Người", 1, ""},
         {"5.3", "Tư vấn tâm lý, trợ giúp pháp lý", "Người", 1, ""}},
        {n(support, "shelter"), n(support, "medical"), n(support, "counselling")}},
       false, survivors, nullptr, out);
  // A total that must be hidden takes every large cell of its breakdowns with it.
  auto hide_from = [&](size_t row, const char* prefix_a, const char* prefix_b) {
    out[row].value = std::string(kHiddenCell);
    for (auto& r : out) {
      const bool of =
          r.number.rfind(prefix_a, 0) == 0 || (prefix_b && r.number.rfind(prefix_b, 0) == 0);
      if (of && !r.value.empty() && r.value != "0" && r.value != "<5")
        r.value = std::string(kHiddenCell);
    }
  };
  if (hide_incidents) hide_from(incidents_row, "2.", "3.1.");
  if (hide_survivors) hide_from(survivors_row, "4.", nullptr);
  return out;
}

CaseIndicatorCounts IndicatorCounts(std::span<const CaseFacts> cases) {
  const CaseTally t = Tally(cases);
  CaseIndicatorCounts out;
  out.counted = t.cases;
  out.sought_help = t.sought_help;
  out.needed_support = t.needed_support;
  out.received_support = t.received_support;
  for (const auto& c : cases) {
    if (!c.consent_to_count) continue;
    bool perpetrator = false;
    for (const auto& i : c.incidents) perpetrator = perpetrator || !i.perpetrator_sex.empty();
    if (!perpetrator) continue;
    bool sanctioned = false, counselled = false;
    for (const auto& [type, status] : c.measures) {
      if (!Applied(status)) continue;
      sanctioned = sanctioned || type == "administrative_criminal";
      counselled = counselled || type == "behaviour_change";
    }
    if (sanctioned) continue;
    ++out.perpetrators_not_sanctioned;
    if (counselled) ++out.perpetrators_counselled;
  }
  return out;
}

bool RatioShowable(long long part, long long whole) {
  auto small = [](long long n) { return n >= 1 && n <= 4; };
  return whole >= 5 && part >= 0 && part <= whole && !small(part) && !small(whole - part);
}

}  // namespace binhdang::domain
