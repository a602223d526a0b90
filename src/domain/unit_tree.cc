#include "domain/unit_tree.h"

#include <algorithm>

#include "common/text.h"

namespace binhdang::domain {

namespace {
const std::vector<Id> kNoIds;
const std::vector<LineageLink> kNoLinks;
}  // namespace

UnitTree::UnitTree(std::vector<Unit> units, std::vector<LineageLink> links) {
  units_.reserve(units.size());
  for (auto& u : units) {
    Entry e;
    e.folded_name = text::Fold(u.name);
    e.folded_full_name = text::Fold(u.full_name);
    e.unit = std::move(u);
    index_.emplace(e.unit.id, units_.size());
    units_.push_back(std::move(e));
  }
  for (auto& e : units_) {
    auto it = index_.find(e.unit.parent_id);
    if (e.unit.parent_id != 0 && it != index_.end()) {
      units_[it->second].children.push_back(e.unit.id);
    } else {
      roots_.push_back(e.unit.id);
    }
  }
  auto order = [this](Id a, Id b) {
    const Unit& ua = units_[index_.at(a)].unit;
    const Unit& ub = units_[index_.at(b)].unit;
    const bool agency_a = ua.kind == UnitKind::kAgency, agency_b = ub.kind == UnitKind::kAgency;
    if (agency_a != agency_b) return agency_b;
    if (ua.code != ub.code) return ua.code < ub.code;
    return ua.name < ub.name;
  };
  for (auto& e : units_) std::sort(e.children.begin(), e.children.end(), order);
  std::sort(roots_.begin(), roots_.end(), order);
  // Depths top-down from the roots; a unit in a parent cycle (a data error) keeps depth 0.
  std::vector<Id> stack(roots_.begin(), roots_.end());
  while (!stack.empty()) {
    Entry& e = units_[index_.at(stack.back())];
    stack.pop_back();
    for (Id child : e.children) {
      units_[index_.at(child)].depth = e.depth + 1;
      stack.push_back(child);
    }
  }
  for (const auto& link : links) {
    auto p = index_.find(link.predecessor_id);
    auto s = index_.find(link.successor_id);
    if (p == index_.end() || s == index_.end()) continue;
    units_[p->second].successors.push_back(link);
    units_[s->second].predecessors.push_back(link);
  }
}

const UnitTree::Entry* UnitTree::EntryOf(Id id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &units_[it->second];
}

const Unit* UnitTree::Find(Id id) const {
  const Entry* e = EntryOf(id);
  return e ? &e->unit : nullptr;
}

const std::vector<Id>& UnitTree::Children(Id id) const {
  const Entry* e = EntryOf(id);
  return e ? e->children : kNoIds;
}

size_t UnitTree::ChildCountAt(Id id, Date day) const {
  const Entry* e = EntryOf(id);
  if (!e) return 0;
  if (!e->unit.ValidAt(day)) {
    if (e->unit.valid_to && *e->unit.valid_to < day)
      day = *e->unit.valid_to;
    else if (e->unit.valid_from)
      day = *e->unit.valid_from;
  }
  size_t n = 0;
  for (Id child : e->children) n += units_[index_.at(child)].unit.ValidAt(day);
  return n;
}

std::vector<const Unit*> UnitTree::Ancestors(Id id) const {
  std::vector<const Unit*> out;
  const Entry* e = EntryOf(id);
  while (e && e->unit.parent_id != 0) {
    e = EntryOf(e->unit.parent_id);
    if (e) out.push_back(&e->unit);
    if (out.size() > 64) break;  // a cycle would be a data error; never loop forever
  }
  std::reverse(out.begin(), out.end());
  return out;
}

bool UnitTree::IsWithin(Id id, Id ancestor) const {
  for (int guard = 0; guard < 64 && id != 0; ++guard) {
    if (id == ancestor) return true;
    const Entry* e = EntryOf(id);
    if (!e) return false;
    id = e->unit.parent_id;
  }
  return false;
}

int UnitTree::Depth(Id id) const {
  const Entry* e = EntryOf(id);
  return e ? e->depth : 0;
}

const std::vector<LineageLink>& UnitTree::Predecessors(Id id) const {
  const Entry* e = EntryOf(id);
  return e ? e->predecessors : kNoLinks;
}

const std::vector<LineageLink>& UnitTree::Successors(Id id) const {
  const Entry* e = EntryOf(id);
  return e ? e->successors : kNoLinks;
}

std::vector<Id> UnitTree::Search(const SearchQuery& query) const {
  const std::string q = text::Fold(query.q);
  struct Hit {
    int rank;
    int depth;
    const Unit* unit;
  };
  std::vector<Hit> hits;
  for (const auto& e : units_) {
    const Unit& u = e.unit;
    if (query.kind && u.kind != *query.kind) continue;
    if (query.at && !u.ValidAt(*query.at)) continue;
    int rank = 0;
    if (!q.empty()) {
      if (e.folded_name == q || e.folded_full_name == q) {
        rank = 0;
      } else if (e.folded_name.starts_with(q) || e.folded_full_name.starts_with(q)) {
        rank = 1;
      } else if (e.folded_full_name.find(q) != std::string::npos) {
        rank = 2;
      } else {
        continue;
      }
    }
    if (query.parent && !IsWithin(u.id, *query.parent)) continue;
    hits.push_back({rank, e.depth, &u});
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.depth != b.depth) return a.depth < b.depth;
    // Units valid now before units that ended; then by code.
    const bool ended_a = a.unit->valid_to.has_value(), ended_b = b.unit->valid_to.has_value();
    if (ended_a != ended_b) return ended_b;
    if (a.unit->code != b.unit->code) return a.unit->code < b.unit->code;
    return a.unit->id < b.unit->id;
  });
  std::vector<Id> out;
  out.reserve(hits.size());
  for (const auto& h : hits) out.push_back(h.unit->id);
  return out;
}

}  // namespace binhdang::domain
