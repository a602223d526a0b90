#include "domain/plan_json.h"

#include <cctype>

#include "common/text.h"

namespace binhdang::domain {

namespace {
using nlohmann::json;

json DateOrNull(const std::optional<Date>& d) { return d ? json(d->Iso()) : json(nullptr); }

// Typed reads that record a named field error instead of throwing.
class Reader {
 public:
  explicit Reader(Validator& v) : v_(v) {}

  std::string Str(const json& j, const std::string& path, size_t max = 4000) {
    if (j.is_null()) return "";
    if (!j.is_string()) {
      v_.Fail(path, "phải là chuỗi ký tự", "must be a string");
      return "";
    }
    std::string s = j.get<std::string>();
    if (!text::IsCleanUtf8(s) || text::Length(s) > max) {
      v_.Fail(path, "dài quá " + std::to_string(max) + " ký tự hoặc có ký tự không hợp lệ",
              "is longer than " + std::to_string(max) + " characters or has invalid characters");
      return "";
    }
    return s;
  }
  std::vector<std::string> Strs(const json& j, const std::string& path) {
    std::vector<std::string> out;
    for (size_t i = 0; const auto& e : Array(j, path))
      out.push_back(Str(e, path + "[" + std::to_string(i++) + "]"));
    return out;
  }
  const json& Array(const json& j, const std::string& path) {
    static const json kEmpty = json::array();
    if (j.is_null()) return kEmpty;
    if (!j.is_array() || j.size() > 500) {
      v_.Fail(path, "phải là một danh sách (tối đa 500 phần tử)",
              "must be an array of at most 500 elements");
      return kEmpty;
    }
    return j;
  }
  const json& Object(const json& j, const std::string& path) {
    static const json kEmpty = json::object();
    if (j.is_null()) return kEmpty;
    if (!j.is_object()) {
      v_.Fail(path, "phải là một đối tượng JSON", "must be an object");
      return kEmpty;
    }
    return j;
  }
  const json& At(const json& obj, const char* key) {
    static const json kNull;
    return obj.is_object() && obj.contains(key) ? obj[key] : kNull;
  }
  std::optional<Date> DateAt(const json& j, const std::string& path) {
    if (j.is_null()) return std::nullopt;
    auto d = j.is_string() ? Date::Parse(j.get<std::string>()) : std::nullopt;
    if (!d) v_.Fail(path, "ngày phải có dạng YYYY-MM-DD", "must be a date YYYY-MM-DD");
    return d;
  }

