#include "service/analytics_service.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "common/text.h"
#include "common/time.h"
#include "domain/access.h"
#include "domain/case_statistics.h"
#include "service/mutate.h"
#include "storage/indicators_repo.h"
#include "storage/plans_repo.h"
#include "storage/reports_repo.h"

namespace binhdang::service {

namespace {

bool CanIn(const Caller& caller, domain::Right right, Id unit, const domain::UnitTree& tree) {
  if (caller.system) return true;
  return caller.user && domain::Can(*caller.user, right, unit, tree);
}

std::vector<std::string> SplitList(const std::string& s, char sep = ',') {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string::npos) end = s.size();
    std::string item = text::Trim(std::string_view(s).substr(start, end - start));
    if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

bool IsCaseElement(const std::string& code) { return code.rfind("cases.", 0) == 0; }

const char* SexName(const std::string& s) {
  if (s == "male") return "Nam";
  if (s == "female") return "Nữ";
  return "";
}

const char* LevelName(const std::string& l) {
  if (l == "tinh") return "Cấp tỉnh";
  if (l == "huyen") return "Cấp huyện";
  if (l == "xa") return "Cấp xã";
  return "";
}

Error BuiltInLocked() {
  return {
      ErrorCode::kForbidden,
      {"Chỉ số, chỉ tiêu tham chiếu theo văn bản của Nhà nước không sửa được; hãy tạo chỉ số mới",
       "Reference indicators and targets cannot be changed; create a new one"},
      {},
      0};
}

}  // namespace

struct AnalyticsService::Catalogue {
  std::vector<DataElementInfo> elements;
  std::unordered_map<std::string, size_t> by_code;
  std::map<std::string, std::string> item_names;  // item key → name (first table that has it)
  const DataElementInfo* Find(const std::string& code) const {
    auto it = by_code.find(code);
    return it == by_code.end() ? nullptr : &elements[it->second];
  }
  //! True iff `op` names an element, and a sex only of an element split by sex.
  bool Knows(const domain::Operand& op) const {
    const DataElementInfo* e = Find(op.element);
    if (!e) return false;
    if (op.sex.empty()) return true;
    return e->by_sex && (op.sex == "male" || op.sex == "female");
  }
};

AnalyticsService::Catalogue AnalyticsService::LoadCatalogue() {
  Catalogue c;
  std::vector<domain::ReportTemplate> templates;
  {
    auto sql = store_.Lease();
    templates = storage::TemplatesRepo(*sql).ListLatest();
  }
  for (const auto& t : templates) {
    for (const auto& tab : t.tables) {
      for (const auto& item : tab.items) c.item_names.try_emplace(item.key, item.name);
      for (const auto& col : tab.columns) {
        DataElementInfo e;
        e.code = t.code + "." + tab.key + "." + col.key;
        e.name = col.name + " — " + tab.title;
        e.template_code = t.code;
        e.template_title = t.title;
        e.table = tab.key;
        e.table_title = tab.title;
        e.column = col.key;
        e.column_name = col.name;
        e.by_sex = col.by_sex;
        c.by_code[e.code] = c.elements.size();
        c.elements.push_back(std::move(e));
      }
    }
  }
  for (const auto& ce : domain::kCaseElements) {
    DataElementInfo e;
    e.code = std::string(ce.code);
    e.name = std::string(ce.vi);
    e.template_code = "cases";
    e.template_title = "Vụ việc bạo lực trên cơ sở giới (chỉ dùng trong chỉ số)";
    e.table = e.code.substr(6, e.code.find('.', 6) - 6);
    e.column = e.code.substr(e.code.rfind('.') + 1);
    e.column_name = e.name;
    e.cases = true;
    c.by_code[e.code] = c.elements.size();
    c.elements.push_back(std::move(e));
  }
  return c;
}

Result<std::vector<DataElementInfo>> AnalyticsService::Elements(const Caller& caller) {
  if (!caller.signed_in() && !caller.system) return Error::Unauthenticated();
  return LoadCatalogue().elements;
}

// ---- The question --------------------------------------------------------------------------

namespace {

struct Asked {
  struct Dx {
    std::string id;
    bool indicator = false;
    domain::Indicator ind;
    std::optional<domain::Expression> num, den;
    std::string element, sex;  // a data element
  };
  std::vector<Dx> dx;
  std::vector<domain::Period> periods;
  std::vector<Id> units;
  bool by_sex = false, by_level = false, by_item = false;
};

}  // namespace

Result<AnalyticsTable> AnalyticsService::Query(const Caller& caller,
                                               const AnalyticsRequest& request) {
  if (!caller.signed_in() && !caller.system) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  const Date today = Date::TodayInVietnam();
  const Catalogue cat = LoadCatalogue();
  std::vector<domain::Indicator> indicators;
  {
    auto sql = store_.Lease();
    indicators = storage::IndicatorsRepo(*sql).List();
  }
  Validator v;
  Asked a;
  // dx: indicators by code, else data elements with an optional sex.
  const auto dx = SplitList(request.dx);
  if (dx.empty()) v.Fail("dx", "Cần chọn ít nhất một dữ liệu hoặc chỉ số (dx)", "dx is required");
  if (dx.size() > kMaxElements)
    v.Fail("dx", "Tối đa 50 dữ liệu, chỉ số một lần", "at most 50 items in dx");
  for (const auto& id : dx) {
    Asked::Dx d;
    d.id = id;
    auto ind = std::find_if(indicators.begin(), indicators.end(),
                            [&](const auto& i) { return i.code == id; });
    if (ind != indicators.end()) {
      d.indicator = true;
      d.ind = *ind;
      auto num = domain::Expression::Parse(ind->numerator, "numerator");
      auto den = domain::Expression::Parse(ind->denominator.empty() ? "1" : ind->denominator,
                                           "denominator");
      if (!num || !den) {
        v.Fail("dx", "chỉ số " + id + " có biểu thức không hợp lệ",
               "indicator " + id + " has a bad expression");
        continue;
      }
      d.num = std::move(*num);
      d.den = std::move(*den);
      a.dx.push_back(std::move(d));
      continue;
    }
    std::string element = id, sex;
    if (const size_t dot = id.rfind('.');
        dot != std::string::npos &&
        (id.substr(dot + 1) == "male" || id.substr(dot + 1) == "female")) {
      element = id.substr(0, dot);
      sex = id.substr(dot + 1);
    }
    const DataElementInfo* e = cat.Find(element);
    if (!e) {
      v.Fail("dx", "Không có dữ liệu hoặc chỉ số \"" + id + "\"",
             "no data element or indicator \"" + id + "\"");
      continue;
    }
    if (e->cases) {
      v.Fail("dx",
             "Số đếm vụ việc \"" + id + "\" chỉ xem được qua chỉ số (tỷ lệ), để không lộ nạn nhân",
             "case counts (\"" + id + "\") are shown only through indicators");
      continue;
    }
    if (!sex.empty() && !e->by_sex) {
      v.Fail("dx", "Dữ liệu \"" + element + "\" không chia theo giới tính",
             "\"" + element + "\" is not split by sex");
      continue;
    }
    d.element = element;
    d.sex = sex;
    a.dx.push_back(std::move(d));
  }
  // pe
  const auto pe = SplitList(request.pe);
  if (pe.empty())
    v.Fail("pe", "Cần chọn ít nhất một kỳ (pe), ví dụ 2024 hoặc LAST_5_YEARS", "pe is required");
  for (const auto& id : pe) {
    if (auto rel = domain::RelativePeriods(id, today)) {
      for (const auto& p : *rel)
        if (std::find(a.periods.begin(), a.periods.end(), p) == a.periods.end())
          a.periods.push_back(p);
    } else if (auto p = domain::ParsePeriod(id)) {
      if (std::find(a.periods.begin(), a.periods.end(), *p) == a.periods.end())
        a.periods.push_back(*p);
    } else {
      v.Fail("pe",
             "Kỳ \"" + id +
                 "\" không hợp lệ: dùng 2024, 2024S1, 2024Q4, 202411, 2024AM hoặc LAST_5_YEARS, "
                 "THIS_YEAR…",
             "period \"" + id + "\" is not valid");
    }
  }
  if (a.periods.size() > kMaxPeriods) v.Fail("pe", "Tối đa 120 kỳ một lần", "at most 120 periods");
  // ou
  const auto ou = SplitList(request.ou);
  if (ou.empty()) v.Fail("ou", "Cần chọn ít nhất một đơn vị (ou)", "ou is required");
  for (const auto& item : ou) {
    std::string base = item, mode;
    if (const size_t semi = item.find(';'); semi != std::string::npos) {
      base = item.substr(0, semi);
      mode = item.substr(semi + 1);
    }
    Id unit = 0;
    if (base == "USER_ORGUNIT") {
      unit =
          caller.user ? caller.user->unit_id : (tree->roots().empty() ? 0 : tree->roots().front());
    } else if (auto id = ParseId(base)) {
      unit = *id;
    }
    const domain::Unit* u = unit ? tree->Find(unit) : nullptr;
    if (!u) {
      v.Fail("ou", "Không có đơn vị \"" + base + "\"", "no unit \"" + base + "\"");
      continue;
    }
    if (!CanIn(caller, domain::Right::kView, unit, *tree)) return Error::Forbidden();
    auto add = [&](Id id) {
      if (std::find(a.units.begin(), a.units.end(), id) == a.units.end()) a.units.push_back(id);
    };
    // Units of today, unless the unit asked for no longer exists (then its own children).
    const bool current = u->ValidAt(today);
    auto alive = [&](Id id) { return !current || tree->Find(id)->ValidAt(today); };
    if (mode.empty()) {
      add(unit);
    } else if (mode == "CHILDREN") {
      for (Id c : tree->Children(unit))
        if (alive(c)) add(c);
    } else if (mode.rfind("LEVEL-", 0) == 0) {
      auto kind = domain::ParseUnitKind(mode.substr(6));
      if (!kind) {
        v.Fail(
            "ou",
            "Cấp \"" + mode.substr(6) + "\" không có: dùng province, district, commune hoặc agency",
            "unknown level \"" + mode.substr(6) + "\"");
        continue;
      }
      std::vector<Id> stack{unit};
      while (!stack.empty() && a.units.size() <= kMaxUnits) {
        const Id at = stack.back();
        stack.pop_back();
        const domain::Unit* x = tree->Find(at);
        if (at != unit && x->kind == *kind) {
          if (alive(at)) add(at);
          continue;
        }
        const auto& children = tree->Children(at);
        for (auto c = children.rbegin(); c != children.rend(); ++c)
          if (alive(*c)) stack.push_back(*c);
      }
    } else {
      v.Fail("ou", "Sau dấu ; chỉ dùng CHILDREN hoặc LEVEL-…", "after ; use CHILDREN or LEVEL-…");
    }
  }
  if (a.units.size() > kMaxUnits)
    v.Fail("ou", "Tối đa 5.000 đơn vị một lần", "at most 5,000 units");
  for (const auto& b : SplitList(request.by)) {
    if (b == "sex")
      a.by_sex = true;
    else if (b == "level")
      a.by_level = true;
    else if (b == "item")
      a.by_item = true;
    else
      v.Fail("by",
             "Chỉ chia theo sex (giới tính), level (cấp) hoặc item (nội dung), không theo \"" + b +
                 "\"",
             "split by sex, level or item, not \"" + b + "\"");
  }
  if (!v.ok()) return v.ToError();

  // One engine question: the elements asked for and every report operand of the indicators.
  analytics::Query q;
  q.periods = a.periods;
  q.units = a.units;
  q.by_sex = a.by_sex, q.by_level = a.by_level, q.by_item = a.by_item;
  auto element_index = [&](const std::string& code, const std::string& sex) {
    for (uint32_t i = 0; i < q.elements.size(); ++i)
      if (q.elements[i].code == code && q.elements[i].sex == sex) return i;
    q.elements.push_back({code, sex});
    return static_cast<uint32_t>(q.elements.size() - 1);
  };
  std::vector<uint32_t> asked_index(a.dx.size(), UINT32_MAX);
  bool any_case = false;
  for (size_t i = 0; i < a.dx.size(); ++i) {
    const auto& d = a.dx[i];
    if (!d.indicator) {
      asked_index[i] = element_index(d.element, d.sex);
      continue;
    }
    for (const auto* e : {&*d.num, &*d.den})
      for (const auto& op : e->operands()) {
        if (IsCaseElement(op.element))
          any_case = true;
        else
          element_index(op.element, op.sex);
      }
  }
  AnalyticsTable out;
  out.by_sex = a.by_sex, out.by_level = a.by_level, out.by_item = a.by_item;
  for (const auto& d : a.dx) out.dx.push_back(d.id);
  for (const auto& p : a.periods) out.pe.push_back(p.id());
  for (Id u : a.units) out.ou.push_back(IdToString(u));
  const bool split = a.by_sex || a.by_level || a.by_item;

  analytics::QueryResult result =
      reports_.analytics().Read([&](const analytics::Engine& engine, const analytics::AsOf& as_of) {
        out.as_of = as_of;
        return engine.Run(q);
      });
  // Operand values, unsplit: (engine element, period, unit) → sum.
  std::unordered_map<uint64_t, double> totals;
  auto key = [&](uint32_t element, uint32_t period, uint32_t unit) {
    return (static_cast<uint64_t>(element) << 40) | (static_cast<uint64_t>(period) << 20) | unit;
  };
  for (const auto& r : result.rows) {
    const bool is_total =
        !split || ((!a.by_sex || r.sex == "total") && (!a.by_level || r.level == "total") &&
                   (!a.by_item || r.item == "total"));
    if (is_total) totals[key(r.element, r.period, r.unit)] = static_cast<double>(r.value);
  }
  // Case counts by (period, unit), only when an indicator needs them.
  std::map<std::pair<uint32_t, uint32_t>, std::optional<CaseIndicatorValues>> case_counts;
  std::set<std::string> case_notes;
  if (any_case) {
    for (uint32_t pi = 0; pi < a.periods.size(); ++pi) {
      for (uint32_t ui = 0; ui < a.units.size(); ++ui) {
        std::optional<CaseIndicatorValues> counts;
        if (a.periods[pi].kind != domain::PeriodKind::kYear) {
          case_notes.insert("Chỉ số về vụ việc chỉ tính theo năm.");
        } else if (caller.user && !domain::CanCountCases(*caller.user, a.units[ui], *tree)) {
          case_notes.insert(
              "Chỉ số về vụ việc chỉ hiện cho người có quyền xem thống kê vụ việc của đơn vị.");
        } else if (auto c = cases_.IndicatorCounts(caller, a.units[ui], a.periods[pi]); c.ok()) {
          counts = *c;
        } else if (c.error().code == ErrorCode::kUnavailable) {
          case_notes.insert("Phân hệ vụ việc chưa sẵn sàng: " + c.error().message.vi);
        } else {
          case_notes.insert(
              "Chỉ số về vụ việc chỉ hiện cho người có quyền xem thống kê vụ việc của đơn vị.");
        }
        case_counts[{pi, ui}] = counts;
      }
    }
  }

  auto period_label = [](const domain::Period& p) { return p.Label(); };
  bool suppressed_any = false;
  // Rows in the order dx, pe, ou, then split: the engine's rows are by unit, then period, so
  // they are bucketed first.
  std::map<std::tuple<uint32_t, uint32_t, uint32_t>, std::vector<const analytics::QueryRow*>>
      bucket;
  for (const auto& r : result.rows) bucket[{r.element, r.period, r.unit}].push_back(&r);
  for (size_t di = 0; di < a.dx.size(); ++di) {
    const auto& d = a.dx[di];
    for (uint32_t pi = 0; pi < a.periods.size(); ++pi) {
      for (uint32_t ui = 0; ui < a.units.size(); ++ui) {
        const std::string& pe_id = out.pe[pi];
        const std::string& ou_id = out.ou[ui];
        if (!d.indicator) {
          auto it = bucket.find({asked_index[di], pi, ui});
          if (it == bucket.end()) continue;
          for (const auto* r : it->second)
            out.rows.push_back(
                {d.id, pe_id, ou_id, r->sex, r->level, r->item, static_cast<double>(r->value)});
          continue;
        }
        const CaseIndicatorValues* counts = nullptr;
        bool case_missing = false;
        if (auto c = case_counts.find({pi, ui}); c != case_counts.end()) {
          if (c->second)
            counts = &*c->second;
          else
            case_missing = true;
        }
        bool uses_case = false;
        bool small = false;
        auto operand_value = [&](const domain::Operand& op) -> std::optional<double> {
          if (IsCaseElement(op.element)) {
            uses_case = true;
            if (!counts) return std::nullopt;
            auto n = counts->find(op.element);
            // A count the statistics hide hides every ratio made of it.
            if (n == counts->end() || !n->second) {
              small = true;
              return std::nullopt;
            }
            if (*n->second >= 1 && *n->second <= 4) small = true;
            return static_cast<double>(*n->second);
          }
          for (uint32_t i = 0; i < q.elements.size(); ++i) {
            if (q.elements[i].code != op.element || q.elements[i].sex != op.sex) continue;
            auto t = totals.find(key(i, pi, ui));
            if (t == totals.end()) return std::nullopt;
            return t->second;
          }
          return std::nullopt;
        };
        auto num = d.num->Evaluate([&](size_t i) { return operand_value(d.num->operands()[i]); });
        auto den = d.den->Evaluate([&](size_t i) { return operand_value(d.den->operands()[i]); });
        if (uses_case && case_missing) continue;
        if (uses_case && small) {
          suppressed_any = true;
          continue;
        }
        if (uses_case && num && den && *den != 0) {
          const long long n = std::llround(*num), w = std::llround(*den);
          if (small || !domain::RatioShowable(n, w)) {
            suppressed_any = true;
            continue;
          }
        }
        auto value = domain::IndicatorValue(d.ind, num, den);
        if (!value) continue;
        const std::string t = split ? "total" : "";
        out.rows.push_back({d.id, pe_id, ou_id, a.by_sex ? t : "", a.by_level ? t : "",
                            a.by_item ? t : "", *value});
      }
    }
  }
  // Names of everything the rows and dimensions hold.
  for (const auto& d : a.dx) {
    if (d.indicator) {
      out.items[d.id] = d.ind.name;
    } else if (const DataElementInfo* e = cat.Find(d.element)) {
      out.items[d.id] = e->name + (d.sex.empty() ? "" : std::string(" — ") + SexName(d.sex));
    }
  }
  for (const auto& p : a.periods) out.items[p.id()] = period_label(p);
  for (Id u : a.units) out.items[IdToString(u)] = tree->Find(u)->full_name;
  if (split) out.items["total"] = "Tổng";
  for (const auto& r : out.rows) {
    if (!r.sex.empty() && r.sex != "total") out.items[r.sex] = SexName(r.sex);
    if (!r.level.empty() && r.level != "total") out.items[r.level] = LevelName(r.level);
    if (!r.item.empty() && r.item != "total") {
      auto n = cat.item_names.find(r.item);
      out.items[r.item] = n == cat.item_names.end() ? r.item : n->second;
    }
  }
  // Notes.
  for (uint32_t ui = 0; ui < a.units.size(); ++ui) {
    if (result.partial[ui].empty()) continue;
    std::string names;
    for (Id p : result.partial[ui]) {
      if (const domain::Unit* pu = tree->Find(p))
        names += (names.empty() ? "" : ", ") + pu->full_name;
    }
    out.notes.push_back("Số liệu của " + names + " (sáp nhập một phần vào " +
                        tree->Find(a.units[ui])->full_name +
                        ") không tính vào đơn vị này, để không tính hai lần.");
  }
  for (const auto& n : case_notes) out.notes.push_back(n);
  if (suppressed_any) {
    out.notes.push_back(
        "Một số tỷ lệ về vụ việc không hiển thị vì tính trên dưới 5 nạn nhân hoặc để lộ nhóm dưới "
        "5 người.");
  }
  return out;
}

// ---- Indicators ----------------------------------------------------------------------------

Result<std::vector<domain::Indicator>> AnalyticsService::Indicators(const Caller& caller) {
  if (!caller.signed_in() && !caller.system) return Error::Unauthenticated();
  auto sql = store_.Lease();
  return storage::IndicatorsRepo(*sql).List();
}

Result<domain::Indicator> AnalyticsService::CreateIndicator(const Caller& caller,
                                                            domain::Indicator in) {
  if (!caller.signed_in() && !caller.system) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  const Id root = tree->roots().empty() ? 0 : tree->roots().front();
  if (!CanIn(caller, domain::Right::kManageTemplates, root, *tree)) return Error::Forbidden();
  const Catalogue cat = LoadCatalogue();
  BD_RETURN_IF_ERROR(
      domain::ValidateIndicator(in, [&](const domain::Operand& op) { return cat.Knows(op); }));
  in.built_in = caller.system && in.built_in;
  return Mutate(store_, caller, [&](Mutation& m) -> Result<domain::Indicator> {
    storage::IndicatorsRepo repo(m.sql());
    if (repo.ByCode(in.code)) {
      return Error::Conflict("Đã có chỉ số mã \"" + in.code + "\"",
                             "an indicator with this code exists");
    }
    in.id = repo.Insert(in, m.now_ms());
    m.Audit({"indicator.create", "indicator", IdToString(in.id), 0, "ok", in.code});
    auto stored = repo.Get(in.id);
    if (!stored) return Error::NotFound("chỉ số", "Indicator");
    return *stored;
  });
}

Result<domain::Indicator> AnalyticsService::UpdateIndicator(const Caller& caller,
                                                            domain::Indicator in) {
  if (!caller.signed_in() && !caller.system) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  const Id root = tree->roots().empty() ? 0 : tree->roots().front();
  if (!CanIn(caller, domain::Right::kManageTemplates, root, *tree)) return Error::Forbidden();
  const Catalogue cat = LoadCatalogue();
  return Mutate(store_, caller, [&](Mutation& m) -> Result<domain::Indicator> {
    storage::IndicatorsRepo repo(m.sql());
    auto stored = repo.Get(in.id);
    if (!stored) return Error::NotFound("chỉ số", "Indicator");
    if (stored->built_in) return BuiltInLocked();
    in.code = stored->code;  // the code names it in addresses and targets: it stays
    BD_RETURN_IF_ERROR(
        domain::ValidateIndicator(in, [&](const domain::Operand& op) { return cat.Knows(op); }));
    if (stored->version != in.version || !repo.Update(in, m.now_ms()))
      return Error::StaleVersion(stored->version);
    m.Audit({"indicator.update", "indicator", IdToString(in.id), 0, "ok", in.code});
    auto updated = repo.Get(in.id);
    if (!updated) return Error::NotFound("chỉ số", "Indicator");
    return *updated;
  });
}

// ---- Targets -------------------------------------------------------------------------------

Result<std::vector<TargetView>> AnalyticsService::Targets(const Caller& caller,
                                                          std::optional<Id> unit_id,
                                                          std::optional<int> year) {
  if (!caller.signed_in() && !caller.system) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  if (unit_id && !tree->Find(*unit_id))
    return Error::Invalid("unit", "đơn vị không tồn tại", "no such unit");
  std::vector<domain::IndicatorTarget> targets;
  std::vector<domain::Indicator> indicators;
  {
    auto sql = store_.Lease();
    storage::IndicatorsRepo repo(*sql);
    targets = repo.Targets(unit_id, year);
    indicators = repo.List();
  }
  std::vector<TargetView> out;
  for (const auto& t : targets) {
    if (!CanIn(caller, domain::Right::kView, t.unit_id, *tree)) continue;
    TargetView v{t, "", "", ""};
    for (const auto& in : indicators)
      if (in.id == t.indicator_id) v.indicator_code = in.code, v.indicator_name = in.name;
    if (const domain::Unit* u = tree->Find(t.unit_id)) v.unit_name = u->full_name;
    out.push_back(std::move(v));
  }
  return out;
}

namespace {
Status CheckTarget(const domain::IndicatorTarget& t) {
  Validator v;
  if (t.year < 2000 || t.year > 2100)
    v.Fail("year", "năm từ 2000 đến 2100", "year must be 2000 to 2100");
  if (!std::isfinite(t.value) || t.value < -1e12 || t.value > 1e12)
    v.Fail("value", "giá trị chỉ tiêu phải là một số", "value must be a number");
  if (t.source.size() > 500)
    v.Fail("source", "nguồn dài quá 500 ký tự", "source longer than 500 characters");
  if (!v.ok()) return v.ToError();
  return Ok();
}
}  // namespace

Result<TargetView> AnalyticsService::CreateTarget(const Caller& caller, domain::IndicatorTarget t,
                                                  const std::string& indicator_code) {
  if (!caller.signed_in() && !caller.system) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  if (!tree->Find(t.unit_id))
    return Error::Invalid("unit_id", "đơn vị không tồn tại", "no such unit");
  if (!CanIn(caller, domain::Right::kWritePlans, t.unit_id, *tree) &&
      !CanIn(caller, domain::Right::kManageTemplates, t.unit_id, *tree)) {
    return Error::Forbidden();
  }
  BD_RETURN_IF_ERROR(CheckTarget(t));
  t.built_in = caller.system && t.built_in;
  return Mutate(store_, caller, [&](Mutation& m) -> Result<TargetView> {
    storage::IndicatorsRepo repo(m.sql());
    auto in = repo.ByCode(indicator_code);
    if (!in) {
      return Error::Invalid("indicator", "không có chỉ số mã \"" + indicator_code + "\"",
                            "no indicator \"" + indicator_code + "\"");
    }
    t.indicator_id = in->id;
    if (t.plan_id && !storage::PlansRepo(m.sql()).Get(*t.plan_id)) {
      return Error::Invalid("plan_id", "kế hoạch không tồn tại", "no such plan");
    }
    if (repo.SameTarget(t)) {
      return Error::Conflict(
          "Đơn vị đã có chỉ tiêu này cho năm " + std::to_string(t.year) + " từ cùng nguồn",
          "the unit has this target for the year from the same source");
    }
    t.id = repo.InsertTarget(t, m.now_ms());
    m.Audit({"target.create", "target", IdToString(t.id), t.unit_id, "ok",
             indicator_code + " " + std::to_string(t.year)});
    auto stored = repo.GetTarget(t.id);
    if (!stored) return Error::NotFound("chỉ tiêu", "Target");
    return TargetView{*stored, in->code, in->name, tree->Find(t.unit_id)->full_name};
  });
}

Result<TargetView> AnalyticsService::UpdateTarget(const Caller& caller, Id id,
                                                  const TargetPatch& patch) {
  if (!caller.signed_in() && !caller.system) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  return Mutate(store_, caller, [&](Mutation& m) -> Result<TargetView> {
    storage::IndicatorsRepo repo(m.sql());
    auto stored = repo.GetTarget(id, m.lock());
    if (!stored) return Error::NotFound("chỉ tiêu", "Target");
    if (!CanIn(caller, domain::Right::kWritePlans, stored->unit_id, *tree) &&
        !CanIn(caller, domain::Right::kManageTemplates, stored->unit_id, *tree)) {
      return Error::Forbidden();
    }
    if (stored->built_in) return BuiltInLocked();
    domain::IndicatorTarget t = *stored;
    if (patch.year) t.year = *patch.year;
    if (patch.comparator) t.comparator = *patch.comparator;
    if (patch.value) t.value = *patch.value;
    if (patch.source) t.source = *patch.source;
    BD_RETURN_IF_ERROR(CheckTarget(t));
    if (auto same = repo.SameTarget(t); same && same->id != t.id) {
      return Error::Conflict(
          "Đơn vị đã có chỉ tiêu này cho năm " + std::to_string(t.year) + " từ cùng nguồn",
          "the unit has this target for the year from the same source");
    }
    t.version = patch.version;
    if (stored->version != patch.version || !repo.UpdateTarget(t, m.now_ms())) {
      return Error::StaleVersion(stored->version);
    }
    m.Audit({"target.update", "target", IdToString(id), t.unit_id, "ok", std::to_string(t.year)});
    auto fresh = repo.GetTarget(id);
    auto in = repo.Get(t.indicator_id);
    if (!fresh || !in) return Error::NotFound("chỉ tiêu", "Target");
    const domain::Unit* unit = tree->Find(t.unit_id);
    return TargetView{*fresh, in->code, in->name, unit ? unit->full_name : ""};
  });
}

Result<ProgressAnswer> AnalyticsService::Progress(const Caller& caller, Id unit_id,
                                                  std::optional<int> year) {
  if (!caller.signed_in() && !caller.system) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  const domain::Unit* unit = tree->Find(unit_id);
  if (!unit) return Error::Invalid("unit", "đơn vị không tồn tại", "no such unit");
  if (!CanIn(caller, domain::Right::kView, unit_id, *tree)) return Error::Forbidden();
  std::vector<Id> scope{unit_id};
  for (const domain::Unit* up : tree->Ancestors(unit_id)) scope.push_back(up->id);
  std::vector<domain::IndicatorTarget> targets;
  std::vector<domain::Indicator> indicators;
  {
    auto sql = store_.Lease();
    storage::IndicatorsRepo repo(*sql);
    for (Id u : scope) {
      auto some = repo.Targets(u, year);
      targets.insert(targets.end(), some.begin(), some.end());
    }
    indicators = repo.List();
  }
  std::sort(targets.begin(), targets.end(), [](const auto& x, const auto& y) {
    return std::tie(x.year, x.indicator_id, x.id) < std::tie(y.year, y.indicator_id, y.id);
  });
  const int this_year =
      domain::PeriodContaining(domain::PeriodKind::kYear, Date::TodayInVietnam()).year;
  ProgressAnswer out;
  out.unit_id = unit_id;
  // One question per indicator: its values at the unit over the years the targets look at.
  std::map<std::string, std::map<int, double>> values;  // indicator code → year → value
  std::map<std::string, std::vector<std::string>> notes;
  std::map<std::string, std::set<int>> years;
  for (const auto& t : targets) {
    for (const auto& in : indicators) {
      if (in.id != t.indicator_id) continue;
      // Five years before the target's, up to the target year or this year, whichever is later
      // (a target set for a year already past is judged on its own year's figure).
      for (int y = std::max(2000, std::min(t.year, this_year) - 5); y <= t.year; ++y)
        years[in.code].insert(y);
    }
  }
  for (const auto& [code, ys] : years) {
    if (ys.empty()) continue;
    AnalyticsRequest r;
    r.dx = code;
    r.ou = IdToString(unit_id);
    for (int y : ys) r.pe += (r.pe.empty() ? "" : ",") + std::to_string(y);
    auto table = Query(caller, r);
    if (!table.ok()) return table.take_error();
    out.as_of = table->as_of;
    for (const auto& row : table->rows) values[code][std::stoi(row.pe)] = row.value;
    notes[code] = table->notes;
  }
  for (const auto& t : targets) {
    TargetProgress p;
    p.target.target = t;
    if (const domain::Unit* u = tree->Find(t.unit_id)) p.target.unit_name = u->full_name;
    for (const auto& in : indicators)
      if (in.id == t.indicator_id)
        p.target.indicator_code = in.code, p.target.indicator_name = in.name;
    const auto& by_year = values[p.target.indicator_code];
    for (int y : years[p.target.indicator_code]) {
      if (y > t.year) continue;
      auto it = by_year.find(y);
      p.trend.push_back(
          {y, it == by_year.end() ? std::nullopt : std::optional<double>(it->second)});
    }
    p.status = domain::StatusOf(t, p.trend, this_year, &p.value);
    for (auto it = p.trend.rbegin(); it != p.trend.rend(); ++it)
      if (it->value) {
        p.value_year = it->year;
        break;
      }
    for (const auto& n : notes[p.target.indicator_code]) p.note += (p.note.empty() ? "" : " ") + n;
    if (t.unit_id != unit_id) {
      p.note = "Chỉ tiêu của " + p.target.unit_name + ", tính cho " + unit->full_name + "." +
               (p.note.empty() ? "" : " " + p.note);
    }
    out.items.push_back(std::move(p));
  }
  return out;
}

// ---- Reference data ------------------------------------------------------------------------

Result<int> AnalyticsService::SeedReference(const std::string& path) {
  std::ifstream f(path);
  if (!f) return Error::Invalid("reference", "không đọc được " + path, "cannot read " + path);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(f);
  } catch (const std::exception& e) {
    return Error::Invalid("reference", std::string("tệp tham chiếu hỏng: ") + e.what(), e.what());
  }
  const Caller system = Caller::System();
  int added = 0;
  auto tree = directory_.Tree();
  for (const auto& ij : j.value("indicators", nlohmann::json::array())) {
    domain::Indicator in;
    in.code = ij.value("code", "");
    in.name = ij.value("name", "");
    in.numerator = ij.value("numerator", "");
    in.denominator = ij.value("denominator", "");
    in.factor = ij.value("factor", 100.0);
    in.decimals = ij.value("decimals", 1);
    in.source = ij.value("source", "");
    in.built_in = true;
    {
      auto sql = store_.Lease();
      if (storage::IndicatorsRepo(*sql).ByCode(in.code)) continue;
    }
    BD_RETURN_IF_ERROR(CreateIndicator(system, in));
    ++added;
  }
  // Units named by their full name and kind ("country" for the root); plans by unit and title.
  auto find_unit = [&](const nlohmann::json& tj) -> Id {
    const std::string name = tj.value("unit", "");
    if (name == "country") return tree->roots().empty() ? 0 : tree->roots().front();
    domain::UnitTree::SearchQuery sq;
    sq.q = name;
    sq.kind = domain::ParseUnitKind(tj.value("unit_kind", ""));
    for (Id id : tree->Search(sq))
      if (tree->Find(id)->full_name == name) return id;
    return 0;
  };
  for (const auto& tj : j.value("targets", nlohmann::json::array())) {
    const Id unit = find_unit(tj);
    if (!unit) continue;  // the demo unit is not there (seeded without demo data)
    domain::IndicatorTarget t;
    t.unit_id = unit;
    t.year = tj.value("year", 0);
    t.comparator = domain::ParseComparator(tj.value("comparator", ">="))
                       .value_or(domain::Comparator::kAtLeast);
    t.value = tj.value("value", 0.0);
    t.source = tj.value("source", "");
    t.built_in = true;
    if (tj.contains("plan_number")) {
      auto sql = store_.Lease();
      storage::PlanFilter filter;
      filter.unit_id = unit;
      for (const auto& plan : storage::PlansRepo(*sql).List(filter))
        if (plan.number && *plan.number == tj.value("plan_number", 0) &&
            plan.symbol == tj.value("plan_symbol", ""))
          t.plan_id = plan.id;
      if (!t.plan_id) continue;
    }
    {
      auto sql = store_.Lease();
      storage::IndicatorsRepo repo(*sql);
      auto in = repo.ByCode(tj.value("indicator", ""));
      if (!in) continue;
      t.indicator_id = in->id;
      if (repo.SameTarget(t)) continue;
    }
    auto created = CreateTarget(system, t, tj.value("indicator", ""));
    if (!created.ok()) return created.take_error();
    ++added;
  }
  return added;
}

}  // namespace binhdang::service
