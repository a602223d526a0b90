#include "documents/report_adx.h"

#include <charconv>
#include <pugixml.hpp>
#include <sstream>

#include "common/time.h"

namespace binhdang::documents {

namespace {

constexpr const char* kAdxNamespace = "urn:ihe:qrph:adx:2015";

//! The element's name without a namespace prefix ("adx:group" -> "group").
std::string_view LocalName(const pugi::xml_node& n) {
  std::string_view name = n.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

//! The namespace the element's name is in, from the xmlns declarations of it and its ancestors.
std::string NamespaceOf(const pugi::xml_node& n) {
  std::string_view name = n.name();
  const size_t colon = name.find(':');
  const std::string attr =
      colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
  for (pugi::xml_node p = n; p; p = p.parent()) {
    if (auto a = p.attribute(attr.c_str())) return a.value();
  }
  return "";
}

Date AddMonths(Date d, int months) {
  const int index = d.year() * 12 + (d.month() - 1) + months;
  return Date(index / 12, index % 12 + 1, d.day());
}

}  // namespace

std::string AdxPeriod(const domain::Period& p) {
  const Date after = p.end.AddDays(1);
  std::string duration;
  if (after.day() == p.start.day()) {
    const int months = (after.year() - p.start.year()) * 12 + (after.month() - p.start.month());
    duration = months % 12 == 0 ? std::to_string(months / 12) + "Y" : std::to_string(months) + "M";
  } else {
    duration = std::to_string(after.ToDays() - p.start.ToDays()) + "D";
  }
  return p.start.Iso() + "/P" + duration;
}

std::optional<domain::Period> PeriodOfAdx(std::string_view adx,
                                          const std::vector<domain::PeriodKind>& kinds) {
  const size_t slash = adx.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto start = Date::Parse(adx.substr(0, slash));
  std::string_view duration = adx.substr(slash + 1);
  if (!start || duration.size() < 3 || duration.front() != 'P') return std::nullopt;
  const char unit = duration.back();
  int n = 0;
  const std::string_view digits = duration.substr(1, duration.size() - 2);
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || n <= 0 || n > 1200)
    return std::nullopt;
  Date end;
  if (unit == 'D') {
    end = start->AddDays(n - 1);
  } else if (unit == 'M' || unit == 'Y') {
    const Date after = AddMonths(*start, unit == 'Y' ? 12 * n : n);
    if (after.day() > DaysInMonth(after.year(), after.month())) return std::nullopt;
    end = after.AddDays(-1);
  } else {
    return std::nullopt;
  }
  for (domain::PeriodKind kind : kinds) {
    std::optional<domain::Period> p;
    if (kind == domain::PeriodKind::kActionMonth) {
      p = domain::ParsePeriod(std::to_string(start->year()) + "AM");
    } else if (*start >= Date(1999, 12, 15) && *start <= Date(2100, 12, 14)) {
      // PeriodContaining answers only for days whose period is in 2000..2100.
      p = domain::PeriodContaining(kind, *start);
    }
    if (p && p->start == *start && p->end == end && domain::ParsePeriod(p->id())) return p;
  }
  return std::nullopt;
}

std::string WriteAdx(const std::vector<AdxGroup>& groups, int64_t exported_ms) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto root = doc.append_child("adx");
  root.append_attribute("xmlns") = kAdxNamespace;
  root.append_attribute("exported") = IsoInstant(exported_ms).c_str();
  for (const auto& g : groups) {
    auto group = root.append_child("group");
    group.append_attribute("orgUnit") = g.org_unit.c_str();
    group.append_attribute("period") = g.period.c_str();
    group.append_attribute("dataSet") = g.data_set.c_str();
    if (!g.complete_date.empty()) group.append_attribute("completeDate") = g.complete_date.c_str();
    for (const auto& v : g.values) {
      auto dv = group.append_child("dataValue");
      dv.append_attribute("dataElement") = v.data_element.c_str();
      dv.append_attribute("item") = v.item.c_str();
      dv.append_attribute("level") = v.level.c_str();
      if (!v.sex.empty()) dv.append_attribute("sex") = v.sex.c_str();
      dv.append_attribute("value") = v.value.c_str();
      if (!v.annotation.empty())
        dv.append_child("annotation")
            .append_child(pugi::node_pcdata)
            .set_value(v.annotation.c_str());
    }
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

Result<std::vector<AdxGroup>> ReadAdx(std::string_view xml) {
  pugi::xml_document doc;
  // No DOCTYPE processing: pugixml never expands entities it has not been told of, and a
  // document type declaration is refused outright.
  const auto parsed = doc.load_buffer(
      xml.data(), xml.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_utf8);
  if (!parsed) {
    return Error::Invalid("adx",
                          "tệp không phải XML hợp lệ (" + std::string(parsed.description()) +
                              ", vị trí " + std::to_string(parsed.offset) + ")",
                          "not well-formed XML (" + std::string(parsed.description()) +
                              " at offset " + std::to_string(parsed.offset) + ")");
  }
  for (auto n : doc.children()) {
    if (n.type() == pugi::node_doctype) {
      return Error::Invalid("adx", "tệp ADX không được có khai báo DOCTYPE",
                            "an ADX document has no DOCTYPE");
    }
  }
  const pugi::xml_node root = doc.document_element();
  if (LocalName(root) != "adx" || NamespaceOf(root) != kAdxNamespace) {
    return Error::Invalid("adx", "phần tử gốc phải là <adx xmlns=\"urn:ihe:qrph:adx:2015\">",
                          "the root element must be <adx xmlns=\"urn:ihe:qrph:adx:2015\">");
  }
  std::vector<AdxGroup> groups;
  size_t values = 0;
  Validator v;
  // The first 100 problems are named; a file wrong throughout needs no more to be fixed.
  size_t failures = 0;
  auto fail = [&](std::string field, std::string vi, std::string en) {
    ++failures;
    v.Fail(std::move(field), std::move(vi), std::move(en));
  };
  int gi = 0;
  for (pugi::xml_node g : root.children()) {
    if (failures >= 100) break;
    if (g.type() != pugi::node_element) continue;
    ++gi;
    const std::string where = "adx/group[" + std::to_string(gi) + "]";
    const std::string where_vi = "nhóm " + std::to_string(gi);
    if (LocalName(g) != "group") {
      fail(where, where_vi + ": chỉ nhận phần tử <group> dưới <adx>",
           "only <group> elements may be under <adx>");
      continue;
    }
    if (groups.size() == kMaxAdxGroups) {
      return Error::Invalid("adx", "tệp có quá " + std::to_string(kMaxAdxGroups) + " nhóm",
                            "more than " + std::to_string(kMaxAdxGroups) + " groups");
    }
    AdxGroup group;
    for (pugi::xml_attribute a : g.attributes()) {
      const std::string_view name = a.name();
      if (name == "orgUnit")
        group.org_unit = a.value();
      else if (name == "period")
        group.period = a.value();
      else if (name == "dataSet")
        group.data_set = a.value();
      else if (name == "completeDate")
        group.complete_date = a.value();
      else if (!name.starts_with("xmlns"))
        fail(where + "/@" + std::string(name),
             where_vi + ": thuộc tính \"" + std::string(name) + "\" không dùng được ở nhóm",
             "unknown group attribute \"" + std::string(name) + "\"");
    }
    for (const auto& [value, name] : {std::pair{&group.org_unit, "orgUnit"},
                                      {&group.period, "period"},
                                      {&group.data_set, "dataSet"}}) {
      if (value->empty())
        fail(where + "/@" + name, where_vi + ": thiếu thuộc tính " + name,
             std::string("missing attribute ") + name);
    }
    int di = 0;
    for (pugi::xml_node d : g.children()) {
      if (failures >= 100) break;
      if (d.type() != pugi::node_element) continue;
      ++di;
      const std::string at = where + "/dataValue[" + std::to_string(di) + "]";
      const std::string at_vi = where_vi + ", giá trị " + std::to_string(di);
      if (LocalName(d) != "dataValue") {
        fail(at, at_vi + ": chỉ nhận phần tử <dataValue> trong nhóm",
             "only <dataValue> elements may be in a group");
        continue;
      }
      if (++values > kMaxAdxValues) {
        return Error::Invalid("adx", "tệp có quá " + std::to_string(kMaxAdxValues) + " giá trị",
                              "more than " + std::to_string(kMaxAdxValues) + " values");
      }
      AdxValue value;
      bool has_value = false;
      for (pugi::xml_attribute a : d.attributes()) {
        const std::string_view name = a.name();
        if (name == "dataElement") {
          value.data_element = a.value();
        } else if (name == "item") {
          value.item = a.value();
        } else if (name == "level") {
          value.level = a.value();
        } else if (name == "sex") {
          value.sex = a.value();
        } else if (name == "value") {
          value.value = a.value();
          has_value = true;
        } else if (!name.starts_with("xmlns")) {
          fail(at + "/@" + std::string(name),
               at_vi + ": thuộc tính \"" + std::string(name) +
                   "\" không phải phân tổ của hệ thống (item, level, sex)",
               "\"" + std::string(name) + "\" is not a disaggregation (item, level, sex)");
        }
      }
      if (value.data_element.empty())
        fail(at + "/@dataElement", at_vi + ": thiếu thuộc tính dataElement",
             "missing attribute dataElement");
      if (!has_value)
        fail(at + "/@value", at_vi + ": thiếu thuộc tính value", "missing attribute value");
      for (pugi::xml_node c : d.children()) {
        if (c.type() == pugi::node_element && LocalName(c) == "annotation") {
          value.annotation = c.text().get();
        } else if (c.type() == pugi::node_element) {
          fail(at + "/" + c.name(), at_vi + ": phần tử <" + c.name() + "> không dùng được",
               std::string("unknown element <") + c.name() + ">");
        }
      }
      group.values.push_back(std::move(value));
    }
    groups.push_back(std::move(group));
  }
  if (!v.ok()) return v.ToError();
  return groups;
}

}  // namespace binhdang::documents
