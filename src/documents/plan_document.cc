#include "documents/plan_document.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cstdio>

namespace binhdang::documents {

namespace {

std::string Two(int n) { return (n >= 0 && n < 10 ? "0" : "") + std::to_string(n); }

std::string UnitName(const domain::UnitTree& units, Id id) {
  const domain::Unit* u = units.Find(id);
  return u ? u->name : std::string();
}

//! The place a unit's documents are dated at: its own name, an agency's its UBND's.
std::string PlaceName(const domain::UnitTree& units, Id unit_id) {
  const domain::Unit* u = units.Find(unit_id);
  if (u && u->kind == domain::UnitKind::kAgency) u = units.Find(u->parent_id);
  return u ? u->name : std::string();
}

bool StartsWithLuu(const std::string& s) { return s.rfind("Lưu", 0) == 0; }

//! The paragraphs of a text kept with line breaks.
std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  size_t b = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '\n') {
      if (i > b) out.push_back(s.substr(b, i - b));
      b = i + 1;
    }
  }
  return out;
}

std::string StripFinalStop(std::string s) {
  while (!s.empty() && (s.back() == '.' || s.back() == ' ')) s.pop_back();
  return s;
}

//! "a) Nhóm thông điệp …" once, whether or not the title carries its letter already.
std::string Lettered(char letter, const std::string& title) {
  if (title.size() > 3 && title[0] >= 'a' && title[0] <= 'z' && title[1] == ')' && title[2] == ' ')
    return title;
  return std::string(1, letter > 'z' ? 'z' : letter) + ") " + title;
}

//! 1.234,5: "." between thousands and "," before the decimals, as Vietnamese writes numbers.
std::string VietnameseNumber(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  const size_t dot = s.find('.');
  std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  std::string grouped;
  const size_t first = whole[0] == '-' ? 1 : 0;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > first && (whole.size() - i) % 3 == 0) grouped += '.';
    grouped += whole[i];
  }
  return frac.empty() ? grouped : grouped + "," + frac;
}

//! "Tỷ lệ …: đến năm 2023 tối thiểu 40%, đến năm 2025 tối thiểu 50%".
std::string TargetLine(const domain::Target& t) {
  std::string line = t.text;
  bool first = true;
  for (const auto& v : t.values) {
    const char* cmp = v.comparator == "<=" ? "tối đa" : v.comparator == "=" ? "bằng" : "tối thiểu";
    line += std::string(first ? ": " : ", ") + "đến năm " + std::to_string(v.year) + " " + cmp +
            " " + VietnameseNumber(v.value) +
            (t.unit == "%"    ? "%"
             : t.unit.empty() ? ""
                              : " " + t.unit);
    first = false;
  }
  return line + ".";
}

std::string AssigneeText(const domain::Activity& a, const domain::UnitTree& units) {
  switch (a.assignee) {
    case domain::Assignee::kChildUnits:
      return "UBND các xã, thị trấn";
    case domain::Assignee::kEveryone:
      return "Các cơ quan, đơn vị, UBND các xã, thị trấn";
    case domain::Assignee::kUnit:
      break;
  }
  return UnitName(units, a.lead_unit_id);
}

}  // namespace

std::string UpperVi(const std::string& s) {
  std::string out;
  icu::UnicodeString::fromUTF8(s).toUpper(icu::Locale("vi")).toUTF8String(out);
  return out;
}

void SetIssuer(OfficialDocument& doc, const domain::UnitTree& units, Id unit_id) {
  const domain::Unit* unit = units.Find(unit_id);
  if (unit && unit->kind == domain::UnitKind::kAgency) {
    if (const domain::Unit* parent = units.Find(unit->parent_id))
      doc.parent_body = UpperVi("UBND " + parent->name);
    doc.issuing_body = UpperVi(unit->name);
  } else {
    doc.issuing_body =
        "ỦY BAN NHÂN DÂN\n" +
        (unit ? UpperVi(unit->full_name.empty() ? unit->name : unit->full_name) : std::string());
  }
}

std::string VietnameseDateWords(Date d) {
  const std::string day = d.day() < 10 ? Two(d.day()) : std::to_string(d.day());
  const std::string month = d.month() <= 2 ? Two(d.month()) : std::to_string(d.month());
  return "ngày " + day + " tháng " + month + " năm " + std::to_string(d.year());
}

std::string PlaceAndDate(const std::string& place, const std::optional<Date>& d, int year) {
  std::string date =
      d ? VietnameseDateWords(*d)
        : "ngày     tháng     năm " + (year > 0 ? std::to_string(year) : std::string("     "));
  return place.empty() ? date : place + ", " + date;
}

