#include "domain/plan_copy.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace binhdang::domain {

Date NextYear(Date d) {
  const int day = std::min(d.day(), DaysInMonth(d.year() + 1, d.month()));
  return Date(d.year() + 1, d.month(), day);
}

std::string ShiftYear(const std::string& text, int year) {
  const std::string from = std::to_string(year), to = std::to_string(year + 1);
  auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, from.size(), from) == 0 && (i == 0 || !digit(text[i - 1])) &&
        (i + from.size() == text.size() || !digit(text[i + from.size()]))) {
      out += to;
      i += from.size();
    } else {
      out += text[i++];
    }
  }
  return out;
}

namespace {
//! Visits `unit_id` and then its successors, nearest first, each once, until `stop` says so;
//! returns the unit it stopped at, or 0.
template <typename Stop>
Id WalkLineage(Id unit_id, const UnitTree& tree, Stop&& stop) {
  std::vector<Id> frontier = {unit_id};
  std::set<Id> seen;
  while (!frontier.empty()) {
    std::vector<Id> next;
    for (Id id : frontier) {
      if (!seen.insert(id).second) continue;
      if (stop(id)) return id;
      for (const auto& link : tree.Successors(id)) next.push_back(link.successor_id);
    }
    frontier = std::move(next);
  }
  return 0;
}
}  // namespace

Id CurrentUnitOf(Id unit_id, const UnitTree& tree, Date today) {
  return WalkLineage(unit_id, tree, [&](Id id) {
    const Unit* u = tree.Find(id);
    return u && u->ValidAt(today);
  });
}

bool BecameUnit(Id unit_id, Id successor, const UnitTree& tree) {
  return successor != unit_id &&
         WalkLineage(unit_id, tree, [&](Id id) { return id == successor; }) == successor;
}

namespace {

//! What `agency_id` is for a plan of `unit_id` on `today`: itself, its successor, or the unit's
//! agency of the same type; 0 when none.
Id MapAgency(Id agency_id, Id unit_id, const UnitTree& tree, Date today) {
  const Id current = CurrentUnitOf(agency_id, tree, today);
  if (current && tree.IsWithin(current, unit_id)) return current;
  const Unit* old = tree.Find(agency_id);
  if (!old || old->kind != UnitKind::kAgency || old->agency_type.empty()) return 0;
  for (Id child : tree.Children(unit_id)) {
    const Unit* c = tree.Find(child);
    if (c && c->kind == UnitKind::kAgency && c->agency_type == old->agency_type &&
        c->ValidAt(today)) {
      return child;
    }
  }
  return 0;
}

std::string NameOf(Id id, const UnitTree& tree) {
  const Unit* u = tree.Find(id);
  return u ? u->full_name : "đơn vị " + std::to_string(id);
}

}  // namespace

PlanCopy CopyForNextYear(const Plan& source, const std::vector<Activity>& activities, Id unit_id,
                         const UnitTree& tree, Date today) {
  PlanCopy out;
  Plan& p = out.plan;
  const Unit* unit = tree.Find(unit_id);
  const Unit* old_unit = tree.Find(source.unit_id);
  const int year = source.period_start ? source.period_start->year()
                   : source.issued_on  ? source.issued_on->year()
                                       : today.year() - 1;
  p.unit_id = unit_id;
  p.kind = source.kind;
  p.symbol = source.symbol;
  p.title = ShiftYear(source.title, year);
  if (unit_id != source.unit_id && unit && old_unit) {
    p.title = DerivedTitle(p.title, old_unit->full_name, unit->full_name);
    out.notes.push_back("Kế hoạch gốc của " + old_unit->full_name + "; bản sao thuộc " +
                        unit->full_name + " (đơn vị kế thừa sau sắp xếp).");
  }
  p.theme = ShiftYear(source.theme, year);
  p.place = unit && unit_id != source.unit_id ? unit->name : source.place;
  if (source.period_start) p.period_start = NextYear(*source.period_start);
  if (source.period_end) p.period_end = NextYear(*source.period_end);
  p.content = source.content;
  for (auto& r : source.reporting) {
    ReportingRequirement copy = r;
    copy.id = 0;
    copy.due_date = NextYear(r.due_date);
    if (copy.to_unit_id == source.unit_id) copy.to_unit_id = unit_id;
    p.reporting.push_back(std::move(copy));
  }
  for (const auto& a : activities) {
    if (a.status == ActivityStatus::kCancelled) continue;
    Activity c;
    c.section = a.section;
    c.title = a.title;
    c.details = a.details;
    c.assignee = a.assignee;
    if (a.due_date) c.due_date = NextYear(*a.due_date);
    if (a.assignee == Assignee::kUnit) {
      if (a.lead_unit_id == source.unit_id || a.lead_unit_id == 0) {
        c.lead_unit_id = unit_id;
      } else if (Id mapped = MapAgency(a.lead_unit_id, unit_id, tree, today)) {
        c.lead_unit_id = mapped;
        if (mapped != a.lead_unit_id) {
          out.notes.push_back("\"" + a.title + "\": " + NameOf(a.lead_unit_id, tree) + " nay là " +
                              NameOf(mapped, tree) + ".");
        }
      } else {
        c.lead_unit_id = unit_id;
        out.notes.push_back("\"" + a.title + "\": " + NameOf(a.lead_unit_id, tree) +
                            " không còn; giao lại cho " + NameOf(unit_id, tree) +
                            " để phân công cơ quan chủ trì.");
      }
    }
    for (Id s : a.support_unit_ids) {
      if (Id mapped = MapAgency(s, unit_id, tree, today)) {
        if (std::find(c.support_unit_ids.begin(), c.support_unit_ids.end(), mapped) ==
                c.support_unit_ids.end() &&
            mapped != c.lead_unit_id) {
          c.support_unit_ids.push_back(mapped);
        }
      } else {
        out.notes.push_back("\"" + a.title + "\": cơ quan phối hợp " + NameOf(s, tree) +
                            " không còn nên đã bỏ.");
      }
    }
    out.activities.push_back(std::move(c));
  }
  return out;
}

}  // namespace binhdang::domain
