#include "documents/plan_document.h"

#include <cstdio>

#include <unicode/locid.h>
#include <unicode/unistr.h>

namespace binhdang::documents {

namespace {

std::string Upper(const std::string& s) {
  std::string out;
  icu::UnicodeString::fromUTF8(s).toUpper(icu::Locale("vi")).toUTF8String(out);
  return out;
}

std::string Two(int n) {
  return (n >= 0 && n < 10 ? "0" : "") + std::to_string(n);
}

DocBlock Para(DocParagraph::Style style, std::string text, bool italic = false) {
  DocBlock b;
  b.paragraph.style = style;
  b.paragraph.text = std::move(text);
  b.paragraph.italic = italic;
  return b;
}

const char* kRoman[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};

std::string UnitName(const domain::UnitTree& units, Id id) {
  const domain::Unit* u = units.Find(id);
  return u ? u->name : std::string();
}

std::string AssigneeText(const domain::Activity& a, const domain::UnitTree& units) {
  switch (a.assignee) {
    case domain::Assignee::kChildUnits: return "UBND các xã, thị trấn";
    case domain::Assignee::kEveryone: return "Các cơ quan, đơn vị, UBND các xã, thị trấn";
    case domain::Assignee::kUnit: break;
  }
  return UnitName(units, a.lead_unit_id);
}

}  // namespace

std::string VietnameseDateWords(Date d) {
  const std::string day = d.day() < 10 ? Two(d.day()) : std::to_string(d.day());
  const std::string month = d.month() <= 2 ? Two(d.month()) : std::to_string(d.month());
  return "ngày " + day + " tháng " + month + " năm " + std::to_string(d.year());
}

std::string PlaceAndDate(const std::string& place, const std::optional<Date>& d, int year) {
  std::string date = d ? VietnameseDateWords(*d)
                       : "ngày      tháng      năm " + (year > 0 ? std::to_string(year) : std::string("     "));
  return place.empty() ? date : place + ", " + date;
}

OfficialDocument BuildPlanDocument(const domain::Plan& plan, const std::vector<domain::Activity>& activities,
                                   const domain::UnitTree& units) {
  using S = DocParagraph::Style;
  OfficialDocument doc;
  const domain::Unit* unit = units.Find(plan.unit_id);
  if (unit && unit->kind == domain::UnitKind::kAgency) {
    if (const domain::Unit* parent = units.Find(unit->parent_id)) doc.parent_body = Upper("UBND " + parent->name);
    doc.issuing_body = Upper(unit->name);
  } else {
    doc.issuing_body = "ỦY BAN NHÂN DÂN\n" + (unit ? Upper(unit->full_name.empty() ? unit->name : unit->full_name) : std::string());
  }
  doc.number_symbol = "Số: " + plan.NumberAndSymbol();
  doc.place_date = PlaceAndDate(plan.place, plan.issued_on, plan.Year());
  doc.kind = "KẾ HOẠCH";
  doc.title = plan.title;

  const auto& c = plan.content;
  for (const auto& b : c.bases) {
    if (!c.preamble.empty() && !b.document.empty() && c.preamble.find(b.document) != std::string::npos) continue;
    std::string t = "Căn cứ " + b.document;
    if (b.date) t += " ngày " + b.date->Vietnamese();
    if (!b.issuer.empty()) t += " của " + b.issuer;
    if (!b.title.empty()) t += " " + b.title;
    doc.bases.push_back(t + ";");
  }
  if (!c.preamble.empty()) doc.body.push_back(Para(S::kBody, c.preamble));

  int roman = 0;
  auto section = [&](const std::string& heading) {
    doc.body.push_back(Para(S::kHeading1, std::string(kRoman[roman++ % 10]) + ". " + heading));
  };
  auto bullets = [&](const std::vector<std::string>& items) {
    for (const auto& s : items) doc.body.push_back(Para(S::kBody, "- " + s));
  };

  if (!c.purposes.empty() || !c.requirements.empty()) {
    section("MỤC ĐÍCH, YÊU CẦU");
    int n = 0;
    if (!c.purposes.empty()) {
      doc.body.push_back(Para(S::kHeading2, std::to_string(++n) + ". Mục đích"));
      bullets(c.purposes);
    }
    if (!c.requirements.empty()) {
      doc.body.push_back(Para(S::kHeading2, std::to_string(++n) + ". Yêu cầu"));
      bullets(c.requirements);
    }
  }

  section("NỘI DUNG");
  int n = 0;
  if (!plan.theme.empty()) {
    doc.body.push_back(Para(S::kHeading2, std::to_string(++n) + ". Chủ đề"));
    doc.body.push_back(Para(S::kBody, "“" + plan.theme + "”"));
  }
  if (!c.objective.empty() || !c.targets.empty()) {
    doc.body.push_back(Para(S::kHeading2, std::to_string(++n) + ". Mục tiêu, chỉ tiêu"));
    if (!c.objective.empty()) doc.body.push_back(Para(S::kBody, c.objective));
    for (const auto& t : c.targets) doc.body.push_back(Para(S::kBody, "- " + t.text));
  }
  if (!c.message_groups.empty()) {
    doc.body.push_back(Para(S::kHeading2, std::to_string(++n) + ". Thông điệp truyền thông"));
    char letter = 'a';
    for (const auto& g : c.message_groups) {
      doc.body.push_back(Para(S::kHeading3, std::string(1, letter++) + ") " + g.title));
      bullets(g.messages);
    }
  }
  std::vector<const domain::Activity*> key, assignments;
  for (const auto& a : activities) {
    if (a.status == domain::ActivityStatus::kCancelled) continue;
    (a.section == domain::ActivitySection::kKey ? key : assignments).push_back(&a);
  }
  if (!activities.empty()) {
    doc.body.push_back(Para(S::kHeading2, std::to_string(++n) + ". Các hoạt động"));
    DocBlock t;
    t.kind = DocBlock::Kind::kTable;
    t.table.columns = {"TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"};
    t.table.widths = {0.07, 0.40, 0.19, 0.19, 0.15};
    int row = 0;
    for (const auto* list : {&key, &assignments}) {
      for (const auto* a : *list) {
        std::string support;
        for (Id s : a->support_unit_ids) {
          if (!support.empty()) support += ", ";
          support += UnitName(units, s);
        }
        t.table.rows.push_back({std::to_string(++row), a->title, AssigneeText(*a, units), support,
                                a->due_date ? "Trước ngày " + a->due_date->Vietnamese() : std::string()});
      }
    }
    doc.body.push_back(std::move(t));
  }

  if (!assignments.empty() || !c.budget_sources.empty() || !c.budget_note.empty()) {
    section("TỔ CHỨC THỰC HIỆN");
    int k = 0;
    for (const auto* a : assignments) {
      std::string who = AssigneeText(*a, units);
      doc.body.push_back(Para(S::kHeading2, std::to_string(++k) + ". " + (who.empty() ? a->title : who)));
      if (!who.empty() && !a->title.empty()) doc.body.push_back(Para(S::kBody, a->title));
      bullets(a->details);
    }
    if (!c.budget_sources.empty() || !c.budget_note.empty()) {
      doc.body.push_back(Para(S::kHeading2, std::to_string(++k) + ". Kinh phí thực hiện"));
      for (const auto& b : c.budget_sources) doc.body.push_back(Para(S::kBody, "- " + b.text));
      if (!c.budget_note.empty()) doc.body.push_back(Para(S::kBody, c.budget_note));
    }
  }
  if (!c.closing.empty()) doc.body.push_back(Para(S::kBody, c.closing));

  doc.signer = {c.signer.on_behalf_of, c.signer.authority, c.signer.title, c.signer.name};
  for (size_t i = 0; i < c.recipients.size(); ++i) {
    const auto& r = c.recipients[i];
    std::string line = "- " + r.name;
    if (!r.note.empty()) line += " (" + r.note + ")";
    line += i + 1 == c.recipients.size() ? "." : ";";
    doc.recipients.push_back(line);
  }
  return doc;
}

}  // namespace binhdang::documents