OfficialDocument BuildPlanDocument(const domain::Plan& plan,
                                   const std::vector<domain::Activity>& activities,
                                   const domain::UnitTree& units) {
  using S = DocParagraph::Style;
  OfficialDocument doc;
  SetIssuer(doc, units, plan.unit_id);
  doc.number_symbol = "Số: " + plan.NumberAndSymbol();
  doc.place_date = PlaceAndDate(plan.place.empty() ? PlaceName(units, plan.unit_id) : plan.place,
                                plan.issued_on, plan.Year());
  doc.kind = "KẾ HOẠCH";
  doc.title = plan.title;

  const auto& c = plan.content;
  for (const auto& b : c.bases) {
    if (!c.preamble.empty() && !b.document.empty() &&
        c.preamble.find(b.document) != std::string::npos)
      continue;
    std::string t = "Căn cứ " + b.document;
    if (b.date) t += " ngày " + b.date->Vietnamese();
    if (!b.issuer.empty()) t += " của " + b.issuer;
    if (!b.title.empty()) t += (b.title.rfind("về ", 0) == 0 ? " " : " về ") + b.title;
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

  if (!c.objective.empty() || !c.targets.empty()) {
    section("MỤC TIÊU");
    int n = 0;
    if (!c.objective.empty()) {
      doc.body.push_back(Para(S::kHeading2, std::to_string(++n) + ". Mục tiêu chung"));
      for (const auto& line : Lines(c.objective)) doc.body.push_back(Para(S::kBody, line));
    }
    if (!c.targets.empty()) {
      doc.body.push_back(Para(S::kHeading2, std::to_string(++n) + ". Các chỉ tiêu"));
      for (const auto& t : c.targets) doc.body.push_back(Para(S::kBody, "- " + TargetLine(t)));
    }
  }

  std::vector<const domain::Activity*> key, assignments;
  for (const auto& a : activities) {
    if (a.status == domain::ActivityStatus::kCancelled) continue;
    (a.section == domain::ActivitySection::kKey ? key : assignments).push_back(&a);
  }
  section("NỘI DUNG");
  int n = 0;
  if (!plan.theme.empty()) {
    doc.body.push_back(Para(S::kHeading2, std::to_string(++n) + ". Chủ đề"));
    doc.body.push_back(Para(S::kBody, "“" + plan.theme + "”"));
  }
  if (plan.period_start || plan.period_end) {
    doc.body.push_back(Para(S::kHeading2, std::to_string(++n) + ". Thời gian thực hiện"));
    std::string when;
    if (plan.period_start) when = "Từ ngày " + plan.period_start->Vietnamese();
    if (plan.period_end)
      when += std::string(when.empty() ? "Đến" : " đến") + " ngày " + plan.period_end->Vietnamese();
    doc.body.push_back(Para(S::kBody, when + "."));
  }
  if (!c.message_groups.empty()) {
    doc.body.push_back(Para(S::kHeading2, std::to_string(++n) + ". Thông điệp truyền thông"));
    char letter = 'a';
    for (const auto& g : c.message_groups) {
      doc.body.push_back(Para(S::kHeading3, Lettered(letter++, g.title)));
      bullets(g.messages);
    }
  }
  if (!key.empty()) {
    doc.body.push_back(Para(S::kHeading2, std::to_string(++n) + ". Các hoạt động trọng tâm"));
    char letter = 'a';
    for (const auto* a : key) {
      doc.body.push_back(Para(S::kHeading3, Lettered(letter++, a->title)));
      bullets(a->details);
    }
  }
  if (!activities.empty()) {
    doc.body.push_back(Para(S::kHeading2, std::to_string(++n) + ". Bảng phân công thực hiện"));
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
        t.table.rows.push_back(
            {std::to_string(++row), a->title, AssigneeText(*a, units), support,
             a->due_date ? "Trước ngày " + a->due_date->Vietnamese() : std::string()});
      }
    }
    doc.body.push_back(std::move(t));
  }

  const bool reporting = !plan.reporting.empty();
  if (!assignments.empty() || !c.budget_sources.empty() || !c.budget_note.empty() || reporting) {
    section("TỔ CHỨC THỰC HIỆN");
    int k = 0;
    for (const auto* a : assignments) {
      std::string who = AssigneeText(*a, units);
      doc.body.push_back(
          Para(S::kHeading2, std::to_string(++k) + ". " + (who.empty() ? a->title : who)));
      // The details are the document's words; a title of its own is printed only without them.
      if (a->details.empty() && !who.empty() && !a->title.empty() && a->title != who) {
        doc.body.push_back(Para(S::kBody, a->title));
      }
      bullets(a->details);
    }
    if (!c.budget_sources.empty() || !c.budget_note.empty()) {
      doc.body.push_back(Para(S::kHeading2, std::to_string(++k) + ". Kinh phí thực hiện"));
      for (const auto& b : c.budget_sources) doc.body.push_back(Para(S::kBody, "- " + b.text));
      for (const auto& line : Lines(c.budget_note)) doc.body.push_back(Para(S::kBody, line));
    }
    if (reporting) {
      doc.body.push_back(Para(S::kHeading2, std::to_string(++k) + ". Chế độ thông tin báo cáo"));
      for (const auto& r : plan.reporting) {
        const std::string due = r.due_date.Vietnamese();
        std::string line = r.note;
        if (line.find(due) == std::string::npos) {
          line = StripFinalStop(line);
          line += std::string(line.empty() ? "Báo cáo" : ",") + " trước ngày " + due + ".";
        }
        doc.body.push_back(Para(S::kBody, line));
      }
    }
  }
  if (!c.closing.empty()) doc.body.push_back(Para(S::kBody, c.closing));

  doc.signer = {c.signer.on_behalf_of, c.signer.authority, c.signer.title, c.signer.name};
  // The list ends with the copy kept by the office ("- Lưu: VT."), added when the plan has none.
  std::vector<domain::Recipient> recipients = c.recipients;
  if (recipients.empty() || !StartsWithLuu(recipients.back().name))
    recipients.push_back({"Lưu: VT", ""});
  for (size_t i = 0; i < recipients.size(); ++i) {
    const auto& r = recipients[i];
    std::string line = "- " + r.name;
    if (!r.note.empty()) line += " (" + r.note + ")";
    line += i + 1 == recipients.size() ? "." : ";";
    doc.recipients.push_back(line);
  }
  return doc;
}

}  // namespace binhdang::documents