 private:
  Validator& v_;
};

std::string Idx(const std::string& key, size_t i) { return key + "[" + std::to_string(i) + "]"; }
}  // namespace

void ContentToJson(const PlanContent& c, json& out) {
  out["preamble"] = c.preamble;
  json bases = json::array();
  for (const auto& b : c.bases) {
    bases.push_back({{"document", b.document},
                     {"date", DateOrNull(b.date)},
                     {"issuer", b.issuer},
                     {"title", b.title}});
  }
  out["bases"] = bases;
  out["purposes"] = c.purposes;
  out["requirements"] = c.requirements;
  out["objective"] = c.objective;
  json targets = json::array();
  for (const auto& t : c.targets) {
    json values = json::array();
    for (const auto& v : t.values)
      values.push_back({{"year", v.year}, {"comparator", v.comparator}, {"value", v.value}});
    json target = {{"text", t.text}, {"unit", t.unit}, {"values", values}};
    if (!t.indicator.empty()) target["indicator"] = t.indicator;
    targets.push_back(std::move(target));
  }
  out["targets"] = targets;
  json groups = json::array();
  for (const auto& g : c.message_groups)
    groups.push_back({{"title", g.title}, {"messages", g.messages}});
  out["message_groups"] = groups;
  json sources = json::array();
  for (const auto& s : c.budget_sources) sources.push_back({{"kind", s.kind}, {"text", s.text}});
  out["budget_sources"] = sources;
  out["budget_note"] = c.budget_note;
  json recipients = json::array();
  for (const auto& r : c.recipients) recipients.push_back({{"name", r.name}, {"note", r.note}});
  out["recipients"] = recipients;
  out["signer"] = {{"on_behalf_of", c.signer.on_behalf_of},
                   {"authority", c.signer.authority},
                   {"title", c.signer.title},
                   {"name", c.signer.name}};
  out["closing"] = c.closing;
  if (c.report_outline) {
    json sections = json::array(), tables = json::array();
    for (const auto& s : c.report_outline->sections)
      sections.push_back({{"heading", s.heading}, {"items", s.items}});
    for (const auto& t : c.report_outline->tables)
      tables.push_back({{"title", t.title}, {"columns", t.columns}});
    out["report_outline"] = {
        {"title", c.report_outline->title}, {"sections", sections}, {"tables", tables}};
  } else {
    out["report_outline"] = nullptr;
  }
}

void ContentFromJson(const json& o, PlanContent& c, Validator& v) {
  Reader r(v);
  if (o.contains("preamble")) c.preamble = r.Str(o["preamble"], "preamble", 8000);
  if (o.contains("bases")) {
    c.bases.clear();
    for (size_t i = 0; const auto& e : r.Array(o["bases"], "bases")) {
      const std::string p = Idx("bases", i++);
      const json& b = r.Object(e, p);
      c.bases.push_back(
          {r.Str(r.At(b, "document"), p + ".document", 400), r.DateAt(r.At(b, "date"), p + ".date"),
           r.Str(r.At(b, "issuer"), p + ".issuer", 400), r.Str(r.At(b, "title"), p + ".title")});
      if (b.is_object() && text::Trim(c.bases.back().document).empty() &&
          text::Trim(c.bases.back().title).empty()) {
        v.Fail(p + ".title", "căn cứ cần số, ký hiệu hoặc trích yếu văn bản",
               "a basis needs a document number or a title");
      }
    }
  }
  if (o.contains("purposes")) c.purposes = r.Strs(o["purposes"], "purposes");
  if (o.contains("requirements")) c.requirements = r.Strs(o["requirements"], "requirements");
  if (o.contains("objective")) c.objective = r.Str(o["objective"], "objective", 8000);
  if (o.contains("targets")) {
    c.targets.clear();
    for (size_t i = 0; const auto& e : r.Array(o["targets"], "targets")) {
      const std::string p = Idx("targets", i++);
      const json& t = r.Object(e, p);
      Target target{
          r.Str(r.At(t, "text"), p + ".text"), r.Str(r.At(t, "unit"), p + ".unit", 20), {}, ""};
      if (target.text.empty())
        v.Fail(p + ".text", "chỉ tiêu cần có nội dung", "a target needs its text");
      if (t.contains("indicator") && !t["indicator"].is_null()) {
        target.indicator = r.Str(t["indicator"], p + ".indicator", 64);
        for (char ch : target.indicator) {
          if (!(std::islower(static_cast<unsigned char>(ch)) ||
                std::isdigit(static_cast<unsigned char>(ch)) || ch == '_')) {
            v.Fail(p + ".indicator", "mã chỉ số gồm a-z, 0-9 hoặc _",
                   "an indicator code uses a-z, 0-9 and _");
            break;
          }
        }
      }
      for (size_t k = 0; const auto& ve : r.Array(r.At(t, "values"), p + ".values")) {
        const std::string vp = Idx(p + ".values", k++);
        const json& val = r.Object(ve, vp);
        TargetValue tv;
        const json& year = r.At(val, "year");
        const json& value = r.At(val, "value");
        if (!year.is_number_integer() || year.get<long long>() < 1990 ||
            year.get<long long>() > 2100) {
          v.Fail(vp + ".year", "năm phải là số nguyên từ 1990 đến 2100",
                 "year must be an integer from 1990 to 2100");
        } else {
          tv.year = year.get<int>();
        }
        if (!value.is_number())
          v.Fail(vp + ".value", "giá trị chỉ tiêu phải là số", "value must be a number");
        else
          tv.value = value.get<double>();
        tv.comparator = r.Str(r.At(val, "comparator"), vp + ".comparator", 2);
        if (tv.comparator.empty()) tv.comparator = ">=";
        if (tv.comparator != ">=" && tv.comparator != "<=" && tv.comparator != "=") {
          v.Fail(vp + ".comparator",
                 "phép so sánh phải là >=, <= hoặc =", "comparator must be >=, <= or =");
        }
        target.values.push_back(tv);
      }
      c.targets.push_back(std::move(target));
    }
  }
  if (o.contains("message_groups")) {
    c.message_groups.clear();
    for (size_t i = 0; const auto& e : r.Array(o["message_groups"], "message_groups")) {
      const std::string p = Idx("message_groups", i++);
      const json& g = r.Object(e, p);
      c.message_groups.push_back({r.Str(r.At(g, "title"), p + ".title", 400),
                                  r.Strs(r.At(g, "messages"), p + ".messages")});
    }
  }
  if (o.contains("budget_sources")) {
    c.budget_sources.clear();
    for (size_t i = 0; const auto& e : r.Array(o["budget_sources"], "budget_sources")) {
      const std::string p = Idx("budget_sources", i++);
      const json& s = r.Object(e, p);
      BudgetSource src{r.Str(r.At(s, "kind"), p + ".kind", 40),
                       r.Str(r.At(s, "text"), p + ".text")};
      if (src.kind != "state_budget" && src.kind != "mobilised" && src.kind != "international" &&
          src.kind != "other_lawful") {
        v.Fail(p + ".kind",
               "nguồn kinh phí phải là state_budget, mobilised, international hoặc other_lawful",
               "kind must be state_budget, mobilised, international or other_lawful");
      }
      c.budget_sources.push_back(std::move(src));
    }
  }
  if (o.contains("budget_note")) c.budget_note = r.Str(o["budget_note"], "budget_note", 8000);
  if (o.contains("recipients")) {
    c.recipients.clear();
    for (size_t i = 0; const auto& e : r.Array(o["recipients"], "recipients")) {
      const std::string p = Idx("recipients", i++);
      if (e.is_string()) {
        c.recipients.push_back({r.Str(e, p, 400), ""});
        continue;
      }
      const json& rc = r.Object(e, p);
      c.recipients.push_back(
          {r.Str(r.At(rc, "name"), p + ".name", 400), r.Str(r.At(rc, "note"), p + ".note", 100)});
      if (rc.is_object() && !r.At(rc, "name").is_number() && !r.At(rc, "name").is_boolean() &&
          text::Trim(c.recipients.back().name).empty()) {
        v.Fail(p + ".name", "nơi nhận cần tên cơ quan, đơn vị", "a recipient needs a name");
      }
    }
  }
  if (o.contains("signer")) {
    const json& s = r.Object(o["signer"], "signer");
    c.signer = {r.Str(r.At(s, "on_behalf_of"), "signer.on_behalf_of", 200),
                r.Str(r.At(s, "authority"), "signer.authority", 200),
                r.Str(r.At(s, "title"), "signer.title", 200),
                r.Str(r.At(s, "name"), "signer.name", 200)};
  }
  if (o.contains("closing")) c.closing = r.Str(o["closing"], "closing", 8000);
  if (o.contains("report_outline")) {
    if (o["report_outline"].is_null()) {
      c.report_outline.reset();
    } else {
      const json& ro = r.Object(o["report_outline"], "report_outline");
      ReportOutline outline;
      outline.title = r.Str(r.At(ro, "title"), "report_outline.title", 1000);
      for (size_t i = 0; const auto& e : r.Array(r.At(ro, "sections"), "report_outline.sections")) {
        const std::string p = Idx("report_outline.sections", i++);
        const json& s = r.Object(e, p);
        outline.sections.push_back({r.Str(r.At(s, "heading"), p + ".heading", 400),
                                    r.Strs(r.At(s, "items"), p + ".items")});
      }
      for (size_t i = 0; const auto& e : r.Array(r.At(ro, "tables"), "report_outline.tables")) {
        const std::string p = Idx("report_outline.tables", i++);
        const json& t = r.Object(e, p);
        outline.tables.push_back({r.Str(r.At(t, "title"), p + ".title", 400),
                                  r.Strs(r.At(t, "columns"), p + ".columns")});
      }
      c.report_outline = std::move(outline);
    }
  }
}

json PlanToJson(const Plan& p) {
  auto id = [](Id v) { return v ? json(IdToString(v)) : json(nullptr); };
  json j = {{"id", id(p.id)},
            {"unit_id", id(p.unit_id)},
            {"number", p.number ? json(*p.number) : json(nullptr)},
            {"symbol", p.symbol},
            {"number_symbol", p.NumberAndSymbol()},
            {"place", p.place},
            {"issued_on", DateOrNull(p.issued_on)},
            {"title", p.title},
            {"kind", PlanKindName(p.kind)},
            {"period_start", DateOrNull(p.period_start)},
            {"period_end", DateOrNull(p.period_end)},
            {"theme", p.theme},
            {"parent_plan_id", id(p.parent_plan_id)},
            {"status", PlanStatusName(p.status)},
            {"revision", p.revision},
            {"version", p.version}};
  ContentToJson(p.content, j);
  json reporting = json::array();
  for (const auto& r : p.reporting) {
    reporting.push_back({{"template_code", r.template_code},
                         {"due_date", r.due_date.Iso()},
                         {"to_unit_id", id(r.to_unit_id)},
                         {"reporting_scope", r.reporting_scope},
                         {"note", r.note}});
  }
  j["reporting"] = reporting;
  return j;
}

}  // namespace binhdang::domain
